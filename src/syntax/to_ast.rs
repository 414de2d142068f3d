//! pest pairs → statements. One builder function per grammar rule.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use pest::iterators::Pair;

use super::parser::Rule;
use crate::ast;
use crate::diagnostics::Diag;
use crate::span::{FileId, Span};
use crate::text::{fold, parse_date, parse_number, PLAUSIBLE_YEARS};

mod timing;
use timing::{build_duration, build_period, build_timing};

/// The longest period, time limit or tenure a rule may name, in years (`每100年`, `36600日内`).
pub const MAX_YEARS: u32 = 100;
/// The largest count a rule may name (`至少1000次`, `连续1000次`).
pub const MAX_COUNT: u32 = 1000;

/// One statement (a logical line), before lines are grouped into clauses and rules.
#[derive(Debug)]
pub(crate) enum Stmt {
    Ruleset(ast::Ident),
    Basis(ast::Ident),
    Source(ast::SourceDecl),
    Effective(NaiveDate, Span, bool),
    Inherit(ast::Ident),
    Ends(NaiveDate, Span),
    Repeal(ast::Repeal),
    Amend(ast::RuleRef),
    Loosen(ast::Reason),
    UnitKinds(Vec<ast::Ident>),
    Roles(Vec<(ast::Ident, bool)>),
    Events(Vec<ast::Ident>),
    Field(ast::FieldDecl),
    Param(ast::ParamDecl),
    Clause(ast::Ident, Option<String>),
    Text(ast::Quoted),
    Principle(String),
    Rule(ast::Ident),
    Subject(ast::Party),
    Responsible(ast::Party),
    Anyone(Span),
    /// `责任人 发现者`.
    ByTrigger(ast::TriggerParty),
    Trigger(ast::Trigger),
    Require(Box<ast::Requirement>),
    Consequence(String),
    Population(ast::Party),
    Example(ast::Ident, Option<NaiveDate>),
    FactRow(ast::FactRow),
    Expect(ast::Expect),
    /// A line that did not parse: the rule it belongs to is not checked for completeness.
    Broken,
}

/// Builder context for one logical line.
pub(crate) struct Ctx<'a> {
    pub file: FileId,
    /// Byte offset of the line in the file.
    pub offset: usize,
    /// The original (unfolded) text of the whole file.
    pub original: &'a str,
    pub diags: &'a mut Vec<Diag>,
}

impl Ctx<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    fn original(&self, pair: &Pair<Rule>) -> String {
        let s = pair.as_span();
        let text = self
            .original
            .get(self.offset + s.start()..self.offset + s.end());
        text.unwrap_or(pair.as_str()).to_string()
    }

    fn ident(&self, pair: &Pair<Rule>) -> ast::Ident {
        let text = self.original(pair);
        ast::Ident {
            key: fold(&text),
            text,
            span: self.span(pair),
        }
    }

    fn number(&mut self, pair: &Pair<Rule>) -> u32 {
        let span = self.span(pair);
        match parse_number(pair.as_str()).and_then(|n| u32::try_from(n).ok()) {
            Some(n) => n,
            None => {
                self.diags.push(
                    Diag::error(
                        "E0102",
                        format!("无法识别的数字 `{}`", pair.as_str()),
                        format!("bad numeral `{}`", pair.as_str()),
                    )
                    .at(span, "不是有效的数字", "not a valid number")
                    .help(
                        "数字可写作 1、１、一、十五、二十、一百零五（汉字数字按规范写法，不写 十十、三五、一百五）",
                        "write numbers as 1, １, 一, 十五, 二十 or 一百零五 (Chinese numerals the standard way: not 十十, 三五 or 一百五)",
                    ),
                );
                0
            }
        }
    }

    /// A number that must lie in `range` (a limit of README's "输入的限制"): outside it is
    /// E0109 at the number, and the nearest bound is used so checking goes on.
    fn bounded(
        &mut self,
        pair: &Pair<Rule>,
        range: RangeInclusive<u32>,
        what: (&str, &str),
    ) -> u32 {
        let n = self.number(pair);
        if range.contains(&n) || parse_number(pair.as_str()).is_none() {
            return n;
        }
        let (lo, hi) = (*range.start(), *range.end());
        self.diags.push(
            Diag::error(
                "E0109",
                format!("{}为 {n}，超出允许的范围 {lo}–{hi}", what.0),
                format!("{} is {n}, outside the allowed range {lo}–{hi}", what.1),
            )
            .at(
                self.span(pair),
                format!("应在 {lo} 到 {hi} 之间"),
                format!("must be from {lo} to {hi}"),
            )
            .help(
                "README 的“输入的限制”一节列出每个上限",
                "README, \"Input limits\", lists every limit",
            ),
        );
        n.clamp(lo, hi)
    }

    fn date(&mut self, pair: &Pair<Rule>) -> Option<NaiveDate> {
        let d = parse_date(pair.as_str());
        if let Some(y) = d.map(|d| d.year()).filter(|y| !PLAUSIBLE_YEARS.contains(y)) {
            let (lo, hi) = (PLAUSIBLE_YEARS.start(), PLAUSIBLE_YEARS.end());
            self.diags.push(
                Diag::error(
                    "E0110",
                    format!("日期 `{}` 的年份 {y} 不合常理", pair.as_str()),
                    format!("the year {y} of `{}` is implausible", pair.as_str()),
                )
                .at(
                    self.span(pair),
                    format!("年份应在 {lo} 到 {hi} 之间"),
                    format!("the year must be from {lo} to {hi}"),
                )
                .help(
                    "检查年份是否写错（如 0202 应为 2022）",
                    "check the year for a typo (0202 for 2022?)",
                ),
            );
            return None;
        }
        if d.is_none() {
            self.diags.push(
                Diag::error(
                    "E0107",
                    format!("无效的日期 `{}`", pair.as_str()),
                    format!("invalid date `{}`", pair.as_str()),
                )
                .at(self.span(pair), "不是有效的日期", "not a valid date")
                .help(
                    format!("日期可写作 {}", crate::text::DATE_FORMS),
                    format!("dates are written {}", crate::text::DATE_FORMS),
                ),
            );
        }
        d
    }

    fn rest_text(&self, pair: Option<Pair<Rule>>) -> String {
        pair.map(|p| self.original(&p).trim().to_string())
            .unwrap_or_default()
    }
}

/// Builds the statement of a parsed `line`, if it has one.
pub(crate) fn build_line(ctx: &mut Ctx, line: Pair<Rule>) -> Option<Stmt> {
    let stmt = line.into_inner().find(|p| p.as_rule() != Rule::EOI)?;
    let span = ctx.span(&stmt);
    let rule = stmt.as_rule();
    let has_colon = stmt
        .clone()
        .into_inner()
        .any(|p| p.as_rule() == Rule::colon);
    let mut inner = stmt.into_inner().filter(|p| p.as_rule() != Rule::colon);
    Some(match rule {
        Rule::ruleset_decl => Stmt::Ruleset(ctx.ident(&inner.next()?)),
        Rule::basis_decl => Stmt::Basis(ctx.ident(&inner.next()?)),
        Rule::source_decl => Stmt::Source(build_source(ctx, inner, span)?),
        Rule::effective_decl => {
            let date = ctx.date(&inner.next()?)?;
            Stmt::Effective(date, span, inner.any(|p| p.as_rule() == Rule::next_year))
        }
        Rule::inherit_decl => Stmt::Inherit(ctx.ident(&inner.next()?)),
        Rule::ends_decl => Stmt::Ends(ctx.date(&inner.next()?)?, span),
        Rule::repeal_decl => {
            let kind = match inner.next()?.as_str() {
                "不适用" => ast::RepealKind::NotApplicable,
                _ => ast::RepealKind::Repeal,
            };
            let rule = build_rule_ref(ctx, inner.next()?);
            let reason = reason(ctx, inner.next(), span);
            Stmt::Repeal(ast::Repeal {
                kind,
                rule,
                reason,
                span,
            })
        }
        Rule::amend_stmt => Stmt::Amend(build_rule_ref(ctx, inner.next()?)),
        Rule::loosen_stmt => Stmt::Loosen(reason(ctx, inner.next(), span)),
        Rule::unit_kinds_decl => Stmt::UnitKinds(inner.map(|p| ctx.ident(&p)).collect()),
        Rule::roles_decl => Stmt::Roles(inner.map(|p| build_role_item(ctx, p)).collect()),
        Rule::event_decl => Stmt::Events(inner.map(|p| ctx.ident(&p)).collect()),
        Rule::field_decl => {
            let name = ctx.ident(&inner.next()?);
            Stmt::Field(ast::FieldDecl {
                name,
                ty: build_field_type(ctx, inner.next()?),
            })
        }
        Rule::param_decl => Stmt::Param(build_param_decl(ctx, inner, span)?),
        Rule::clause_decl => {
            let item = ctx.ident(&inner.next()?);
            let title = Some(ctx.rest_text(inner.next())).filter(|t| !t.is_empty());
            Stmt::Clause(item, title)
        }
        Rule::text_decl => {
            let first = inner.next()?;
            if first.as_rule() == Rule::text_doc {
                let doc = first.into_inner().next().map(|n| ctx.ident(&n));
                let mut q = build_quoted(ctx, inner.next()?);
                q.doc = doc;
                Stmt::Text(q)
            } else {
                Stmt::Text(build_quoted(ctx, first))
            }
        }
        Rule::principle_decl => Stmt::Principle(ctx.rest_text(inner.next())),
        Rule::rule_decl => {
            let name = ctx.ident(&inner.next()?);
            if !has_colon {
                let at = Span::new(ctx.file, name.span.end as usize, name.span.end as usize);
                ctx.diags.push(
                    Diag::error(
                        "E0103",
                        "规则名后缺少冒号",
                        "missing colon after the rule name",
                    )
                    .at(at, "此处应有 `：`", "expected `：` here")
                    .help(
                        format!("写作 `规则 {}：`", name.text),
                        format!("write `规则 {}：`", name.text),
                    ),
                );
            }
            Stmt::Rule(name)
        }
        Rule::subject_stmt => Stmt::Subject(build_party(ctx, inner.next()?)),
        Rule::responsible_stmt => {
            let p = inner.next()?;
            if p.as_rule() == Rule::anyone {
                Stmt::Anyone(span)
            } else {
                Stmt::Responsible(build_party(ctx, p))
            }
        }
        Rule::trigger_stmt => Stmt::Trigger(build_trigger(ctx, inner, span)?),
        Rule::assign_stmt => Stmt::Require(Box::new(build_assign_ban(ctx, inner, span))),
        Rule::require_stmt | Rule::linked_require_stmt => {
            Stmt::Require(Box::new(build_requirement(ctx, inner, span)?))
        }
        Rule::trigger_responsible_stmt => Stmt::ByTrigger(build_trigger_party(ctx, inner.next()?)),
        Rule::consequence_stmt => Stmt::Consequence(ctx.rest_text(inner.next())),
        Rule::population_stmt => Stmt::Population(build_party(ctx, inner.next()?)),
        Rule::example_decl => {
            let name = ctx.ident(&inner.next()?);
            let date = match inner.next() {
                Some(d) => Some(ctx.date(&d)?),
                None => None,
            };
            Stmt::Example(name, date)
        }
        Rule::fact_row => {
            let table = fold(inner.next()?.as_str());
            let cells = inner.map(|c| build_cell(ctx, &c)).collect();
            Stmt::FactRow(ast::FactRow { table, cells, span })
        }
        Rule::expect_stmt => {
            let subject = ctx.original(&inner.next()?);
            let date = ctx.date(&inner.next()?)?;
            let status = inner.next()?.as_str().to_string();
            Stmt::Expect(ast::Expect {
                subject,
                date,
                status,
                span,
            })
        }
        r => unreachable!("{r:?} in build_line"),
    })
}

/// A cell of an example row: `值` or `列=值` (the value as written, the column folded).
fn build_cell(ctx: &Ctx, pair: &Pair<Rule>) -> ast::Cell {
    let text = ctx.original(pair);
    match text.split_once(['=', '＝']) {
        Some((n, v)) if !n.is_empty() => ast::Cell {
            name: Some(fold(n)),
            value: v.to_string(),
        },
        _ => ast::Cell {
            name: None,
            value: text,
        },
    }
}

/// A reason after `：`, without a leading `理由`.
fn reason(ctx: &Ctx, pair: Option<Pair<Rule>>, span: Span) -> ast::Reason {
    let text = ctx.rest_text(pair);
    let text = text
        .strip_prefix("理由")
        .map(|t| t.trim_start_matches([':', '：', ' ', '\u{3000}']))
        .unwrap_or(&text)
        .trim()
        .to_string();
    ast::Reason { text, span }
}

fn build_rule_ref(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::RuleRef {
    let span = ctx.span(&pair);
    let text = ctx.original(&pair);
    let mut inner = pair.into_inner();
    match (inner.next(), inner.next()) {
        (Some(item), Some(name)) => ast::RuleRef {
            item: ctx.ident(&item),
            name: ctx.ident(&name),
            text,
            span,
        },
        _ => unreachable!("rule_ref without item and name"),
    }
}

fn build_role_item(ctx: &mut Ctx, pair: Pair<Rule>) -> (ast::Ident, bool) {
    let mut inner = pair.into_inner();
    let name = inner.next().map(|p| ctx.ident(&p));
    let sole = inner.any(|p| p.as_rule() == Rule::sole);
    match name {
        Some(n) => (n, sole),
        None => unreachable!("role_item without a name"),
    }
}

fn build_field_type(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::FieldType {
    let Some(ty) = pair.into_inner().next() else {
        unreachable!("empty field_type")
    };
    match ty.as_rule() {
        Rule::ty_text => ast::FieldType::Text,
        Rule::ty_bool => ast::FieldType::Bool,
        Rule::ty_number => ast::FieldType::Number,
        Rule::ty_date => ast::FieldType::Date,
        Rule::ty_person => ast::FieldType::Person,
        Rule::ty_unit => ast::FieldType::Unit,
        Rule::ty_event => ast::FieldType::Event,
        Rule::ty_choice => ast::FieldType::OneOf(ty.into_inner().map(|p| ctx.ident(&p)).collect()),
        r => unreachable!("{r:?} in build_field_type"),
    }
}

fn build_param_decl<'i>(
    ctx: &mut Ctx,
    mut inner: impl Iterator<Item = Pair<'i, Rule>>,
    span: Span,
) -> Option<ast::ParamDecl> {
    let name = ctx.ident(&inner.next()?);
    let mut decl = ast::ParamDecl {
        name,
        value: None,
        kind: None,
        assumed: None,
        span,
    };
    for p in inner {
        match p.as_rule() {
            Rule::param_value => decl.value = Some(build_param_value(ctx, p)?),
            Rule::assumed => {
                let reason = p.into_inner().find(|r| r.as_rule() == Rule::assume_reason);
                decl.assumed = Some(ctx.rest_text(reason));
            }
            Rule::open => {}
            Rule::param_kind => {
                decl.kind = p.into_inner().next().map(|k| match k.as_rule() {
                    Rule::pk_duration => ast::ParamKind::Duration,
                    Rule::pk_period => ast::ParamKind::Period,
                    Rule::pk_ratio => ast::ParamKind::Ratio,
                    Rule::pk_count => ast::ParamKind::Count,
                    r => unreachable!("{r:?} in param_kind"),
                })
            }
            r => unreachable!("{r:?} in build_param_decl"),
        }
    }
    Some(decl)
}

fn build_param_value(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<ast::ParamValue> {
    let v = pair.into_inner().next()?;
    Some(match v.as_rule() {
        Rule::period => ast::ParamValue::Period(build_period(ctx, v)),
        Rule::duration => ast::ParamValue::Duration(build_duration(ctx, v)),
        Rule::ratio => {
            let (n, d) = build_ratio(ctx, v)?;
            ast::ParamValue::Ratio(n, d)
        }
        Rule::times => ast::ParamValue::Count(ctx.bounded(
            &v.into_inner().next()?,
            0..=MAX_COUNT,
            ("次数", "the count"),
        )),
        r => unreachable!("{r:?} in build_param_value"),
    })
}

/// `10%`, `百分之十` → (10, 100).
fn build_ratio(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<(u64, u64)> {
    let n = pair.into_inner().next()?;
    Some((u64::from(ctx.number(&n)), 100))
}

fn build_quoted(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Quoted {
    let span = ctx.span(&pair);
    let raw = ctx.original(&pair);
    let text = raw
        .strip_prefix(['「', '『'])
        .and_then(|s| s.strip_suffix(['」', '』']))
        .unwrap_or(&raw)
        .trim()
        .to_string();
    ast::Quoted {
        text,
        doc: None,
        span,
    }
}

/// `出处 KEY PATH 自「…」 至「…」`.
fn build_source<'i>(
    ctx: &mut Ctx,
    mut inner: impl Iterator<Item = Pair<'i, Rule>>,
    span: Span,
) -> Option<ast::SourceDecl> {
    let key = ctx.ident(&inner.next()?);
    let path = ctx.original(&inner.next()?);
    let mut decl = ast::SourceDecl {
        key,
        path,
        from: None,
        to: None,
        split: None,
        span,
    };
    for p in inner {
        let rule = p.as_rule();
        let q = build_quoted(ctx, p.into_inner().next()?);
        match rule {
            Rule::doc_from => decl.from = Some(q),
            Rule::doc_split => decl.split = Some(q),
            _ => decl.to = Some(q),
        }
    }
    Some(decl)
}

/// Builds a party: `scope? 的? name (的 name)? except?`.
pub(crate) fn build_party(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Party {
    let span = ctx.span(&pair);
    let text = ctx.original(&pair);
    let mut party = ast::Party {
        scope: None,
        names: Vec::new(),
        except: None,
        text,
        span,
    };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::scope => {
                party.scope = p.into_inner().next().map(|s| match s.as_rule() {
                    Rule::sc_same_unit => ast::Scope::SameUnit,
                    Rule::sc_parent_unit => ast::Scope::ParentUnit,
                    Rule::sc_child_unit => ast::Scope::ChildUnit,
                    Rule::sc_same_level => ast::Scope::SameLevel,
                    Rule::sc_upper => ast::Scope::UpperLevel,
                    Rule::sc_lower => ast::Scope::LowerLevel,
                    r => unreachable!("{r:?} in scope"),
                })
            }
            Rule::party_name => party.names.push(ctx.ident(&p)),
            Rule::except => party.except = p.into_inner().next().map(|n| ctx.ident(&n)),
            r => unreachable!("{r:?} in build_party"),
        }
    }
    party
}

/// `发现者`, `发现者的同级党委的一把手`, `函询的主体`, `本人`.
fn build_trigger_party(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::TriggerParty {
    let span = ctx.span(&pair);
    let text = ctx.original(&pair);
    let mut anchor = ast::TriggerAnchor::Subject;
    let mut rel = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::tp_finder => anchor = ast::TriggerAnchor::Actors(None),
            Rule::tp_self => anchor = ast::TriggerAnchor::Subject,
            Rule::tp_event => {
                let mut it = p.into_inner();
                let (Some(kind), Some(side)) = (it.next(), it.next()) else {
                    continue;
                };
                let kind = ctx.ident(&kind);
                anchor = match side.as_rule() {
                    Rule::tp_target => ast::TriggerAnchor::Targets(kind),
                    _ => ast::TriggerAnchor::Actors(Some(kind)),
                };
            }
            Rule::party => rel = Some(build_party(ctx, p)),
            _ => {}
        }
    }
    ast::TriggerParty {
        anchor,
        rel,
        text,
        span,
    }
}

fn build_trigger<'i>(
    ctx: &mut Ctx,
    mut inner: impl Iterator<Item = Pair<'i, Rule>>,
    span: Span,
) -> Option<ast::Trigger> {
    let party = build_party(ctx, inner.next()?);
    let mut kinds = Vec::new();
    for k in inner {
        let Some(k) = k.into_inner().next() else {
            continue;
        };
        let kspan = ctx.span(&k);
        kinds.push(match k.as_rule() {
            Rule::tk_start => ast::TriggerKind::TenureStart(kspan),
            Rule::tk_end => ast::TriggerKind::TenureEnd(kspan),
            Rule::tk_years => {
                let n = k.into_inner().next()?;
                let years = ctx.bounded(&n, 1..=MAX_YEARS, ("任职年数", "the years of tenure"));
                ast::TriggerKind::TenureYears(years, kspan)
            }
            Rule::tk_event => ast::TriggerKind::Event(ctx.ident(&k.into_inner().next()?)),
            Rule::tk_violation => ast::TriggerKind::Violation(ctx.ident(&k.into_inner().next()?)),
            Rule::tk_consecutive => {
                let mut it = k.into_inner();
                let n = ctx.bounded(&it.next()?, 1..=MAX_COUNT, ("连续次数", "the run length"));
                let ev = ctx.ident(&it.next()?);
                let cond = it.next().map(|c| build_cond(ctx, c));
                ast::TriggerKind::Consecutive(n, ev, cond, kspan)
            }
            r => unreachable!("{r:?} in build_trigger"),
        });
    }
    Some(ast::Trigger { party, kinds, span })
}

fn build_requirement<'i>(
    ctx: &mut Ctx,
    mut inner: impl Iterator<Item = Pair<'i, Rule>>,
    span: Span,
) -> Option<ast::Requirement> {
    let m = inner.next()?.into_inner().next()?;
    let modality = match m.as_rule() {
        Rule::m_obligation => ast::Modality::Obligation,
        Rule::m_default => ast::Modality::Default,
        Rule::m_permission => ast::Modality::Permission,
        Rule::m_prohibition => ast::Modality::Prohibition,
        r => unreachable!("{r:?} in modality"),
    };
    let mut req = ast::Requirement {
        modality,
        timing: None,
        target: None,
        event: empty_ident(span),
        mutual: None,
        cond: None,
        before: None,
        areas: Vec::new(),
        to_trigger: None,
        deadline: None,
        span,
    };
    for p in inner {
        match p.as_rule() {
            Rule::trigger_target => {
                req.to_trigger = p.into_inner().next().map(|t| build_trigger_party(ctx, t))
            }
            Rule::deadline_ref => req.deadline = p.into_inner().next().map(|f| ctx.ident(&f)),
            Rule::timing => req.timing = build_timing(ctx, p),
            Rule::param_ref => req.timing = Some(ast::Timing::Param(ctx.ident(&p))),
            Rule::target => req.target = p.into_inner().next().map(|t| build_party(ctx, t)),
            Rule::order => req.before = p.into_inner().next().map(|t| build_party(ctx, t)),
            Rule::required_event => {
                for e in p.into_inner() {
                    match e.as_rule() {
                        Rule::event_name => req.event = ctx.ident(&e),
                        Rule::mutual => req.mutual = Some(ctx.span(&e)),
                        Rule::cond => req.cond = Some(build_cond(ctx, e)),
                        _ => {}
                    }
                }
            }
            r => unreachable!("{r:?} in build_requirement"),
        }
    }
    Some(req)
}

/// `不得 分管 干部人事、财务`: a prohibition whose event is the word 分管 and whose areas are listed.
fn build_assign_ban<'i>(
    ctx: &mut Ctx,
    inner: impl Iterator<Item = Pair<'i, Rule>>,
    span: Span,
) -> ast::Requirement {
    let mut req = ast::Requirement {
        modality: ast::Modality::Prohibition,
        timing: None,
        target: None,
        event: empty_ident(span),
        cond: None,
        before: None,
        areas: Vec::new(),
        mutual: None,
        to_trigger: None,
        deadline: None,
        span,
    };
    for p in inner {
        match p.as_rule() {
            Rule::assign_verb => req.event = ctx.ident(&p),
            Rule::area => req.areas.push(ctx.ident(&p)),
            _ => {}
        }
    }
    req
}

/// `（字段=值）`, `（字段）`, `（金额≥3000，会签=否）`: the first item, the others in `and`.
fn build_cond(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Cond {
    let span = ctx.span(&pair);
    let mut items = pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::cond_item)
        .map(|p| build_cond_item(ctx, p));
    let mut first = items.next().unwrap_or_else(|| ast::Cond {
        field: empty_ident(span),
        value: None,
        op: crate::ir::CmpOp::Eq,
        and: Vec::new(),
        span,
    });
    first.and = items.collect();
    first.span = span;
    first
}

fn build_cond_item(ctx: &mut Ctx, pair: Pair<Rule>) -> ast::Cond {
    let span = ctx.span(&pair);
    let mut op = crate::ir::CmpOp::Eq;
    let mut names = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::name => names.push(ctx.ident(&p)),
            Rule::cmp_op => {
                op = match p.into_inner().next().map(|o| o.as_rule()) {
                    Some(Rule::cmp_ge) => crate::ir::CmpOp::Ge,
                    Some(Rule::cmp_le) => crate::ir::CmpOp::Le,
                    Some(Rule::cmp_gt) => crate::ir::CmpOp::Gt,
                    _ => crate::ir::CmpOp::Lt,
                }
            }
            _ => {}
        }
    }
    let mut names = names.into_iter();
    let field = names.next().unwrap_or_else(|| empty_ident(span));
    ast::Cond {
        field,
        value: names.next(),
        op,
        and: Vec::new(),
        span,
    }
}

fn empty_ident(span: Span) -> ast::Ident {
    ast::Ident {
        text: String::new(),
        key: String::new(),
        span,
    }
}
