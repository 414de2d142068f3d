//! Inheritance never panics and reports every problem with a location: each line of a local
//! ruleset that amends, loosens and repeals (`tests/fixtures/loosened`) is deleted, then
//! duplicated, in turn, and each mutant is checked against the shipped bases.

use guize::span::SourceMap;

/// The bases of the fixture, parsed once per mutant (their spans must live in the same map).
fn check(text: &str) -> Vec<guize::diagnostics::Diag> {
    let mut sources = SourceMap::new();
    let (mut levels, mut diags) =
        guize::cli::load::chain("rulesets/安徽省措施", None, &mut sources).unwrap_or_else(|d| {
            panic!("bases: {:?}", d.iter().map(|d| d.code).collect::<Vec<_>>())
        });
    let id = sources.add("mutant.guize", text.to_string());
    let (ast, d) = guize::parse(&sources, id);
    diags.extend(d);
    levels.push(vec![ast]);
    let refs: Vec<&[guize::ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
    let (_, d) = guize::check_chain(&refs);
    diags.extend(d);
    // Every diagnostic renders (with its location) in both languages.
    for lang in [guize::diagnostics::Lang::Zh, guize::diagnostics::Lang::En] {
        let _ =
            guize::diagnostics::render(&diags, &sources, lang, guize::diagnostics::Style::Plain);
    }
    diags
}

#[test]
fn every_line_deleted_or_duplicated() {
    let text = std::fs::read_to_string("tests/fixtures/loosened/规则.guize").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let whole = check(&text);
    assert!(
        whole.iter().any(|d| d.code == "E0247"),
        "the fixture loosens a rule"
    );
    for i in 0..lines.len() {
        let mut deleted = lines.clone();
        deleted.remove(i);
        check(&deleted.join("\n"));
        let mut doubled = lines.clone();
        doubled.insert(i, lines[i]);
        check(&doubled.join("\n"));
    }
}

#[test]
fn every_error_has_a_location() {
    let text = std::fs::read_to_string("tests/fixtures/loosened/规则.guize").unwrap();
    let diags = check(&text);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        5,
        "{:?}",
        errors.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    assert!(errors.iter().all(|d| d.span.is_some()));
}
