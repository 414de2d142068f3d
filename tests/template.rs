//! `guize template`: the workbook it writes has the ruleset's tables, drop-downs, date columns
//! and a 说明 sheet; filled in (here by editing its sheets' XML, as Excel would store typed
//! values: text, and dates as serial numbers in the date-formatted columns) it evaluates as is.

use std::io::{Cursor, Read, Write};
use std::process::Command;

use calamine::Reader;

const BIN: &str = env!("CARGO_BIN_EXE_guize");

fn template(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("模板.xlsx");
    let out = Command::new(BIN)
        .args(["template", "rulesets/安徽省措施", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// A cell as Excel stores what one types: text inline, a date as a serial number styled as the
/// column is.
enum V<'a> {
    T(&'a str),
    D(i32, u32, u32),
}

fn serial(y: i32, m: u32, d: u32) -> i64 {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - base).num_days()
}

/// The style (`s`) of 1-based column `c` from the sheet's `<col>` elements.
fn col_style(xml: &str, c: usize) -> Option<String> {
    xml.split("<col ").skip(1).find_map(|e| {
        let e = &e[..e.find("/>")?];
        let attr = |n: &str| {
            let i = e.find(&format!("{n}=\""))? + n.len() + 2;
            Some(e[i..i + e[i..].find('"')?].to_string())
        };
        let (min, max): (usize, usize) = (attr("min")?.parse().ok()?, attr("max")?.parse().ok()?);
        (min..=max).contains(&c).then(|| attr("style")).flatten()
    })
}

fn fill(xml: &str, rows: &[Vec<V>]) -> String {
    let mut add = String::new();
    for (i, row) in rows.iter().enumerate() {
        let r = i + 2;
        add.push_str(&format!("<row r=\"{r}\">"));
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{r}", guize::facts::column_letters(c as u32));
            match v {
                V::T("") => {}
                V::T(t) => add.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"
                )),
                V::D(y, m, d) => {
                    let s = col_style(xml, c + 1).expect("a date column has a style");
                    add.push_str(&format!(
                        "<c r=\"{at}\" s=\"{s}\"><v>{}</v></c>",
                        serial(*y, *m, *d)
                    ));
                }
            }
        }
        add.push_str("</row>");
    }
    xml.replace("</sheetData>", &format!("{add}</sheetData>"))
}

#[test]
fn the_template_round_trips_through_eval() {
    let dir = std::env::temp_dir().join(format!("guize-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = template(&dir);
    let bytes = std::fs::read(&path).unwrap();

    // What the template holds.
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["单位", "人员", "任职", "事件", "届次", "分工", "说明", "选项"]
    );
    let header = |wb: &mut calamine::Xlsx<_>, s: &str| -> Vec<String> {
        let r = wb.worksheet_range(s).unwrap();
        r.rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    assert_eq!(
        header(&mut wb, "任职"),
        ["人员", "单位", "职务", "起始", "终止"]
    );
    assert_eq!(
        header(&mut wb, "分工"),
        ["人员", "单位", "分管", "联系单位", "起始", "终止"]
    );
    let events = header(&mut wb, "事件");
    assert_eq!(
        events[..6],
        ["编号", "日期", "类型", "单位", "主体", "对象"]
    );
    assert!(
        events.contains(&"是否报告同级党委问题".to_string()),
        "declared fields: {events:?}"
    );
    let explained = wb.worksheet_range("说明").unwrap();
    assert!(explained
        .rows()
        .any(|r| r.iter().any(|c| *c == "是否报告同级党委问题")));

    // Fill it in.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    use V::*;
    let data: Vec<(&str, Vec<Vec<V>>)> = vec![
        (
            "xl/worksheets/sheet1.xml",
            vec![
                vec![T("U1"), T("青溪县委"), T("党委")],
                vec![T("U2"), T("甲镇党委"), T("党委"), T("U1")],
            ],
        ),
        (
            "xl/worksheets/sheet2.xml",
            vec![vec![T("P1"), T("张三")], vec![T("P2"), T("李四")]],
        ),
        (
            "xl/worksheets/sheet3.xml",
            vec![
                vec![T("P1"), T("U1"), T("一把手"), D(2020, 1, 1)],
                vec![T("P2"), T("U2"), T("一把手"), T("2021年3月1日")],
            ],
        ),
        (
            "xl/worksheets/sheet4.xml",
            vec![vec![
                T("E1"),
                D(2023, 5, 10),
                T("监督谈话"),
                T("U1"),
                T("P1"),
                T("P2"),
            ]],
        ),
        (
            "xl/worksheets/sheet5.xml",
            vec![vec![T("U1"), T("第十五届"), D(2021, 10, 1)]],
        ),
        (
            "xl/worksheets/sheet6.xml",
            vec![vec![
                T("P1"),
                T("U1"),
                T("纪检、巡察"),
                T("U2"),
                D(2020, 1, 1),
            ]],
        ),
    ];
    let sheet4 = {
        let mut s = String::new();
        zip.by_name("xl/worksheets/sheet4.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        sheet4.contains("<dataValidation type=\"list\""),
        "drop-downs"
    );
    assert!(
        col_style(&sheet4, 2).is_some(),
        "日期 is formatted as a date"
    );
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        if let Some((_, rows)) = data.iter().find(|(n, _)| *n == name) {
            content = fill(&String::from_utf8(content).unwrap(), rows).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    let filled = dir.join("已填写.xlsx");
    std::fs::write(&filled, out.finish().unwrap().into_inner()).unwrap();

    // Evaluate it without edits.
    let out = Command::new(BIN)
        .args(["eval", "rulesets/安徽省措施"])
        .arg(&filled)
        .args(["--as-of", "2024-12-31", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The ruleset's own open parameters (W0201, in the rule files) may be listed; nothing about
    // the filled-in workbook may be.
    assert!(
        !stderr.contains("已填写.xlsx"),
        "no diagnostics about the workbook: {stderr}"
    );
    assert!(
        stderr
            .lines()
            .all(|l| !l.starts_with("E0") && !l.starts_with("W04")),
        "no fact diagnostics: {stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &report["facts"];
    assert_eq!(
        (
            &f["units"],
            &f["people"],
            &f["tenures"],
            &f["events"],
            &f["skipped_rows"]
        ),
        (&2.into(), &2.into(), &2.into(), &1.into(), &0.into())
    );
    assert_eq!(f["assignments"], 1, "the filled-in 分工 row is read");
    let counted = report["instances"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["evidence"] == serde_json::json!(["E1"]));
    assert!(counted, "the filled-in event counts as evidence");
    std::fs::remove_dir_all(&dir).unwrap();
}
