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
