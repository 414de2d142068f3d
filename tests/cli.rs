//! The binary, end to end: exit codes, stdout and stderr, recorded with insta-cmd.

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn guize() -> Command {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    c
}

#[test]
fn help_is_chinese_by_default() {
    assert_cmd_snapshot!(guize().arg("--help"));
}

#[test]
fn help_in_english() {
    assert_cmd_snapshot!(guize().args(["--lang", "en", "eval", "--help"]));
}

#[test]
fn check_shipped_rulesets() {
    assert_cmd_snapshot!(guize().args(["check", "rulesets/安徽省措施", "rulesets/中央意见"]));
}

#[test]
fn check_reports_every_mistake_and_exits_1() {
    assert_cmd_snapshot!(guize().args(["check", "tests/cases/err_three_mistakes/rules.guize"]));
}

#[test]
fn check_in_english() {
    assert_cmd_snapshot!(guize().args([
        "check",
        "--lang",
        "en",
        "tests/cases/err_three_mistakes/rules.guize"
    ]));
}

#[test]
fn missing_ruleset_exits_1() {
    assert_cmd_snapshot!(guize().args(["check", "rulesets/没有这个"]));
}

#[test]
fn bad_as_of_is_a_usage_error() {
    assert_cmd_snapshot!(guize().args([
        "eval",
        "rulesets/安徽省措施",
        "examples/demo",
        "--as-of",
        "03/05/2023"
    ]));
}

#[test]
fn eval_json_on_a_case() {
    assert_cmd_snapshot!(guize().args([
        "eval",
        "tests/cases/p5_triggered/rules.guize",
        "tests/cases/p5_triggered/facts.json",
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
    ]));
}

#[test]
fn fail_on_violated_exits_3() {
    assert_cmd_snapshot!(guize().args([
        "eval",
        "tests/cases/p6_precedence/rules.guize",
        "tests/cases/p6_precedence/facts.json",
        "--as-of",
        "2024-12-31",
        "--fail-on",
        "violated",
    ]));
}

#[test]
fn fail_on_violated_passes_an_excused_default_violation() {
    let run = |facts: &str| {
        guize()
            .args(["eval", "tests/cli/excused.guize", facts])
            .args([
                "--as-of",
                "2024-12-31",
                "--fail-on",
                "violated",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
    };
    // The only violation (2023) is excused by 情况说明 Q1: exit 0, and the report still shows it.
    let out = run("tests/cli/excused.json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"violated\": 1") && text.contains("防汛抢险"),
        "{text}"
    );
    // Without the excuse the same violation fails the run.
    let dir = std::env::temp_dir().join(format!("guize-excused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bare = dir.join("facts.json");
    let facts = std::fs::read_to_string("tests/cli/excused.json").unwrap();
    let without: String = facts
        .lines()
        .filter(|l| !l.contains("\"Q1\""))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&bare, without).unwrap();
    let out = run(bare.to_str().unwrap());
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn demo_table() {
    assert_cmd_snapshot!(guize().args([
        "eval",
        "rulesets/安徽省措施",
        "examples/demo",
        "--as-of",
        "2024-12-31"
    ]));
}

#[test]
fn demo_json_is_byte_identical_across_runs() {
    let run = || {
        guize()
            .args([
                "eval",
                "rulesets/安徽省措施",
                "examples/demo",
                "--as-of",
                "2024-12-31",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let a = run();
    let b = run();
    assert!(a.status.success());
    assert!(a.stdout.len() > 1000, "the demo report is not empty");
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn explain_reads_facts_with_the_given_encoding() {
    let run = |enc: &str| {
        guize()
            .args(["explain", "rulesets/安徽省措施", "examples/demo-gbk"])
            .args([
                "--rule",
                "(二).纪委负责人谈心谈话",
                "--subject",
                "P014",
                "--as-of",
                "2024-12-31",
            ])
            .args(["--encoding", enc])
            .output()
            .unwrap()
    };
    // The GBK tables read as GBK explain the instance; forced to UTF-8 they are refused, located.
    let ok = run("gbk");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("【(二).纪委负责人谈心谈话】 P014"));
    let bad = run("utf-8");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("E0422"));
}
