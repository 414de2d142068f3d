//! The demo fact set in its three forms (`examples/demo/` UTF-8 CSV, `examples/demo.xlsx`,
//! `examples/demo-gbk/` GBK CSV) is in step and gives byte-identical JSON reports.

use std::path::Path;
use std::process::Command;

use guize::facts::convert::{read_csv_plain, to_gbk_csv, to_xlsx};
use guize::facts::TABLES;

const REGENERATE: &str = "examples/demo/*.csv changed: run `cargo run --example convert_demo`";

fn demo_csv() -> Vec<(String, Vec<u8>)> {
    TABLES
        .iter()
        .map(|t| format!("examples/demo/{t}.csv"))
        .filter(|p| Path::new(p).exists())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

#[test]
fn the_xlsx_and_gbk_forms_are_in_step_with_the_csv() {
    let files = demo_csv();
    let xlsx = to_xlsx(&read_csv_plain(&files)).unwrap();
    assert!(
        std::fs::read("examples/demo.xlsx").unwrap() == xlsx,
        "{REGENERATE}"
    );
    for (path, bytes) in &files {
        let name = Path::new(path).file_name().unwrap();
        let gbk = to_gbk_csv(std::str::from_utf8(bytes).unwrap()).unwrap();
        let committed = std::fs::read(Path::new("examples/demo-gbk").join(name)).unwrap();
        assert!(committed == gbk, "{}: {REGENERATE}", name.to_string_lossy());
        assert!(
            std::str::from_utf8(&committed).is_err(),
            "the GBK form is not UTF-8"
        );
    }
}

fn report(facts: &str, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .args([
            "eval",
            "rulesets/安徽省措施",
            facts,
            "--as-of",
            "2024-12-31",
            "--format",
            "json",
        ])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{facts}: {stderr}");
    assert!(!stderr.contains("错误"), "{facts}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn all_three_forms_give_byte_identical_reports() {
    let csv = report("examples/demo", &[]);
    assert!(csv.contains("\"instances\""), "{csv}");
    assert_eq!(report("examples/demo.xlsx", &[]), csv, "xlsx");
    assert_eq!(report("examples/demo-gbk", &[]), csv, "GBK, detected");
    assert_eq!(
        report("examples/demo-gbk", &["--encoding", "gbk"]),
        csv,
        "GBK, forced"
    );
    assert_eq!(
        report("examples/demo", &["--encoding", "utf-8"]),
        csv,
        "UTF-8, forced"
    );
    // English file names.
    let dir = std::env::temp_dir().join(format!("guize-demo-en-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (zh, en) in TABLES.iter().zip([
        "units",
        "people",
        "tenures",
        "events",
        "terms",
        "assignments",
    ]) {
        let src = format!("examples/demo/{zh}.csv");
        if Path::new(&src).exists() {
            std::fs::copy(&src, dir.join(format!("{en}.csv"))).unwrap();
        }
    }
    assert_eq!(
        report(dir.to_str().unwrap(), &[]),
        csv,
        "English file names"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gbk_read_as_utf8_is_refused_with_located_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .args([
            "eval",
            "rulesets/安徽省措施",
            "examples/demo-gbk",
            "--encoding",
            "utf-8",
            // Every undecodable row in full, not the first 10 of the code.
            "--max-diagnostics",
            "1000",
        ])
        .args(["--as-of", "2024-12-31", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0422"), "{stderr}");
    assert!(
        stderr.contains("examples/demo-gbk/人员.csv:2:6"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
