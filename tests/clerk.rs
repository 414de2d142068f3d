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
    let mut args = vec!["eval", DEMO[0], DEMO[1], "--as-of", "2024-12-31", "--format", format];
    args.extend_from_slice(extra);
    ok(&args).stdout
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("clerk");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The number of a clause item written `(二十三)`, computed here independently of guize.
fn item_number(rule_id: &str) -> u32 {
    let item: String = rule_id
        .split('.')
        .next()
        .unwrap()
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
    assert!(keys.len() > 10, "too few rules to check the order: {rules:?}");
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
                let rs = if l.contains("（中央意见") { "中央意见" } else { "安徽省措施" };
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
