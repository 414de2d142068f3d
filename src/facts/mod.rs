//! Fact sets: loading CSV directories and JSON files into [`Facts`], with every problem located.
//!
//! This is the only stage besides `cli` that reads files. Validation is held to the ruleset's
//! declared [`Vocabulary`](crate::ir::Vocabulary). Rows with errors are left out and counted:
//! rows read = rows kept + rows skipped + duplicates dropped, always.

mod build;
pub mod model;
mod tables;

pub use model::*;

use std::path::Path;

use crate::diagnostics::Diag;
use crate::ir::Vocabulary;
use crate::span::SourceMap;

/// The tables in the order they are built (later tables refer to earlier ones).
const TABLES: &[&str] = &["单位", "人员", "任职", "事件", "届次"];

/// Loads a fact set: a directory of CSV tables, or a single `.json` file.
pub fn load(path: &Path, vocab: &Vocabulary, sources: &mut SourceMap) -> (Facts, Vec<Diag>) {
    let io = |e: std::io::Error| {
        Diag::error(
            "E0001",
            format!("无法读取 `{}`：{e}", path.display()),
            format!("cannot read `{}`: {e}", path.display()),
        )
    };
    if path.is_dir() {
        let mut tables = Vec::new();
        for t in TABLES {
            let f = path.join(format!("{t}.csv"));
            if !f.exists() {
                continue;
            }
            match std::fs::read(&f) {
                Ok(bytes) => tables.push((
                    f.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )),
                Err(e) => return (Facts::default(), vec![io(e)]),
            }
        }
        return from_csv_tables(&tables, vocab, sources);
    }
    match std::fs::read(path) {
        Ok(bytes) => from_json_str(
            &path.display().to_string(),
            &String::from_utf8_lossy(&bytes),
            vocab,
            sources,
        ),
        Err(e) => (Facts::default(), vec![io(e)]),
    }
}

/// Builds facts from CSV texts named `…/单位.csv` etc. (the file stem names the table).
pub fn from_csv_tables(
    tables: &[(String, String)],
    vocab: &Vocabulary,
    sources: &mut SourceMap,
) -> (Facts, Vec<Diag>) {
    let mut diags = Vec::new();
    let mut read = Vec::new();
    for (name, text) in tables {
        let stem = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(table) = TABLES.iter().find(|t| **t == crate::text::fold(&stem)) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let id = sources.add(name.clone(), text.to_string());
        read.push((
            table.to_string(),
            tables::read_csv(table, id, &sources.get(id).text.clone(), &mut diags),
        ));
    }
    build(read, vocab, diags)
}

/// Builds facts from the JSON form.
pub fn from_json_str(
    name: &str,
    text: &str,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
) -> (Facts, Vec<Diag>) {
    let id = sources.add(name, text.strip_prefix('\u{feff}').unwrap_or(text));
    let mut diags = Vec::new();
    let read = tables::read_json(id, sources, &mut diags);
    build(read, vocab, diags)
}

fn build(
    read: Vec<(String, tables::Table)>,
    vocab: &Vocabulary,
    mut diags: Vec<Diag>,
) -> (Facts, Vec<Diag>) {
    let mut b = build::Builder::new(vocab);
    let mut rows_read = 0;
    for t in TABLES {
        for (_, table) in read.iter().filter(|(n, _)| n == t) {
            rows_read += table.rows.len();
            match *t {
                "单位" => b.units(table),
                "人员" => b.people(table),
                "任职" => b.tenures(table),
                "事件" => b.events(table),
                "届次" => b.terms(table),
                _ => {}
            }
        }
    }
    b.facts.rows_read = rows_read;
    diags.append(&mut b.diags);
    (b.facts, diags)
}

#[cfg(test)]
mod tests;
