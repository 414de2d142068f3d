//! Stage 4, report: an [`Outcome`](crate::eval::Outcome) → text for people (table) or programs
//! (JSON, the contract of facts-and-reports.md).
//!
//! INVARIANT: rendering is a pure function of its inputs: the same outcome gives byte-identical
//! output (no clocks, no hash-map iteration order).

mod csv;
mod explain;
pub(crate) mod html;
mod json;
pub mod rows;
mod table;
mod wrap;
mod xlsx;

pub use self::csv::to_csv;
pub use html::to_html;
pub mod why;
pub mod words;

pub use explain::{explain_json, explain_text};
pub use json::to_json;
pub use table::{to_table, to_table_width};
pub use xlsx::to_xlsx;

use crate::diagnostics::Lang;
use crate::eval::{Instance, Party};
use crate::facts::Facts;
use crate::ir::{self, CountOp};

/// An output format of `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The text table for a terminal.
    Table,
    /// The JSON report of the contract.
    Json,
    /// One CSV row per instance.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, by its command-line name.
    pub const ALL: [(&'static str, Format); 5] = [
        ("table", Format::Table),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("xlsx", Format::Xlsx),
        ("html", Format::Html),
    ];

    /// The format called `name` on the command line.
    pub fn from_name(name: &str) -> Option<Format> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

/// Renders `r` in `format` and `lang` (the JSON report is the same in every language). Only the
/// workbook can fail (past Excel's limits, such as 1,048,576 rows); the error says why.
pub fn render(r: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Table => to_table(r, lang).into_bytes(),
        Format::Json => to_json(r).into_bytes(),
        Format::Csv => to_csv(r, lang),
        Format::Xlsx => {
            xlsx::check_fits(r, lang)?;
            to_xlsx(r, lang).map_err(|e| e.to_string())?
        }
        Format::Html => to_html(r, lang).into_bytes(),
    })
}

/// Everything a renderer needs.
pub struct Report<'a> {
    /// The checked ruleset.
    pub ruleset: &'a ir::Ruleset,
    /// The facts.
    pub facts: &'a Facts,
    /// The evaluation result.
    pub outcome: &'a crate::eval::Outcome,
    /// The evaluation date.
    pub as_of: chrono::NaiveDate,
}

impl Report<'_> {
    fn person_id(&self, p: Party) -> Option<&str> {
        p.person.map(|i| self.facts.people[i as usize].id.as_str())
    }

    fn unit_id(&self, p: Party) -> &str {
        &self.facts.units[p.unit as usize].id
    }

    fn event_id(&self, e: u32) -> &str {
        &self.facts.events[e as usize].id
    }

    fn event_display(&self, key: &str) -> String {
        self.ruleset
            .vocab
            .event(key)
            .map_or_else(|| key.to_string(), |e| e.name.display.clone())
    }

    /// (min, max) of a rule's requirement.
    fn bounds(rule: &ir::Rule) -> (Option<u32>, Option<u32>) {
        match &rule.body {
            Some(ir::RuleBody::Periodic { count, .. }) => match count.op {
                CountOp::AtLeast => (Some(count.n), None),
                CountOp::AtMost => (None, Some(count.n)),
                CountOp::Exactly => (Some(count.n), Some(count.n)),
            },
            Some(ir::RuleBody::Prohibited { .. } | ir::RuleBody::ForbiddenAssignment { .. }) => {
                (None, Some(0))
            }
            Some(ir::RuleBody::Ratio { .. } | ir::RuleBody::TermCoverage { .. }) => (None, None),
            _ => (Some(1), None),
        }
    }

    /// The indices of the instances whose subject or responsible party is in unit `u` (a unit's
    /// sheet in the workbook, the unit filter of the HTML page).
    fn unit_rows(&self, u: u32) -> Vec<usize> {
        self.outcome
            .instances
            .iter()
            .enumerate()
            .filter(|(_, i)| i.subject.unit == u || i.responsible.is_some_and(|p| p.unit == u))
            .map(|(n, _)| n)
            .collect()
    }

    /// The line on the facts every report starts with.
    fn facts_line(&self, lang: Lang) -> String {
        let f = self.facts;
        let (u, p, t, e) = (
            f.units.len(),
            f.people.len(),
            f.tenures.len(),
            f.event_rows(),
        );
        let (s, d) = (f.skipped_rows, f.duplicates.len());
        let partial = f.partial_rows;
        let line = self.facts_counts(lang, (u, p, t, e), (s, d), partial);
        // Only a fact set with a 分工 table names it (older reports are unchanged).
        match (f.assignments.len(), lang) {
            (0, _) => line,
            (n, Lang::Zh) => format!("{line}；分工 {n} 条"),
            (n, Lang::En) => format!("{line}; {n} assignments"),
        }
    }

    fn facts_counts(
        &self,
        lang: Lang,
        (u, p, t, e): (usize, usize, usize, usize),
        (s, d): (usize, usize),
        partial: usize,
    ) -> String {
        match lang {
            Lang::Zh if partial > 0 => format!(
                "事实：{u} 个单位，{p} 人，{t} 条任职，{e} 个事件；跳过 {s} 行，部分读取 {partial} 行，重复事件 {d} 个"
            ),
            Lang::Zh => format!(
                "事实：{u} 个单位，{p} 人，{t} 条任职，{e} 个事件；跳过 {s} 行，重复事件 {d} 个"
            ),
            Lang::En if partial > 0 => format!(
                "facts: {u} units, {p} people, {t} tenures, {e} events; {s} rows skipped, {partial} partly read, {d} duplicate events"
            ),
            Lang::En => format!(
                "facts: {u} units, {p} people, {t} tenures, {e} events; {s} rows skipped, {d} duplicate events"
            ),
        }
    }

    /// For each rule with instances, in ruleset order: its index and its counts by status (in the
    /// order of [`Report::summary`]).
    fn by_rule(&self) -> Vec<(usize, Vec<usize>)> {
        let statuses: Vec<crate::eval::Status> = self.summary().iter().map(|(s, _)| *s).collect();
        let mut counts = vec![vec![0; statuses.len()]; self.ruleset.rules.len()];
        for i in &self.outcome.instances {
            if let Some(c) = statuses.iter().position(|&s| s == i.status) {
                counts[i.rule][c] += 1;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, c)| c.iter().any(|&n| n > 0))
            .collect()
    }

    /// The note on a rule left unevaluated.
    fn skipped_note(&self, s: &crate::eval::Skipped, lang: Lang) -> String {
        let id = &self.ruleset.rules[s.rule].id;
        match lang {
            Lang::Zh => format!("【{id}】 未评估：参数 {} 未定", s.open_params.join("、")),
            Lang::En => format!(
                "[{id}] not evaluated: open parameters {}",
                s.open_params.join(", ")
            ),
        }
    }

    /// Counts by status; `not_applicable` only when the outcome holds such instances (`--all`).
    fn summary(&self) -> Vec<(crate::eval::Status, usize)> {
        use crate::eval::Status::*;
        let n = |s| {
            self.outcome
                .instances
                .iter()
                .filter(|i: &&Instance| i.status == s)
                .count()
        };
        let mut v = vec![
            (Satisfied, n(Satisfied)),
            (Violated, n(Violated)),
            (Pending, n(Pending)),
            (Late, n(Late)),
        ];
        if n(NotApplicable) > 0 {
            v.push((NotApplicable, n(NotApplicable)));
        }
        v
    }

    /// A 主体/对象 id of an event as written in the facts: `P102` or `U12`.
    pub(crate) fn party_id_ref(&self, id: crate::facts::PartyId) -> String {
        match id {
            crate::facts::PartyId::Person(p) => self.facts.people[p as usize].id.clone(),
            crate::facts::PartyId::Unit(u) => self.facts.units[u as usize].id.clone(),
        }
    }

    /// A party as `P102@U12` or `U12`, for arithmetic and lists.
    pub(crate) fn party_ref(&self, p: Party) -> String {
        match self.person_id(p) {
            Some(x) => x.to_string(),
            None => self.unit_id(p).to_string(),
        }
    }
}
