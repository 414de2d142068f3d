//! Fact-set loading: the shape shared by CSV and JSON input, a table whose every cell has a span.
//!
//! Readers (`csv.rs`, `json.rs`) build [`Table`]s and report only problems of form (columns,
//! row shape); `validate.rs` and `events.rs` turn tables into [`Facts`](super::Facts).

use crate::diagnostics::{did_you_mean, Diag};
use crate::ir::Vocabulary;
use crate::span::{FileId, Span};
use crate::text::fold;

/// The five tables of a fact set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TableKind {
    Units,
    People,
    Tenures,
    Events,
    Terms,
}

impl TableKind {
    /// Every table, in the order they are validated.
    pub(crate) const ALL: [TableKind; 5] = [
        TableKind::Units,
        TableKind::People,
        TableKind::Tenures,
        TableKind::Events,
        TableKind::Terms,
    ];

    /// The Chinese table name (also the CSV file stem).
    pub(crate) fn zh(self) -> &'static str {
        match self {
            TableKind::Units => "单位",
            TableKind::People => "人员",
            TableKind::Tenures => "任职",
            TableKind::Events => "事件",
            TableKind::Terms => "届次",
        }
    }

    /// The English alias.
    pub(crate) fn en(self) -> &'static str {
        match self {
            TableKind::Units => "units",
            TableKind::People => "people",
            TableKind::Tenures => "tenures",
            TableKind::Events => "events",
            TableKind::Terms => "terms",
        }
    }

    /// The table named `name` (Chinese or English, compared after folding).
    pub(crate) fn from_name(name: &str) -> Option<TableKind> {
        let f = fold(name);
        let l = f.to_lowercase();
        TableKind::ALL
            .into_iter()
            .find(|k| k.zh() == f || k.en() == l)
    }

    /// Whether a fact set must hold this table (届次 is optional).
    pub(crate) fn required(self) -> bool {
        self != TableKind::Terms
    }

    /// The fixed columns: (column, Chinese header, English alias, required).
    fn spec(self) -> &'static [(Col, &'static str, &'static str, bool)] {
        use Col::*;
        match self {
            TableKind::Units => &[
                (Id, "编号", "id", true),
                (Name, "名称", "name", true),
                (Kind, "类别", "kind", true),
                (Parent, "上级", "parent", false),
                (Peer, "同级", "peer", false),
            ],
            TableKind::People => &[(Id, "编号", "id", true), (Name, "姓名", "name", false)],
            TableKind::Tenures => &[
                (Person, "人员", "person", true),
                (Unit, "单位", "unit", true),
                (Role, "职务", "role", true),
                (Start, "起始", "start", true),
                (End, "终止", "end", false),
            ],
            TableKind::Events => &[
                (Id, "编号", "id", true),
                (Date, "日期", "date", true),
                (Kind, "类型", "kind", true),
                (Unit, "单位", "unit", false),
                (Actor, "主体", "actor", false),
                (Target, "对象", "target", false),
            ],
            TableKind::Terms => &[
                (Unit, "单位", "unit", true),
                (Term, "届次", "term", true),
                (Start, "起始", "start", true),
                (End, "终止", "end", false),
            ],
        }
    }

    /// The Chinese and English names of a fixed column of this table.
    pub(crate) fn col_name(self, col: Col) -> (&'static str, &'static str) {
        self.spec()
            .iter()
            .find(|s| s.0 == col)
            .map_or(("?", "?"), |s| (s.1, s.2))
    }
}

/// A column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    Id,
    Name,
    Kind,
    Parent,
    Peer,
    Person,
    Unit,
    Role,
    Start,
    End,
    Date,
    Actor,
    Target,
    Term,
    /// A declared extra field of event kinds: index into [`Table::fields`].
    Field(usize),
    /// A column that is reported and ignored.
    Ignored,
}

/// One cell: its text (trimmed, unescaped) and where it is.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    /// The value, trimmed.
    pub text: String,
    /// Where the value is (inside the quotes of a quoted value).
    pub span: Span,
    /// Whether `text` is byte for byte the source under `span`, so sub-spans can be computed.
    pub exact: bool,
    /// For a JSON array (主体/对象 as a list): its elements.
    pub items: Vec<Cell>,
}

impl Cell {
    /// A cell for `raw` at `start`, trimmed; `value` is the unescaped text.
    pub(crate) fn new(file: FileId, value: &str, raw: Option<&str>, start: usize) -> Cell {
        let text = value.trim();
        let exact = raw == Some(value);
        let span = match raw {
            Some(_) if exact => {
                let lead = value.len() - value.trim_start().len();
                Span::new(file, start + lead, start + lead + text.len())
            }
            Some(r) => Span::new(file, start, start + r.len()),
            None => Span::new(file, start, start),
        };
        Cell { text: text.to_string(), span, exact, items: Vec::new() }
    }

    /// The ids in a 主体/对象 cell, each with its own span where it can be computed.
    pub(crate) fn ids(&self) -> Vec<(String, Span)> {
        if !self.items.is_empty() {
            return self.items.iter().flat_map(Cell::ids).collect();
        }
        let is_sep = |c: char| matches!(c, '、' | ';' | '；' | '|' | '｜' | ',' | '，');
        let mut out = Vec::new();
        let mut from = 0;
        for (i, c) in self.text.char_indices().chain([(self.text.len(), ',')]) {
            if !is_sep(c) {
                continue;
            }
            let start = from;
            let piece = self.text.get(start..i).unwrap_or("");
            from = i + c.len_utf8();
            let id = piece.trim();
            if id.is_empty() {
                continue;
            }
            let span = if self.exact {
                let lead = piece.len() - piece.trim_start().len();
                let s = self.span.start as usize + start + lead;
                Span::new(self.span.file, s, s + id.len())
            } else {
                self.span
            };
            out.push((id.to_string(), span));
        }
        out
    }
}

/// One data row.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// The whole row (CSV record or JSON object).
    pub span: Span,
    /// Cells by column index; `None` where a JSON object lacks the key.
    pub cells: Vec<Option<Cell>>,
    /// JSON pointer of the row (`/事件/3`), for JSON input.
    pub pointer: Option<String>,
    /// 0-based index among all data rows of the table, good or bad.
    pub index: usize,
}

/// A table read from one file.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Which table.
    pub kind: TableKind,
    /// The columns, in header order.
    pub columns: Vec<Col>,
    /// Folded keys of the extra field columns ([`Col::Field`]).
    pub fields: Vec<String>,
    /// Rows of the right shape, in file order.
    pub rows: Vec<Row>,
    /// Data rows read but already rejected (wrong shape, or the table lacks a required column).
    pub bad_rows: usize,
}

impl Table {
    /// An empty table.
    pub(crate) fn new(kind: TableKind) -> Table {
        Table { kind, columns: Vec::new(), fields: Vec::new(), rows: Vec::new(), bad_rows: 0 }
    }

    /// Number of data rows read.
    pub(crate) fn rows_read(&self) -> usize {
        self.rows.len() + self.bad_rows
    }

    /// The non-empty cell of `row` in column `col`.
    pub(crate) fn cell<'t>(&self, row: &'t Row, col: Col) -> Option<&'t Cell> {
        let i = self.columns.iter().position(|c| *c == col)?;
        row.cells
            .get(i)?
            .as_ref()
            .filter(|c| !c.text.is_empty() || !c.items.is_empty())
    }

    /// The cell of `row` in `col`, empty or not, to point at when a value is missing.
    pub(crate) fn cell_any<'t>(&self, row: &'t Row, col: Col) -> Option<&'t Cell> {
        let i = self.columns.iter().position(|c| *c == col)?;
        row.cells.get(i)?.as_ref()
    }

    /// Resolves a header (or JSON key) to a column, adding it; reports an unknown or repeated one.
    pub(crate) fn add_column(&mut self, header: &str, span: Span, vocab: &Vocabulary) -> Result<Col, Diag> {
        let col = self.column_of(header, vocab).map_err(|()| self.unknown_column(header, span, vocab))?;
        if self.columns.contains(&col) {
            self.columns.push(Col::Ignored);
            return Err(Diag::error(
                "E0410",
                format!("表 `{}` 的列 `{header}` 重复", self.kind.zh()),
                format!("column `{header}` appears twice in table `{}`", self.kind.en()),
            )
            .at(span, "重复的列", "repeated column"));
        }
        self.columns.push(col);
        Ok(col)
    }

    fn column_of(&mut self, header: &str, vocab: &Vocabulary) -> Result<Col, ()> {
        let f = fold(header);
        let l = f.to_lowercase();
        if let Some(s) = self.kind.spec().iter().find(|s| s.1 == f || s.2 == l) {
            return Ok(s.0);
        }
        if self.kind != TableKind::Events {
            return Err(());
        }
        if !vocab.events.iter().any(|e| e.field(&f).is_some()) {
            return Err(());
        }
        match self.fields.iter().position(|k| *k == f) {
            Some(i) => Ok(Col::Field(i)),
            None => {
                self.fields.push(f);
                Ok(Col::Field(self.fields.len() - 1))
            }
        }
    }

    fn unknown_column(&mut self, header: &str, span: Span, vocab: &Vocabulary) -> Diag {
        self.columns.push(Col::Ignored);
        let mut names: Vec<&str> = self.kind.spec().iter().map(|s| s.1).collect();
        if self.kind == TableKind::Events {
            names.extend(vocab.events.iter().flat_map(|e| e.fields.iter().map(|f| f.name.display.as_str())));
            names.dedup();
        }
        let (zh, en) = match self.kind {
            TableKind::Events => ("不是任何事项声明的字段", "no event kind declares this field"),
            _ => ("这张表没有这一列", "this table has no such column"),
        };
        Diag::error(
            "E0413",
            format!("表 `{}` 中有未声明的列 `{header}`", self.kind.zh()),
            format!("undeclared column `{header}` in table `{}`", self.kind.en()),
        )
        .at(span, zh, en)
        .maybe_help(did_you_mean(header, names))
    }

    /// E0409 for every required column the header lacks, pointing at `header`.
    pub(crate) fn missing_columns(&self, header: Span) -> Vec<Diag> {
        self.kind
            .spec()
            .iter()
            .filter(|s| s.3 && !self.columns.contains(&s.0))
            .map(|s| {
                Diag::error(
                    "E0409",
                    format!("表 `{}` 缺少必需的列 `{}`", self.kind.zh(), s.1),
                    format!("table `{}` lacks the required column `{}` ({})", self.kind.en(), s.1, s.2),
                )
                .at(header, "表头", "header")
                .help(
                    format!("表头须含有 {}", self.required_list(true)),
                    format!("the header must have {}", self.required_list(false)),
                )
            })
            .collect()
    }

    fn required_list(&self, zh: bool) -> String {
        let names: Vec<String> = self
            .kind
            .spec()
            .iter()
            .filter(|s| s.3)
            .map(|s| if zh { format!("`{}`", s.1) } else { format!("`{}` ({})", s.1, s.2) })
            .collect();
        names.join(if zh { "、" } else { ", " })
    }
}
