//! Quotes checked against their source (`出处`): every 原文 of every shipped ruleset occurs in
//! the document it cites, and altering any one character of any 原文 makes the check fail at
//! that quote. The mutation runs in memory over EVERY character of EVERY quote (replaced by
//! another character) and every interior character (deleted).

use guize::ast;
use guize::cite::{check_quotes, Document};
use guize::span::SourceMap;

/// The parsed files and the cited documents of each shipped ruleset.
fn shipped() -> Vec<(String, Vec<ast::File>, Vec<Document>, SourceMap)> {
    let mut dirs: Vec<_> = std::fs::read_dir("rulesets")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let mut sources = SourceMap::new();
        let mut files = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "guize"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let id = sources.add(p.display().to_string(), text);
            let (f, d) = guize::parse(&sources, id);
            assert!(d.is_empty(), "{}: {d:?}", p.display());
            files.push(f);
        }
        let mut diags = Vec::new();
        let docs = guize::cli::load::documents(&files, &sources, &mut diags);
        assert!(diags.is_empty(), "{}: {diags:?}", dir.display());
        out.push((dir.display().to_string(), files, docs, sources));
    }
    out
}

/// Every quote of the files as (file, clause, rule or None).
fn places(files: &[ast::File]) -> Vec<(usize, usize, Option<usize>)> {
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for (ci, c) in f.clauses.iter().enumerate() {
            if c.text.is_some() {
                out.push((fi, ci, None));
            }
            for (ri, r) in c.rules.iter().enumerate() {
                if r.text.is_some() {
                    out.push((fi, ci, Some(ri)));
                }
            }
        }
    }
    out
}

fn quote_mut(files: &mut [ast::File], at: (usize, usize, Option<usize>)) -> &mut ast::Quoted {
    let c = &mut files[at.0].clauses[at.1];
    let q = match at.2 {
        Some(ri) => c.rules[ri].text.as_mut(),
        None => c.text.as_mut(),
    };
    q.unwrap()
}

/// A character that differs from `c` after folding: the next code point for a Chinese
/// character (a different character, as a typo would give), else `乙`.
fn other(c: char) -> char {
    let folded = guize::text::fold(&c.to_string());
    for k in 1..4 {
        if let Some(n) = char::from_u32(c as u32 + k) {
            if ('\u{4e00}'..='\u{9fa5}').contains(&c) && guize::text::fold(&n.to_string()) != folded
            {
                return n;
            }
        }
    }
    if c == '乙' {
        '丙'
    } else {
        '乙'
    }
}

#[test]
fn every_shipped_quote_occurs_in_its_source() {
    let rulesets = shipped();
    assert!(rulesets.len() >= 7);
    for (name, files, docs, _) in &rulesets {
        assert!(!docs.is_empty(), "{name} cites no document");
        let diags = check_quotes(files, docs);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
    }
}

#[test]
fn altering_any_character_of_any_quote_fails_at_that_quote() {
    let mut checked = 0;
    for (name, files, docs, _) in shipped() {
        for at in places(&files) {
            let original = quote_mut(&mut files.clone(), at).clone();
            let chars: Vec<char> = original.text.chars().collect();
            let mut variants = Vec::new();
            for i in 0..chars.len() {
                if chars[i].is_whitespace() {
                    continue;
                }
                let mut v = chars.clone();
                v[i] = other(chars[i]);
                variants.push(v.into_iter().collect::<String>());
                // Deleting a character inside the quote (not at its ends, which leaves a
                // shorter quote of the same text, and not one of a run of the same punctuation,
                // which the normalisation counts once).
                let repeated =
                    (i > 0 && chars[i - 1] == chars[i]) || chars.get(i + 1) == Some(&chars[i]);
                let punct = !chars[i].is_alphanumeric();
                if i > 0 && i + 1 < chars.len() && !(repeated && punct) {
                    let mut v = chars.clone();
                    v.remove(i);
                    variants.push(v.into_iter().collect::<String>());
                }
            }
            for text in variants {
                let mut mutated = files.clone();
                quote_mut(&mut mutated, at).text = text.clone();
                let diags = check_quotes(&mutated, &docs);
                assert_eq!(diags.len(), 1, "{name}: 「{text}」 was accepted");
                assert_eq!(diags[0].code, "E0260");
                assert_eq!(diags[0].span, Some(original.span), "{name}: 「{text}」");
                checked += 1;
            }
        }
    }
    assert!(checked > 3000, "only {checked} mutations");
}
