//! `出处` and quote checking, `guize coverage` and `guize test`, end to end (insta-cmd).

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn guize() -> Command {
    let mut c = Command::new(get_cargo_bin("guize"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_clear();
    c
}

const SHIPPED: [&str; 7] = [
    "中央意见",
    "安徽省措施",
    "十个必严",
    "岳阳市",
    "川汇区",
    "章丘市",
    "吉安县",
];

#[test]
fn a_quote_not_in_its_source_is_an_error_at_the_quote() {
    assert_cmd_snapshot!(guize().args(["check", "tests/fixtures/quotes/错引"]));
}

#[test]
fn every_shipped_ruleset_checks_with_its_sources() {
    for r in SHIPPED {
        let out = guize().args(["check", r]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{r}: {err}");
        assert!(!err.contains("E026"), "{r}: {err}");
    }
}

#[test]
fn coverage_of_every_shipped_ruleset() {
    for r in SHIPPED {
        insta::with_settings!({snapshot_suffix => r}, {
            assert_cmd_snapshot!(guize().args(["coverage", r]));
        });
    }
}

#[test]
fn coverage_json_and_fail_under() {
    assert_cmd_snapshot!(guize().args(["coverage", "十个必严", "--format", "json"]));
    let pct = |r: &str| {
        let out = guize()
            .args(["coverage", r, "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["documents"][0]["totals"]["percent"].as_u64().unwrap()
    };
    // 安徽省措施 accounts for every item now (100%); 川汇区's own document is partly encoded.
    let p = pct("川汇区");
    assert!(p > 0 && p < 100, "{p}");
    let at = guize()
        .args(["coverage", "川汇区", "--fail-under", &p.to_string()])
        .output()
        .unwrap();
    assert_eq!(at.status.code(), Some(0));
    let above = guize()
        .args(["coverage", "川汇区", "--fail-under", &(p + 1).to_string()])
        .output()
        .unwrap();
    assert_eq!(above.status.code(), Some(3));
}

#[test]
fn test_runs_the_examples_and_the_expectations() {
    assert_cmd_snapshot!(guize().args(["test", "tests/fixtures/examples/例示"]));
}

/// `参数 经常 = 每月` inside an example gives the open parameter a value for that example only:
/// the same facts are 违反 monthly and 待履行 quarterly; a misspelt name is E0262 at the name.
#[test]
fn an_example_gives_an_open_parameter_its_value() {
    assert_cmd_snapshot!(guize().args(["test", "tests/fixtures/examples/例示参数"]));
}

#[test]
fn a_failing_example_shows_expected_and_actual_and_exits_3() {
    assert_cmd_snapshot!(guize().args(["test", "tests/fixtures/examples/例示错"]));
}

#[test]
fn test_over_the_rulesets_directory() {
    let out = guize().args(["test", "rulesets/"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for name in [
        "中央意见",
        "安徽省措施",
        "十個必嚴",
        "岳阳市",
        "川汇区",
        "章丘市",
        "吉安县",
    ] {
        assert!(text.contains(&format!("规则集 {name}\n")), "{name}: {text}");
    }
}

#[test]
fn test_over_every_shipped_ruleset() {
    for r in SHIPPED {
        insta::with_settings!({snapshot_suffix => r}, {
            assert_cmd_snapshot!(guize().args(["test", r]));
        });
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// A rule change moves verdicts of the committed expectation; `--accept` records the new ones.
#[test]
fn a_changed_rule_moves_verdicts_until_accepted() {
    let root = env!("CARGO_MANIFEST_DIR");
    let tmp: PathBuf = std::env::temp_dir().join(format!("guize-expect-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&Path::new(root).join("tests/fixtures/examples"), &tmp);
    let rules = tmp.join("例示/规则.guize");
    let text = std::fs::read_to_string(&rules).unwrap();
    // Two talks a year instead of one: the examples and the expectation disagree now.
    std::fs::write(
        &rules,
        text.replace(
            "应当 每年至少开展1次 监督谈话",
            "应当 每年至少开展2次 监督谈话",
        ),
    )
    .unwrap();
    let expect = tmp.join("例示/预期/事实甲.txt");
    let facts = std::fs::read_to_string(&expect).unwrap();
    std::fs::write(
        &expect,
        facts.replace("tests/fixtures/examples/事实甲", "事实甲"),
    )
    .unwrap();
    let dir = tmp.join("例示").display().to_string();
    let run = |extra: &[&str]| {
        let out = guize().args(["test", &dir]).args(extra).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).replace(&dir, "例示"),
        )
    };
    let (code, moved) = run(&[]);
    assert_eq!(code, Some(3));
    assert!(
        moved.contains("(三).监督谈话 2023-01-01~2023-12-31 P3：已履行 → 待履行"),
        "{moved}"
    );
    assert!(
        moved.contains("(三).监督谈话 2022-01-01~2022-12-31 P2：已履行 → 违反"),
        "{moved}"
    );
    assert!(!moved.contains("任职谈话 2023"), "{moved}");
    run(&["--accept"]);
    // The examples still fail (they expect one talk a year), the expectation does not.
    let (code, again) = run(&[]);
    assert_eq!(code, Some(3));
    assert!(again.contains("✓ 预期"), "{again}");
    assert!(again.contains("✗ (三).监督谈话 例 谈了一次"), "{again}");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// `责任人 不限`: explain says so, and counts an audit by another party naming the subject.
#[test]
fn explain_under_anyone_acting() {
    let out = guize()
        .args([
            "explain",
            "tests/cases/ext_actor_threshold_venue/rules.guize",
            "tests/cases/ext_actor_threshold_venue/facts",
            "--rule",
            "离任审计",
            "--as-of",
            "2024-12-31",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("责任人：不限"), "{text}");
    assert!(
        text.contains("E1 2023-05-10 经济责任审计 AU→P1 → 计入"),
        "{text}"
    );
    assert!(!text.contains("责任人：对象本人"), "{text}");
}

/// The examples of a base rule the local ruleset amended are not run under the local ruleset
/// (they belong to the base); the base's other examples are.
#[test]
fn examples_of_an_amended_base_rule_are_not_run_locally() {
    let root = env!("CARGO_MANIFEST_DIR");
    let tmp: PathBuf = std::env::temp_dir().join(format!("guize-amend-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&Path::new(root).join("tests/fixtures/examples"), &tmp);
    std::fs::create_dir_all(tmp.join("例示县")).unwrap();
    std::fs::write(
        tmp.join("例示县/规则.guize"),
        "规则集 例示县\n  继承 例示\n  生效 2023年1月1日\n条款 （一）\n  规则 监督谈话：\n    修订 （三）.监督谈话\n    原文 「同下级“一把手”每半年至少开展1次监督谈话」\n    对象 下级单位的一把手\n    责任人 上级单位的一把手\n    应当 每半年至少1次 监督谈话\n",
    )
    .unwrap();
    let dir = tmp.join("例示县").display().to_string();
    let out = guize().args(["test", &dir]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("例示(三).监督谈话 已被本规则集修订或废止，其例不在此运行"),
        "{text}"
    );
    assert!(text.contains("✓ 例示(三).任职谈话 例 迟了"), "{text}");
    assert_eq!(out.status.code(), Some(0), "{text}");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// 003 numbers nothing: cut to the 措施 part and split its `◆` paragraphs at `、`, it lists
/// exactly the 20 measures the report announces (《措施》共2部分20条).
#[test]
fn the_twenty_measures_of_003() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp: PathBuf = std::env::temp_dir().join(format!("guize-003-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(
        &root.join("rulesets/中央意见"),
        &tmp.join("rulesets/中央意见"),
    );
    copy_dir(&root.join("seeds"), &tmp.join("seeds"));
    let rules = std::fs::read_to_string(root.join("rulesets/岳阳市/规则.guize")).unwrap();
    // 岳阳市 cites the 措施 part already (its own 出处 line); split its paragraphs at `、`.
    let cut = rules.replace(
        "出处 措施 seeds/003_b41261ed7906ccf3.txt 自「《措施》共2部分20条」 至「下一步」\n",
        "出处 措施 seeds/003_b41261ed7906ccf3.txt 自「《措施》共2部分20条」 至「下一步」 分项「、」\n",
    );
    assert_ne!(cut, rules);
    std::fs::create_dir_all(tmp.join("rulesets/岳阳市")).unwrap();
    std::fs::write(tmp.join("rulesets/岳阳市/规则.guize"), cut).unwrap();
    let dir = tmp.join("rulesets/岳阳市").display().to_string();
    let out = guize()
        .args(["coverage", &dir, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let measures = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["ruleset"] == "岳阳市" && d["source"] == "措施")
        .expect("the 措施 document");
    let items = measures["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    assert_eq!(items[0]["title"], "建立主体责任清单");
    assert_eq!(items[4]["item"], "◆1.5");
    assert_eq!(items[19]["title"], "强化以案促改");
    let _ = std::fs::remove_dir_all(&tmp);
}
