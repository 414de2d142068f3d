//! The 事件 table of a CSV directory, read in place and on every core: the volume path.
//!
//! The text is cut into chunks of about [`CHUNK`] bytes at record boundaries (found with the
//! CSV quoting rules, so a quoted cell holding a line break is never cut); each chunk is parsed
//! with the `csv` crate into one reused `ByteRecord` and checked by its own
//! [`EventCheck`](super::build::events) on a rayon thread; the chunks' results are merged in file
//! order. Nothing is allocated per row but the cells of the rows that are kept.
//!
//! INVARIANT: the chunk boundaries depend on the text only (never on the number of threads),
//! and a chunk's records are exactly the records a reader of the whole text finds there, so the
//! result (facts and diagnostics, in order) is the same at any thread count.

use std::ops::Range;

use csv::ByteRecord;
use rayon::prelude::*;

use super::build::events::{Checked, EventCheck, Materialise};
use super::build::Builder;
use super::tables::{canonical, field_spans, swallowed_rows, Cells, Table};
use crate::diagnostics::Diag;
use crate::span::{FileId, SourceFile, Span};

/// The target size of a chunk. Files smaller than this are read as one chunk.
pub(crate) const CHUNK: usize = 4 << 20;

/// Reads and checks the 事件 table in `text` (file `file`); rows holding one of the byte offsets
/// in `undecodable` (reported already) are skipped. Returns the number of data rows and the
/// diagnostics of reading (E0410), which precede the checks' diagnostics in a report.
pub(crate) fn events(
    b: &mut Builder,
    file: FileId,
    source: &SourceFile,
    undecodable: &[usize],
    m: &Materialise,
    chunk: usize,
) -> (usize, Vec<Diag>) {
    let text: &str = &source.text;
    let Some((header, body)) = header(file, text) else {
        return (0, Vec::new());
    };
    let has_rows = !text[body..].trim().is_empty();
    let columns_ok = b.event_columns(&header, has_rows);
    let keep = EventCheck::keep_flags(b.vocab, m);
    let chunks = split(text.as_bytes(), body, chunk, source);
    let ctx = Ctx {
        text,
        file,
        columns: &header.columns,
        undecodable,
        check: columns_ok,
    };
    let ids = &b.ids;
    let vocab = b.vocab;
    let parts: Vec<(Checked, Vec<Diag>)> = chunks
        .par_iter()
        .map(|r| {
            let mut chk = EventCheck::new(vocab, ids, &keep, &header.columns);
            let read = ctx.chunk(r.clone(), &mut chk);
            // A mapped file's pages leave memory once read.
            source.release(r.clone());
            (chk.out, read)
        })
        .collect();
    let mut all = Checked::default();
    let mut read_diags = Vec::new();
    for (c, mut d) in parts {
        all.append(c);
        read_diags.append(&mut d);
    }
    let rows = all.rows as usize;
    if columns_ok {
        b.settle(all);
    } else {
        b.facts.skipped_rows += rows;
    }
    (rows, read_diags)
}

/// The header (the first record with a non-blank cell) as a table without rows, and the byte
/// offset where the data rows start.
fn header(file: FileId, text: &str) -> Option<(Table, usize)> {
    let mut rdr = reader(text.as_bytes());
    let mut rec = ByteRecord::new();
    loop {
        let start = rdr.position().byte() as usize;
        if !rdr.read_byte_record(&mut rec).ok()? {
            return None;
        }
        let end = (rdr.position().byte() as usize).min(text.len());
        let start = skip_line_ends(text.as_bytes(), start, end);
        if blank(&rec) {
            continue;
        }
        let mut t = Table::new(row_span(text, file, start, end));
        t.columns = rec
            .iter()
            .map(|h| canonical("事件", &String::from_utf8_lossy(h)))
            .collect();
        t.column_spans = field_spans(text, start, end, rec.len(), file);
        return Some((t, end));
    }
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
}

/// After a `\r\n` record the reader may stop between `\r` and `\n`: skip line ends.
fn skip_line_ends(b: &[u8], start: usize, end: usize) -> usize {
    start
        + b[start.min(end)..end]
            .iter()
            .take_while(|c| matches!(c, b'\r' | b'\n'))
            .count()
}

fn row_span(text: &str, file: FileId, start: usize, end: usize) -> Span {
    let bytes = &text.as_bytes()[start..end];
    let trimmed = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|c| matches!(c, b'\r' | b'\n'))
            .count();
    Span::new(file, start, start + trimmed)
}

/// Whether every cell is blank (such a record is not a row).
fn blank(rec: &ByteRecord) -> bool {
    rec.iter().all(|f| {
        f.iter().all(u8::is_ascii_whitespace)
            || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty())
    })
}

struct Ctx<'a> {
    text: &'a str,
    file: FileId,
    columns: &'a [String],
    undecodable: &'a [usize],
    /// False when required columns are missing: rows are only counted (and E0410 reported).
    check: bool,
}

impl Ctx<'_> {
    /// Reads the records of `range`, checking each; returns the reading diagnostics (E0410).
    fn chunk(&self, range: Range<usize>, chk: &mut EventCheck) -> Vec<Diag> {
        let bytes = self.text.as_bytes();
        let base = range.start;
        let mut rdr = reader(&bytes[range]);
        let mut rec = ByteRecord::new();
        let mut diags = Vec::new();
        loop {
            let start = base + rdr.position().byte() as usize;
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let at = e
                        .position()
                        .map_or(start, |p| base + p.byte() as usize)
                        .min(bytes.len());
                    diags.push(
                        Diag::error("E0410", "无法读取此行", "cannot read this row").at(
                            Span::new(self.file, at, at),
                            format!("{e}"),
                            format!("{e}"),
                        ),
                    );
                    break;
                }
            }
            let end = (base + rdr.position().byte() as usize).min(bytes.len());
            let start = skip_line_ends(bytes, start, end);
            if blank(&rec) {
                continue;
            }
            let span = row_span(self.text, self.file, start, end);
            if self.is_undecodable(start, end) {
                chk.bad();
                continue;
            }
            let within = (start, end);
            if let Some(d) = swallowed_rows(self.text, self.file, within, self.columns.len()) {
                diags.push(d);
                chk.bad();
                continue;
            }
            if rec.len() != self.columns.len() {
                diags.push(ragged(span, rec.len(), self.columns.len()));
                chk.bad();
                continue;
            }
            if !self.check {
                chk.bad();
                continue;
            }
            let row = RawRow {
                ctx: self,
                rec: &rec,
                start,
                end,
                span,
                quoted: bytes[start..end].contains(&b'"'),
            };
            chk.row(&row);
        }
        diags
    }

    fn is_undecodable(&self, start: usize, end: usize) -> bool {
        let i = self.undecodable.partition_point(|&b| b < start);
        self.undecodable.get(i).is_some_and(|&b| b < end)
    }
}

/// E0410 for a row whose field count differs from the header's.
pub(crate) fn ragged(span: Span, got: usize, want: usize) -> Diag {
    Diag::error(
        "E0410",
        format!("此行有 {got} 个字段，表头有 {want} 列"),
        format!("this row has {got} fields, the header has {want} columns"),
    )
    .at(
        span,
        "字段数与表头不符",
        "field count differs from the header",
    )
    .help(
        "检查是否多了或少了逗号；含逗号的值要用英文双引号括起",
        "check for missing or extra commas; quote values that contain commas",
    )
}

/// One record, read in place.
struct RawRow<'a> {
    ctx: &'a Ctx<'a>,
    rec: &'a ByteRecord,
    start: usize,
    end: usize,
    span: Span,
    /// Whether the record holds a quote (then cell places are found by scanning it).
    quoted: bool,
}

impl Cells for RawRow<'_> {
    fn span(&self) -> Span {
        self.span
    }

    fn locate(&self, within: Span, part: &str, from: usize) -> Span {
        let (s, e) = (within.start as usize, within.end as usize);
        let at = self
            .ctx
            .text
            .get(s + from..e)
            .and_then(|t| t.find(part))
            .map(|i| s + from + i);
        at.map_or(within, |a| Span::new(within.file, a, a + part.len()))
    }

    fn cell(&self, i: usize, _: &str) -> Option<(&str, Span)> {
        // SAFETY: the record was read from a `str`, and the csv reader splits it only at ASCII
        // bytes (`,` `"` CR LF) and drops only ASCII bytes (quotes), so every cell is UTF-8.
        let raw = unsafe { std::str::from_utf8_unchecked(self.rec.get(i)?) };
        let text = raw.trim();
        if text.is_empty() {
            return None;
        }
        let file = self.ctx.file;
        let span = if self.quoted {
            field_spans(self.ctx.text, self.start, self.end, self.rec.len(), file)[i]
        } else {
            // Unquoted: cell i starts after the i cells before it and their commas.
            let at = self.start + self.rec.range(i)?.start + i;
            Span::new(file, at, at + raw.len())
        };
        Some((text, span))
    }
}

/// Splits `b[from..]` into ranges of about `size` bytes that end at record boundaries.
fn split(b: &[u8], from: usize, size: usize, source: &SourceFile) -> Vec<Range<usize>> {
    let quoted = quoted_runs(b, from);
    source.release(from..b.len());
    let mut out = Vec::new();
    let mut start = from;
    while b.len() - start > size {
        let Some(cut) = boundary_after(b, &quoted, start + size) else {
            break;
        };
        out.push(start..cut);
        start = cut;
    }
    out.push(start..b.len());
    out
}

/// The first record boundary (the byte after a line break outside quotes) at or after `at`.
fn boundary_after(b: &[u8], quoted: &[Range<usize>], mut at: usize) -> Option<usize> {
    loop {
        let nl = at + b.get(at..)?.iter().position(|&c| c == b'\n')?;
        // Inside a quoted cell? Then continue after it.
        let i = quoted.partition_point(|r| r.end <= nl);
        match quoted.get(i) {
            Some(r) if r.start <= nl => at = r.end,
            _ => return Some(nl + 1),
        }
    }
}

/// The byte ranges inside quoted cells, by the rules the `csv` crate reads with: a cell is
/// quoted when its first byte is `"`; inside, `""` is a quote and a lone `"` ends the quoting;
/// any other `"` is an ordinary character.
fn quoted_runs(b: &[u8], from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = from;
    while let Some(q) = b.get(i..).and_then(|s| s.iter().position(|&c| c == b'"')) {
        let q = i + q;
        let opens = q == from || matches!(b[q - 1], b',' | b'\n' | b'\r');
        if !opens {
            i = q + 1;
            continue;
        }
        // Find the closing quote.
        let mut j = q + 1;
        loop {
            match b.get(j..).and_then(|s| s.iter().position(|&c| c == b'"')) {
                None => {
                    out.push(q..b.len());
                    return out;
                }
                Some(k) if b.get(j + k + 1) == Some(&b'"') => j += k + 2,
                Some(k) => {
                    out.push(q..j + k + 1);
                    i = j + k + 1;
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_plain(b: &[u8], size: usize) -> Vec<Range<usize>> {
        let mut sm = crate::span::SourceMap::new();
        let id = sm.add("t", String::from_utf8_lossy(b).to_string());
        split(b, 0, size, sm.get(id))
    }

    fn records(text: &str) -> Vec<Vec<String>> {
        let mut rdr = reader(text.as_bytes());
        rdr.byte_records()
            .map(|r| {
                r.unwrap()
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).to_string())
                    .collect()
            })
            .collect()
    }

    /// Every split of every text gives the records a reader of the whole text gives.
    #[test]
    fn splits_never_cut_a_record() {
        let texts = [
            "a,b\n1,2\n3,4\n5,6\n",
            "a,b\n\"x\ny\",2\n3,\"4\n\n5\"\n6,7\n",
            "a,b\n1,x\"y\n\"q\",\"z\"\"\n\"\"\"\n7,8",
            "a,b\r\n1,2\r\n\"3\r\n\",4\r\n",
            "a,\"unterminated\n1,2\n3,4\n",
            "a,b\n1,ab\"c,\"d\ne\"\n",
        ];
        for text in texts {
            let whole = records(text);
            for size in 1..text.len() {
                let mut got = Vec::new();
                let source = crate::span::SourceMap::new();
                let _ = &source;
                for r in split_plain(text.as_bytes(), size) {
                    got.extend(records(&text[r]));
                }
                assert_eq!(got, whole, "size {size} of {text:?}");
            }
        }
    }
}
