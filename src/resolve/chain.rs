//! Inheritance: the rule files of a chain of rulesets (root base first) → one checked ruleset.
//!
//! Declarations and parameters are merged first (a ruleset may declare an inherited name again
//! and give an inherited parameter its value), so every rule, inherited or not, is resolved with
//! the leaf's parameters: a vague term open in the base and concretised locally makes the base's
//! rule evaluable. Then, level by level, 废止/不适用 remove inherited rules and 修订 replaces them.
//! A replaced rule stays, marked `superseded`, for the days before the new version takes effect.

use std::collections::BTreeMap;

use chrono::Days;

use super::{decls, rules};
use crate::ast;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir;
use crate::span::Span;
use crate::text::fold;

/// Checks a chain of rulesets, the root base first, the ruleset asked for last.
pub fn check_chain(levels: &[&[ast::File]]) -> (ir::Ruleset, Vec<Diag>) {
    let mut diags = Vec::new();
    let versions: Vec<ir::Version> = levels.iter().map(|l| version(l)).collect();
    for level in levels {
        super::files::check(level, &mut diags);
    }
    let mut d = decls::Decls::default();
    for level in levels {
        d.begin_level();
        for f in level.iter() {
            d.collect(f, &mut diags);
        }
    }
    let leaf = levels.last().and_then(|l| header(l));
    let mut rs = ir::Ruleset {
        name: versions
            .last()
            .map(|v| v.ruleset.clone())
            .unwrap_or_default(),
        basis: leaf
            .and_then(|f| f.basis.as_ref())
            .map(|b| b.text.trim_matches(['《', '》']).to_string()),
        effective: leaf.and_then(|f| f.effective).map(|(d, _)| d),
        vocab: d.vocab,
        params: d.params,
        clauses: Vec::new(),
        rules: Vec::new(),
        inherits: leaf
            .and_then(|f| f.inherits.as_ref())
            .map(|i| i.text.clone()),
        chain: versions.clone(),
        repeals: Vec::new(),
    };
    // Where each rule's diagnostics are, so a replaced rule's open-parameter warnings can go.
    let mut open_warnings = Vec::new();
    // `违反 NAME` references, linked once every level's rules are known.
    let (mut violation_refs, mut seen) = (Vec::new(), Vec::new());
    for (k, level) in levels.iter().enumerate() {
        let mut lv = Level::new(
            &versions[k],
            std::mem::take(&mut rs.rules),
            std::mem::take(&mut rs.repeals),
            &mut diags,
        );
        for f in level.iter() {
            for r in &f.repeals {
                lv.repeal(r, k);
            }
        }
        let mut ctx = rules::Ctx::new(&rs.vocab, &mut rs.params, &versions[k].ruleset, lv.diags);
        if k + 1 < levels.len() {
            ctx.shown_prefix = versions[k].ruleset.clone();
        }
        let mut fresh = Vec::new();
        for f in level.iter() {
            for c in &f.clauses {
                let clause = ctx.clause(c);
                for r in &c.rules {
                    let from = ctx.diag_len();
                    if let Some(rule) = ctx.rule(r, &clause) {
                        open_warnings.push((rule.span, from..ctx.diag_len()));
                        fresh.push((rule, r));
                    }
                }
                rs.clauses.push(clause.ir);
            }
        }
        violation_refs.append(&mut ctx.violation_refs);
        seen.extend(ctx.seen_ids());
        for (rule, ast) in fresh {
            lv.add(rule, ast, k);
        }
        (rs.rules, rs.repeals) = lv.finish();
    }
    sort_in_article_order(&mut rs.rules, &versions);
    rules::link_violations(&mut rs.rules, &violation_refs, &seen, &mut diags);
    qualify(&mut rs);
    // A rule replaced in a later ruleset is not what the user is asked to concretise.
    let current: std::collections::BTreeSet<(u32, u32, u32)> = rs
        .rules
        .iter()
        .filter(|r| !r.superseded)
        .map(|r| (r.span.file.0, r.span.start, r.span.end))
        .collect();
    let mut drop = vec![false; diags.len()];
    for (span, range) in open_warnings {
        let gone = !current.contains(&(span.file.0, span.start, span.end));
        for i in range.filter(|_| gone) {
            drop[i] = diags[i].code == "W0201";
        }
    }
    let mut keep = drop.iter().map(|d| !d);
    diags.retain(|_| keep.next().unwrap_or(true));
    (rs, diags)
}

/// Article order: the documents of the chain root base first, in each document its items by number
/// ((一)(二)…(二十五); items without a numeral last), in an item its rules as written (file, then
/// place in the file). Every output lists rules in this order.
fn sort_in_article_order(rules: &mut [ir::Rule], versions: &[ir::Version]) {
    rules.sort_by_cached_key(|r| {
        let level = versions
            .iter()
            .position(|v| v.ruleset == r.version.ruleset)
            .unwrap_or(usize::MAX);
        let item = crate::text::item_number(&r.clause).unwrap_or(u64::MAX);
        (level, item, r.span.file, r.span.start, r.id.clone())
    });
}

/// Clause identity across 继承: a rule inherited from a base keeps its document in its id and
/// clause label (`中央意见(八).谈心谈话`, clause `中央意见(八)`), so it is never confused with the
/// ruleset's own `(八)`; every reference to it (违反 triggers, 修订 lineages, repeals) follows.
/// `local_id` and `source.item` keep the document's own numbering.
fn qualify(rs: &mut ir::Ruleset) {
    let leaf = rs.name.clone();
    let mut shown = std::collections::BTreeMap::new();
    for r in rs.rules.iter_mut() {
        if r.version.ruleset != leaf {
            r.id = r.qualified_id();
            r.clause = ir::qualify(&r.version.ruleset, &r.source.item);
        }
        shown.insert(r.qualified_id(), r.id.clone());
    }
    for r in rs.rules.iter_mut() {
        if let Some(ir::RuleBody::Triggered { triggers, .. }) = r.body.as_mut() {
            for t in triggers.iter_mut() {
                if let ir::Trigger::Violation(id) = t {
                    if let Some(n) = shown.get(id.as_str()) {
                        *id = n.clone();
                    }
                }
            }
        }
    }
    // Article order (sort_in_article_order) is kept: ids change, places do not.
}

/// The file of a level that holds the `规则集` header.
fn header(files: &[ast::File]) -> Option<&ast::File> {
    files.iter().find(|f| f.name.is_some())
}

fn version(files: &[ast::File]) -> ir::Version {
    let h = header(files);
    ir::Version {
        ruleset: h
            .and_then(|f| f.name.as_ref())
            .map(|n| n.text.clone())
            .unwrap_or_default(),
        effective: h.and_then(|f| f.effective).map(|(d, _)| d),
        next_year: h.is_some_and(|f| f.next_year),
        until: h
            .and_then(|f| f.ends)
            .and_then(|(d, _)| d.checked_sub_days(Days::new(1))),
    }
}

/// One level of the chain being applied to the rules inherited so far. Rules are found by
/// their folded id and name through indexes (a ruleset of 40,000 rules is checked in linear
/// time); a rule removed (`不适用`) is marked `gone` until `finish`, so positions stay valid.
struct Level<'a> {
    version: &'a ir::Version,
    rules: Vec<ir::Rule>,
    gone: Vec<bool>,
    by_id: BTreeMap<String, Vec<usize>>,
    by_name: BTreeMap<String, Vec<usize>>,
    repeals: Vec<ir::Repeal>,
    diags: &'a mut Vec<Diag>,
}

impl<'a> Level<'a> {
    fn new(
        version: &'a ir::Version,
        rules: Vec<ir::Rule>,
        repeals: Vec<ir::Repeal>,
        diags: &'a mut Vec<Diag>,
    ) -> Level<'a> {
        let mut lv = Level {
            version,
            rules: Vec::with_capacity(rules.len()),
            gone: Vec::new(),
            by_id: BTreeMap::new(),
            by_name: BTreeMap::new(),
            repeals,
            diags,
        };
        for r in rules {
            lv.push(r);
        }
        lv
    }

    fn push(&mut self, rule: ir::Rule) {
        let i = self.rules.len();
        self.by_id.entry(fold(&rule.id)).or_default().push(i);
        self.by_name.entry(fold(&rule.name)).or_default().push(i);
        self.rules.push(rule);
        self.gone.push(false);
    }

    /// Whether the rule at `i` is still in force here.
    fn current(&self, i: usize) -> bool {
        !self.gone[i] && !self.rules[i].superseded
    }

    /// The rules and repeals after this level.
    fn finish(self) -> (Vec<ir::Rule>, Vec<ir::Repeal>) {
        let gone = self.gone;
        let rules = self
            .rules
            .into_iter()
            .zip(gone)
            .filter(|(_, g)| !g)
            .map(|(r, _)| r)
            .collect();
        (rules, self.repeals)
    }

    /// The current (not superseded) inherited rule a reference names.
    fn find(&mut self, r: &ast::RuleRef, k: usize) -> Option<usize> {
        let id = ir::rule_id(&fold(&r.item.text), &r.name.key);
        let found = self
            .by_id
            .get(&id)
            .and_then(|v| v.iter().copied().find(|&i| self.current(i)));
        if found.is_none() {
            let ids: Vec<&str> = (0..self.rules.len())
                .filter(|&i| self.current(i))
                .map(|i| self.rules[i].id.as_str())
                .collect();
            let (zh, en) = if k == 0 {
                (
                    "本规则集没有继承任何规则集",
                    "this ruleset inherits nothing",
                )
            } else {
                (
                    "上级规则集中没有这条规则",
                    "no such rule in the base rulesets",
                )
            };
            self.diags.push(
                Diag::error(
                    "E0241",
                    format!("找不到被修订或废止的规则 `{}`", r.text),
                    format!("no inherited rule `{}` to amend or repeal", r.text),
                )
                .at(r.span, zh, en)
                .maybe_help(did_you_mean(&fold(&r.text), ids)),
            );
        }
        found
    }

    fn repeal(&mut self, r: &ast::Repeal, k: usize) {
        let Some(i) = self.find(&r.rule, k) else {
            return;
        };
        let word = match r.kind {
            ast::RepealKind::Repeal => "废止",
            ast::RepealKind::NotApplicable => "不适用",
        };
        if r.reason.text.is_empty() {
            self.diags.push(
                Diag::error(
                    "E0242",
                    format!("{word}上级规则 `{}` 须说明理由", r.rule.text),
                    format!(
                        "`{word}` of the inherited rule `{}` needs a reason",
                        r.rule.text
                    ),
                )
                .at(r.span, "没有写理由", "no reason given")
                .help(
                    format!("写作 `{word} {}：理由 …`，理由会显示在报告中", r.rule.text),
                    format!(
                        "write `{word} {}：理由 …`; reports show the reason",
                        r.rule.text
                    ),
                ),
            );
            return;
        }
        let old = &self.rules[i];
        self.repeals.push(ir::Repeal {
            not_applicable: r.kind == ast::RepealKind::NotApplicable,
            rule: old.qualified_id(),
            ruleset: old.version.ruleset.clone(),
            by: self.version.ruleset.clone(),
            reason: r.reason.text.clone(),
            text: old.source.text.clone(),
        });
        match r.kind {
            ast::RepealKind::NotApplicable => self.gone[i] = true,
            ast::RepealKind::Repeal => self.supersede(i),
        }
    }

    /// The rule at `i` stops applying when this level takes effect; before that it stays.
    fn supersede(&mut self, i: usize) {
        let until = self
            .version
            .first_day()
            .and_then(|d| d.checked_sub_days(Days::new(1)));
        let old = &mut self.rules[i];
        let starts = old.version.first_day();
        match until {
            Some(u) if starts.is_none_or(|s| s <= u) => {
                old.version.until = Some(old.version.until.map_or(u, |x| x.min(u)));
                old.superseded = true;
            }
            _ => self.gone[i] = true,
        }
    }

    fn add(&mut self, mut rule: ir::Rule, ast: &ast::Rule, k: usize) {
        rule.version = self.version.clone();
        if let Some(r) = &ast.amends {
            let Some(i) = self.find(r, k) else {
                return;
            };
            let old = &self.rules[i];
            let mut lineage = old
                .amends
                .as_ref()
                .map(|a| a.lineage.clone())
                .unwrap_or_default();
            lineage.push(old.qualified_id());
            rule.amends = Some(ir::Amends {
                ruleset: old.version.ruleset.clone(),
                rule: old.qualified_id(),
                lineage,
                loosen: ast.loosen.as_ref().map(|l| l.text.clone()),
            });
            if let Some(l) = ast.loosen.as_ref().filter(|l| l.text.is_empty()) {
                self.no_reason(l.span);
            }
            self.supersede(i);
        } else {
            if let Some(l) = &ast.loosen {
                self.loosen_without_amend(l.span);
            }
            self.redefined(&rule, ast.name.span);
        }
        self.push(rule);
    }

    fn no_reason(&mut self, span: Span) {
        self.diags.push(
            Diag::error("E0243", "`从宽` 须说明理由", "`从宽` needs a reason")
                .at(span, "没有写理由", "no reason given")
                .help(
                    "写作 `从宽：理由 …`，说明本地为何放宽上级规定",
                    "write `从宽：理由 …` saying why the locality loosens the rule",
                ),
        );
    }

    fn loosen_without_amend(&mut self, span: Span) {
        self.diags.push(
            Diag::error(
                "E0244",
                "`从宽` 只能用于修订上级规则",
                "`从宽` only applies to an amendment",
            )
            .at(
                span,
                "本规则没有 `修订` 一行",
                "this rule has no `修订` line",
            )
            .help(
                "在规则中加一行 `修订 （条目）.规则名`，或删去 `从宽`",
                "add `修订 (item).name` to the rule, or remove `从宽`",
            ),
        );
    }

    /// A new rule with the id or the name of an inherited one, without 修订.
    fn redefined(&mut self, rule: &ir::Rule, span: Span) {
        let by_id = self.by_id.get(&fold(&rule.id)).into_iter().flatten();
        let by_name = self.by_name.get(&fold(&rule.name)).into_iter().flatten();
        let clash = by_id
            .chain(by_name)
            .copied()
            .filter(|&i| self.current(i) && self.rules[i].version.ruleset != self.version.ruleset)
            .min();
        let Some(old) = clash.map(|i| &self.rules[i]) else {
            return;
        };
        self.diags.push(
            Diag::error(
                "E0240",
                format!(
                    "规则 `{}` 与继承自 {} 的规则 `{}` 重名",
                    rule.id, old.version.ruleset, old.id
                ),
                format!(
                    "rule `{}` redefines `{}` inherited from {}",
                    rule.id, old.id, old.version.ruleset
                ),
            )
            .at(span, "重新定义了上级规则", "redefines an inherited rule")
            .related(old.span, "上级规则在此", "the inherited rule")
            .help(
                format!(
                    "您是否想写 `修订 {}`？在规则中加这一行表示修订上级规则；若是另一条规则，请换一个名称",
                    old.id
                ),
                format!(
                    "did you mean `修订 {}`? add that line to amend the inherited rule, or rename this one",
                    old.id
                ),
            ),
        );
    }
}
