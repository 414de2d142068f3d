//! The shipped rulesets: each checks without errors, and every 原文 it quotes is really in the
//! source document kept beside it (`原文.txt`), compared on letters and digits only, because the
//! seed texts carry punctuation noise (`,,,,,,,,`, `。。。。。。。`).

use std::path::Path;

use guize::span::SourceMap;

fn letters(s: &str) -> String {
    guize::text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn load(dir: &Path) -> (guize::ir::Ruleset, Vec<guize::diagnostics::Diag>, SourceMap) {
    let mut sources = SourceMap::new();
    let mut asts = Vec::new();
    let mut diags = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "guize"))
    {
        let id = sources.add(f.display().to_string(), std::fs::read_to_string(f).unwrap());
        let (ast, d) = guize::parse(&sources, id);
        diags.extend(d);
        asts.push(ast);
    }
    let (rs, d) = guize::check(&asts);
    diags.extend(d);
    (rs, diags, sources)
}

#[test]
fn every_ruleset_checks_and_quotes_its_source() {
    let mut seen = 0;
    let mut dirs: Vec<_> = std::fs::read_dir("rulesets")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let (rs, diags, sources) = load(dir);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).cloned().collect();
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            dir.display(),
            guize::diagnostics::render(
                &errors,
                &sources,
                guize::diagnostics::Lang::Zh,
                guize::diagnostics::Style::Plain
            )
        );
        assert!(!rs.rules.is_empty(), "{} has no rules", dir.display());
        let source = letters(&std::fs::read_to_string(dir.join("原文.txt")).unwrap());
        let quotes = rs
            .rules
            .iter()
            .map(|r| &r.source.text)
            .chain(rs.clauses.iter().filter_map(|c| c.text.as_ref()));
        for q in quotes {
            assert!(
                source.contains(&letters(q)),
                "{}: 原文 not found in 原文.txt: 「{q}」",
                dir.display()
            );
        }
        seen += 1;
    }
    assert!(seen >= 2, "expected at least two rulesets");
}

#[test]
fn the_quote_check_can_fail() {
    let source = letters("同下级“一把手”每年至少开展1次监督谈话,,,,,,,,对存在");
    assert!(source.contains(&letters("同下级“一把手”每年至少开展1次监督谈话，")));
    assert!(!source.contains(&letters("同下级“一把手”每年至少开展2次监督谈话")));
}
