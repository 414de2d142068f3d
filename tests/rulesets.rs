//! The shipped rulesets: each checks without errors, and every 原文 it quotes is really in the
//! source document kept beside it (`原文.txt`) or cited by an `出处` line, compared on letters and digits only, because the
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

/// The letters of each source text of `document`: the `原文.txt` beside the ruleset being checked
/// (for a base, in `rulesets/<document>/`), any further `原文_*.txt` there, and every seed file
/// its rule files cite on an `出处` line (a second copy of the document where the first is
/// damaged: 中央意见 reads (三)(十)(十九) from 001 篇2, `出处 篇2 seeds/001_….txt`).
/// The files named on the `出处` lines of the rule files in `dir` (paths from the repository root).
fn cited(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut rule_files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "guize"))
        .collect();
    rule_files.sort();
    let mut out = Vec::new();
    for f in rule_files {
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines().filter(|l| l.trim_start().starts_with("出处")) {
            if let Some(path) = line.split_whitespace().find(|w| w.ends_with(".txt")) {
                out.push(Path::new(path).to_path_buf());
            }
        }
    }
    out
}

fn sources_of(dir: &Path, rs: &guize::ir::Ruleset, document: &str) -> Vec<String> {
    let dir = if document == rs.name {
        dir.to_path_buf()
    } else {
        Path::new("rulesets").join(document)
    };
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name == "原文.txt" || (name.starts_with("原文_") && name.ends_with(".txt"))
        })
        .collect();
    assert!(!paths.is_empty(), "{}: no 原文.txt", dir.display());
    // A quote marked `原文（篇2）` comes from another document of its 出处 lines (a damaged
    // passage read from 001 篇2): the seeds are searched too. (`guize check` verifies each quote
    // against exactly the document it cites: tests/quotes.rs.)
    paths.extend(
        std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt")),
    );
    paths.sort();
    assert!(!paths.is_empty(), "{}: no 原文.txt", dir.display());
    paths.extend(cited(&dir));
    paths
        .iter()
        .map(|p| {
            letters(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect()
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
            let q_letters = letters(q);
            assert!(
                sources_of(dir, &rs, doc)
                    .iter()
                    .any(|s| s.contains(&q_letters)),
                "{}: 原文 not found in rulesets/{doc}/原文*.txt: 「{q}」",
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
