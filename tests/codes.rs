//! Every diagnostic code used in `src/` is listed in `diagnostics/codes.rs`, and every listed
//! code is used somewhere, so the table is the complete, honest list.

use std::collections::BTreeSet;
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn used_codes() -> BTreeSet<String> {
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    let mut used = BTreeSet::new();
    for f in files
        .iter()
        .filter(|f| !f.ends_with("diagnostics/codes.rs"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let code: String = rest.chars().take(5).collect();
            let ok = code.len() == 5
                && (code.starts_with('E') || code.starts_with('W'))
                && code[1..].chars().all(|c| c.is_ascii_digit())
                && rest[5..].starts_with('"');
            if ok {
                used.insert(code);
            }
        }
    }
    used
}

#[test]
fn codes_table_is_complete_and_used() {
    let listed: BTreeSet<String> = guize::diagnostics::codes::CODES
        .iter()
        .map(|c| c.code.to_string())
        .collect();
    let used = used_codes();
    let unlisted: Vec<_> = used.difference(&listed).collect();
    let unused: Vec<_> = listed.difference(&used).collect();
    assert!(
        unlisted.is_empty(),
        "codes used but not listed: {unlisted:?}"
    );
    assert!(unused.is_empty(), "codes listed but never used: {unused:?}");
    assert_eq!(
        listed.len(),
        guize::diagnostics::codes::CODES.len(),
        "a code is listed twice"
    );
}

/// Every code of the table has a long form (`guize explain --code`) with the eight headings, and
/// every long form belongs to a listed code. Adding a code means adding one file.
#[test]
fn every_code_has_a_long_form() {
    use guize::diagnostics::codes::{doc_file, DOCS, DOC_HEADINGS};
    let mut problems = Vec::new();
    for c in guize::diagnostics::codes::CODES {
        let Some((_, doc)) = DOCS.iter().find(|(code, _)| *code == c.code) else {
            problems.push(format!(
                "{}: write {} with the headings `## 含义`, `## 原因`, `## 示例`, `## 修正`, \
                 then `## What it means`, `## Why`, `## Example`, `## Fix` (copy a neighbour)",
                c.code,
                doc_file(c.code)
            ));
            continue;
        };
        let mut at = 0;
        for h in DOC_HEADINGS.iter().flatten() {
            match doc[at..].find(&format!("\n## {h}\n")) {
                Some(i) => {
                    at += i + 1;
                    let body = doc[at..]
                        .lines()
                        .skip(1)
                        .take_while(|l| !l.starts_with("## "));
                    if body.filter(|l| !l.trim().is_empty()).count() == 0 {
                        problems.push(format!("{}: `## {h}` is empty", doc_file(c.code)));
                    }
                }
                None => problems.push(format!(
                    "{}: heading `## {h}` missing or out of order",
                    doc_file(c.code)
                )),
            }
        }
    }
    for (code, _) in DOCS {
        if guize::diagnostics::codes::lookup(code).is_none() {
            problems.push(format!(
                "{}: no code {code} in src/diagnostics/codes.rs (remove the file or list the code)",
                doc_file(code)
            ));
        }
    }
    assert!(problems.is_empty(), "long forms:\n{}", problems.join("\n"));
}

/// `guize explain --code` prints the Chinese long form, `--lang en` the English one; an unknown
/// code is a usage error with a suggestion.
#[test]
fn explain_code_in_both_languages() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_guize"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_clear()
            .args(args)
            .output()
            .unwrap()
    };
    let zh = run(&["explain", "--code", "E0201"]);
    assert!(zh.status.success());
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.starts_with("# E0201 未声明的事项\n"), "{zh}");
    for h in ["## 含义", "## 原因", "## 示例", "## 修正"] {
        assert!(zh.contains(h), "{h} in {zh}");
    }
    assert!(!zh.contains("## Why"), "{zh}");
    let en = run(&["explain", "--code", "e0201", "--lang", "en"]);
    assert!(en.status.success());
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.starts_with("# E0201 undeclared event kind\n"), "{en}");
    assert!(en.contains("## Fix") && !en.contains("## 修正"), "{en}");
    let bad = run(&["explain", "--code", "E0203"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("没有诊断代码 `E0203`"), "{err}");
    assert!(err.contains("您是否想写 `E0"), "a suggestion: {err}");
}
