//! Fact sets: loading CSV directories (UTF-8 or GB18030/GBK), XLSX workbooks and JSON files into
//! [`Facts`], with every problem located (file:line:column, sheet!cell, JSON pointer).
//!
//! This is the only stage besides `cli` that reads files. Validation is held to the ruleset's
//! declared [`Vocabulary`](crate::ir::Vocabulary). Rows with errors are left out and counted:
//! rows read = rows kept + rows skipped + duplicates dropped, always.

mod build;
pub mod convert;
mod csv_fast;
mod decode;
mod json;
pub mod model;
mod tables;
pub mod template;
mod xlsx;

pub use build::events::Materialise;
pub use decode::{decode, decode_owned, Decoded, EncodingChoice};
pub use model::*;
pub use xlsx::{column_letters, IGNORED_SHEETS};

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::Diag;
use crate::ir::Vocabulary;
use crate::span::{FileId, SourceMap, Span};

/// The tables in the order they are built (later tables refer to earlier ones).
pub const TABLES: &[&str] = &["单位", "人员", "任职", "事件", "届次", "分工"];

/// How to read a fact set.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The encoding of CSV files.
    pub encoding: EncodingChoice,
    /// The event kinds the ruleset's rules read (`ir::Ruleset::event_kinds_read`). When given
    /// and the 事件 table is large (see [`LARGE_EVENTS_BYTES`]), rows of other kinds are checked
    /// for shape, 编号, 日期 and 类型 only and counted, not kept. `None`: every row in full.
    pub kinds_read: Option<std::collections::BTreeSet<String>>,
    /// Check and keep every row in full even when the table is large (`--check-all-rows`).
    pub check_all_rows: bool,
    /// Overrides [`LARGE_EVENTS_BYTES`] (tests use small values to exercise the volume path).
    pub large_events_bytes: Option<usize>,
    /// Overrides the chunk size of the parallel CSV reader (tests: many chunks in a small file).
    pub chunk_bytes: Option<usize>,
}

/// From this size of 事件 (bytes of CSV text; JSON and XLSX: rows × 64), rows of kinds no rule
/// reads are only counted: about 250,000 rows.
pub const LARGE_EVENTS_BYTES: usize = 16 << 20;

impl LoadOptions {
    /// What to keep of a 事件 table of `size` bytes.
    fn materialise(&self, size: usize) -> Materialise {
        match &self.kinds_read {
            Some(k)
                if !self.check_all_rows
                    && size >= self.large_events_bytes.unwrap_or(LARGE_EVENTS_BYTES) =>
            {
                Materialise::Kinds(k.clone())
            }
            _ => Materialise::All,
        }
    }
}

/// Loads a fact set: a directory of CSV tables, a `.xlsx` workbook or a `.json` file.
pub fn load(path: &Path, vocab: &Vocabulary, sources: &mut SourceMap) -> (Facts, Vec<Diag>) {
    load_with(path, vocab, sources, LoadOptions::default())
}

/// [`load`] with options.
pub fn load_with(
    path: &Path,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
    opts: LoadOptions,
) -> (Facts, Vec<Diag>) {
    if path.is_dir() {
        let (files, mut problems) = table_files(path);
        if problems.iter().any(Diag::is_error) {
            return (Facts::default(), problems);
        }
        let mut tables = Vec::new();
        for (t, f) in files {
            if t == "事件" {
                if let Some((map, start)) = map_utf8(&f, opts.encoding) {
                    tables.push((f.display().to_string(), Raw::Mapped(map, start)));
                    continue;
                }
            }
            match crate::io::read_regular_file(&f, FACT_FILE_LIMIT) {
                Ok(bytes) => tables.push((f.display().to_string(), Raw::Bytes(bytes))),
                Err(d) => {
                    problems.push(d);
                    return (Facts::default(), problems);
                }
            }
        }
        let (facts, mut diags) = from_csv_raw(tables, vocab, sources, &opts);
        problems.append(&mut diags);
        return (facts, problems);
    }
    let bytes = match crate::io::read_regular_file(path, FACT_FILE_LIMIT) {
        Ok(b) => b,
        Err(d) => return (Facts::default(), vec![d]),
    };
    let name = path.display().to_string();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "xlsx" || bytes.starts_with(b"PK\x03\x04") {
        let mut diags = Vec::new();
        let read = xlsx::read_xlsx(&name, &bytes, sources, &mut diags);
        return build(read, vocab, diags, sources, &opts);
    }
    let text = decode_reporting(&name, bytes, EncodingChoice::Utf8, sources);
    json_with(&name, &text.0, vocab, sources, text.1, &opts)
}

/// Decodes one file, reporting each row with malformed bytes (E0422). Returns the text and the
/// diagnostics; the offsets of the malformed sequences in the text are in the third element.
fn decode_reporting(
    name: &str,
    bytes: Vec<u8>,
    choice: EncodingChoice,
    sources: &mut SourceMap,
) -> (String, Vec<Diag>, Vec<usize>) {
    let d = decode_owned(bytes, choice);
    if d.errors.is_empty() {
        return (d.text, Vec::new(), Vec::new());
    }
    // Shown text: the decoded text; the diagnostics need a file to point into.
    let id = sources.add(name, d.text.clone());
    let file = sources.get(id);
    type Malformed = (usize, usize, Vec<u8>);
    let mut by_line: Vec<(usize, Vec<&Malformed>)> = Vec::new();
    for e in &d.errors {
        let line = file.line_col(e.0).0;
        match by_line.last_mut() {
            Some((l, v)) if *l == line => v.push(e),
            _ => by_line.push((line, vec![e])),
        }
    }
    let enc = d.encoding;
    let diags = by_line
        .iter()
        .map(|(_, errs)| {
            let (at, byte, bad) = errs[0];
            let hex: String = bad.iter().map(|b| format!("\\x{b:02X}")).collect();
            let more = errs.len() - 1;
            Diag::error(
                "E0422",
                format!("第 {byte} 字节起的 `{hex}` 不是有效的 {enc} 编码{}", if more > 0 { format!("（此行另有 {more} 处）") } else { String::new() }),
                format!("bytes `{hex}` at byte {byte} are not valid {enc}{}", if more > 0 { format!(" ({more} more in this row)") } else { String::new() }),
            )
            .at(Span::new(id, *at, at + 3), "无法解码的字节", "undecodable bytes")
            .help(
                "用 --encoding utf-8|gb18030|gbk 指定文件的编码（Excel 在中文 Windows 上存的 CSV 多为 GBK），或在 Excel/WPS 中另存为“CSV UTF-8”；此行未读入，不作替换",
                "name the file's encoding with --encoding utf-8|gb18030|gbk (Excel on Chinese Windows saves CSV as GBK), or save as \"CSV UTF-8\"; this row is not read, nothing is replaced",
            )
        })
        .collect();
    let offsets = d.errors.iter().map(|e| e.0).collect();
    (d.text, diags, offsets)
}

/// Builds facts from CSV texts named `…/单位.csv` etc. (the file stem names the table).
pub fn from_csv_tables(
    tables: &[(String, String)],
    vocab: &Vocabulary,
    sources: &mut SourceMap,
) -> (Facts, Vec<Diag>) {
    let bytes: Vec<(String, Vec<u8>)> = tables
        .iter()
        .map(|(n, t)| (n.clone(), t.as_bytes().to_vec()))
        .collect();
    from_csv_bytes(&bytes, vocab, sources, LoadOptions::default())
}

/// Builds facts from CSV files as bytes, named `…/单位.csv` etc. (the file stem names the table),
/// each decoded as `opts.encoding` says.
pub fn from_csv_bytes(
    tables: &[(String, Vec<u8>)],
    vocab: &Vocabulary,
    sources: &mut SourceMap,
    opts: LoadOptions,
) -> (Facts, Vec<Diag>) {
    from_csv_owned(tables.to_vec(), vocab, sources, &opts)
}

/// The largest fact file read: 4 GiB − 1 (places in a file are 32-bit byte offsets). FIFOs,
/// devices and directories are refused (E0002), larger files are E0003 (`crate::io`).
pub const FACT_FILE_LIMIT: u64 = u32::MAX as u64 - 1;

/// From this size on, a UTF-8 事件 file is mapped into memory instead of read: its pages leave
/// the process once read, so memory follows the facts kept, not the file.
pub const MAP_FROM_BYTES: u64 = 64 << 20;

/// A CSV file's content.
enum Raw {
    Bytes(Vec<u8>),
    /// A mapped file, UTF-8 from the offset on (after a BOM).
    Mapped(std::sync::Arc<memmap2::Mmap>, usize),
}

/// Maps `path` if it is large, regular and UTF-8 (checked piece by piece on every core, each
/// piece's pages given back once checked); `None`: read it as usual.
fn map_utf8(path: &Path, choice: EncodingChoice) -> Option<(std::sync::Arc<memmap2::Mmap>, usize)> {
    use rayon::prelude::*;
    if !matches!(choice, EncodingChoice::Auto | EncodingChoice::Utf8) {
        return None;
    }
    // Look before opening: opening a FIFO would wait for a writer.
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < MAP_FROM_BYTES || meta.len() >= FACT_FILE_LIMIT {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    // SAFETY: a read-only private mapping; a file changed by another program while guize reads
    // it is outside what guize can guard against (README, 大规模事实).
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let start = if map.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    const PIECE: usize = 8 << 20;
    let mut cuts = vec![start];
    while let Some(&last) = cuts.last() {
        let at = last + PIECE;
        match map
            .get(at..)
            .and_then(|s| s.iter().position(|&b| b == b'\n'))
        {
            Some(i) => cuts.push(at + i + 1),
            None => break,
        }
    }
    cuts.push(map.len());
    // A file with a lone CR is read into memory instead, where it becomes a line feed
    // (`text::lone_cr_to_lf`): a mapping cannot be changed. Pieces end after a `\n`, so a CR
    // is never split from the byte after it.
    let ok = cuts.par_windows(2).all(|w| {
        let piece = &map[w[0]..w[1]];
        let ok = std::str::from_utf8(piece).is_ok() && !decode::has_lone_cr(piece);
        crate::span::release_pages(&map, w[0]..w[1]);
        ok
    });
    ok.then(|| (std::sync::Arc::new(map), start))
}

/// [`from_csv_bytes`] taking the bytes: a UTF-8 file becomes its text without a copy, and the
/// 事件 table is read in place from the [`SourceMap`] (`csv_fast.rs`).
pub fn from_csv_owned(
    tables: Vec<(String, Vec<u8>)>,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
    opts: &LoadOptions,
) -> (Facts, Vec<Diag>) {
    let tables = tables
        .into_iter()
        .map(|(n, b)| (n, Raw::Bytes(b)))
        .collect();
    from_csv_raw(tables, vocab, sources, opts)
}

fn from_csv_raw(
    tables: Vec<(String, Raw)>,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
    opts: &LoadOptions,
) -> (Facts, Vec<Diag>) {
    let mut diags = Vec::new();
    let mut read = Vec::new();
    for (name, raw) in tables {
        let stem = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(table) = table_name(&stem) else {
            continue;
        };
        let (id, mut d, bad) = match raw {
            Raw::Mapped(map, start) => (
                sources.add_mapped(name.clone(), map, start),
                Vec::new(),
                Vec::new(),
            ),
            Raw::Bytes(bytes) => {
                let (text, d, bad) = decode_reporting(&name, bytes, opts.encoding, sources);
                let id = if d.is_empty() {
                    sources.add(name.clone(), text)
                } else {
                    d[0].span.map(|s| s.file).unwrap_or_default()
                };
                (id, d, bad)
            }
        };
        diags.append(&mut d);
        if table == "事件" {
            let at = diags.len();
            read.push((table.to_string(), Input::Csv { file: id, bad, at }));
            continue;
        }
        let t = tables::read_csv(table, id, &sources.get(id).text, &bad, &mut diags);
        read.push((table.to_string(), Input::Table(t)));
    }
    build_inputs(read, vocab, diags, sources, opts)
}

/// Builds facts from an XLSX workbook's bytes.
pub fn from_xlsx_bytes(
    name: &str,
    bytes: &[u8],
    vocab: &Vocabulary,
    sources: &mut SourceMap,
) -> (Facts, Vec<Diag>) {
    let mut diags = Vec::new();
    let read = xlsx::read_xlsx(name, bytes, sources, &mut diags);
    build(read, vocab, diags, sources, &LoadOptions::default())
}

/// Builds facts from the JSON form.
pub fn from_json_str(
    name: &str,
    text: &str,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
) -> (Facts, Vec<Diag>) {
    json_with(
        name,
        text,
        vocab,
        sources,
        Vec::new(),
        &LoadOptions::default(),
    )
}

fn json_with(
    name: &str,
    text: &str,
    vocab: &Vocabulary,
    sources: &mut SourceMap,
    mut diags: Vec<Diag>,
    opts: &LoadOptions,
) -> (Facts, Vec<Diag>) {
    if diags.iter().any(Diag::is_error) {
        return (Facts::default(), diags);
    }
    let id = sources.add(name, text.strip_prefix('\u{feff}').unwrap_or(text));
    let read = json::read_json(id, sources, &mut diags);
    build(read, vocab, diags, sources, opts)
}

/// The CSV files of a facts directory, by table (in table order), and the problems: a table
/// named by two files (E0414: `事件.csv` and `events.csv`, or `事件.CSV`), a `.csv` file that names
/// no table (W0422: `事件表.csv`). Names are matched without regard to case, width or script;
/// other files (README, scripts) and subdirectories are left alone.
fn table_files(dir: &Path) -> (Vec<(&'static str, std::path::PathBuf)>, Vec<Diag>) {
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    entries.sort();
    let mut found: Vec<(&'static str, Vec<std::path::PathBuf>)> =
        TABLES.iter().map(|t| (*t, Vec::new())).collect();
    let mut diags = Vec::new();
    for p in entries {
        let csv = p
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"));
        if !csv || p.is_dir() {
            continue;
        }
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        match table_name(&stem) {
            Some(t) => {
                if let Some((_, v)) = found.iter_mut().find(|(n, _)| *n == t) {
                    v.push(p);
                }
            }
            None => {
                let hint = crate::diagnostics::did_you_mean(&stem, TABLES.iter().copied());
                diags.push(
                    Diag::warning(
                        "W0422",
                        format!("`{}` 不是事实表的文件名，未读入", p.display()),
                        format!("`{}` names no fact table; not read", p.display()),
                    )
                    .maybe_help(hint)
                    .help(
                        "事实表的文件名是 单位.csv、人员.csv、任职.csv、事件.csv、届次.csv、分工.csv（或英文 units.csv 等）",
                        "fact tables are 单位.csv, 人员.csv, 任职.csv, 事件.csv, 届次.csv, 分工.csv (or units.csv, …)",
                    ),
                );
            }
        }
    }
    let mut files = Vec::new();
    for (t, v) in found {
        match v.as_slice() {
            [] => {}
            [one] => files.push((t, one.clone())),
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect();
                diags.push(
                    Diag::error(
                        "E0414",
                        format!("{t} 表有 {} 个文件：{}", several.len(), names.join("、")),
                        format!("{} files hold the {t} table: {}", several.len(), names.join(", ")),
                    )
                    .help(
                        "每个表只留一个文件（中文名或英文名，大小写不限），删去或改名其余的",
                        "keep one file per table (Chinese or English name, any case); remove or rename the others",
                    ),
                );
            }
        }
    }
    (files, diags)
}

/// The canonical name of a table (sheet, JSON key or CSV file stem), Chinese or English.
pub(crate) fn table_name(key: &str) -> Option<&'static str> {
    Some(
        match crate::text::fold(key).trim().to_lowercase().as_str() {
            "单位" | "units" => "单位",
            "人员" | "people" | "persons" => "人员",
            "任职" | "tenures" => "任职",
            "事件" | "events" => "事件",
            "届次" | "terms" => "届次",
            "分工" | "assignments" => "分工",
            _ => return None,
        },
    )
}

/// A table to build: read into located cells, or (CSV 事件) read in place while building.
enum Input {
    Table(tables::Table),
    /// The CSV 事件 file: its text in the source map, the offsets of undecodable bytes, and
    /// where its reading diagnostics go in the list (after the tables read before it).
    Csv {
        file: FileId,
        bad: Vec<usize>,
        at: usize,
    },
}

/// Names the place (JSON pointer, sheet cell) of each diagnostic that points at a known one.
fn name_places(read: &[(String, Input)], diags: &mut [Diag]) {
    let mut places: HashMap<Span, &str> = HashMap::new();
    let tables = read.iter().filter_map(|(n, t)| match t {
        Input::Table(t) => Some((n, t)),
        Input::Csv { .. } => None,
    });
    for (_, t) in tables {
        for (s, p) in &t.places {
            places.insert(*s, p);
        }
        for r in &t.rows {
            for (s, p) in &r.places {
                places.insert(*s, p);
            }
        }
    }
    if places.is_empty() {
        return;
    }
    for d in diags {
        if let Some(p) = d.span.and_then(|s| places.get(&s)) {
            d.message.zh.push_str(&format!("（{p}）"));
            d.message.en.push_str(&format!(" ({p})"));
        }
    }
}

fn build(
    read: Vec<(String, tables::Table)>,
    vocab: &Vocabulary,
    diags: Vec<Diag>,
    sources: &SourceMap,
    opts: &LoadOptions,
) -> (Facts, Vec<Diag>) {
    let read = read
        .into_iter()
        .map(|(n, t)| (n, Input::Table(t)))
        .collect();
    build_inputs(read, vocab, diags, sources, opts)
}

fn build_inputs(
    read: Vec<(String, Input)>,
    vocab: &Vocabulary,
    mut diags: Vec<Diag>,
    sources: &SourceMap,
    opts: &LoadOptions,
) -> (Facts, Vec<Diag>) {
    let mut b = build::Builder::new(vocab);
    let mut rows_read = 0;
    let mut inserted = 0;
    for t in TABLES {
        for (_, input) in read.iter().filter(|(n, _)| n == t) {
            let table = match input {
                Input::Table(table) => table,
                Input::Csv { file, bad, at } => {
                    let source = sources.get(*file);
                    let m = opts.materialise(source.text.len());
                    let chunk = opts.chunk_bytes.unwrap_or(csv_fast::CHUNK).max(1);
                    let (rows, d) = csv_fast::events(&mut b, *file, source, bad, &m, chunk);
                    rows_read += rows;
                    let at = at + inserted;
                    inserted += d.len();
                    diags.splice(at..at, d);
                    continue;
                }
            };
            rows_read += table.rows.len();
            match *t {
                "单位" => b.units(table),
                "人员" => b.people(table),
                "任职" => b.tenures(table),
                "事件" => b.events(table, &opts.materialise(table.rows.len() * 64)),
                "届次" => b.terms(table),
                _ => b.assignments(table),
            }
        }
    }
    b.facts.rows_read = rows_read;
    diags.append(&mut b.diags);
    name_places(&read, &mut diags);
    (b.facts, diags)
}

#[cfg(test)]
mod tests;
