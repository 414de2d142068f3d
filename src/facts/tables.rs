//! Reading tables: CSV text and JSON arrays of objects → rows of located cells.

use std::collections::HashMap;

use crate::diagnostics::Diag;
use crate::span::{FileId, SourceMap, Span};
use crate::text::fold;

/// One table as read: rows of cells keyed by the canonical (Chinese) column name.
pub(crate) struct Table {
    /// Canonical column names present, in order.
    pub columns: Vec<String>,
    /// Where the header (CSV) or the table key (JSON) is.
    pub header_span: Span,
    /// Data rows.
    pub rows: Vec<Row>,
}

/// One data row.
pub(crate) struct Row {
    /// The whole row.
    pub span: Span,
    /// JSON pointer of the row, for JSON input.
    pub pointer: Option<String>,
    /// Cells: canonical column → (text, span).
    pub cells: HashMap<String, (String, Span)>,
}

impl Row {
    /// The trimmed, non-empty text of a column.
    pub fn get(&self, col: &str) -> Option<(&str, Span)> {
        self.cells
            .get(col)
            .map(|(t, s)| (t.trim(), *s))
            .filter(|(t, _)| !t.is_empty())
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

/// Reads CSV `text` of file `file`.
pub(crate) fn read_csv(table: &str, file: FileId, text: &str, diags: &mut Vec<Diag>) -> Table {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Table {
        columns: Vec::new(),
        header_span: Span::new(file, 0, 0),
        rows: Vec::new(),
    };
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
            continue;
        }
        if rec.len() != out.columns.len() {
            diags.push(
                Diag::error(
                    "E0410",
                    format!(
                        "此行有 {} 个字段，表头有 {} 列",
                        rec.len(),
                        out.columns.len()
                    ),
                    format!(
                        "this row has {} fields, the header has {} columns",
                        rec.len(),
                        out.columns.len()
                    ),
                )
                .at(
                    row_span,
                    "字段数与表头不符",
                    "field count differs from the header",
                )
                .help(
                    "检查是否多了或少了逗号；含逗号的值要用英文双引号括起",
                    "check for missing or extra commas; quote values that contain commas",
                ),
            );
            out.rows.push(Row {
                span: row_span,
                pointer: None,
                cells: HashMap::from([("\0bad".to_string(), (String::new(), row_span))]),
            });
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
            pointer: None,
            cells,
        });
    }
    out
}

/// Byte spans of the fields of the record in `text[start..end]` (quote-aware).
fn field_spans(text: &str, start: usize, end: usize, n: usize, file: FileId) -> Vec<Span> {
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

/// Reads the JSON form: `{ "单位": [ {...}, ... ], ... }`. Returns the tables by canonical name.
pub(crate) fn read_json(
    file: FileId,
    sources: &SourceMap,
    diags: &mut Vec<Diag>,
) -> Vec<(String, Table)> {
    let text = &sources.get(file).text;
    let whole = Span::new(file, 0, 0);
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let at = sources.get(file).line_start(e.line()) + e.column().saturating_sub(1);
            let at = at.min(text.len());
            let at = (0..=at)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
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
    let Some(obj) = value.as_object() else {
        diags.push(
            Diag::error(
                "E0410",
                "JSON 事实文件应是一个对象，每个表一个键",
                "a JSON fact file is an object with one key per table",
            )
            .at(whole, "此处", "here"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, arr) in obj {
        let name = table_name(key);
        let key_at = text.find(&format!("\"{key}\"")).unwrap_or(0);
        let key_span = Span::new(file, key_at, key_at + key.len() + 2);
        let Some(name) = name else {
            diags.push(Diag::error("E0410", format!("未知的表 `{key}`"), format!("unknown table `{key}`")).at(key_span, "不是 单位、人员、任职、事件、届次 之一", "not one of the tables").help("表名为 单位、人员、任职、事件、届次（或 units、people、tenures、events、terms）", "tables: 单位, 人员, 任职, 事件, 届次 (units, people, tenures, events, terms)"));
            continue;
        };
        let mut t = Table {
            columns: Vec::new(),
            header_span: key_span,
            rows: Vec::new(),
        };
        // Rows are located by scanning forward for each object's opening brace after the key.
        let mut cursor = key_at;
        for (i, row) in arr.as_array().into_iter().flatten().enumerate() {
            let at = text[cursor..].find('{').map_or(key_at, |o| cursor + o);
            cursor = (at + 1).min(text.len());
            let span = Span::new(file, at, at + 1);
            let mut cells = HashMap::new();
            for (k, v) in row.as_object().into_iter().flatten() {
                let col = canonical(name, k);
                if !t.columns.contains(&col) {
                    t.columns.push(col.clone());
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
                cells.insert(col, (s, span));
            }
            t.rows.push(Row {
                span,
                pointer: Some(format!("/{key}/{i}")),
                cells,
            });
        }
        out.push((name.to_string(), t));
    }
    out
}

fn table_name(key: &str) -> Option<&'static str> {
    Some(match fold(key).to_lowercase().as_str() {
        "单位" | "units" => "单位",
        "人员" | "people" | "persons" => "人员",
        "任职" | "tenures" => "任职",
        "事件" | "events" => "事件",
        "届次" | "terms" => "届次",
        _ => return None,
    })
}
