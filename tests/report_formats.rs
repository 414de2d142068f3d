//! The CSV, XLSX and HTML reports, read back and checked against the JSON report of the same
//! evaluation; `-o FILE` for every format; untrusted text in the facts stays text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const DEMO: [&str; 2] = ["rulesets/安徽省措施", "examples/demo"];
const HOSTILE: [&str; 2] = [
    "tests/report/hostile/rules.guize",
    "tests/report/hostile/facts.json",
];

fn guize(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "guize {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn report(set: [&str; 2], as_of: &str, format: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["eval", set[0], set[1], "--as-of", as_of, "--format", format];
    args.extend_from_slice(extra);
    guize(&args).stdout
}

fn json(set: [&str; 2], as_of: &str) -> Value {
    serde_json::from_slice(&report(set, as_of, "json", &[])).expect("the JSON report parses")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report_formats");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The CSV report read back: header and records, after checking the BOM and the CRLF line ends.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the CSV starts with a UTF-8 BOM");
    let text = std::str::from_utf8(body).expect("the CSV is UTF-8");
    assert!(text.ends_with("\r\n"), "records end in CRLF");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn csv_has_one_row_per_instance_matching_the_json() {
    let j = json(DEMO, "2024-12-31");
    let instances = j["instances"].as_array().unwrap();
    let (header, rows) = read_csv(&report(DEMO, "2024-12-31", "csv", &[]));
    assert_eq!(rows.len(), instances.len());
    assert_eq!(&header[..5], ["规则", "条款", "文件", "条目", "原文"]);
    let (rule, status, evidence) = (
        column(&header, "规则"),
        column(&header, "状态"),
        column(&header, "依据事件"),
    );
    for (row, inst) in rows.iter().zip(instances) {
        assert_eq!(row[rule], inst["rule"].as_str().unwrap());
        let ev: Vec<&str> = inst["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert_eq!(row[evidence], ev.join("、"));
    }
    let zh = [
        ("satisfied", "已履行"),
        ("violated", "违反"),
        ("pending", "待履行"),
        ("late", "逾期履行"),
    ];
    for (en, label) in zh {
        let n = rows.iter().filter(|r| r[status] == label).count();
        assert_eq!(n as u64, j["summary"][en].as_u64().unwrap(), "{en}");
    }
}

#[test]
fn csv_in_english_has_json_paths_as_headers_and_every_json_field() {
    let j = json(DEMO, "2024-12-31");
    let (header, rows) = read_csv(&report(DEMO, "2024-12-31", "csv", &["--lang", "en"]));
    // Every leaf of every JSON instance is a column holding the same value.
    for (row, inst) in rows.iter().zip(j["instances"].as_array().unwrap()) {
        let mut leaves = Vec::new();
        leaves_of("", inst, &mut leaves);
        for (path, v) in leaves {
            // A null object (`responsible` of a rule without one) is its columns left empty.
            let inner: Vec<usize> = (0..header.len())
                .filter(|&c| header[c].starts_with(&format!("{path}.")))
                .collect();
            if v.is_null() && !header.contains(&path) && !inner.is_empty() {
                for c in inner {
                    assert_eq!(row[c], "", "{} of a null {path}", header[c]);
                }
                continue;
            }
            let c = column(&header, &path);
            let expected = match &v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .map(|e| e.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            assert_eq!(row[c], expected, "{path}");
        }
    }
    assert!(header.contains(&"subject.person_name".to_string()));
}

fn leaves_of(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves_of(&p, v, out);
            }
        }
        _ => out.push((prefix.to_string(), v.clone())),
    }
}

#[test]
fn csv_quotes_as_rfc_4180_says_and_defuses_formulas() {
    let bytes = report(HOSTILE, "2024-06-30", "csv", &[]);
    let text = String::from_utf8(bytes.clone()).unwrap();
    // A name with a comma, quotes and a newline is one quoted field, quotes doubled.
    assert!(text.contains("\"甲,乙 \"\"丙\"\"\n丁\""), "{text}");
    let (header, rows) = read_csv(&bytes);
    let name = column(&header, "对象姓名");
    let names: Vec<&str> = rows.iter().map(|r| r[name].as_str()).collect();
    assert!(names.contains(&"甲,乙 \"丙\"\n丁"));
    // Text a spreadsheet would run as a formula starts with `'`.
    assert!(names.contains(&"'=HYPERLINK(\"http://example.invalid\",\"点我\")"));
    assert!(names.contains(&"'@SUM(A1)"));
    assert!(names.contains(&"'-1"));
    assert!(!names.iter().any(|n| n.starts_with(['=', '@', '-', '+'])));
    // Numbers stay numbers.
    let count = column(&header, "次数");
    assert!(rows.iter().all(|r| r[count].parse::<u32>().is_ok()));
}

#[test]
fn output_file_holds_the_same_bytes_as_stdout_for_every_format() {
    for format in ["table", "json", "csv", "xlsx", "html"] {
        let path = scratch(&format!("demo.{format}"));
        let _ = std::fs::remove_file(&path);
        let out = guize(&[
            "eval",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.stdout.is_empty(), "{format}: nothing on stdout with -o");
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, report(DEMO, "2024-12-31", format, &[]), "{format}");
    }
}

#[test]
fn unwritable_output_is_reported_with_its_path() {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args([
            "eval",
            DEMO[0],
            DEMO[1],
            "--as-of",
            "2024-12-31",
            "--format",
            "csv",
            "-o",
            "tests/没有这个目录/报告.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E0021"), "{err}");
    assert!(
        err.contains("无法写入 `tests/没有这个目录/报告.csv`"),
        "{err}"
    );
}

mod xlsx {
    use std::collections::BTreeMap;
    use std::io::{Cursor, Read};

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;

    type Book = Xlsx<Cursor<Vec<u8>>>;

    fn book(bytes: Vec<u8>) -> Book {
        open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens")
    }

    /// A sheet as rows of text (numbers as integers, dates as `YYYY-MM-DD`).
    fn sheet(b: &mut Book, name: &str) -> Vec<Vec<String>> {
        let range = b.worksheet_range(name).expect("the sheet exists");
        assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) => format!("{}", *f as i64),
                        Data::Int(i) => i.to_string(),
                        Data::DateTime(d) => excel_serial_date(d.as_f64()),
                        other => format!("{other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    /// An Excel serial day number (1900 system) as `YYYY-MM-DD`.
    fn excel_serial_date(serial: f64) -> String {
        let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
        (epoch + chrono::Days::new(serial as u64)).to_string()
    }

    /// The XML of a part of the workbook.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    fn status_counts(rows: &[Vec<String>]) -> BTreeMap<String, u64> {
        let c = column(&rows[0], "状态");
        let mut m = BTreeMap::new();
        for r in &rows[1..] {
            *m.entry(r[c].clone()).or_insert(0) += 1;
        }
        m
    }

    fn zh_summary(j: &Value) -> BTreeMap<String, u64> {
        let zh = [
            ("satisfied", "已履行"),
            ("violated", "违反"),
            ("pending", "待履行"),
            ("late", "逾期履行"),
        ];
        zh.iter()
            .map(|(en, label)| (label.to_string(), j["summary"][en].as_u64().unwrap()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    #[test]
    fn sheets_hold_the_counts_of_the_json_report() {
        let j = json(DEMO, "2024-12-31");
        let instances = j["instances"].as_array().unwrap();
        let bytes = report(DEMO, "2024-12-31", "xlsx", &[]);
        let mut b = book(bytes.clone());
        let names = b.sheet_names();
        assert_eq!(&names[..2], ["汇总", "实例"]);

        // The instance sheet: one row per instance, in report order, statuses as in the JSON.
        let all = sheet(&mut b, "实例");
        assert_eq!(all.len(), instances.len() + 1);
        // Identifying columns first (frozen), then the status and its reason.
        assert_eq!(
            all[0][..7],
            [
                "规则",
                "期间起始",
                "期间终止",
                "对象姓名",
                "对象单位",
                "状态",
                "原因"
            ]
        );
        let (rule, start) = (column(&all[0], "规则"), column(&all[0], "期间起始"));
        for (row, inst) in all[1..].iter().zip(instances) {
            assert_eq!(row[rule], inst["rule"].as_str().unwrap());
            assert_eq!(row[start], inst["period"]["start"].as_str().unwrap());
        }
        assert_eq!(status_counts(&all), zh_summary(&j));

        // The summary sheet: a row per rule with counts by status, then the totals.
        let sum = sheet(&mut b, "汇总");
        assert!(sum[0][0].contains("安徽省措施") && sum[0][0].contains("2024-12-31"));
        let header = &sum[3];
        assert_eq!(header[..3], ["规则", "条款", "原文"]);
        let total_row = sum.iter().position(|r| r[0] == "合计").unwrap();
        for (c, label) in header.iter().enumerate().skip(3) {
            // A row per rule version: an amended base rule and its amendment share an id and
            // differ in their 原文 (column 3).
            let in_json = |row: Option<&Vec<String>>| {
                instances
                    .iter()
                    .filter(|i| {
                        row.is_none_or(|r| {
                            i["rule"] == r[0].as_str() && i["source"]["text"] == r[2].as_str()
                        })
                    })
                    .filter(|i| label == "合计" || zh_label(&i["status"]) == label)
                    .count()
                    .to_string()
            };
            for r in &sum[4..total_row] {
                assert_eq!(r[c], in_json(Some(r)), "{} {label}", r[0]);
            }
            assert_eq!(sum[total_row][c], in_json(None), "total {label}");
        }

        // A sheet per unit: the instances whose subject or responsible party is in the unit.
        let units = unit_names();
        for name in &names[2..] {
            let id = &units[name];
            let rows = sheet(&mut b, name);
            let expected = instances
                .iter()
                .filter(|i| i["subject"]["unit"] == **id || i["responsible"]["unit"] == **id)
                .count();
            assert_eq!(rows.len() - 1, expected, "sheet {name}");
            assert!(expected > 0);
        }
        // All 11 units of the demo: the 县委组织部 is responsible for (二).组织部负责人谈心谈话.
        assert_eq!(names.len() - 2, 11, "the demo's 11 units with instances");

        // Filters and a frozen header on the instance sheet.
        let xml = part(&bytes, "xl/worksheets/sheet2.xml");
        let n = all[0].len() - 1; // zero-based index of the last column
        let last = if n < 26 {
            ((b'A' + n as u8) as char).to_string()
        } else {
            format!(
                "{}{}",
                (b'A' + (n / 26 - 1) as u8) as char,
                (b'A' + (n % 26) as u8) as char
            )
        };
        assert!(
            xml.contains(&format!("<autoFilter ref=\"A1:{last}{}\"/>", all.len())),
            "{}",
            &xml[..xml.len().min(800)]
        );
        assert!(xml.contains("state=\"frozen\""));
    }

    fn zh_label(status: &Value) -> &'static str {
        match status.as_str().unwrap() {
            "satisfied" => "已履行",
            "violated" => "违反",
            "pending" => "待履行",
            "late" => "逾期履行",
            other => panic!("unexpected status {other}"),
        }
    }

    /// 名称 → 编号 of the demo's units.
    fn unit_names() -> BTreeMap<String, String> {
        let mut r = csv::Reader::from_path("examples/demo/单位.csv").unwrap();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                (rec[1].to_string(), rec[0].to_string())
            })
            .collect()
    }

    #[test]
    fn workbooks_are_byte_identical_across_runs() {
        let a = report(DEMO, "2024-12-31", "xlsx", &[]);
        assert!(a.starts_with(b"PK"), "an xlsx file is a zip archive");
        assert_eq!(a, report(DEMO, "2024-12-31", "xlsx", &[]));
    }

    #[test]
    fn english_workbook() {
        let mut b = book(report(DEMO, "2024-12-31", "xlsx", &["--lang", "en"]));
        assert_eq!(&b.sheet_names()[..2], ["Summary", "Instances"]);
        let all = sheet(&mut b, "Instances");
        assert_eq!(
            all[0][..4],
            ["rule", "period.start", "period.end", "subject.person_name"]
        );
        assert!(all[1..].iter().any(|r| r.contains(&"violated".to_string())));
    }

    #[test]
    fn hostile_names_make_valid_sheets_and_stay_text() {
        let mut b = book(report(HOSTILE, "2024-06-30", "xlsx", &[]));
        let names = b.sheet_names();
        assert_eq!(
            names,
            [
                "汇总",
                "实例",
                "<script>alert('x')<_script>县委",
                "_坏__名____'这是一个非常非常非常非常非常非常非常长的单",
                "同名县委",
                "同名县委(U4)",
                "History(U5)",
            ]
        );
        let sum = sheet(&mut b, "汇总");
        assert!(sum
            .iter()
            .any(|r| r[0] == "【(十一).定期谈话】 未评估：参数 定期 未定"));
        let all = sheet(&mut b, "实例");
        let name = column(&all[0], "对象姓名");
        let names: Vec<&str> = all[1..].iter().map(|r| r[name].as_str()).collect();
        assert!(names.contains(&"=HYPERLINK(\"http://example.invalid\",\"点我\")"));
        assert!(names.contains(&"甲,乙 \"丙\"\n丁"));
        let unit = column(&all[0], "对象单位");
        assert!(all[1..]
            .iter()
            .any(|r| r[unit] == "<script>alert('x')</script>县委"));
    }
}

mod html {
    use super::*;

    fn page(set: [&str; 2], as_of: &str, extra: &[&str]) -> String {
        String::from_utf8(report(set, as_of, "html", extra)).expect("the page is UTF-8")
    }

    #[test]
    fn the_page_is_self_contained_and_deterministic() {
        let p = page(DEMO, "2024-12-31", &[]);
        assert!(p.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(p.contains("<meta charset=\"utf-8\">"));
        for needle in [
            "<link",
            " src=",
            "url(",
            "@import",
            "http://",
            "https://",
            "@font-face",
        ] {
            assert!(
                !p.contains(needle),
                "the page loads nothing: found {needle}"
            );
        }
        assert_eq!(p.matches("<script>").count(), 1);
        assert_eq!(p.matches("<style>").count(), 1);
        assert_eq!(p, page(DEMO, "2024-12-31", &[]));
    }

    #[test]
    fn the_page_shows_the_counts_of_the_json_report() {
        let j = json(DEMO, "2024-12-31");
        let p = page(DEMO, "2024-12-31", &[]);
        let n = j["instances"].as_array().unwrap().len();
        for (status, count) in j["summary"].as_object().unwrap() {
            assert!(
                p.contains(&format!("<b id=\"n-{status}\">{count}</b>")),
                "card {status}"
            );
            let rows = p.matches(&format!("<tr class=\"s-{status}\"")).count();
            assert_eq!(rows as u64, count.as_u64().unwrap(), "rows {status}");
        }
        assert!(p.contains(&format!("<b id=\"n-total\">{n}</b>")));
        assert!(p.contains(&format!("<output id=\"shown\">{n}</output> / {n} 条")));
        // Each row has its source text and its evidence.
        assert!(p.contains("「同下级“一把手”每年至少开展1次监督谈话」"));
        let first = j["instances"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|i| i["evidence"][0].as_str())
            .unwrap();
        assert!(p.contains(&format!("<li><code>{first}</code>")));
    }

    #[test]
    fn untrusted_text_is_escaped() {
        let p = page(HOSTILE, "2024-06-30", &[]);
        assert_eq!(
            p.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(!p.contains("<img"));
        assert!(p.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;县委"));
        assert!(p.contains("&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(p.contains("&lt;b&gt;谈心谈话&lt;/b&gt; &amp; “引号” &quot;quote&quot;"));
        assert!(p.contains("<code>E&lt;1&gt;</code>"));
        assert!(p.contains("<code>E&amp;2</code>"));
        // A rule left open is listed, not dropped.
        assert!(p.contains("<li>【(十一).定期谈话】 未评估：参数 定期 未定</li>"));
    }

    #[test]
    fn english_page() {
        let p = page(DEMO, "2024-12-31", &["--lang", "en"]);
        assert!(p.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(p.contains("<option value=\"violated\" data-alt=\"违反\">violated</option>"));
        // Status labels are English; rule-language terms inside 原文 and triggers (`违反 (二十四).整改`,
        // `任职开始`) stay as the rules write them.
        assert!(!p.contains(">违反<"), "no Chinese status label");
        assert!(p.contains("<span class=\"badge\">violated</span>"));
    }
}

#[test]
fn table_keeps_a_name_with_a_newline_on_one_row() {
    let text = String::from_utf8(report(HOSTILE, "2024-12-31", "table", &[])).unwrap();
    let instances = json(HOSTILE, "2024-12-31")["instances"]
        .as_array()
        .unwrap()
        .len();
    // Every instance row starts with its period `YYYY-MM-DD~`; a newline inside a name would
    // split a row, leaving a line that starts with the rest of the name (`丁`).
    let rows = text
        .lines()
        .filter(|l| l.trim_start().get(..11).is_some_and(|p| p.ends_with('~')))
        .count();
    assert_eq!(rows, instances, "one table row per instance:\n{text}");
    assert!(
        text.contains("甲,乙 \"丙\"␊丁"),
        "the newline is shown as ␊:\n{text}"
    );
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with('丁')),
        "{text}"
    );
}
