//! Hostile fact directories (issue 11, the fact-loading classes): every file and column is read
//! or reported, long 上级 chains stay fast, an unknown id in a list is shown at the id.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("guize-facts-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(d: &Path, file: &str, text: &str) {
    std::fs::write(d.join(file), text).unwrap();
}

/// A small valid county: 单位, 人员, 任职.
fn county(d: &Path) {
    write(
        d,
        "单位.csv",
        "编号,名称,类别,上级\nC,市委,党委,\nA,甲镇党委,党委,C\n",
    );
    write(d, "人员.csv", "编号,姓名\nP1,张\nP2,李\n");
    write(
        d,
        "任职.csv",
        "人员,单位,职务,起始\nP1,C,一把手,2020-01-01\nP2,A,一把手,2020-01-01\n",
    );
}

const EVENTS: &str = "编号,日期,类型,单位,主体,对象\nE1,2023-03-01,监督谈话,C,P1,P2\n";

/// Runs `eval` (plain diagnostics) and returns (exit code, stderr).
fn eval(d: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(["eval", "rulesets/安徽省措施"])
        .arg(d)
        .args(["--as-of", "2024-12-31", "--format", "json"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_table_named_in_any_case_is_read() {
    let d = dir("upper");
    county(&d);
    write(&d, "事件.CSV", EVENTS);
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(["eval", "rulesets/安徽省措施"])
        .arg(&d)
        .args(["--as-of", "2024-12-31", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["facts"]["events"], 1, "事件.CSV is the events table");
}

#[test]
fn two_files_for_one_table_are_an_error_naming_both() {
    let d = dir("two");
    county(&d);
    write(&d, "事件.csv", EVENTS);
    write(&d, "events.csv", EVENTS);
    let (code, err) = eval(&d);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0414"), "{err}");
    assert!(
        err.contains("事件.csv") && err.contains("events.csv"),
        "{err}"
    );
}

#[test]
fn a_csv_that_names_no_table_is_reported() {
    let d = dir("misnamed");
    county(&d);
    write(&d, "事件表.csv", EVENTS);
    let (_, err) = eval(&d);
    assert!(err.contains("W0422") && err.contains("事件表.csv"), "{err}");
}

#[test]
fn a_column_named_twice_is_an_error_at_the_second() {
    let d = dir("dupcol");
    county(&d);
    write(
        &d,
        "事件.csv",
        "编号,日期,类型,单位,主体,对象,date\nE1,2023-03-01,监督谈话,C,P1,P2,2023-03-02\n",
    );
    let (code, err) = eval(&d);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0415"), "{err}");
    assert!(err.contains("事件.csv:1:"), "located in the header: {err}");
}

#[test]
fn an_unknown_id_in_a_list_is_shown_at_the_id() {
    let d = dir("listid");
    county(&d);
    write(
        &d,
        "事件.csv",
        "编号,日期,类型,单位,主体,对象\nE1,2023-03-01,监督谈话,C,P1,P2、P9、A\n",
    );
    let (_, err) = eval(&d);
    assert!(err.contains("E0404") && err.contains("P9"), "{err}");
    // 编号,日期,类型,单位,主体,对象 → the 对象 cell starts at column 32; P9 is 3 characters on.
    let line = "E1,2023-03-01,监督谈话,C,P1,P2、P9、A";
    let col = line[..line.find("P9").unwrap()].chars().count() + 1;
    assert!(
        err.contains(&format!("事件.csv:2:{col}")),
        "P9 is at column {col}: {err}"
    );
}

#[test]
fn a_long_chain_of_units_is_checked_in_linear_time_and_a_cycle_reported_once() {
    let d = dir("chain");
    let n = 12_000;
    let mut units = String::from("编号,名称,类别,上级\n");
    for i in 0..n {
        let parent = if i + 1 < n {
            format!("U{}", i + 1)
        } else {
            String::new()
        };
        units.push_str(&format!("U{i},单位{i},党委,{parent}\n"));
    }
    // A cycle of three at the end of the file.
    units.push_str("X1,甲,党委,X2\nX2,乙,党委,X3\nX3,丙,党委,X1\n");
    write(&d, "单位.csv", &units);
    write(&d, "人员.csv", "编号,姓名\nP1,张\n");
    let t = Instant::now();
    let (code, err) = eval(&d);
    assert!(
        t.elapsed() < Duration::from_secs(60),
        "12,000 units took {:?}",
        t.elapsed()
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("E0407").count(), 1, "{err}");
    assert!(err.contains("X1 → X2 → X3 → X1"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_facts_directory_is_refused_at_once() {
    let d = dir("fifo");
    county(&d);
    let fifo = d.join("事件.csv");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success());
    assert_eq!(ok.ok(), Some(true), "mkfifo works here");
    let t = Instant::now();
    let (code, err) = eval(&d);
    assert!(t.elapsed() < Duration::from_secs(30), "no hang");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0002"), "{err}");
}

#[test]
fn an_implausible_year_in_a_fact_is_an_error() {
    let d = dir("year");
    county(&d);
    write(
        &d,
        "事件.csv",
        "编号,日期,类型,单位,主体,对象\nE1,0202-03-01,监督谈话,C,P1,P2\n",
    );
    let (code, err) = eval(&d);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0401") && err.contains("0202"), "{err}");
}

/// `eval --skip-bad-rows --format json`: (exit code, the report, stderr).
fn eval_skipping(d: &Path) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(["eval", "rulesets/安徽省措施"])
        .arg(d)
        .args([
            "--as-of",
            "2024-12-31",
            "--format",
            "json",
            "--skip-bad-rows",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
    (out.status.code().unwrap_or(-1), json, err)
}

/// A lone CR ends a line (as for the csv crate and in editors): old Mac files, and a stray CR in
/// a CRLF file, give the lines an editor shows.
#[test]
fn a_lone_cr_ends_a_line_for_the_reported_line_numbers() {
    for (name, sep) in [("cr-only", "\r"), ("mixed", "\r\n")] {
        let d = dir(name);
        county(&d);
        let text = format!(
            "编号,日期,类型,单位,主体,对象{sep}E1,2023-03-01,监督谈话,C,P1,P2\rE2,2023-03-02,监督谈话,C,P1,P2{sep}E3,20230-03-01,监督谈话,C,P1,P2{sep}"
        );
        write(&d, "事件.csv", &text);
        let (code, err) = eval(&d);
        assert_eq!(code, 1, "{err}");
        // E3 is on the fourth line: 编号…, E1, E2, E3.
        assert!(err.contains("事件.csv:4:"), "{name}: {err}");
    }
}

/// Every tenure of a sole post that starts while an earlier one runs is reported, not only the
/// next one after a long open tenure; each reported row is left out and counted.
#[test]
fn every_overlapping_sole_tenure_is_reported_and_skipped() {
    let d = dir("overlap");
    county(&d);
    write(&d, "人员.csv", "编号,姓名\nP1,张\nP2,李\nP3,王\nP4,赵\n");
    write(
        &d,
        "任职.csv",
        "人员,单位,职务,起始,终止\nP1,C,一把手,2020-01-01,\nP2,A,一把手,2020-01-01,\nP3,C,一把手,2021-01-01,2021-06-01\nP4,C,一把手,2022-01-01,\n",
    );
    write(&d, "事件.csv", EVENTS);
    let (_, json, err) = eval_skipping(&d);
    assert_eq!(err.matches("E0408").count(), 2, "{err}");
    assert!(
        err.contains("任职.csv:4:") && err.contains("任职.csv:5:"),
        "{err}"
    );
    assert_eq!(json["facts"]["tenures"], 2);
    assert_eq!(json["facts"]["skipped_rows"], 2);
}

/// Two 届次 of one unit that overlap (the earlier has no end) are E0417 at the later one,
/// which is left out and counted; a same-day handover is fine.
#[test]
fn overlapping_terms_of_a_unit_are_reported() {
    let d = dir("terms");
    county(&d);
    write(&d, "事件.csv", EVENTS);
    write(
        &d,
        "届次.csv",
        "单位,届次,起始,终止\nC,第十届,2012-01-01,2017-01-01\nC,第十一届,2017-01-01,\nC,第十二届,2022-01-01,\n",
    );
    let (_, json, err) = eval_skipping(&d);
    assert_eq!(err.matches("E0417").count(), 1, "{err}");
    assert!(
        err.contains("届次.csv:4:") && err.contains("第十二届"),
        "{err}"
    );
    assert_eq!(json["facts"]["skipped_rows"], 1);
}

/// With `--skip-bad-rows`, a unit whose 上级 is unknown or on a cycle is kept without it: it is
/// not skipped (its tenures and events stay), and the report counts it as partly read.
#[test]
fn units_kept_without_a_bad_parent_are_counted_as_partly_read() {
    let d = dir("partial");
    county(&d);
    write(
        &d,
        "单位.csv",
        "编号,名称,类别,上级\nC,市委,党委,\nA,甲镇党委,党委,C\nB,乙镇党委,党委,Z\nX,丙,党委,Y\nY,丁,党委,X\n",
    );
    write(&d, "事件.csv", EVENTS);
    let (code, json, err) = eval_skipping(&d);
    assert!(err.contains("E0404") && err.contains("E0407"), "{err}");
    assert!(err.contains("另有 3 行部分读取"), "{err}");
    assert_eq!(json["facts"]["units"], 5, "{code}");
    assert_eq!(json["facts"]["skipped_rows"], 0);
    assert_eq!(json["facts"]["partial_rows"], 3);
}

/// A stray quote that merges rows into one cell, and an unclosed one that swallows the rest of
/// the file, are E0418 at the opening quote with the other end related; a note on two lines in
/// quotes is fine.
#[test]
fn a_quote_that_swallows_rows_is_located_at_both_ends() {
    let d = dir("quotes");
    county(&d);
    write(
        &d,
        "事件.csv",
        "编号,日期,类型,单位,主体,对象,备注\n\
         E1,2023-03-01,\"监督谈话,C,P1,P2,\n\
         E2,2023-03-02,监督谈话,C,P1,P2,\n\
         E3,2023-03-03,监督谈话\",C,P1,P2,\n\
         E4,2023-03-04,监督谈话,C,P1,P2,\"两行\n的备注\"\n\
         E5,2023-03-05,监督谈话,C,P1,P2,\"未闭合\n\
         E6,2023-03-06,监督谈话,C,P1,P2,\n",
    );
    let (_, json, err) = eval_skipping(&d);
    assert_eq!(err.matches("E0418").count(), 2, "{err}");
    // The first opens on line 2 (column 15) and closes on line 4; the second opens on line 6
    // and never closes.
    assert!(err.contains("事件.csv:2:15"), "{err}");
    assert!(
        err.contains("到这里才结束") && err.contains("直到文件末尾也没有结束"),
        "{err}"
    );
    assert_eq!(json["facts"]["events"], 1, "only E4 is read");
    assert_eq!(json["facts"]["skipped_rows"], 2);
}
