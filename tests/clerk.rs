//! A clerk's day (issue 12): article order in every output, Chinese CSV and workbook, the reason
//! for every unmet instance, filters, quiet runs and summarised diagnostics, a Chinese command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DEMO: [&str; 2] = ["rulesets/安徽省措施", "examples/demo"];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "guize {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn demo(format: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec![
        "eval",
        DEMO[0],
        DEMO[1],
        "--as-of",
        "2024-12-31",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    ok(&args).stdout
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("clerk");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The number of a clause item written `(二十三)`, computed here independently of guize. A rule
/// inherited from a base keeps its document in its id (`中央意见(三).任职谈话`, issue 10), which
/// is skipped.
fn item_number(rule_id: &str) -> u32 {
    let clause = rule_id.split('.').next().unwrap();
    let item: String = clause[clause.find(['(', '（']).unwrap_or(0)..]
        .trim_matches(['(', ')', '（', '）'])
        .to_string();
    let digit = |c: char| "一二三四五六七八九".find(c).map(|b| b as u32 / 3 + 1);
    let cs: Vec<char> = item.chars().collect();
    match cs.as_slice() {
        ['十'] => 10,
        ['十', d] => 10 + digit(*d).unwrap(),
        [t, '十'] => 10 * digit(*t).unwrap(),
        [t, '十', d] => 10 * digit(*t).unwrap() + digit(*d).unwrap(),
        [d] => digit(*d).unwrap(),
        _ => panic!("unexpected item {item}"),
    }
}

/// Asserts that rule ids, each with the ruleset that wrote it, come in article order: the chain
/// root first, then by item number.
fn assert_article_order(rules: &[(String, String)], chain: &[&str]) {
    let keys: Vec<(usize, u32)> = rules
        .iter()
        .map(|(rs, id)| (chain.iter().position(|c| c == rs).unwrap(), item_number(id)))
        .collect();
    for w in keys.windows(2) {
        assert!(w[0] <= w[1], "out of article order: {rules:?}");
    }
    assert!(
        keys.len() > 10,
        "too few rules to check the order: {rules:?}"
    );
}

mod article_order {
    use super::*;

    #[test]
    fn json_instances_follow_the_document() {
        let j: Value = serde_json::from_slice(&demo("json", &[])).unwrap();
        let rules: Vec<(String, String)> = j["instances"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["version"]["ruleset"].as_str().unwrap().to_string(),
                    i["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let mut distinct = rules.clone();
        distinct.dedup();
        assert_article_order(&distinct, &["中央意见", "安徽省措施"]);
        // (三) before (九) before (二十三): the example of the issue.
        let pos = |id: &str| distinct.iter().position(|(_, r)| r == id).unwrap();
        assert!(pos("(三).监督谈话") < pos("(九).抽查核实"));
        assert!(pos("(九).抽查核实") < pos("(二十三).信访分析研判"));
        // Inside a clause, the order written: 任职谈话 is written before 监督谈话 in (三).
        assert!(pos("(三).任职谈话") < pos("(三).监督谈话"));
    }

    #[test]
    fn table_blocks_follow_the_document() {
        let t = String::from_utf8(demo("table", &[])).unwrap();
        let rules: Vec<(String, String)> = t
            .lines()
            .filter_map(|l| l.strip_prefix("【"))
            .filter(|l| l.contains("原文"))
            .map(|l| {
                let id = l.split('】').next().unwrap().to_string();
                let rs = if l.contains("（中央意见") {
                    "中央意见"
                } else {
                    "安徽省措施"
                };
                (rs.to_string(), id)
            })
            .collect();
        assert_article_order(&rules, &["中央意见", "安徽省措施"]);
    }

    #[test]
    fn csv_rows_follow_the_document() {
        let bytes = demo("csv", &[]);
        let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
        let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let (rc, vc) = (
            h.iter().position(|x| x == "规则").unwrap(),
            h.iter().position(|x| x == "版本规则集").unwrap(),
        );
        let mut rules: Vec<(String, String)> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                (rec[vc].to_string(), rec[rc].to_string())
            })
            .collect();
        rules.dedup();
        assert_article_order(&rules, &["中央意见", "安徽省措施"]);
    }

    #[test]
    fn diff_additions_follow_the_document() {
        let out = ok(&["diff", "rulesets/中央意见", "rulesets/安徽省措施"]);
        let t = String::from_utf8(out.stdout).unwrap();
        let added: Vec<(String, String)> = t
            .lines()
            .filter(|l| l.trim_start().starts_with("新增"))
            .filter_map(|l| l.split_whitespace().nth(2))
            .filter(|id| id.starts_with('('))
            .map(|id| ("安徽省措施".to_string(), id.to_string()))
            .collect();
        assert_article_order(&added, &["安徽省措施"]);
    }
}

/// The CSV report read back (after the BOM): header and rows.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).expect("a BOM");
    let mut r = csv::ReaderBuilder::new().from_reader(body);
    let h = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (h, rows)
}

fn col(h: &[String], name: &str) -> usize {
    h.iter()
        .position(|x| x == name)
        .unwrap_or_else(|| panic!("no column {name} in {h:?}"))
}

mod chinese_reports {
    use super::*;

    #[test]
    fn every_csv_header_and_contract_value_is_chinese() {
        let (h, rows) = read_csv(&demo("csv", &["--all"]));
        for x in &h {
            assert!(
                !x.chars().any(|c| c.is_ascii_alphabetic()),
                "header `{x}` is not Chinese: {h:?}"
            );
        }
        let words = [
            "ceil",
            "any_time",
            "window_start",
            "before_effective",
            "role_not_held",
        ];
        for row in &rows {
            for cell in row {
                for w in words {
                    assert!(!cell.contains(w), "value `{cell}` holds `{w}`");
                }
            }
        }
        let (basis, rounding) = (col(&h, "人数口径"), col(&h, "取整"));
        assert!(rows.iter().any(|r| r[rounding] == "向上取整"));
        assert!(rows.iter().any(|r| r[basis] == "期间任一时点在任者"));
        assert!(rows.iter().any(|r| r[col(&h, "不适用原因")] == "生效之前"));
        // English keeps the JSON paths.
        let (en, _) = read_csv(&demo("csv", &["--lang", "en"]));
        assert!(en.contains(&"coverage.need".to_string()));
        assert!(en.contains(&"why".to_string()));
    }

    #[test]
    fn the_workbook_has_date_cells_frozen_identifying_columns_widths_and_a_filter() {
        use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
        use std::io::{Cursor, Read};
        let bytes = demo("xlsx", &[]);
        let mut b: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        let range = b.worksheet_range("实例").unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let start = col(&header, "期间起始");
        let second = range.rows().nth(1).unwrap();
        assert!(
            matches!(second[start], Data::DateTime(_)),
            "期间起始 is a date cell: {:?}",
            second[start]
        );
        for x in &header {
            assert!(!x.chars().any(|c| c.is_ascii_alphabetic()), "header `{x}`");
        }
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        z.by_name("xl/worksheets/sheet2.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // The header row and the four identifying columns (规则, 期间起始, 期间终止, 对象姓名).
        assert!(xml.contains("xSplit=\"4\" ySplit=\"1\""), "{}", &xml[..600]);
        assert!(xml.contains("<autoFilter ref=\"A1:"));
        // Widths fit the text: the 规则 column is wider than a default column.
        let first_width: f64 = xml
            .split("<col min=\"1\" max=\"1\" width=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|w| w.parse().ok())
            .expect("a width for column A");
        assert!(first_width > 20.0, "column A is {first_width} wide");
    }
}

mod why {
    use super::*;

    /// The 原因 of the first row of `rule` with `status`.
    fn reason(h: &[String], rows: &[Vec<String>], rule: &str, status: &str) -> String {
        let (r, s, w) = (col(h, "规则"), col(h, "状态"), col(h, "原因"));
        rows.iter()
            .find(|x| x[r] == rule && x[s] == status)
            .unwrap_or_else(|| panic!("no {status} row of {rule}"))[w]
            .clone()
    }

    #[test]
    fn every_pattern_says_why_in_the_csv() {
        let (h, rows) = read_csv(&demo("csv", &[]));
        // P7: which event, which field, which value.
        let p7 = reason(&h, &rows, "(十九).首次常委会公开", "违反");
        assert!(
            p7.contains("E0188") && p7.contains("公开个人事项") && p7.contains("须为 是"),
            "{p7}"
        );
        // P8: the field missing on which event.
        let p8 = reason(&h, &rows, "(十七).报告同级党委问题", "违反");
        assert!(
            p8.contains("E0267") && p8.contains("没有填写「是否报告同级党委问题」"),
            "{p8}"
        );
        // P3: the arithmetic and how many were covered.
        let p3 = reason(&h, &rows, "(九).抽查核实", "违反");
        assert!(p3.starts_with("⌈10% × ") && p3.contains("已覆盖"), "{p3}");
        // P4: who is not covered, by id and name.
        let p4 = reason(&h, &rows, "(九).述责述廉全覆盖", "待履行");
        assert!(p4.contains("未覆盖：P010（徐红梅）"), "{p4}");
        // P9: the forbidden act, not "至多0次"; for the order rule, who spoke after.
        let p9 = reason(&h, &rows, "(十三).专题会议代替常委会", "违反");
        assert!(p9.contains("禁止的行为：决策（会议类型=专题会议）"), "{p9}");
        let order = reason(&h, &rows, "(六).末位表态", "违反");
        assert!(order.contains("先于 P023（谢志强）的表态"), "{order}");
        // P5: the trigger and the deadline.
        let p5 = reason(&h, &rows, "(三).任职谈话", "违反");
        assert!(
            p5.contains("触发：任职开始") && p5.contains("没有任职谈话"),
            "{p5}"
        );
        // P1: how many of how many.
        let p1 = reason(&h, &rows, "(三).监督谈话", "违反");
        assert!(p1.contains("只有 0 次，须至少 1 次"), "{p1}");
    }

    #[test]
    fn explain_names_the_missing_field() {
        let out = ok(&[
            "explain",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--rule",
            "首次常委会公开",
        ]);
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(
            t.contains(
                "E0188 2023-07-01 常委会会议 P013→ → 构成违反：「公开个人事项」为 否，须为 是"
            ),
            "{t}"
        );
        let out = ok(&[
            "explain",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--rule",
            "报告同级党委问题",
            "--format",
            "json",
        ]);
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        let missing: Vec<&str> = j
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["trace"]["events"].as_array().unwrap().iter())
            .filter_map(|e| e["missing_zh"].as_str())
            .collect();
        assert!(
            missing.contains(&"没有填写「是否报告同级党委问题」"),
            "{missing:?}"
        );
    }

    #[test]
    fn the_page_and_the_workbook_say_why_too() {
        let page = String::from_utf8(demo("html", &[])).unwrap();
        assert!(page.contains("<div class=\"why\">第一次常委会会议 E0188"));
        assert!(page.contains("不得 决策（会议类型=专题会议）"));
        assert!(!page.contains("至多0次"));
    }
}

mod command_line {
    use super::*;

    fn stderr(args: &[&str]) -> (i32, String) {
        let out = run(args);
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    #[test]
    fn usage_errors_are_chinese_with_suggestions() {
        let (code, e) = stderr(&["evl"]);
        assert_eq!(code, 2);
        assert!(e.starts_with("错误：没有命令 `evl`"), "{e}");
        assert!(e.contains("您是否想写 `eval`？"), "{e}");
        assert!(e.contains("用法：guize [选项] <命令>"), "{e}");
        let (code, e) = stderr(&["eval", "--as-off", "2024-12-31", DEMO[0], DEMO[1]]);
        assert_eq!(code, 2);
        assert!(
            e.contains("没有选项 `--as-off`") && e.contains("您是否想写 `--as-of`？"),
            "{e}"
        );
        let (code, e) = stderr(&["eval"]);
        assert_eq!(code, 2);
        assert!(e.contains("缺少必需的参数：<规则集>、<事实>"), "{e}");
        let (code, e) = stderr(&["--lang", "fr", "check", DEMO[0]]);
        assert_eq!(code, 2);
        assert!(e.contains("`fr` 无效") && e.contains("zh、en"), "{e}");
    }

    #[test]
    fn english_stays_english() {
        let (code, e) = stderr(&["--lang", "en", "evl"]);
        assert_eq!(code, 2);
        assert!(
            e.contains("unrecognized subcommand 'evl'") && e.contains("'eval'"),
            "{e}"
        );
    }

    #[test]
    fn every_help_page_has_chinese_headings_and_aligned_options() {
        for sub in ["check", "diff", "eval", "explain", "template"] {
            let out = ok(&[sub, "--help"]);
            let h = String::from_utf8(out.stdout).unwrap();
            assert!(h.contains("用法：guize"), "{sub}: {h}");
            assert!(h.contains("选项："), "{sub}: {h}");
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "[default:",
                "[possible values",
            ] {
                assert!(!h.contains(english), "{sub} help holds {english}: {h}");
            }
            // Descriptions start in one column, whatever the width of the Chinese value names.
            let starts: std::collections::BTreeSet<usize> = h
                .lines()
                .filter(|l| l.starts_with("  -") || l.starts_with("      --"))
                .filter_map(|l| {
                    let name_end = l.trim_start().find("  ")? + (l.len() - l.trim_start().len());
                    let rest = &l[name_end..];
                    let pad = rest.len() - rest.trim_start().len();
                    Some(unicode_width::UnicodeWidthStr::width(&l[..name_end + pad]))
                })
                .collect();
            assert_eq!(
                starts.len(),
                1,
                "{sub}: descriptions start at {starts:?}\n{h}"
            );
        }
    }
}

mod filters {
    use super::*;

    fn instances(extra: &[&str]) -> Vec<Value> {
        let j: Value = serde_json::from_slice(&demo("json", extra)).unwrap();
        j["instances"].as_array().unwrap().clone()
    }

    #[test]
    fn status_rule_unit_and_subject_select_instances_in_every_format() {
        let all = instances(&[]);
        let want = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|i| f(i)).count();
        // Chinese or English status labels.
        let v = instances(&["--status", "违反"]);
        assert_eq!(v.len(), want(&|i| i["status"] == "violated"));
        assert_eq!(instances(&["--status", "violated"]).len(), v.len());
        // A rule name selects every rule with that name (both versions of 谈心谈话).
        let talks = instances(&["--rule", "谈心谈话"]);
        assert_eq!(
            talks.len(),
            want(&|i| i["rule"].as_str().unwrap().ends_with(".谈心谈话"))
        );
        assert!(talks.len() > 40, "{}", talks.len());
        // A unit by name: the subject's or the responsible party's unit.
        let u12 = instances(&["--unit", "乙镇党委"]);
        assert_eq!(
            u12.len(),
            want(&|i| i["subject"]["unit"] == "U12" || i["responsible"]["unit"] == "U12")
        );
        // A subject by id or by name, combined with a status.
        let by_name = instances(&["--subject", "朱永刚", "--status", "违反"]);
        let by_id = instances(&["--subject", "P013", "--status", "violated"]);
        assert_eq!(by_name, by_id);
        assert_eq!(
            by_id.len(),
            want(&|i| i["subject"]["person"] == "P013" && i["status"] == "violated")
        );
        // The same selection in CSV and HTML.
        let (_, rows) = read_csv(&demo("csv", &["--status", "违反"]));
        assert_eq!(rows.len(), v.len());
        let page = String::from_utf8(demo("html", &["--status", "违反"])).unwrap();
        assert_eq!(page.matches("<tr class=\"s-violated\"").count(), v.len());
        assert_eq!(page.matches("<tr class=\"s-").count(), v.len());
        let table = String::from_utf8(demo("table", &["--status", "违反"])).unwrap();
        assert!(table.contains("合计：已履行 0，违反 "), "{table}");
    }

    #[test]
    fn a_value_matching_nothing_is_a_usage_error_with_a_suggestion() {
        let out = run(&[
            "eval",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--status",
            "违犯",
            "--subject",
            "刘小明",
        ]);
        assert_eq!(out.status.code(), Some(2));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(
            e.contains("没有状态 `违犯`") && e.contains("您是否想写 `违反`？"),
            "{e}"
        );
        assert!(
            e.contains("没有对象 `刘小明`") && e.contains("您是否想写 P003（刘晓明）？"),
            "{e}"
        );
        assert!(out.stdout.is_empty());
    }
}

mod quiet_and_volume {
    use super::*;

    /// The demo's facts with `n` extra copies of one event (new ids): `n` duplicate warnings.
    fn duplicated(n: usize) -> PathBuf {
        let dir = scratch(&format!("dups{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        for t in ["单位", "人员", "任职", "届次"] {
            let from = Path::new(DEMO[1]).join(format!("{t}.csv"));
            if from.exists() {
                std::fs::copy(from, dir.join(format!("{t}.csv"))).unwrap();
            }
        }
        let mut events = std::fs::read_to_string(Path::new(DEMO[1]).join("事件.csv")).unwrap();
        // As many fields as the demo's header has columns (a short row is an error, E0410).
        let columns = events.lines().next().unwrap().split(',').count();
        let empty = ",".repeat(columns - 6);
        for k in 0..n {
            events.push_str(&format!(
                "X{k:05},2021-11-11,监督谈话,S01,P001,P003{empty}\n"
            ));
        }
        std::fs::write(dir.join("事件.csv"), events).unwrap();
        dir
    }

    #[test]
    fn two_thousand_duplicates_print_ten_and_a_count_and_the_file_holds_all() {
        let dir = duplicated(2000);
        let file = scratch("dups.jsonl");
        let args = [
            "eval",
            DEMO[0],
            dir.to_str().unwrap(),
            "--as-of",
            "2024-12-31",
            "--format",
            "json",
        ];
        let out = ok(&[&args[..], &["--diagnostics", file.to_str().unwrap()]].concat());
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(
            e.lines().count() < 200,
            "{} lines of stderr",
            e.lines().count()
        );
        assert_eq!(e.matches("W0401\n").count(), 10, "{e}");
        assert!(
            e.contains("W0401 重复事件：另有 1991 条未显示（共 2001 条"),
            "{e}"
        );
        let lines = std::fs::read_to_string(&file).unwrap();
        let dups = lines
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|d| d["code"] == "W0401")
            .inspect(|d| {
                assert!(
                    d["line"].as_u64().unwrap() > 1
                        && d["file"].as_str().unwrap().ends_with("事件.csv")
                )
            })
            .count();
        assert_eq!(dups, 2001);
        // The JSON report still lists every duplicate pair (facts.duplicates).
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j["facts"]["duplicates"].as_array().unwrap().len(), 2001);
        // --max-diagnostics shows more; --quiet shows no warning and no note.
        let more = ok(&[&args[..], &["--max-diagnostics", "25"]].concat());
        assert_eq!(
            String::from_utf8(more.stderr)
                .unwrap()
                .matches("W0401\n")
                .count(),
            25
        );
        let quiet = ok(&[&args[..], &["--quiet"]].concat());
        assert_eq!(String::from_utf8(quiet.stderr).unwrap(), "");
    }

    #[test]
    fn open_parameters_are_one_line_pointing_to_check() {
        let out = ok(&["eval", DEMO[0], DEMO[1], "--as-of", "2024-12-31"]);
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(!e.contains("W0201"), "{e}");
        let notes: Vec<&str> = e.lines().filter(|l| l.contains("参数未定")).collect();
        assert_eq!(notes.len(), 1, "{e}");
        assert!(notes[0].contains("guize check rulesets/安徽省措施"), "{e}");
        // `check` still lists each one for the authors.
        let c = String::from_utf8(ok(&["check", DEMO[0]]).stderr).unwrap();
        assert!(c.matches("W0201").count() >= 2, "{c}");
    }
}

mod explain_by_name {
    use super::*;

    fn explain(extra: &[&str]) -> Output {
        let mut args = vec!["explain", DEMO[0], DEMO[1], "--as-of", "2024-12-31"];
        args.extend_from_slice(extra);
        run(&args)
    }

    #[test]
    fn a_rule_name_means_the_rule_in_force() {
        let out = explain(&["--rule", "谈心谈话"]);
        assert!(out.status.success());
        let t = String::from_utf8(out.stdout).unwrap();
        let blocks = t
            .lines()
            .filter(|l| l.starts_with("【(十一).谈心谈话】"))
            .count();
        assert_eq!(blocks, 48, "{t}");
        assert!(!t.contains("没有符合条件的实例"));
    }

    #[test]
    fn unknown_rules_and_subjects_get_did_you_mean() {
        let out = explain(&["--rule", "谈心"]);
        assert_eq!(out.status.code(), Some(2));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(e.contains("您是否想写 `谈心谈话`？"), "{e}");
        let out = explain(&["--rule", "监督谈话", "--subject", "刘晓明"]);
        assert_eq!(out.status.code(), Some(2));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(
            e.contains("E0319") && e.contains("您是否想写 P003（刘晓明）？"),
            "{e}"
        );
    }

    #[test]
    fn a_name_held_by_several_rules_in_force_lists_them() {
        let out = run(&[
            "explain",
            "tests/clerk/same_name/rules.guize",
            "tests/clerk/to_target/facts.json",
            "--rule",
            "谈话",
        ]);
        assert_eq!(out.status.code(), Some(2));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(e.contains("规则名 `谈话` 对应 2 条规则"), "{e}");
        assert!(e.contains("(一).谈话、(二).谈话"), "{e}");
    }
}

mod bugs {
    use super::*;

    #[test]
    fn the_window_holding_the_effective_date_is_reported_before_it() {
        // 安徽省措施 takes effect on 2022-05-02; on 2022-04-01 the 2022 window is open.
        let out = ok(&[
            "eval",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2022-04-01",
            "--format",
            "json",
        ]);
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        let talks: Vec<&Value> = j["instances"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["rule"] == "(三).监督谈话")
            .collect();
        assert!(!talks.is_empty());
        for i in &talks {
            assert_eq!(i["period"]["start"], "2022-01-01");
            assert_eq!(i["status"], "pending");
        }
        // A half-yearly rule: the first half of 2022 holds 2022-05-02.
        assert!(j["instances"].as_array().unwrap().iter().any(|i| {
            i["rule"] == "(二十三).信访分析研判" && i["period"]["end"] == "2022-06-30"
        }));
    }

    #[test]
    fn explain_names_the_wrong_recipient_and_the_subject_that_did_not_act() {
        let out = ok(&[
            "explain",
            "tests/clerk/to_target/rules.guize",
            "tests/clerk/to_target/facts.json",
            "--rule",
            "纪委工作报告",
            "--subject",
            "XK",
            "--period",
            "2023-03-01",
            "--as-of",
            "2023-12-31",
        ]);
        let t = String::from_utf8(out.stdout).unwrap();
        let line = |id: &str| t.lines().find(|l| l.contains(id)).unwrap().to_string();
        assert!(line("E1 ").contains("没有规则要求的报告对象"), "{t}");
        assert!(!line("E1 ").contains("此前已有事件决定结论"), "{t}");
        assert!(line("E2 ").contains("不在“主体”列"), "{t}");
        assert!(!line("E2 ").contains("事件未写明该对象"), "{t}");
        assert!(
            t.contains("向 上级纪委"),
            "the remedy keeps the recipient: {t}"
        );
    }

    #[test]
    fn the_table_ends_with_a_newline_before_any_diagnostic() {
        let out = run(&["eval", DEMO[0], DEMO[1], "--as-of", "2024-12-31"]);
        assert!(out.stdout.ends_with(b"\n"));
        let e = String::from_utf8(out.stderr).unwrap();
        assert!(e.is_empty() || e.ends_with('\n'), "{e}");
    }
}

mod terminal_width {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn table(width_args: &[&str], env: Option<(&str, &str)>) -> String {
        let mut c = Command::new(env!("CARGO_BIN_EXE_guize"));
        c.current_dir(env!("CARGO_MANIFEST_DIR")).env_clear();
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let out = c
            .args(["eval", DEMO[0], DEMO[1], "--as-of", "2024-12-31"])
            .args(width_args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn check_fits(t: &str, width: usize) {
        for l in t.lines() {
            assert!(l.width() <= width, "{} columns: {l}", l.width());
        }
        // No status (or other word) is split across lines: each appears whole as often as the
        // unwrapped table has it.
        let wide = table(&[], None);
        for word in [
            "已履行",
            "逾期履行",
            "待履行",
            "违反",
            "已说明理由",
            "县教育局党组",
        ] {
            let n = |s: &str| s.matches(word).count();
            if word != "县教育局党组" || width >= 120 {
                assert_eq!(n(t), n(&wide), "`{word}` at {width} columns");
            }
        }
        for l in t.lines() {
            assert!(
                !l.ends_with('已') && !l.ends_with("逾期") && !l.ends_with('待'),
                "{l}"
            );
        }
    }

    #[test]
    fn the_table_fits_80_and_120_columns() {
        let t80 = table(&["--width", "80"], None);
        check_fits(&t80, 80);
        let t120 = table(&[], Some(("COLUMNS", "120")));
        check_fits(&t120, 120);
        assert!(t80.lines().count() > t120.lines().count());
        // Without a width (a pipe), one row per line, as before.
        let wide = table(&[], None);
        assert!(wide.lines().any(|l| l.width() > 120));
    }

    #[test]
    fn a_narrow_table_snapshot() {
        let out = ok(&[
            "eval",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--rule",
            "任职谈话",
            "--width",
            "80",
        ]);
        insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
    }
}

mod excel_habits {
    use super::*;
    use rust_xlsxwriter::Workbook;

    /// A workbook filled the way people fill spreadsheets: a 备注 column in every table, the 人员
    /// sheet renamed 人员名单, a date typed as `2021/11/11 0:00`, an empty cell, and a person's name
    /// where the 对象 column wants an id.
    fn workbook() -> PathBuf {
        let mut wb = Workbook::new();
        let sheets: [(&str, &[&[&str]]); 4] = [
            (
                "单位",
                &[
                    &["编号", "名称", "类别", "上级", "同级", "备注"],
                    &["S01", "江淮市委", "党委", "", "", "市级"],
                    &["U01", "青溪县委", "党委", "S01", "", ""],
                ],
            ),
            (
                "人员名单",
                &[
                    &["编号", "姓名", "备注"],
                    &["P001", "李卫东", ""],
                    &["P003", "刘晓明", "县委书记"],
                ],
            ),
            (
                "任职",
                &[
                    &["人员", "单位", "职务", "起始", "终止", "备注"],
                    &["P001", "S01", "一把手", "2020-01-01", "", ""],
                    &["P003", "U01", "一把手", "2020/1/1 0:00", "", "任命文件"],
                ],
            ),
            (
                "事件",
                &[
                    &["编号", "日期", "类型", "单位", "主体", "对象", "备注"],
                    &[
                        "E1",
                        "2021/11/11 0:00",
                        "监督谈话",
                        "",
                        "P001",
                        "刘晓明",
                        "谈话记录",
                    ],
                    &[
                        "E2",
                        "2022-11-11 09:30",
                        "监督谈话",
                        "S01",
                        "P001",
                        "P003",
                        "",
                    ],
                ],
            ),
        ];
        for (name, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        ws.write_string(r as u32, c as u16, *v).unwrap();
                    }
                }
            }
        }
        let path = scratch("habits.xlsx");
        wb.save(&path).unwrap();
        path
    }

    #[test]
    fn a_workbook_filled_by_habit_gets_helpful_messages() {
        let book = workbook();
        let out = run(&[
            "eval",
            DEMO[0],
            book.to_str().unwrap(),
            "--as-of",
            "2024-12-31",
        ]);
        let e = String::from_utf8(out.stderr).unwrap();
        // A name where an id is expected: the id and the name are suggested.
        assert!(e.contains("您是否想写 P003（刘晓明）？"), "{e}");
        // 备注 is ignored with a warning in every table (事件 too), never an error.
        assert_eq!(e.matches("W0421").count(), 4, "{e}");
        assert!(!e.contains("E0413"), "{e}");
        // The renamed sheet is read as 人员, noted once; no cascade of unknown people.
        assert_eq!(e.matches("按 人员 表读入").count(), 1, "{e}");
        assert!(!e.contains("`P001`"), "{e}");
        // Datetime text is a date.
        assert!(!e.contains("E0401"), "{e}");
        // The row under the diagnostic keeps the empty 单位 cell, so it lines up with the header.
        assert!(
            e.contains("E1 | 2021/11/11 0:00 | 监督谈话 |  | P001 | 刘晓明"),
            "{e}"
        );
        assert_eq!(out.status.code(), Some(1), "the name is still an error");
        // Fixed, the workbook evaluates.
        let fixed = run(&[
            "eval",
            DEMO[0],
            book.to_str().unwrap(),
            "--as-of",
            "2024-12-31",
            "--skip-bad-rows",
            "--format",
            "json",
        ]);
        assert!(fixed.status.success());
        let j: Value = serde_json::from_slice(&fixed.stdout).unwrap();
        assert_eq!(j["facts"]["people"], 2);
        assert_eq!(j["facts"]["events"], 1, "E2 read with its datetime text");
    }
}

mod snapshots {
    use super::*;

    /// The CSV of a small case, as a clerk opens it: Chinese headers, the 原因 column.
    #[test]
    fn csv_of_the_ratio_case() {
        let out = ok(&[
            "eval",
            "tests/cases/p3_ratio/rules.guize",
            "tests/cases/p3_ratio/facts.json",
            "--as-of",
            "2024-12-31",
            "--format",
            "csv",
            "--status",
            "违反,待履行",
        ]);
        let text = String::from_utf8(out.stdout).unwrap();
        insta::assert_snapshot!(text.trim_start_matches('\u{feff}').replace("\r\n", "\n"));
    }

    /// `explain` of an event sent to the wrong party and one naming the subject only as 对象.
    #[test]
    fn explain_of_the_recipient_case() {
        let out = ok(&[
            "explain",
            "tests/clerk/to_target/rules.guize",
            "tests/clerk/to_target/facts.json",
            "--rule",
            "纪委工作报告",
            "--as-of",
            "2023-12-31",
        ]);
        insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
    }
}
