//! Fact-set loading: one CSV table into a [`Table`], every field located in the file.
//!
//! The `csv` crate reads the values (RFC 4180 quoting, `\n` or `\r\n`); it gives only each
//! record's starting byte, so [`locate`] scans the raw record again, quote-aware, for the byte
//! range of every field.

use csv::{ReaderBuilder, StringRecord};

use super::table::{Cell, Row, Table, TableKind};
use crate::diagnostics::Diag;
use crate::ir::Vocabulary;
use crate::span::{FileId, Span};

/// Reads one CSV table. `text` is the file as added to the source map (BOM already removed).
pub(crate) fn read(kind: TableKind, file: FileId, text: &str, vocab: &Vocabulary, diags: &mut Vec<Diag>) -> Table {
    let mut table = Table::new(kind);
    let mut rdr = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rec = StringRecord::new();
    let mut has_header = false;
    let mut broken = false;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                diags.push(read_error(file, text, &e));
                break;
            }
        }
        // Blank lines, and lines of nothing but separators (as Excel writes them), are skipped.
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let start = rec.position().map_or(0, |p| p.byte() as usize);
        let (fields, row_span) = locate(text, start);
        let row_span = Span::new(file, row_span.0, row_span.1);
        let cells = cells(file, text, &rec, &fields, row_span);
        if !has_header {
            has_header = true;
            broken = read_header(&mut table, &cells, row_span, vocab, diags);
            continue;
        }
        let index = table.rows_read();
        if broken {
            table.bad_rows += 1;
        } else if cells.len() != table.columns.len() {
            diags.push(wrong_length(&table, &cells, row_span));
            table.bad_rows += 1;
        } else {
            let cells = cells.into_iter().map(Some).collect();
            table.rows.push(Row { span: row_span, cells, pointer: None, index });
        }
    }
    if !has_header {
        diags.push(
            Diag::error(
                "E0409",
                format!("表 `{}` 是空的，没有表头", kind.zh()),
                format!("table `{}` is empty: it has no header", kind.en()),
            )
            .at(Span::new(file, 0, 0), "应有表头", "a header is needed here"),
        );
    }
    table
}

/// Reads the header; returns whether the table lacks a required column (its rows are then
/// counted and left out without further reports).
fn read_header(table: &mut Table, cells: &[Cell], span: Span, vocab: &Vocabulary, diags: &mut Vec<Diag>) -> bool {
    for c in cells {
        if c.text.is_empty() {
            // An empty header (a trailing separator) names no column; its values are ignored.
            table.columns.push(super::table::Col::Ignored);
            continue;
        }
        if let Err(d) = table.add_column(&c.text, c.span, vocab) {
            diags.push(d);
        }
    }
    let missing = table.missing_columns(span);
    let broken = !missing.is_empty();
    diags.extend(missing);
    broken
}

/// The cells of a record, each with the span of its value.
fn cells(file: FileId, text: &str, rec: &StringRecord, fields: &[(usize, usize)], row: Span) -> Vec<Cell> {
    rec.iter()
        .enumerate()
        .map(|(i, value)| match fields.get(i) {
            Some(&(s, e)) => Cell::new(file, value, text.get(s..e), s),
            // The scan and the reader disagree (should not happen): point at the row.
            None => Cell { text: value.trim().to_string(), span: row, exact: false, items: Vec::new() },
        })
        .collect()
}

/// E0410 for a record whose number of fields differs from the header's.
fn wrong_length(table: &Table, cells: &[Cell], row: Span) -> Diag {
    let (n, m) = (cells.len(), table.columns.len());
    let span = match cells.get(m) {
        Some(extra) if n > m => Span::new(row.file, extra.span.start as usize, row.end as usize),
        _ => row,
    };
    Diag::error(
        "E0410",
        format!("表 `{}` 的这一行有 {n} 个字段，表头有 {m} 个", table.kind.zh()),
        format!("row of table `{}` has {n} fields, the header has {m}", table.kind.en()),
    )
    .at(span, if n > m { "多出的字段" } else { "字段不足" }, if n > m { "extra fields" } else { "too few fields" })
    .help(
        "含逗号或换行的值须用英文双引号括起，如 `\"甲,乙\"`",
        "quote values that contain commas or line breaks, as in `\"a,b\"`",
    )
}

fn read_error(file: FileId, text: &str, e: &csv::Error) -> Diag {
    let at = e.position().map_or(0, |p| p.byte() as usize).min(text.len());
    Diag::error("E0410", format!("无法读取表格：{e}"), format!("cannot read the table: {e}"))
        .at(Span::new(file, at, at), "此处", "here")
}

/// The byte ranges of the fields of the record starting at byte `start` (inside the quotes for
/// a quoted field), and the range of the whole record.
pub(crate) fn locate(text: &str, start: usize) -> (Vec<(usize, usize)>, (usize, usize)) {
    let b = text.as_bytes();
    let mut i = start.min(b.len());
    // The reader's position may include the line ends before the record.
    while i < b.len() && (b[i] == b'\r' || b[i] == b'\n') {
        i += 1;
    }
    let row_start = i;
    let mut fields = Vec::new();
    loop {
        let (s, e, next) = field(b, i);
        fields.push((s, e));
        i = next;
        if b.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    (fields, (row_start, i))
}

/// One field at `i`: (value start, value end, end of the field).
fn field(b: &[u8], i: usize) -> (usize, usize, usize) {
    if b.get(i) != Some(&b'"') {
        let e = end_unquoted(b, i);
        return (i, e, e);
    }
    let s = i + 1;
    let mut j = s;
    while j < b.len() {
        if b[j] == b'"' {
            if b.get(j + 1) == Some(&b'"') {
                j += 2;
                continue;
            }
            break;
        }
        j += 1;
    }
    let close = j.min(b.len());
    // Text after the closing quote belongs to the same field (the reader appends it).
    let after = end_unquoted(b, (close + 1).min(b.len()));
    let e = if after > close + 1 { after } else { close };
    (s, e, after.max(close))
}

fn end_unquoted(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && !matches!(b[j], b',' | b'\r' | b'\n') {
        j += 1;
    }
    j
}
