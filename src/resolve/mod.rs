//! Stage 2, resolve: [`ast::File`]s of one ruleset → checked [`ir::Ruleset`] and name
//! diagnostics (`E02xx`, `E03xx`, `W02xx`).
//!
//! INVARIANT: no IO. Every name in the output is declared; every rule either has a body or lists
//! the open vague parameters that keep it from being evaluated.

mod chain;
mod decls;
mod files;
mod rules;

pub use chain::check_chain;

use crate::ast;
use crate::diagnostics::Diag;
use crate::ir;
use crate::span::Span;

/// The vague words of semantics §4 and the kind of value each takes. A rule may use one without
/// declaring it; it is then an open parameter.
pub const VAGUE_TERMS: &[(&str, ir::ParamKind)] = &[
    ("及时", ir::ParamKind::Duration),
    ("适时", ir::ParamKind::Duration),
    ("迅速", ir::ParamKind::Duration),
    ("定期", ir::ParamKind::Period),
    ("经常", ir::ParamKind::Period),
    ("有计划地", ir::ParamKind::Period),
    ("一定比例", ir::ParamKind::Ratio),
];

/// Checks the files of one ruleset (without its base rulesets: see [`check_chain`]).
pub fn check(files: &[ast::File]) -> (ir::Ruleset, Vec<Diag>) {
    check_chain(&[files])
}

/// The open parameters of a ruleset with the rules that use them, for `check`'s listing.
pub fn open_params(rs: &ir::Ruleset) -> Vec<(&ir::Param, Vec<&ir::Rule>)> {
    rs.params
        .iter()
        .filter(|p| p.value.is_none())
        .map(|p| {
            (
                p,
                rs.rules
                    .iter()
                    .filter(|r| !r.superseded && r.open_params.contains(&p.name.key))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rules)| !rules.is_empty())
        .collect()
}

/// A name declared twice.
pub(crate) fn dup(what: &str, name: &str, span: Span, first: Span) -> Diag {
    Diag::error(
        "E0204",
        format!("重复声明{what} `{name}`"),
        format!("{what} `{name}` declared twice"),
    )
    .at(span, "重复的声明", "declared again here")
    .related(first, "第一次声明在此", "first declared here")
    .help("删去其中一处", "remove one of them")
}
