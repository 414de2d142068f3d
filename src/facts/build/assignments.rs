//! The optional 分工 table: who in a unit's 班子 is in charge of which areas (分管), and which
//! units each is the 分管联系领导 for (联系单位). Held to the same checks as 任职: ids, dates,
//! end before start, duplicate columns, rows with errors left out and counted.

use super::super::tables::{Row, Table};
use super::Builder;
use crate::facts::{Assignment, Origin, UnitIdx};
use crate::span::Span;

/// The columns of 分工, required first.
pub(crate) const COLUMNS: &[&str] = &["人员", "单位", "分管", "联系单位", "起始", "终止"];
const REQUIRED: &[&str] = &["人员", "单位", "分管", "起始"];

/// The items of a list cell (`干部人事、财务`, `U2;U3`): trimmed, empty items dropped.
pub(crate) fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(['、', ';', '；', '|', ',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

impl Builder<'_> {
    pub fn assignments(&mut self, t: &Table) {
        if !self.columns(t, "分工", REQUIRED) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        self.extra_columns(t, "分工", COLUMNS);
        for row in &t.rows {
            if row.is_bad() || !self.assignment(t, row) {
                self.skip();
            }
        }
    }

    fn assignment(&mut self, t: &Table, row: &Row) -> bool {
        let (p, u, a, s) = (
            self.required(t, row, "人员"),
            self.required(t, row, "单位"),
            self.required(t, row, "分管"),
            self.required(t, row, "起始"),
        );
        let (Some(p), Some(u), Some(a), Some(_)) = (p, u, a, s) else {
            return false;
        };
        let person = self.lookup_person(row, p.0, p.1, "人员");
        let unit = self.lookup_unit(row, u.0, u.1, "单位");
        let areas: Vec<String> = list_items(a.0).map(str::to_string).collect();
        let contacts = self.contacts(row);
        let (start, end) = (self.date(row, "起始"), self.date(row, "终止"));
        let (Some(person), Some(unit), Some(contacts), Ok(Some(start)), Ok(end)) =
            (person, unit, contacts, start, end)
        else {
            return false;
        };
        if !self.end_after_start(row, start, end) {
            return false;
        }
        self.facts.assignments.push(Assignment {
            person,
            unit,
            areas,
            contacts,
            start,
            end,
            origin: Origin { span: row.span },
        });
        true
    }

    /// The 联系单位 of a row, each id checked (an unknown one reported at the id itself);
    /// `None` if any is wrong.
    fn contacts(&mut self, row: &Row) -> Option<Vec<UnitIdx>> {
        let Some((raw, cell)) = row.cells.get("联系单位") else {
            return Some(Vec::new());
        };
        let mut out = Vec::new();
        let mut ok = true;
        let mut from = 0;
        for id in list_items(raw) {
            let at = locate(raw, *cell, id, from);
            if at != *cell {
                from = (at.end - cell.start) as usize;
            }
            match self.lookup_unit(row, id, at, "联系单位") {
                Some(u) if !out.contains(&u) => out.push(u),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// Where `part` is in a cell whose text is `raw` and whose span is `cell`, searching from byte
/// `from` of the span: the cell's own text (CSV unquoted, an XLSX cell) or the text between its
/// quotes (CSV quoted, a JSON string without escapes); the whole cell when the span does not
/// hold the text as it is.
fn locate(raw: &str, cell: Span, part: &str, from: usize) -> Span {
    let len = (cell.end - cell.start) as usize;
    let inner = if len == raw.len() {
        0
    } else if len == raw.len() + 2 {
        1
    } else {
        return cell;
    };
    let skip = from.saturating_sub(inner);
    let Some(i) = raw.get(skip..).and_then(|r| r.find(part)) else {
        return cell;
    };
    let s = cell.start as usize + inner + skip + i;
    Span::new(cell.file, s, s + part.len())
}
