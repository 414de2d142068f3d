//! Entry points for fuzzing: each takes arbitrary bytes through one input path, to the rendered
//! diagnostics, and must never panic. Used by the cargo-fuzz targets in `fuzz/` (nightly) and by
//! the seeded stable-toolchain harness `tests/fuzz_stable.rs`; not part of the stable API.

use std::sync::OnceLock;

use crate::diagnostics::{render, Lang, Style};
use crate::facts::{self, EncodingChoice, LoadOptions};
use crate::ir::Ruleset;
use crate::span::SourceMap;

/// The vocabulary fact inputs are checked against: every field type, a sole role.
pub const RULES: &str = "规则集 模糊测试\n  生效 2022年1月1日\n单位类别 党委、纪委\n职务 一把手（唯一）、班子成员\n事项 离开岗位、请示报告\n事项 集体决定：\n  字段 集体研究：是否\n  字段 金额：数字\n  字段 日期二：日期\n  字段 方式：选项（会议、书面）\n  字段 经办人：人员\n  字段 经办单位：单位\n\n条款 （一）\n  原文 「事先请示报告离开岗位」\n  规则 离岗事先报告：\n    当 一把手 离开岗位 时\n    应当 事先 请示报告\n";

fn ruleset() -> &'static Ruleset {
    static RS: OnceLock<Ruleset> = OnceLock::new();
    RS.get_or_init(|| {
        let mut sources = SourceMap::new();
        let id = sources.add("fuzz.guize", RULES);
        let (ast, _) = crate::parse(&sources, id);
        crate::check(&[ast]).0
    })
}

fn show(diags: &[crate::diagnostics::Diag], sources: &SourceMap) {
    for lang in [Lang::Zh, Lang::En] {
        let _ = render(diags, sources, lang, Style::Plain);
    }
    for d in diags {
        if let Some(s) = d.span {
            let _ = sources.location(s);
        }
    }
}

/// A rule file: parse, check, render.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let id = sources.add("fuzz.guize", text);
    let (ast, mut diags) = crate::parse(&sources, id);
    // The formatter never panics and is idempotent on any text.
    let once = crate::fmt::format(text);
    assert_eq!(crate::fmt::format(&once), once, "fmt(fmt(x)) == fmt(x)");
    let (rs, d) = crate::check(&[ast]);
    diags.extend(d);
    show(&diags, &sources);
    if !diags.iter().any(crate::diagnostics::Diag::is_error) {
        let _ = crate::evaluate(&rs, &crate::facts::Facts::default(), &eval_config());
    }
}

/// CSV bytes: the first byte picks the table and the encoding, the rest is the file; fixed
/// 单位 and 人员 tables come first so references can resolve. Loads, evaluates, renders.
pub fn csv(data: &[u8]) {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    let table = facts::TABLES[sel as usize % facts::TABLES.len()];
    let encoding = [
        EncodingChoice::Auto,
        EncodingChoice::Utf8,
        EncodingChoice::Gb18030,
        EncodingChoice::Gbk,
    ][(sel as usize / 8) % 4];
    let mut files = vec![
        (
            "单位.csv".to_string(),
            "编号,名称,类别,上级\nA,甲,党委,\nB,乙,党委,A\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "人员.csv".to_string(),
            "编号,姓名\nP1,张\nP2,李\n".as_bytes().to_vec(),
        ),
    ];
    files.retain(|(n, _)| !n.starts_with(table));
    files.push((format!("{table}.csv"), body.to_vec()));
    let mut sources = SourceMap::new();
    let (f, d) = facts::from_csv_bytes(
        &files,
        &ruleset().vocab,
        &mut sources,
        LoadOptions {
            encoding,
            ..LoadOptions::default()
        },
    );
    after_load(&f, &d, &sources);
}

/// XLSX bytes: load, evaluate, render.
pub fn xlsx(data: &[u8]) {
    let mut sources = SourceMap::new();
    let (f, d) = facts::from_xlsx_bytes("fuzz.xlsx", data, &ruleset().vocab, &mut sources);
    after_load(&f, &d, &sources);
}

/// JSON text: load, evaluate, render.
pub fn json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let (f, d) = facts::from_json_str("fuzz.json", text, &ruleset().vocab, &mut sources);
    after_load(&f, &d, &sources);
}

fn eval_config() -> crate::eval::Config {
    crate::eval::Config {
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default(),
    }
}

fn after_load(f: &facts::Facts, d: &[crate::diagnostics::Diag], sources: &SourceMap) {
    let kept = f.units.len()
        + f.people.len()
        + f.tenures.len()
        + f.events.len()
        + f.terms.len()
        + f.assignments.len();
    assert_eq!(
        kept + f.skipped_rows + f.duplicates.len(),
        f.rows_read,
        "every row read is accounted for"
    );
    show(d, sources);
    let _ = crate::evaluate(ruleset(), f, &eval_config());
}
