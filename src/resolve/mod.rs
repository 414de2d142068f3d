//! Stage 2, resolve: [`ast::File`]s of one ruleset → checked [`ir::Ruleset`] and name
//! diagnostics (`E02xx`, `E03xx`, `W02xx`).
//!
//! INVARIANT: no IO. Every name in the output is declared; every rule either has a body or lists
//! the open vague parameters that keep it from being evaluated.

mod decls;
mod rules;

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

/// Checks the files of one ruleset.
pub fn check(files: &[ast::File]) -> (ir::Ruleset, Vec<Diag>) {
    let mut diags = Vec::new();
    let header = files.iter().find(|f| f.name.is_some());
    let name = header
        .and_then(|f| f.name.as_ref())
        .map(|n| n.text.clone())
        .unwrap_or_default();
    let mut rs = ir::Ruleset {
        name: name.clone(),
        basis: header
            .and_then(|f| f.basis.as_ref())
            .map(|b| b.text.trim_matches(['《', '》']).to_string()),
        effective: header.and_then(|f| f.effective).map(|(d, _)| d),
        vocab: ir::Vocabulary::default(),
        params: Vec::new(),
        clauses: Vec::new(),
        rules: Vec::new(),
    };
    let mut d = decls::Decls::default();
    for f in files {
        d.collect(f, &mut diags);
    }
    rs.vocab = d.vocab;
    rs.params = d.params;
    let mut ctx = rules::Ctx::new(&rs.vocab, &mut rs.params, &name, &mut diags);
    for f in files {
        for c in &f.clauses {
            let clause = ctx.clause(c);
            for r in &c.rules {
                if let Some(rule) = ctx.rule(r, &clause) {
                    rs.rules.push(rule);
                }
            }
            rs.clauses.push(clause.ir);
        }
    }
    let refs = std::mem::take(&mut ctx.violation_refs);
    let seen = ctx.seen_ids();
    rules::link_violations(&mut rs.rules, &refs, &seen, &mut diags);
    rs.rules.sort_by(|a, b| a.id.cmp(&b.id));
    (rs, diags)
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
                    .filter(|r| r.open_params.contains(&p.name.key))
                    .collect(),
            )
        })
        .collect()
}

fn dup(what: &str, name: &str, span: Span, first: Span) -> Diag {
    Diag::error(
        "E0204",
        format!("重复声明{what} `{name}`"),
        format!("{what} `{name}` declared twice"),
    )
    .at(span, "重复的声明", "declared again here")
    .related(first, "第一次声明在此", "first declared here")
    .help("删去其中一处", "remove one of them")
}
