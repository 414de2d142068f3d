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

/// A ruleset with the rulesets it inherits (found beside it, under `rulesets/`).
fn load(dir: &Path) -> (guize::ir::Ruleset, Vec<guize::diagnostics::Diag>, SourceMap) {
    let mut sources = SourceMap::new();
    let arg = dir.display().to_string();
    let (levels, mut diags) = match guize::cli::load::chain(&arg, None, &mut sources) {
        Ok(x) => x,
        Err(d) => (Vec::new(), d),
    };
    let refs: Vec<&[guize::ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
    let (rs, d) = guize::check_chain(&refs);
    diags.extend(d);
    (rs, diags, sources)
}

/// The letters of the 原文.txt of `document`: beside the ruleset being checked, or for a base,
/// `rulesets/<document>/原文.txt`.
fn source_of(dir: &Path, rs: &guize::ir::Ruleset, document: &str) -> String {
    let path = if document == rs.name {
        dir.join("原文.txt")
    } else {
        Path::new("rulesets").join(document).join("原文.txt")
    };
    letters(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
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
        // Each quotation is checked against the 原文.txt of the ruleset that wrote it (an
        // inherited rule quotes its base's document).
        let quotes = rs
            .rules
            .iter()
            .map(|r| (&r.version.ruleset, &r.source.text))
            .chain(
                rs.clauses
                    .iter()
                    .filter_map(|c| c.text.as_ref().map(|t| (&c.ruleset, t))),
            );
        for (doc, q) in quotes {
            assert!(
                source_of(dir, &rs, doc).contains(&letters(q)),
                "{}: 原文 not found in rulesets/{doc}/原文.txt: 「{q}」",
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
