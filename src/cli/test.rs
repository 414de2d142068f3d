//! `guize test RULESET… [--accept] [--facts DIR --as-of DATE]`: runs the worked examples
//! written inside the rules (`例 …`), says which outcome classes each rule's examples cover, and
//! compares whole evaluations with the expectations kept in the ruleset's `预期/` directory.

use std::collections::BTreeSet;

use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::ast;
use crate::diagnostics::{did_you_mean, Diag};
use crate::eval::{Config, Instance, Status};
use crate::examples::{as_of, compare, status_of, tables, word_of};
use crate::ir;
use crate::span::SourceMap;
use crate::text::fold;

/// Runs `test`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut failed = false;
    let mut errors = false;
    let args: Vec<String> = m
        .get_many::<String>("ruleset")
        .into_iter()
        .flatten()
        .flat_map(|a| expand(a))
        .collect();
    for arg in &args {
        let arg = arg.as_str();
        let mut sources = SourceMap::new();
        let (rs, diags, levels) = load::ruleset_levels(arg, &mut sources);
        out.diags(&diags, &sources);
        let Some(rs) = rs.filter(|_| !diags.iter().any(|d| d.is_error())) else {
            errors = true;
            continue;
        };
        out.println(format!(
            "{}",
            out.t(
                &format!("规则集 {}", rs.name),
                &format!("ruleset {}", rs.name)
            )
        ));
        failed |= examples(&rs, &levels, &sources, out);
        match super::expect::run(arg, &rs, m, out) {
            Ok(f) => failed |= f,
            Err(()) => errors = true,
        }
    }
    if errors {
        Exit::InputErrors
    } else if failed {
        Exit::Violations
    } else {
        Exit::Done
    }
}

/// A directory holding no rule file but ruleset directories (`rulesets/`) stands for each of
/// them, in name order; anything else stands for itself.
fn expand(arg: &str) -> Vec<String> {
    let dir = std::path::Path::new(arg);
    let has_rules = |d: &std::path::Path| {
        std::fs::read_dir(d).is_ok_and(|rd| {
            rd.filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == load::EXT))
        })
    };
    if !dir.is_dir() || has_rules(dir) {
        return vec![arg.to_string()];
    }
    let mut subs: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    subs.retain(|p| p.is_dir() && has_rules(p));
    subs.sort();
    if subs.is_empty() {
        return vec![arg.to_string()];
    }
    subs.iter().map(|p| p.display().to_string()).collect()
}

/// The IR rule an AST rule of ruleset `doc` became (the current version if several).
fn rule_index(rs: &ir::Ruleset, doc: &str, clause: &ast::Clause, r: &ast::Rule) -> Option<usize> {
    let id = fold(&ir::rule_id(&fold(&clause.item.text), &r.name.text));
    let mut found = rs
        .rules
        .iter()
        .enumerate()
        .filter(|(_, x)| x.version.ruleset == doc && fold(&x.local_id) == id);
    let first = found.next();
    found.find(|(_, x)| !x.superseded).or(first).map(|(i, _)| i)
}

/// Runs every example of every level; prints per example and per rule. Returns whether any
/// example failed.
fn examples(rs: &ir::Ruleset, levels: &load::Levels, sources: &SourceMap, out: &Output) -> bool {
    let (mut passed, mut total, mut failed) = (0, 0, false);
    let mut with_examples = 0;
    let mut seen = vec![false; rs.rules.len()];
    for level in levels {
        let doc = level
            .iter()
            .find_map(|f| f.name.as_ref())
            .map(|n| n.text.clone())
            .unwrap_or_default();
        for c in level.iter().flat_map(|f| &f.clauses) {
            for r in c.rules.iter().filter(|r| !r.examples.is_empty()) {
                let Some(ri) = rule_index(rs, &doc, c, r) else {
                    continue;
                };
                // A base rule this ruleset amended or repealed: its examples belong to the base
                // (run `guize test` on the base); here the rule no longer applies as written.
                if rs.rules[ri].superseded {
                    out.println(format!(
                        "  – {} {}",
                        rs.rules[ri].id,
                        out.t(
                            "已被本规则集修订或废止，其例不在此运行",
                            "amended or repealed here; its examples are not run"
                        )
                    ));
                    continue;
                }
                with_examples += 1;
                seen[ri] = true;
                let mut covered = BTreeSet::new();
                let mut body = rs.rules[ri].body.clone();
                for ex in &r.examples {
                    total += 1;
                    let ok = match with_params(rs, levels, (&doc, c, r), ex) {
                        Ok(None) => one((rs, ri), &rs.rules[ri].id, ex, out, &mut covered),
                        Ok(Some((rs2, ri2))) => {
                            body = body.or_else(|| rs2.rules[ri2].body.clone());
                            one((&rs2, ri2), &rs.rules[ri].id, ex, out, &mut covered)
                        }
                        Err(diags) => {
                            out.println(format!(
                                "  ✗ {} 例 {}：{}",
                                rs.rules[ri].id,
                                ex.name.text,
                                out.t("例中的参数有误", "the example's parameters have errors")
                            ));
                            out.diags(&diags, sources);
                            false
                        }
                    };
                    passed += usize::from(ok);
                    failed |= !ok;
                }
                print_covered(rs, ri, body.as_ref(), &covered, out);
            }
        }
    }
    // A rule with open parameters counts too: its examples give them values (`参数` lines).
    let evaluable = rs.rules.iter().filter(|r| !r.superseded).count();
    let without: Vec<&str> = rs
        .rules
        .iter()
        .zip(&seen)
        .filter(|(r, s)| !r.superseded && !**s)
        .map(|(r, _)| r.id.as_str())
        .collect();
    if !without.is_empty() {
        out.println(format!(
            "  {}（{}）：{}",
            out.t("没有例的规则", "rules without examples"),
            without.len(),
            without.join("、")
        ));
    }
    out.println(format!(
        "{}",
        out.t(
            &format!("例：{total} 个，通过 {passed} 个，未通过 {}；有例的规则 {with_examples} 条（规则共 {evaluable} 条）", total - passed),
            &format!("examples: {total}, {passed} passed, {} failed; {with_examples} rules have examples ({evaluable} rules)", total - passed),
        )
    ));
    failed
}

/// The ruleset an example with `参数` lines is evaluated against: the chain checked again with
/// one more level that gives those parameters their values (as an inheriting ruleset would),
/// and the index of the example's rule in it. `Ok(None)`: the example gives no parameters.
fn with_params(
    rs: &ir::Ruleset,
    levels: &load::Levels,
    (doc, clause, rule): (&str, &ast::Clause, &ast::Rule),
    ex: &ast::Example,
) -> Result<Option<(ir::Ruleset, usize)>, Vec<Diag>> {
    if ex.params.is_empty() {
        return Ok(None);
    }
    let unknown: Vec<Diag> = ex
        .params
        .iter()
        .filter(|p| !rs.params.iter().any(|q| q.name.key == p.name.key))
        .map(|p| {
            let d = Diag::error(
                "E0262",
                format!("例中的参数 `{}` 不是本规则集的参数", p.name.text),
                format!("`{}` is not a parameter of this ruleset", p.name.text),
            )
            .at(p.name.span, "没有这个参数", "no such parameter");
            d.maybe_help(did_you_mean(
                &p.name.text,
                rs.params.iter().map(|q| q.name.display.as_str()),
            ))
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let ident = |text: &str, span| ast::Ident {
        text: text.to_string(),
        key: fold(text),
        span,
    };
    let extra = ast::File {
        name: Some(ident(&format!("例:{}", ex.name.text), ex.span)),
        inherits: Some(ident(&rs.name, ex.span)),
        decls: ex.params.iter().cloned().map(ast::Decl::Param).collect(),
        ..ast::File::default()
    };
    let mut refs: Vec<&[ast::File]> = levels.iter().map(Vec::as_slice).collect();
    let tail = [extra];
    refs.push(&tail);
    let (rs2, diags) = crate::check_chain(&refs);
    let errors: Vec<Diag> = diags.into_iter().filter(Diag::is_error).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(rule_index(&rs2, doc, clause, rule).map(|i| (rs2, i)))
}

/// Runs one example; prints its result. Returns whether it passed.
/// `id` is the rule's id as this ruleset shows it (`rs` may be the chain checked again with the
/// example's parameters, where ids read differently).
fn one(
    (rs, ri): (&ir::Ruleset, usize),
    id: &str,
    ex: &ast::Example,
    out: &Output,
    covered: &mut BTreeSet<Status>,
) -> bool {
    let title = format!("{id} 例 {}", ex.name.text);
    let Some(date) = as_of(ex) else {
        out.println(format!(
            "  ✗ {title}：{}",
            out.t("没有日期（写 `截至 日期`）", "no date (write `截至 DATE`)")
        ));
        return false;
    };
    let mut sources = SourceMap::new();
    let (facts, diags) = crate::facts::from_csv_tables(&tables(ex), &rs.vocab, &mut sources);
    if diags.iter().any(|d| d.is_error()) {
        out.println(format!(
            "  ✗ {title}：{}",
            out.t("例中的事实有误", "the example's facts have errors")
        ));
        out.diags(&diags, &sources);
        return false;
    }
    let mut outcome = crate::evaluate(rs, &facts, &Config { as_of: date });
    outcome.include_not_applicable(rs, &facts, date);
    let mine: Vec<&Instance> = outcome.instances.iter().filter(|i| i.rule == ri).collect();
    let checks = compare(ri, &facts, &mine, ex);
    let ok = !checks.is_empty() && checks.iter().all(|c| c.pass);
    // Only what an example shows correctly counts as covered.
    for (x, c) in ex.expects.iter().zip(&checks) {
        if c.pass {
            covered.extend(status_of(&x.status));
        }
    }
    out.println(format!("  {} {title}", if ok { "✓" } else { "✗" }));
    for c in checks.iter().filter(|c| !c.pass) {
        let actual = c.actual.clone().unwrap_or_else(|| {
            out.t("没有覆盖这一天的实例", "no instance covers that day")
                .to_string()
        });
        out.println(format!(
            "      {} {}\n      {} {actual}",
            out.t("预期", "expected"),
            c.expected,
            out.t("实际", "actual  ")
        ));
    }
    if !ok && checks.iter().all(|c| c.pass) {
        out.println(format!(
            "      {}",
            out.t("例中没有 `预期` 行", "the example has no `预期` line")
        ));
    }
    if !ok {
        for i in &mine {
            let who = i.subject.person.map_or_else(
                || facts.units[i.subject.unit as usize].id.clone(),
                |p| facts.people[p as usize].id.clone(),
            );
            out.println(format!(
                "      · {who} {}~{} {}（{}次）",
                i.period.start,
                i.period.end,
                word_of(i.status),
                i.count
            ));
        }
    }
    ok
}

/// Which outcome classes a rule's examples cover, and which its pattern can give but none do.
/// `body` is the rule as its examples evaluated it (with their parameters, if the rule has open
/// ones); `None` when no example could evaluate it.
fn print_covered(
    rs: &ir::Ruleset,
    ri: usize,
    body: Option<&ir::RuleBody>,
    covered: &BTreeSet<Status>,
    out: &Output,
) {
    let words: Vec<&str> = covered.iter().map(|s| word_of(*s)).collect();
    let wanted = classes(rs.rules[ri].modality, body);
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|s| !covered.contains(s))
        .map(|s| word_of(*s))
        .collect();
    let tail = if missing.is_empty() {
        String::new()
    } else {
        out.t(
            &format!("；未覆盖：{}", missing.join("、")),
            &format!("; not covered: {}", missing.join(", ")),
        )
        .to_string()
    };
    let shown = if words.is_empty() {
        out.t("（无）", "(none)").to_string()
    } else {
        words.join("、")
    };
    out.println(format!("    {}{shown}{tail}", out.t("覆盖：", "covers: ")));
}

/// The outcome classes a rule can give, which its examples should show. A 可以 rule is done or
/// not applicable, never violated. 逾期履行 needs a deadline an event can miss and still come:
/// a positioned deadline in the window (P2) or a limit after a trigger (P5, P10–P12); a plain
/// window (P1, and 年底前 whose deadline is the window's end) counts only the events inside it,
/// so nothing in it is late. 待履行 needs a window or deadline still running.
fn classes(modality: ir::Modality, body: Option<&ir::RuleBody>) -> &'static [Status] {
    use Status::{Late, NotApplicable, Pending, Satisfied, Violated};
    if modality == ir::Modality::Permission {
        return &[Satisfied, NotApplicable];
    }
    // 年底前: the deadline is the window's last day, as in P1.
    if let Some(ir::RuleBody::Periodic {
        position: Some(ir::Position::WindowEnd),
        ..
    }) = body
    {
        return &[Satisfied, Violated, Pending];
    }
    match body.map(ir::RuleBody::pattern) {
        Some("P2" | "P5" | "P10" | "P11" | "P12") => &[Satisfied, Violated, Pending, Late],
        Some("P1" | "P3" | "P4" | "P7") => &[Satisfied, Violated, Pending],
        _ => &[Satisfied, Violated],
    }
}
