//! Stage 2b, compare: an inherited rule and the local rule that amends it → a verdict per
//! dimension (从严 / 相同 / 从宽 / 不可比), the 从严 check of a chain, counterexamples for
//! loosened rules and the rows of `guize diff`.
//!
//! INVARIANT: no IO. Verdicts are decided on the checked IR only; a counterexample is reported
//! only after the evaluator has confirmed it (the local rule satisfied, the base rule not).

mod counter;
mod diff;
mod dims;
mod strict;
pub mod words;

pub use counter::{counterexample, Counterexample};
pub use diff::{diff, Row, RowKind};
pub use strict::strictness;

use crate::ir;

/// How a local rule relates to the base rule on one dimension, or overall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// 从严: every fact set that satisfies the local rule satisfies the base rule, and more.
    Stricter,
    /// 相同
    Same,
    /// 从宽: some fact set satisfies the local rule and violates the base rule.
    Looser,
    /// 不可比: neither (or guize cannot decide).
    Incomparable,
}

impl Verdict {
    /// The Chinese word.
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Stricter => "从严",
            Verdict::Same => "相同",
            Verdict::Looser => "从宽",
            Verdict::Incomparable => "不可比",
        }
    }

    /// The English word (also the JSON value).
    pub fn en(self) -> &'static str {
        match self {
            Verdict::Stricter => "stricter",
            Verdict::Same => "same",
            Verdict::Looser => "looser",
            Verdict::Incomparable => "incomparable",
        }
    }
}

/// The verdict on one dimension, with both values as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dim {
    /// Which dimension: 频次, 时限, 响应期限, 适用对象 …
    pub name: words::DimName,
    /// The verdict on it.
    pub verdict: Verdict,
    /// The base rule's value.
    pub base: String,
    /// The local rule's value.
    pub local: String,
}

/// All dimensions that differ, and the overall verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The overall verdict.
    pub verdict: Verdict,
    /// The dimensions that differ, in a fixed order.
    pub dims: Vec<Dim>,
}

impl Comparison {
    /// The dimension that decided the verdict: the first one with that verdict.
    pub fn deciding(&self) -> Option<&Dim> {
        self.dims
            .iter()
            .find(|d| d.verdict == self.verdict)
            .or(self.dims.first())
    }
}

/// Compares a local rule with the base rule it amends.
pub fn compare(base: &ir::Rule, local: &ir::Rule) -> Comparison {
    let dims = dims::all(base, local);
    let has = |v: Verdict| dims.iter().any(|d| d.verdict == v);
    let verdict = if has(Verdict::Incomparable) || has(Verdict::Stricter) && has(Verdict::Looser) {
        Verdict::Incomparable
    } else if has(Verdict::Looser) {
        Verdict::Looser
    } else if has(Verdict::Stricter) {
        Verdict::Stricter
    } else {
        Verdict::Same
    };
    Comparison { verdict, dims }
}

#[cfg(test)]
mod tests;
