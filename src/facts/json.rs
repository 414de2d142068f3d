//! Fact-set loading: a JSON fact file into [`Table`]s, every value located in the file.
//!
//! `serde_json` decodes the values; a small scanner ([`Node`]) walks the same (valid) text again
//! for the byte range of every value, since `serde_json::Value` keeps no positions.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::table::{Cell, Row, Table, TableKind};
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir::Vocabulary;
use crate::span::{FileId, Span};

/// Reads every table of a JSON fact file. `text` is the file as added to the source map.
pub(crate) fn read(file: FileId, text: &str, vocab: &Vocabulary, diags: &mut Vec<Diag>) -> Vec<Table> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(syntax_error(file, text, &e));
            return Vec::new();
        }
    };
    let whole = Node { span: (0, text.len()), kind: NodeKind::Leaf };
    let root = Scanner { b: text.as_bytes(), i: 0 }.document().unwrap_or(whole);
    let r = Reader { file, text, vocab };
    let Value::Object(map) = value else {
        diags.push(
            Diag::error("E0410", "事实文件的顶层应为对象", "the top level of a fact file must be an object")
                .at(r.span(&root), "不是对象", "not an object")
                .help("每张表一个键：`{\"单位\": […], \"人员\": […], …}`", "one key per table: `{\"units\": […], \"people\": […], …}`"),
        );
        return Vec::new();
    };
    let mut tables = Vec::new();
    for (key, v) in &map {
        let (key_span, node) = root.key(key).map_or((root.span, &root), |(s, n)| (*s, n));
        match TableKind::from_name(key) {
            Some(kind) => tables.push(r.table(kind, key, v, node, diags)),
            None => diags.push(r.unknown_table(key, key_span)),
        }
    }
    for kind in TableKind::ALL.into_iter().filter(|k| k.required()) {
        if !tables.iter().any(|t| t.kind == kind) {
            let open = (root.span.0, (root.span.0 + 1).min(text.len()));
            diags.push(
                Diag::error(
                    "E0409",
                    format!("事实文件缺少表 `{}`", kind.zh()),
                    format!("the fact file lacks the table `{}`", kind.en()),
                )
                .at(r.span_of(open), "顶层对象", "top-level object")
                .help(
                    format!("加上键 `\"{}\": []`（可以为空）", kind.zh()),
                    format!("add the key `\"{}\": []` (it may be empty)", kind.en()),
                ),
            );
        }
    }
    tables
}

/// E0410 at the place `serde_json` stopped.
fn syntax_error(file: FileId, text: &str, e: &serde_json::Error) -> Diag {
    let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let end = text.get(at..).and_then(|s| s.chars().next()).map_or(at, |c| at + c.len_utf8());
    Diag::error("E0410", format!("JSON 格式有误：{e}"), format!("malformed json: {e}"))
        .at(Span::new(file, at, end), "此处", "here")
}

struct Reader<'a> {
    file: FileId,
    text: &'a str,
    vocab: &'a Vocabulary,
}

impl Reader<'_> {
    fn span_of(&self, (s, e): (usize, usize)) -> Span {
        Span::new(self.file, s, e)
    }

    fn span(&self, n: &Node) -> Span {
        self.span_of(n.span)
    }

    fn unknown_table(&self, key: &str, span: Span) -> Diag {
        let names = TableKind::ALL.into_iter().map(TableKind::zh);
        Diag::error("E0413", format!("未知的表 `{key}`"), format!("unknown table `{key}`"))
            .at(span, "不是事实表", "not a fact table")
            .maybe_help(did_you_mean(key, names))
    }

    /// One table: an array of objects.
    fn table(&self, kind: TableKind, key: &str, v: &Value, node: &Node, diags: &mut Vec<Diag>) -> Table {
        let mut t = Table::new(kind);
        let Value::Array(items) = v else {
            diags.push(
                Diag::error(
                    "E0410",
                    format!("表 `{key}` 应为对象的数组"),
                    format!("table `{key}` must be an array of objects"),
                )
                .at(self.span(node), "不是数组", "not an array"),
            );
            return t;
        };
        let mut cols: HashMap<String, Option<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let n = node.at(i).unwrap_or(node);
            let pointer = format!("/{key}/{i}");
            let Value::Object(obj) = item else {
                diags.push(
                    Diag::error("E0410", format!("`{pointer}` 应为对象"), format!("`{pointer}` must be an object"))
                        .at(self.span(n), "不是对象", "not an object"),
                );
                t.bad_rows += 1;
                continue;
            };
            match self.row(&mut t, &mut cols, obj, n, &pointer, diags) {
                Some(cells) => t.rows.push(Row { span: self.span(n), cells, pointer: Some(pointer), index: i }),
                None => t.bad_rows += 1,
            }
        }
        let width = t.columns.len();
        for r in &mut t.rows {
            r.cells.resize(width, None);
        }
        t
    }

    /// The cells of one object, by column; `None` when a value has the wrong shape.
    fn row(
        &self,
        t: &mut Table,
        cols: &mut HashMap<String, Option<usize>>,
        obj: &Map<String, Value>,
        node: &Node,
        pointer: &str,
        diags: &mut Vec<Diag>,
    ) -> Option<Vec<Option<Cell>>> {
        let mut cells: Vec<Option<Cell>> = Vec::new();
        let mut ok = true;
        for (k, v) in obj {
            let (key_span, vn) = node.key(k).map_or((node.span, node), |(s, n)| (*s, n));
            let col = *cols.entry(k.clone()).or_insert_with(|| {
                match t.add_column(k, self.span_of(key_span), self.vocab) {
                    Ok(_) => Some(t.columns.len() - 1),
                    Err(d) => {
                        diags.push(d);
                        None
                    }
                }
            });
            let Some(col) = col else { continue };
            match self.cell(v, vn, true) {
                Ok(c) => {
                    if cells.len() <= col {
                        cells.resize(col + 1, None);
                    }
                    cells[col] = c;
                }
                Err(()) => {
                    ok = false;
                    diags.push(
                        Diag::error(
                            "E0411",
                            format!("`{pointer}/{k}` 的值应为文本、数字或文本的列表"),
                            format!("`{pointer}/{k}` must be text, a number or a list of text"),
                        )
                        .at(self.span(vn), "类型不对", "wrong type"),
                    );
                }
            }
        }
        ok.then_some(cells)
    }

    /// A value as a cell: `None` for null, an error for objects and nested lists.
    fn cell(&self, v: &Value, n: &Node, list_ok: bool) -> Result<Option<Cell>, ()> {
        let (s, e) = n.span;
        Ok(Some(match v {
            Value::Null => return Ok(None),
            Value::String(x) => {
                let inner = (s + 1).min(e);
                Cell::new(self.file, x, self.text.get(inner..e.saturating_sub(1).max(inner)), inner)
            }
            Value::Number(_) | Value::Bool(_) => {
                let raw = self.text.get(s..e).unwrap_or("");
                Cell::new(self.file, raw, Some(raw), s)
            }
            Value::Array(xs) if list_ok => {
                let mut items = Vec::new();
                for (i, x) in xs.iter().enumerate() {
                    let xn = n.at(i).unwrap_or(n);
                    items.extend(self.cell(x, xn, false)?);
                }
                let text = items.iter().map(|c: &Cell| c.text.as_str()).collect::<Vec<_>>().join("、");
                Cell { text, span: self.span(n), exact: false, items }
            }
            Value::Array(_) | Value::Object(_) => return Err(()),
        }))
    }
}

/// Where a JSON value is: its byte range and, for arrays and objects, its children.
#[derive(Debug)]
struct Node {
    span: (usize, usize),
    kind: NodeKind,
}

#[derive(Debug)]
enum NodeKind {
    Leaf,
    Array(Vec<Node>),
    /// Keys (decoded), the byte range of each key, and the values.
    Object(Vec<(String, (usize, usize), Node)>),
}

impl Node {
    fn at(&self, i: usize) -> Option<&Node> {
        match &self.kind {
            NodeKind::Array(xs) => xs.get(i),
            _ => None,
        }
    }

    /// The value of `key` (the last one if repeated, as `serde_json` keeps).
    fn key(&self, key: &str) -> Option<(&(usize, usize), &Node)> {
        match &self.kind {
            NodeKind::Object(kv) => kv.iter().rev().find(|(k, _, _)| k == key).map(|(_, s, n)| (s, n)),
            _ => None,
        }
    }
}

/// Walks valid JSON text; returns `None` if the text is not what it expects.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn document(mut self) -> Option<Node> {
        self.ws();
        self.value(0)
    }

    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > 256 {
            return None;
        }
        let start = self.i;
        let kind = match self.b.get(self.i)? {
            b'{' => NodeKind::Object(self.object(depth)?),
            b'[' => NodeKind::Array(self.array(depth)?),
            b'"' => {
                self.string()?;
                NodeKind::Leaf
            }
            _ => {
                while self.i < self.b.len() && !matches!(self.b[self.i], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                    self.i += 1;
                }
                NodeKind::Leaf
            }
        };
        Some(Node { span: (start, self.i), kind })
    }

    fn string(&mut self) -> Option<(usize, usize)> {
        let start = self.i;
        self.i += 1;
        while let Some(&c) = self.b.get(self.i) {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => return Some((start, self.i)),
                _ => {}
            }
        }
        None
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Node>> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            self.ws();
            match self.b.get(self.i)? {
                b']' => {
                    self.i += 1;
                    return Some(out);
                }
                b',' => self.i += 1,
                _ => out.push(self.value(depth + 1)?),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Vec<(String, (usize, usize), Node)>> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            self.ws();
            match self.b.get(self.i)? {
                b'}' => {
                    self.i += 1;
                    return Some(out);
                }
                b',' => self.i += 1,
                b'"' => {
                    let (s, e) = self.string()?;
                    let raw = std::str::from_utf8(self.b.get(s..e)?).ok()?;
                    let key: String = serde_json::from_str(raw).ok()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    out.push((key, (s, e), v));
                }
                _ => return None,
            }
        }
    }
}
