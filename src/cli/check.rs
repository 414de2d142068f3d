//! `guize check RULESET…`: parse, resolve, list open vague parameters.

use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::span::SourceMap;

/// Runs `check`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut failed = false;
    for arg in m.get_many::<String>("ruleset").into_iter().flatten() {
        let mut sources = SourceMap::new();
        let (rs, diags) = load::ruleset(arg, &mut sources);
        out.diags(&diags, &sources);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        failed |= errors > 0;
        let Some(rs) = rs else { continue };
        let checkable = rs.rules.iter().filter(|r| r.body.is_some()).count();
        let (clauses, principles) = clause_counts(&rs);
        out.println(
            match out.lang {
                crate::diagnostics::Lang::Zh => format!(
                    "规则集 {}：{} 个条款（{} 个原则性条款），{} 条规则，其中 {} 条可评估；{} 个错误，{} 个警告",
                    rs.name, clauses, principles, rs.rules.len(), checkable, errors, warnings
                ),
                crate::diagnostics::Lang::En => format!(
                    "ruleset {}: {} clauses ({} principles), {} rules, {} evaluable; {} errors, {} warnings",
                    rs.name, clauses, principles, rs.rules.len(), checkable, errors, warnings
                ),
            }
        );
        inheritance(&rs, out);
        assumed(&rs, out);
        let open = crate::resolve::open_params(&rs);
        if !open.is_empty() {
            out.println(out.t("未定参数：", "open parameters:"));
            for (p, rules) in open {
                let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                let loc = sources.location(p.name.span);
                out.println(format!(
                    "  {}  ({loc})  {} {}",
                    p.name.display,
                    out.t("用于", "used by"),
                    ids.join(", ")
                ));
            }
        }
    }
    if failed {
        Exit::InputErrors
    } else {
        Exit::Done
    }
}

/// The number of clause labels and of those that are principle only. A clause continued under a
/// second header (or in a second file) of the same ruleset is still one item of its document; a
/// label is a principle when one of its headers says `不设规则` and none of them has a rule (a
/// label with rules and a principle part, 「…」 `不设规则：其余是原则性要求`, counts as rules).
fn clause_counts(rs: &crate::ir::Ruleset) -> (usize, usize) {
    use std::collections::BTreeSet;
    let labels: BTreeSet<(&str, &str)> = rs
        .clauses
        .iter()
        .map(|c| (c.ruleset.as_str(), c.item.as_str()))
        .collect();
    let with_rules: BTreeSet<(&str, &str)> = rs
        .rules
        .iter()
        .map(|r| (r.source.document.as_str(), r.source.item.as_str()))
        .collect();
    let principles = rs
        .clauses
        .iter()
        .filter(|c| c.principle)
        .map(|c| (c.ruleset.as_str(), c.item.as_str()))
        .filter(|l| !with_rules.contains(l))
        .collect::<BTreeSet<_>>()
        .len();
    (labels.len(), principles)
}

/// The parameter values the ruleset assumes (`（假定）`), with the rules that use them.
fn assumed(rs: &crate::ir::Ruleset, out: &Output) {
    let params: Vec<&crate::ir::Param> = rs
        .params
        .iter()
        .filter(|p| p.assumed.is_some() && p.value.is_some())
        .collect();
    if params.is_empty() {
        return;
    }
    out.println(format!(
        "{}",
        out.t(
            "假定的参数值（原文未给出）：",
            "assumed parameter values (not in the text):"
        )
    ));
    for p in params {
        let ids: Vec<&str> = rs
            .rules
            .iter()
            .filter(|r| !r.superseded && r.assumptions.iter().any(|a| a.param == p.name.display))
            .map(|r| r.id.as_str())
            .collect();
        let value = p
            .value
            .map(crate::compare::words::param_value)
            .unwrap_or_default();
        let why = p.assumed.clone().unwrap_or_default();
        out.println(format!(
            "  {} = {value}  {}  {} {}",
            p.name.display,
            if why.is_empty() {
                String::new()
            } else {
                format!("（{why}）")
            },
            out.t("用于", "used by"),
            ids.join(", ")
        ));
    }
}

/// The chain, the amendments and the repeals of a ruleset that inherits.
fn inheritance(rs: &crate::ir::Ruleset, out: &Output) {
    if rs.chain.len() < 2 {
        return;
    }
    let names: Vec<&str> = rs.chain.iter().map(|v| v.ruleset.as_str()).collect();
    let amended = rs
        .rules
        .iter()
        .filter(|r| !r.superseded && r.amends.is_some())
        .count();
    out.println(match out.lang {
        crate::diagnostics::Lang::Zh => format!(
            "继承链：{}；修订 {amended} 条，废止或不适用 {} 条",
            names.join(" → "),
            rs.repeals.len()
        ),
        crate::diagnostics::Lang::En => format!(
            "chain: {}; {amended} amended, {} repealed or not applicable",
            names.join(" → "),
            rs.repeals.len()
        ),
    });
    for x in &rs.repeals {
        let word = match (x.not_applicable, out.lang) {
            (true, crate::diagnostics::Lang::Zh) => "不适用",
            (false, crate::diagnostics::Lang::Zh) => "废止",
            (true, crate::diagnostics::Lang::En) => "not applicable",
            (false, crate::diagnostics::Lang::En) => "repealed",
        };
        match out.lang {
            crate::diagnostics::Lang::Zh => out.println(format!(
                "  {word} {}（{}）：{}",
                x.rule, x.ruleset, x.reason
            )),
            crate::diagnostics::Lang::En => {
                out.println(format!("  {word} {} ({}): {}", x.rule, x.ruleset, x.reason))
            }
        }
    }
}
