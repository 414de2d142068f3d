//! Reading tables: the located-cell form every input (CSV, JSON, XLSX) is read into, and CSV.

use std::collections::HashMap;

use crate::diagnostics::Diag;
use crate::span::{FileId, Span};
use crate::text::fold;

/// The key of the marker cell of a row that could not be read (ragged, undecodable, …): such a
/// row has been reported already and is counted as skipped.
pub(crate) const BAD: &str = "\0bad";

/// One table as read: rows of cells keyed by the canonical (Chinese) column name.
pub(crate) struct Table {
    /// Canonical column names present, in order.
    pub columns: Vec<String>,
    /// Where each column's header is (parallel to `columns`).
    pub column_spans: Vec<Span>,
    /// Where the header (CSV, XLSX) or the table key (JSON) is.
    pub header_span: Span,
    /// Data rows.
    pub rows: Vec<Row>,
    /// Names of places for diagnostics that point at these spans: a JSON pointer (`/事件/3`) or a
    /// cell (`任职!C14`). CSV needs none: file:line:column says it.
    pub places: Vec<(Span, String)>,
}

impl Table {
    pub fn new(header_span: Span) -> Table {
        Table {
            columns: Vec::new(),
            column_spans: Vec::new(),
            header_span,
            rows: Vec::new(),
            places: Vec::new(),
        }
    }

    /// Where the header of column `col` is, else the whole header.
    pub fn column_span(&self, col: &str) -> Span {
        self.columns
            .iter()
            .position(|c| c == col)
            .and_then(|i| self.column_spans.get(i).copied())
            .unwrap_or(self.header_span)
    }
}

/// One data row.
pub(crate) struct Row {
    /// The whole row.
    pub span: Span,
    /// Cells: canonical column → (text, span).
    pub cells: HashMap<String, (String, Span)>,
    /// Names of the places of this row's cells (see [`Table::places`]).
    pub places: Vec<(Span, String)>,
}

impl Row {
    pub fn new(span: Span) -> Row {
        Row {
            span,
            cells: HashMap::new(),
            places: Vec::new(),
        }
    }

    /// A row that could not be read; it is counted as skipped.
    pub fn bad(span: Span) -> Row {
        let mut r = Row::new(span);
        r.cells.insert(BAD.to_string(), (String::new(), span));
        r
    }

    /// Whether the row could not be read.
    pub fn is_bad(&self) -> bool {
        self.cells.contains_key(BAD)
    }

    /// The trimmed, non-empty text of a column.
    pub fn get(&self, col: &str) -> Option<(&str, Span)> {
        self.cells
            .get(col)
            .map(|(t, s)| (t.trim(), *s))
            .filter(|(t, _)| !t.is_empty())
    }
}

/// A row whose cells are found by canonical column name: a [`Row`] of the JSON and XLSX forms,
/// or a CSV record read in place (`facts/csv_fast.rs`). The event checks are written once
/// against this.
pub(crate) trait Cells {
    /// The whole row.
    fn span(&self) -> Span;
    /// The trimmed, non-empty text of column `col` (at position `i` of the table's columns)
    /// and the cell's span.
    fn cell(&self, i: usize, col: &str) -> Option<(&str, Span)>;
    /// Where `part` (a piece of a cell's text, such as one id of a list) is, searching `within`
    /// (the cell's span) from byte `from` of it on; the whole cell when the form cannot tell.
    fn locate(&self, within: Span, _part: &str, _from: usize) -> Span {
        within
    }
}

impl Cells for Row {
    fn span(&self) -> Span {
        self.span
    }
    fn cell(&self, _: usize, col: &str) -> Option<(&str, Span)> {
        self.get(col)
    }
}

/// English aliases of the contract's columns.
const ALIASES: &[(&str, &str)] = &[
    ("id", "编号"),
    ("name", "名称"),
    ("kind", "类别"),
    ("parent", "上级"),
    ("peer", "同级"),
    ("person", "人员"),
    ("unit", "单位"),
    ("role", "职务"),
    ("start", "起始"),
    ("end", "终止"),
    ("date", "日期"),
    ("actor", "主体"),
    ("target", "对象"),
    ("term", "届次"),
    ("areas", "分管"),
    ("contacts", "联系单位"),
];

/// The canonical name of a header in table `table`.
pub(crate) fn canonical(table: &str, header: &str) -> String {
    let h = fold(header).trim_start_matches('\u{feff}').to_string();
    let lower = h.to_lowercase();
    if table == "人员" && (lower == "name" || h == "名称") {
        return "姓名".into();
    }
    if table == "事件" && (lower == "kind" || h == "类别") {
        return "类型".into();
    }
    ALIASES
        .iter()
        .find(|(en, _)| *en == lower)
        .map_or(h, |(_, zh)| zh.to_string())
}

/// Reads CSV `text` of file `file`. Rows holding one of the byte offsets in `undecodable` (a
/// malformed byte sequence, reported already) are read as bad rows.
pub(crate) fn read_csv(
    table: &str,
    file: FileId,
    text: &str,
    undecodable: &[usize],
    diags: &mut Vec<Diag>,
) -> Table {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Table::new(Span::new(file, 0, 0));
    let mut first = true;
    let mut rec = csv::StringRecord::new();
    loop {
        let start = rdr.position().byte() as usize;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e
                    .position()
                    .map_or(start, |p| p.byte() as usize)
                    .min(text.len());
                diags.push(
                    Diag::error("E0410", "无法读取此行", "cannot read this row").at(
                        Span::new(file, at, at),
                        format!("{e}"),
                        format!("{e}"),
                    ),
                );
                break;
            }
        }
        let end = (rdr.position().byte() as usize).min(text.len());
        // After a `\r\n` record the reader may stop between `\r` and `\n`: skip line ends.
        let start = start
            + text.as_bytes()[start.min(end)..end]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let spans = field_spans(text, start, end, rec.len(), file);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row_span = Span::new(
            file,
            start,
            text[start..end].trim_end_matches(['\r', '\n']).len() + start,
        );
        if first {
            first = false;
            out.header_span = row_span;
            out.columns = rec.iter().map(|h| canonical(table, h)).collect();
            out.column_spans = spans;
            continue;
        }
        if undecodable.iter().any(|&b| (start..end).contains(&b)) {
            out.rows.push(Row::bad(row_span));
            continue;
        }
        if let Some(d) = swallowed_rows(text, file, (start, end), out.columns.len()) {
            diags.push(d);
            out.rows.push(Row::bad(row_span));
            continue;
        }
        if rec.len() != out.columns.len() {
            diags.push(super::csv_fast::ragged(
                row_span,
                rec.len(),
                out.columns.len(),
            ));
            out.rows.push(Row::bad(row_span));
            continue;
        }
        let cells = out
            .columns
            .iter()
            .cloned()
            .zip(rec.iter().zip(spans).map(|(t, s)| (t.to_string(), s)))
            .collect();
        out.rows.push(Row {
            span: row_span,
            cells,
            places: Vec::new(),
        });
    }
    out
}

/// E0418 when a quoted cell of the record in `text[start..end]` runs over line breaks that look
/// like the ends of records (a line after it with at least `columns - 1` commas): a stray or
/// unclosed `"` has swallowed rows. Located at the opening quote, with the closing quote (or the
/// end of the file) related. A quoted cell holding an ordinary line break (a note) is left alone.
pub(crate) fn swallowed_rows(
    text: &str,
    file: FileId,
    (start, end): (usize, usize),
    columns: usize,
) -> Option<Diag> {
    let b = text.as_bytes();
    if columns < 2 || memchr::memchr(b'"', &b[start..end]).is_none() {
        return None;
    }
    let mut i = start;
    while let Some(q) = memchr::memchr(b'"', &b[i..end]).map(|k| i + k) {
        if q != start && !matches!(b[q - 1], b',' | b'\n' | b'\r') {
            i = q + 1;
            continue;
        }
        // The closing quote: a `"` not doubled.
        let mut j = q + 1;
        let close = loop {
            match memchr::memchr(b'"', &b[j..end]).map(|k| j + k) {
                Some(c) if b.get(c + 1) == Some(&b'"') => j = c + 2,
                other => break other,
            }
        };
        let stop = close.unwrap_or(end);
        let first_break = memchr::memchr(b'\n', &b[q..stop]).map(|k| q + k);
        if let Some(nl) = first_break {
            // Whole physical lines from the one after the quote's line to the closing one.
            let line_end = memchr::memchr(b'\n', &b[stop..]).map_or(b.len(), |k| stop + k);
            let lines = &text[nl + 1..line_end];
            let rows = lines
                .split('\n')
                .filter(|l| l.matches(',').count() + 1 >= columns)
                .count();
            if rows > 0 {
                let breaks = memchr::memchr_iter(b'\n', &b[q..stop]).count();
                return Some(swallowed(text, file, q, close, (breaks, rows)));
            }
        }
        match close {
            Some(c) => i = c + 1,
            None => break,
        }
    }
    None
}

fn swallowed(
    text: &str,
    file: FileId,
    open: usize,
    close: Option<usize>,
    (lines, rows): (usize, usize),
) -> Diag {
    let d = Diag::error(
        "E0418",
        format!("引号中的值跨过了 {lines} 个换行，其中 {rows} 行看似独立的记录"),
        format!("a quoted value runs over {lines} line breaks; {rows} of those lines look like records of their own"),
    )
    .at(Span::new(file, open, open + 1), "引号从这里开始", "the quote opens here")
    .help(
        "值中的英文双引号要写成两个（\"\"），或删去多余的引号；此行连同被吞并的各行都未读",
        "write a quote inside a value as two (\"\"), or delete the stray one; this row and the lines it swallowed were not read",
    );
    match close {
        Some(c) => d.related(
            Span::new(file, c, c + 1),
            "到这里才结束",
            "and only closes here",
        ),
        None => {
            // The file's last character (line ends aside) shows where the value ran to.
            let body = text.trim_end_matches(['\r', '\n']);
            let (at, c) = body.char_indices().last().unwrap_or((0, ' '));
            let end = (at + c.len_utf8()).min(text.len());
            d.related(
                Span::new(file, at, end),
                "直到文件末尾也没有结束",
                "and never closes before the end of the file",
            )
        }
    }
}

/// Byte spans of the fields of the record in `text[start..end]` (quote-aware).
pub(crate) fn field_spans(
    text: &str,
    start: usize,
    end: usize,
    n: usize,
    file: FileId,
) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(n);
    let mut i = start;
    let mut field_start = start;
    let mut in_quotes = false;
    while i < end {
        match bytes[i] {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => {
                spans.push(trim_quotes(bytes, field_start, i, file));
                field_start = i + 1;
            }
            b'\r' | b'\n' if !in_quotes => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(trim_quotes(bytes, field_start, i, file));
    while spans.len() < n {
        spans.push(Span::new(file, i, i));
    }
    spans
}

fn trim_quotes(bytes: &[u8], mut s: usize, mut e: usize, file: FileId) -> Span {
    if e >= s + 2 && bytes[s] == b'"' && bytes[e - 1] == b'"' {
        s += 1;
        e -= 1;
    }
    Span::new(file, s, e)
}
