//! The JSON report of the newer patterns: `requirement.pattern`, `ratio`, `population`,
//! `property`, `order`, the `coverage` object (arithmetic, uncovered), `excuse`, and
//! `not_applicable` instances with their `reason` under `eval --all`.

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn eval_json(case: &str, extra: &[&str]) -> Command {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    let dir = format!("tests/cases/{case}");
    c.args([
        "eval",
        &format!("{dir}/rules.guize"),
        &format!("{dir}/facts.json"),
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
    ]);
    c.args(extra);
    c
}

#[test]
fn json_ratio_and_coverage() {
    assert_cmd_snapshot!(eval_json("p4_term", &[]));
}

#[test]
fn json_ratio_arithmetic() {
    assert_cmd_snapshot!(eval_json("p3_ratio", &[]));
}

#[test]
fn json_excuse_and_not_applicable_with_all() {
    assert_cmd_snapshot!(eval_json("modalities", &["--all"]));
}

#[test]
fn table_without_all_has_no_not_applicable() {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    c.args([
        "eval",
        "tests/cases/modalities/rules.guize",
        "tests/cases/modalities/facts.json",
        "--as-of",
        "2024-12-31",
    ]);
    assert_cmd_snapshot!(c);
}

#[test]
fn json_prohibition_order_and_property() {
    assert_cmd_snapshot!(eval_json("p9_prohibit", &[]));
}
