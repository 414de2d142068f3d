//! Stage 4, report: an [`Outcome`](crate::eval::Outcome) → text for people (table) or programs
//! (JSON, the contract of facts-and-reports.md).
//!
//! INVARIANT: rendering is a pure function of its inputs: the same outcome gives byte-identical
//! output (no clocks, no hash-map iteration order).

mod explain;
mod json;
mod table;
pub mod words;

pub use explain::{explain_json, explain_text};
pub use json::to_json;
pub use table::to_table;

use crate::eval::{Instance, Party};
use crate::facts::Facts;
use crate::ir::{self, CountOp};

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
            Some(ir::RuleBody::Prohibited { .. }) => (None, Some(0)),
            Some(ir::RuleBody::Ratio { .. } | ir::RuleBody::TermCoverage { .. }) => (None, None),
            _ => (Some(1), None),
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

    /// A party as `P102@U12` or `U12`, for arithmetic and lists.
    pub(crate) fn party_ref(&self, p: Party) -> String {
        match self.person_id(p) {
            Some(x) => x.to_string(),
            None => self.unit_id(p).to_string(),
        }
    }
}
