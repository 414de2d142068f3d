//! Why an instance is not 已履行, in words, for the CSV, workbook and HTML reports (issue 12 §2):
//! P1/P2 how many of how many by when, P3 the arithmetic, P4 who is not covered, P5/P6/P10–P12
//! the trigger and the deadline, P7/P8 which required field or value was missing on which event,
//! P9 the forbidden act (and for an order prohibition, whose statement it came before).
//!
//! INVARIANT: pure; built from the instance, the rule and the facts the instance cites only.

use super::Report;
use crate::diagnostics::Lang;
use crate::eval::{Detail, Instance, Party, Status};
use crate::facts::FieldValue;
use crate::ir::{self, RuleBody};

/// The field of an order prohibition's position (as the JSON report's `order_field` says).
const ORDER_FIELD: &str = "次序";

/// The reason in words; empty for a satisfied instance (nothing to explain).
pub fn why(r: &Report, i: &Instance, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    if i.status == Status::NotApplicable {
        return i
            .reason
            .map(|x| if zh { x.zh() } else { x.as_str() }.to_string())
            .unwrap_or_default();
    }
    let rule = &r.ruleset.rules[i.rule];
    let mut parts = Vec::new();
    if let Some(body) = &rule.body {
        if i.status != Status::Satisfied {
            parts.push(W { r, i, zh }.body(rule, body));
        }
    }
    if let Some(e) = i.excuse {
        let reason = crate::eval::excuse_reason(r.facts, e).unwrap_or_default();
        parts.push(if zh {
            format!("已说明理由（{}）：{reason}", r.event_id(e))
        } else {
            format!("excused ({}): {reason}", r.event_id(e))
        });
    }
    parts.retain(|p| !p.is_empty());
    parts.join(if zh { "；" } else { "; " })
}

/// A person as `P010（张三）`, a unit as `乙镇党委（U12）`.
pub fn party_named(r: &Report, p: Party, zh: bool) -> String {
    let (id, name) = match p.person {
        Some(pi) => {
            let person = &r.facts.people[pi as usize];
            (person.id.as_str(), person.name.as_str())
        }
        None => {
            let unit = &r.facts.units[p.unit as usize];
            (unit.id.as_str(), unit.name.as_str())
        }
    };
    match (name.is_empty(), zh) {
        (true, _) => id.to_string(),
        (false, true) => format!("{id}（{name}）"),
        (false, false) => format!("{id} ({name})"),
    }
}

struct W<'a> {
    r: &'a Report<'a>,
    i: &'a Instance,
    zh: bool,
}

impl W<'_> {
    fn t(&self, zh: String, en: String) -> String {
        if self.zh {
            zh
        } else {
            en
        }
    }

    fn body(&self, rule: &ir::Rule, body: &RuleBody) -> String {
        let (r, i) = (self.r, self.i);
        let ev = r.event_display(body.event());
        match (body, &i.detail) {
            (RuleBody::Periodic { .. }, _) => self.periodic(rule, &ev),
            (RuleBody::Ratio { .. }, Some(Detail::Ratio { covered, .. })) => {
                let a = super::words::arithmetic(i).unwrap_or_default();
                let n = covered.len();
                self.t(format!("{a}，已覆盖 {n}"), format!("{a}, covered {n}"))
            }
            (RuleBody::TermCoverage { .. }, Some(Detail::Coverage { uncovered, .. })) => {
                let who: Vec<String> = uncovered
                    .iter()
                    .map(|&p| party_named(r, p, self.zh))
                    .collect();
                match who.is_empty() {
                    true => String::new(),
                    false => self.t(
                        format!("未覆盖：{}", who.join("、")),
                        format!("not covered: {}", who.join(", ")),
                    ),
                }
            }
            (RuleBody::Triggered { .. }, _) => self.triggered(&ev),
            (RuleBody::Precedence { .. }, _) => self.precedence(&ev),
            (RuleBody::FirstAfter { cond, .. }, _) => match i.evidence.first() {
                None => self.t(format!("尚无{ev}"), format!("no {ev} yet")),
                Some(&e) => {
                    let first = self.t("第一次".into(), "the first ".into());
                    format!("{first}{}", self.missing(e, &ev, cond))
                }
            },
            (RuleBody::EveryEvent { cond, .. }, _) => match i.evidence.first() {
                None => String::new(),
                Some(&e) => self.missing(e, &ev, cond),
            },
            (RuleBody::Prohibited { cond, before, .. }, _) => {
                self.prohibited(&ev, cond.as_ref(), before.as_ref())
            }
            (RuleBody::ForbiddenAssignment { .. }, Some(Detail::Assignment { row, areas })) => {
                let a = &r.facts.assignments[*row];
                let unit = &r.facts.units[a.unit as usize].id;
                self.t(
                    format!("{unit} 的分工自 {} 起分管 {}", a.start, areas.join("、")),
                    format!(
                        "in charge of {} in {unit} from {}",
                        areas.join(", "),
                        a.start
                    ),
                )
            }
            _ => String::new(),
        }
    }

    fn periodic(&self, rule: &ir::Rule, ev: &str) -> String {
        let i = self.i;
        let (min, max) = Report::bounds(rule);
        let due = i.due.map(|d| d.to_string()).unwrap_or_default();
        let n = i.count;
        match (i.status, min, max) {
            (Status::Late, _, _) => {
                let last = i
                    .evidence
                    .last()
                    .map(|&e| self.event_at(e))
                    .unwrap_or_default();
                self.t(
                    format!("期限 {due} 之后才完成（{last}）"),
                    format!("done only after the deadline {due} ({last})"),
                )
            }
            (_, _, Some(m)) if n > m => self.t(
                format!("{ev} {n} 次，超过至多 {m} 次"),
                format!("{n} × {ev}, more than at most {m}"),
            ),
            (Status::Pending, Some(m), _) => self.t(
                format!(
                    "已有 {n} 次{ev}，还须 {} 次，期限 {due}",
                    m.saturating_sub(n)
                ),
                format!(
                    "{n} × {ev} so far, {} more due by {due}",
                    m.saturating_sub(n)
                ),
            ),
            (_, Some(m), _) => self.t(
                format!("期限 {due} 前{ev}只有 {n} 次，须至少 {m} 次"),
                format!("only {n} × {ev} by {due}, at least {m} required"),
            ),
            _ => String::new(),
        }
    }

    fn trigger_words(&self) -> String {
        match &self.i.trigger {
            Some(t) => format!("{} {}", super::json::trigger_name(self.r, &t.kind), t.date),
            None => String::new(),
        }
    }

    fn triggered(&self, ev: &str) -> String {
        let i = self.i;
        let trig = self.trigger_words();
        let due = i.due.map(|d| d.to_string()).unwrap_or_default();
        if i.due.is_none() && i.status == Status::Pending {
            // `按 期限`: the trigger event has no date in its deadline field.
            return self.t(
                format!("触发：{trig}；触发事件未写明期限，尚无{ev}"),
                format!("trigger: {trig}; the trigger event records no deadline; no {ev} yet"),
            );
        }
        match i.status {
            Status::Late => {
                let done = i
                    .evidence
                    .first()
                    .map(|&e| self.event_at(e))
                    .unwrap_or_default();
                self.t(
                    format!("触发：{trig}；{ev}在期限 {due} 之后（{done}）"),
                    format!("trigger: {trig}; {ev} after the deadline {due} ({done})"),
                )
            }
            Status::Pending => self.t(
                format!("触发：{trig}；须在 {due} 前{ev}"),
                format!("trigger: {trig}; {ev} due by {due}"),
            ),
            _ => self.t(
                format!("触发：{trig}；至 {due} 没有{ev}"),
                format!("trigger: {trig}; no {ev} by {due}"),
            ),
        }
    }

    fn precedence(&self, ev: &str) -> String {
        let trig = self.trigger_words();
        self.t(
            format!("{trig} 之前没有{ev}"),
            format!("no {ev} before {trig}"),
        )
    }

    /// `E12（2023-04-01）`.
    fn event_at(&self, e: u32) -> String {
        let ev = &self.r.facts.events[e as usize];
        self.t(
            format!("{}（{}）", ev.id, ev.date),
            format!("{} ({})", ev.id, ev.date),
        )
    }

    /// What the event lacks: `常委会会议 E20（2023-04-01）的「公开个人事项」为 否，须为 是`.
    fn missing(&self, e: u32, ev: &str, cond: &ir::FieldCond) -> String {
        let at = self.event_at(e);
        let gap = field_gap(self.r, e, cond, self.zh);
        match self.zh {
            true => format!("{ev} {at}{gap}"),
            false => format!("{ev} {at} {gap}"),
        }
    }

    fn prohibited(
        &self,
        ev: &str,
        cond: Option<&ir::FieldCond>,
        before: Option<&ir::PartyExpr>,
    ) -> String {
        let i = self.i;
        if i.status != Status::Violated {
            return String::new();
        }
        let act = match cond {
            Some(c) => format!("{ev}（{}）", c.text),
            None => ev.to_string(),
        };
        let Some(&first) = i.evidence.first() else {
            return String::new();
        };
        let at = self.event_at(first);
        match (before, i.evidence.get(1)) {
            (Some(b), Some(&later)) => {
                let other = &self.r.facts.events[later as usize];
                let who: Vec<String> = other.actors.iter().map(|a| self.actor(*a)).collect();
                let order = |e: u32| {
                    self.r.facts.events[e as usize]
                        .fields
                        .get(ORDER_FIELD)
                        .map(|v| value_text(v, self.zh))
                        .unwrap_or_default()
                };
                self.t(
                    format!(
                        "不得先于{}{act}：{at}次序 {}，先于 {}的{ev} {}（次序 {}）",
                        b.text,
                        order(first),
                        who.join("、"),
                        other.id,
                        order(later)
                    ),
                    format!(
                        "must not {act} before {}: {at} order {} came before {}'s {ev} {} (order {})",
                        b.text,
                        order(first),
                        who.join(", "),
                        other.id,
                        order(later)
                    ),
                )
            }
            _ => self.t(
                format!("禁止的行为：{act}，{at}"),
                format!("forbidden: {act}, {at}"),
            ),
        }
    }

    fn actor(&self, a: crate::facts::PartyId) -> String {
        match a {
            crate::facts::PartyId::Person(p) => party_named(
                self.r,
                Party {
                    person: Some(p),
                    unit: self.i.subject.unit,
                },
                self.zh,
            ),
            crate::facts::PartyId::Unit(u) => party_named(
                self.r,
                Party {
                    person: None,
                    unit: u,
                },
                self.zh,
            ),
        }
    }
}

/// How event `e` falls short of `cond`: `没有填写「是否报告同级党委问题」`, `的「公开个人事项」为 否，须为 是`
/// (English: `has no …`, `has … = 否, must be 是`).
pub fn field_gap(r: &Report, e: u32, cond: &ir::FieldCond, zh: bool) -> String {
    let (field, want) = match cond.text.split_once('=') {
        Some((f, v)) => (f.trim(), Some(v.trim())),
        None => (cond.text.trim(), None),
    };
    let have = r.facts.events[e as usize].fields.get(&cond.field);
    match (have, want, zh) {
        (None, Some(w), true) => format!("没有填写「{field}」（须为 {w}）"),
        (None, Some(w), false) => format!("has no `{field}` (must be {w})"),
        (None, None, true) => format!("没有填写「{field}」"),
        (None, None, false) => format!("has no `{field}`"),
        (Some(v), w, true) => {
            format!(
                "的「{field}」为 {}，须为 {}",
                value_text(v, true),
                w.unwrap_or_default()
            )
        }
        (Some(v), w, false) => format!(
            "has `{field}` = {}, must be {}",
            value_text(v, false),
            w.unwrap_or_default()
        ),
    }
}

/// A field value as written in a report.
fn value_text(v: &FieldValue, zh: bool) -> String {
    match v {
        FieldValue::Text(t) | FieldValue::Ref(t) => t.clone(),
        FieldValue::Bool(b) => match (zh, b) {
            (true, true) => "是".into(),
            (true, false) => "否".into(),
            (false, b) => b.to_string(),
        },
        FieldValue::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", *n as i64)
            } else {
                n.to_string()
            }
        }
        FieldValue::Date(d) => d.to_string(),
    }
}
