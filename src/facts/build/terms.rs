//! The 届次 table: terms of units (P4 full coverage in a term).

use super::super::tables::Table;
use super::*;

impl Builder<'_> {
    /// Reads 届次 rows: 单位, 届次, 起始 (required), 终止.
    pub fn terms(&mut self, t: &Table) {
        if !self.columns(t, "届次", &["单位", "届次", "起始"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        for row in &t.rows {
            if row.cells.contains_key("\0bad") || !self.term(t, row) {
                self.skip();
            }
        }
    }

    fn term(&mut self, t: &Table, row: &Row) -> bool {
        let (u, label) = (self.required(t, row, "单位"), self.required(t, row, "届次"));
        let (Some(u), Some(label)) = (u, label) else {
            return false;
        };
        let unit = match self.lookup(row, u.0, u.1, "单位") {
            Some(PartyId::Unit(x)) => Some(x),
            Some(_) => {
                self.err(
                    "E0404",
                    row,
                    u.1,
                    format!("`{}` 是人员而不是单位", u.0),
                    format!("`{}` is a person, not a unit", u.0),
                    ("应为单位编号", "a unit id is expected"),
                );
                None
            }
            None => None,
        };
        let (start, end) = (self.date(row, "起始"), self.date(row, "终止"));
        let (Some(unit), Ok(Some(start)), Ok(end)) = (unit, start, end) else {
            return false;
        };
        if let Some(e) = end.filter(|&e| e < start) {
            let span = row.get("终止").map_or(row.span, |(_, s)| s);
            self.err(
                "E0406",
                row,
                span,
                format!("终止 {e} 早于起始 {start}"),
                format!("end {e} before start {start}"),
                ("终止日期早于起始日期", "end before start"),
            );
            return false;
        }
        self.facts.terms.push(Term {
            unit,
            term: label.0.to_string(),
            start,
            end,
            origin: Origin { span: row.span },
        });
        true
    }
}
