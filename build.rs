//! Collects the long forms of the diagnostic codes (`src/diagnostics/codes/*.md`) into a table
//! included by `diagnostics::codes`, so adding a code's explanation is adding one file.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnostics/codes");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter_map(|p| {
                    let code = p.file_stem()?.to_str()?.to_string();
                    Some((code, p.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    let mut out = String::from("/// Every `codes/*.md` file: (code, its text), sorted by code.\n");
    out.push_str("pub static DOCS: &[(&str, &str)] = &[\n");
    for (code, path) in &docs {
        let _ = writeln!(out, "    ({code:?}, include_str!({path:?})),");
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("code_docs.rs");
    std::fs::write(target, out).expect("write code_docs.rs");
}
