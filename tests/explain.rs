//! `guize explain`, end to end: a violated, a late, a pending and a satisfied instance, a ratio
//! with its arithmetic, a term coverage with who is uncovered, English, JSON and a bad rule id.

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn explain(case: &str, rule: &str, extra: &[&str]) -> Command {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    let dir = format!("tests/cases/{case}");
    c.args([
        "explain",
        &format!("{dir}/rules.guize"),
        &format!("{dir}/facts.json"),
        "--rule",
        rule,
        "--as-of",
        "2024-12-31",
    ]);
    c.args(extra);
    c
}

#[test]
fn explain_violated() {
    assert_cmd_snapshot!(explain(
        "p5_triggered",
        "(三).任职谈话",
        &["--subject", "P14"]
    ));
}

#[test]
fn explain_late() {
    assert_cmd_snapshot!(explain("p5_triggered", "任职谈话", &["--subject", "P12"]));
}

#[test]
fn explain_pending() {
    assert_cmd_snapshot!(explain(
        "p5_triggered",
        "(三).任职谈话",
        &["--subject", "P15"]
    ));
}

#[test]
fn explain_satisfied() {
    assert_cmd_snapshot!(explain(
        "p5_triggered",
        "(三).专题约谈",
        &["--subject", "P11"]
    ));
}

#[test]
fn explain_ratio_arithmetic() {
    assert_cmd_snapshot!(explain(
        "p3_ratio",
        "(九).抽查核实",
        &["--period", "2023-06-01"]
    ));
}

#[test]
fn explain_term_coverage_lists_uncovered() {
    assert_cmd_snapshot!(explain(
        "p4_term",
        "(九).述责述廉全覆盖",
        &["--subject", "C"]
    ));
}

#[test]
fn explain_prohibition_order_in_english() {
    assert_cmd_snapshot!(explain(
        "p9_prohibit",
        "(六).末位表态",
        &["--period", "2023-06-08", "--lang", "en"]
    ));
}

#[test]
fn explain_json() {
    assert_cmd_snapshot!(explain(
        "p5_triggered",
        "(三).任职谈话",
        &["--subject", "P14", "--format", "json"]
    ));
}

#[test]
fn explain_unknown_rule() {
    assert_cmd_snapshot!(explain("p5_triggered", "任职谈", &[]));
}

/// An assignment prohibition: the subject's 分工 rows with the forbidden areas each names.
#[test]
fn explain_assignment_prohibition() {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    c.args([
        "explain",
        "tests/cases/p9_assignment/rules.guize",
        "tests/cases/p9_assignment/facts",
        "--rule",
        "五个不直接分管",
        "--subject",
        "P2",
        "--as-of",
        "2024-12-31",
    ]);
    assert_cmd_snapshot!(c);
}
