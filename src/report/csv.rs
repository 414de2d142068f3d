//! The CSV report (`eval --format csv`): one row per instance, every field of the JSON instance
//! as a column (see [`super::rows`]).
//!
//! The bytes start with a UTF-8 byte-order mark, so Excel on Chinese Windows reads the Chinese
//! as UTF-8 instead of GBK; fields are quoted as RFC 4180 says (only when needed) and lines end
//! in CRLF. Text that Excel would take for a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.

use super::rows::{flatten, Cell};
use super::Report;
use crate::diagnostics::Lang;

/// The UTF-8 byte-order mark the CSV starts with.
pub const BOM: &str = "\u{feff}";

/// Renders the report as CSV bytes (UTF-8 with BOM, CRLF line ends).
pub fn to_csv(r: &Report, lang: Lang) -> Vec<u8> {
    let flat = flatten(r, lang);
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(flat.columns.iter().map(|c| c.header.as_str()));
    for row in &flat.rows {
        let _ = w.write_record(row.iter().map(field));
    }
    w.into_inner().unwrap_or_default()
}

/// One field; text that a spreadsheet would run as a formula is defused with a leading `'`.
fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) if s.starts_with(['=', '+', '-', '@']) => format!("'{s}"),
        _ => c.text(),
    }
}
