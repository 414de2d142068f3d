//! The JSON form: `{ "单位": [ {...}, ... ], ... }` → tables whose cells carry their JSON pointer
//! (`/事件/3/日期`) and the span of their value in the text.
//!
//! serde_json gives the values; a small scanner over the (already valid) text gives where each
//! key and value is, so every diagnostic points at the offending value.

use std::collections::HashMap;

use super::tables::{canonical, Row, Table, BAD};
use crate::diagnostics::Diag;
use crate::span::{FileId, SourceMap, Span};

/// Reads the JSON form. Returns the tables by canonical name.
pub(crate) fn read_json(
    file: FileId,
    sources: &SourceMap,
    diags: &mut Vec<Diag>,
) -> Vec<(String, Table)> {
    let text = &sources.get(file).text;
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let at = sources.get(file).line_start(e.line()) + e.column().saturating_sub(1);
            let at = floor_char(text, at.min(text.len()));
            diags.push(
                Diag::error(
                    "E0410",
                    format!("JSON 格式错误：{e}"),
                    format!("malformed JSON: {e}"),
                )
                .at(Span::new(file, at, at), "此处", "here"),
            );
            return Vec::new();
        }
    };
    let scan = Scanner { text, file };
    let (top, repeated) = scan.object_members(scan.ws(0));
    let mut out = Vec::new();
    // A table given twice: the earlier array's rows are not read (serde_json kept the later
    // one); they are counted as skipped rows, and the key is an error.
    for r in &repeated {
        let items = scan.array_items(r.value.start as usize);
        diags.push(repeated_key(r, "表", "table").help(
            format!("前一次的 {} 行没有读取；把两个数组合并为一个", items.len()),
            format!(
                "the {} rows of the first were not read; merge the two arrays",
                items.len()
            ),
        ));
        if let Some(name) = super::table_name(&r.key) {
            let mut t = Table::new(r.first);
            for s in items {
                let at = s.start as usize;
                t.rows
                    .push(Row::bad(Span::new(file, at, (at + 1).min(text.len()))));
                t.places.push((Span::new(file, at, at), String::new()));
            }
            out.push((name.to_string(), t));
        }
    }
    let Some(obj) = value.as_object() else {
        diags.push(
            Diag::error(
                "E0410",
                "JSON 事实文件应是一个对象，每个表一个键",
                "a JSON fact file is an object with one key per table",
            )
            .at(Span::new(file, 0, 0), "此处", "here"),
        );
        return Vec::new();
    };
    for (key, arr) in obj {
        let (key_span, arr_at) = top.get(key).copied().unwrap_or_default();
        let Some(name) = super::table_name(key) else {
            diags.push(Diag::error("E0410", format!("未知的表 `{key}`"), format!("unknown table `{key}`")).at(key_span, "不是 单位、人员、任职、事件、届次、分工 之一", "not one of the tables").help("表名为 单位、人员、任职、事件、届次、分工（或 units、people、tenures、events、terms、assignments）", "tables: 单位, 人员, 任职, 事件, 届次, 分工 (units, people, tenures, events, terms, assignments)"));
            continue;
        };
        let mut t = Table::new(key_span);
        let Some(items) = arr.as_array() else {
            diags.push(
                Diag::error(
                    "E0410",
                    format!("表 `{key}` 应是对象的数组（/{key}）"),
                    format!("table `{key}` must be an array of objects (/{key})"),
                )
                .at(key_span, "此表的值不是数组", "this table is not an array"),
            );
            continue;
        };
        let item_spans = scan.array_items(arr_at.start as usize);
        for (i, item) in items.iter().enumerate() {
            // The row is shown by its opening brace; its cells by their values.
            let at = item_spans.get(i).map_or(arr_at.start, |s| s.start) as usize;
            let span = Span::new(file, at, (at + 1).min(text.len()));
            let pointer = format!("/{key}/{i}");
            let r = row(&scan, name, item, span, &pointer, &mut t, diags);
            t.rows.push(r);
            t.places.push((span, pointer));
        }
        out.push((name.to_string(), t));
    }
    out
}

/// One JSON object → a row; anything else is a malformed row.
fn row(
    scan: &Scanner,
    table: &str,
    item: &serde_json::Value,
    span: Span,
    pointer: &str,
    t: &mut Table,
    diags: &mut Vec<Diag>,
) -> Row {
    let mut r = Row::new(span);
    let Some(obj) = item.as_object() else {
        diags.push(
            Diag::error("E0410", "此行应是一个对象", "a row must be an object").at(
                span,
                "不是对象",
                "not an object",
            ),
        );
        r.cells.insert(BAD.to_string(), (String::new(), span));
        return r;
    };
    let (members, repeated) = scan.object_members(span.start as usize);
    if !repeated.is_empty() {
        // A cell given twice: which value is meant is unknown; the row is not read.
        for r in &repeated {
            diags.push(repeated_key(r, "列", "column").help(
                "一行中每列只写一次；此行未读取",
                "give each column once per row; this row was not read",
            ));
        }
        r.cells.insert(BAD.to_string(), (String::new(), span));
        return r;
    }
    for (k, v) in obj {
        let col = canonical(table, k);
        let (key_span, value_span) = members.get(k).copied().unwrap_or((span, span));
        if !t.columns.contains(&col) {
            t.columns.push(col.clone());
            t.column_spans.push(key_span);
        }
        let s = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            serde_json::Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join("、"),
            other => other.to_string(),
        };
        let place = format!("{pointer}/{}", escape(k));
        r.places.push((key_span, place.clone()));
        r.places.push((value_span, place));
        r.cells.insert(col, (s, value_span));
    }
    r
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A key given twice in one object: serde_json keeps the last value, so the earlier one would
/// vanish without a word.
struct Repeated {
    key: String,
    /// The earlier occurrence's key and value.
    first: Span,
    value: Span,
    /// The later occurrence's key.
    again: Span,
}

/// E0416 at the later key, the earlier one related.
fn repeated_key(r: &Repeated, what_zh: &str, what_en: &str) -> Diag {
    Diag::error(
        "E0416",
        format!("JSON 中{what_zh} `{}` 出现两次", r.key),
        format!("{what_en} `{}` appears twice in the JSON", r.key),
    )
    .at(r.again, "又一次出现", "again here")
    .related(r.first, "第一次在此", "first here")
}

/// Finds where keys and values are in valid JSON text. Iterative: no input depth can exhaust the
/// stack. On text it does not understand it returns fewer spans, never panics.
struct Scanner<'a> {
    text: &'a str,
    file: FileId,
}

impl Scanner<'_> {
    fn byte(&self, i: usize) -> u8 {
        self.text.as_bytes().get(i).copied().unwrap_or(0)
    }

    /// The first non-whitespace byte at or after `i`.
    fn ws(&self, mut i: usize) -> usize {
        while matches!(self.byte(i), b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        i
    }

    /// One past the end of the string starting at `i` (a `"`).
    fn string_end(&self, mut i: usize) -> usize {
        i += 1;
        while i < self.text.len() {
            match self.byte(i) {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        self.text.len()
    }

    /// One past the end of the value starting at `i`.
    fn value_end(&self, i: usize) -> usize {
        match self.byte(i) {
            b'"' => self.string_end(i),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut j = i;
                while j < self.text.len() {
                    match self.byte(j) {
                        b'"' => {
                            j = self.string_end(j);
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return j + 1;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                self.text.len()
            }
            _ => {
                let mut j = i;
                while j < self.text.len()
                    && !matches!(
                        self.byte(j),
                        b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'
                    )
                {
                    j += 1;
                }
                j
            }
        }
    }

    /// The span of a value, without the quotes of a string.
    fn value_span(&self, i: usize) -> Span {
        let end = self.value_end(i);
        if self.byte(i) == b'"' && end >= i + 2 {
            Span::new(self.file, i + 1, end - 1)
        } else {
            Span::new(self.file, i, end)
        }
    }

    /// The members of the object at `i`: key → (key span with quotes, value span) of its last
    /// occurrence (the one serde_json keeps), and every earlier occurrence of a key given again.
    fn object_members(&self, i: usize) -> (HashMap<String, (Span, Span)>, Vec<Repeated>) {
        let mut out: HashMap<String, (Span, Span)> = HashMap::new();
        let mut repeated = Vec::new();
        if self.byte(i) != b'{' {
            return (out, repeated);
        }
        let mut j = self.ws(i + 1);
        while self.byte(j) == b'"' {
            let kend = self.string_end(j);
            let key: String = serde_json::from_str(&self.text[j..kend]).unwrap_or_default();
            let colon = self.ws(kend);
            if self.byte(colon) != b':' {
                break;
            }
            let v = self.ws(colon + 1);
            let key_span = Span::new(self.file, j, kend);
            if let Some((first, value)) = out.insert(key.clone(), (key_span, self.value_span(v))) {
                repeated.push(Repeated {
                    key,
                    first,
                    value,
                    again: key_span,
                });
            }
            j = self.ws(self.value_end(v));
            if self.byte(j) != b',' {
                break;
            }
            j = self.ws(j + 1);
        }
        (out, repeated)
    }

    /// The spans of the items of the array whose value span starts at `i`.
    fn array_items(&self, i: usize) -> Vec<Span> {
        let mut out = Vec::new();
        if self.byte(i) != b'[' {
            return out;
        }
        let mut j = self.ws(i + 1);
        while j < self.text.len() && self.byte(j) != b']' {
            let end = self.value_end(j);
            out.push(Span::new(self.file, j, end));
            j = self.ws(end);
            if self.byte(j) != b',' {
                break;
            }
            j = self.ws(j + 1);
        }
        out
    }
}
