//! `guize diff` and the 从严 check through the binary: every shipped locality against its base
//! (snapshots reviewed by hand), JSON and English forms, and the errors.

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn guize() -> Command {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    c
}

#[test]
fn diff_anhui_against_central() {
    assert_cmd_snapshot!(guize().args(["diff", "rulesets/中央意见", "rulesets/安徽省措施"]));
}

#[test]
fn diff_yueyang_against_central() {
    assert_cmd_snapshot!(guize().args(["diff", "rulesets/中央意见", "rulesets/岳阳市"]));
}

#[test]
fn diff_chuanhui_against_central() {
    assert_cmd_snapshot!(guize().args(["diff", "rulesets/中央意见", "rulesets/川汇区"]));
}

#[test]
fn diff_zhangqiu_against_central() {
    assert_cmd_snapshot!(guize().args(["diff", "rulesets/中央意见", "rulesets/章丘市"]));
}

#[test]
fn diff_json() {
    assert_cmd_snapshot!(guize().args(["diff", "中央意见", "安徽省措施", "--format", "json"]));
}

#[test]
fn diff_in_english() {
    assert_cmd_snapshot!(guize().args([
        "--lang",
        "en",
        "diff",
        "rulesets/中央意见",
        "rulesets/安徽省措施"
    ]));
}

#[test]
fn diff_of_unrelated_rulesets_exits_1() {
    assert_cmd_snapshot!(guize().args(["diff", "rulesets/安徽省措施", "rulesets/川汇区"]));
}

#[test]
fn diff_across_three_levels() {
    assert_cmd_snapshot!(guize().args([
        "diff",
        "--rulesets",
        "tests/fixtures/chain",
        "中央意见",
        "tests/fixtures/chain/合肥市"
    ]));
}

#[test]
fn loosened_rule_fails_check_with_a_counterexample() {
    assert_cmd_snapshot!(guize().args([
        "check",
        "--rulesets",
        "rulesets",
        "tests/fixtures/loosened"
    ]));
}

#[test]
fn inheritance_cycle_exits_1() {
    assert_cmd_snapshot!(guize().args(["check", "tests/fixtures/cycle/甲"]));
}

#[test]
fn missing_base_exits_1() {
    assert_cmd_snapshot!(guize().args(["check", "tests/fixtures/orphan"]));
}

#[test]
fn eval_under_an_inherited_ruleset_names_versions() {
    assert_cmd_snapshot!(guize().args([
        "eval",
        "rulesets/安徽省措施",
        "tests/fixtures/versions.json",
        "--as-of",
        "2022-12-31",
        "--format",
        "json"
    ]));
}

#[test]
fn diff_shows_repeals_with_their_reasons() {
    assert_cmd_snapshot!(guize().args([
        "diff",
        "--rulesets",
        "tests/fixtures/chain",
        "安徽省措施",
        "tests/fixtures/chain/合肥市"
    ]));
}

#[test]
fn narrower_population_fails_check_with_a_counterexample() {
    assert_cmd_snapshot!(guize().args(["check", "tests/fixtures/narrower/窄"]));
}
