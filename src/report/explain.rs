//! Rendering `explain` traces: a tree in Chinese (English with `--lang en`), or JSON.

use serde_json::{json, Value};

use super::words;
use super::Report;
use crate::diagnostics::Lang;
use crate::eval::trace::{Remedy, Trace};
use crate::eval::{Detail, Instance, Party, Window};

fn day(d: chrono::NaiveDate) -> String {
    if d == chrono::NaiveDate::MAX {
        "至今".into()
    } else {
        d.to_string()
    }
}

fn range(w: Window) -> String {
    format!("{}~{}", day(w.start), day(w.end))
}

fn range_in(w: Window, zh: bool) -> String {
    if zh || w.end != chrono::NaiveDate::MAX {
        range(w)
    } else {
        format!("{}~now", w.start)
    }
}

/// The traces as a text tree.
pub fn explain_text(r: &Report, traces: &[Trace], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    if traces.is_empty() {
        return format!("{}\n", t("没有符合条件的实例", "no matching instance"));
    }
    let mut out = String::new();
    for tr in traces {
        let i = &tr.instance;
        let rule = &r.ruleset.rules[i.rule];
        let status = if zh { i.status.zh() } else { i.status.as_str() };
        out.push_str(&format!(
            "【{}】 {} {} {}\n",
            rule.id,
            r.party_ref(i.subject),
            range(i.period),
            status
        ));
        let mut lines: Vec<String> = Vec::new();
        lines.push(format!(
            "{}「{}」（{} {}）",
            t("原文：", "source: "),
            rule.source.text,
            rule.source.document,
            rule.source.item
        ));
        let due = i
            .due
            .map_or_else(String::new, |d| format!("，{}{d}", t("期限 ", "due ")));
        let pattern = rule.body.as_ref().map_or("", |b| b.pattern());
        lines.push(format!(
            "{}{}（{pattern}）{due}",
            t("期间：", "period: "),
            range(i.period)
        ));
        if let Some(tg) = &i.trigger {
            // The event behind it, with who recorded it as 主体 (the finder, the sending unit).
            let fact = match tg.fact {
                crate::eval::TriggerFact::Event(e) if rule.trigger_links.is_some() => {
                    let ev = &r.facts.events[e as usize];
                    let by: Vec<String> = ev.actors.iter().map(|a| r.party_id_ref(*a)).collect();
                    format!(" {}（{}{}）", ev.id, t("主体 ", "主体 "), by.join("、"))
                }
                _ => String::new(),
            };
            lines.push(format!(
                "{}{} {}{fact}",
                t("触发：", "trigger: "),
                super::json::trigger_name(r, &tg.kind),
                tg.date
            ));
        }
        let held: Vec<String> = tr.subject_held.iter().map(|w| range_in(*w, zh)).collect();
        lines.push(format!(
            "{}{}（{}）{}",
            t("对象：", "subject: "),
            r.party_ref(i.subject),
            rule.subject.text,
            if held.is_empty() {
                String::new()
            } else {
                format!(" {}{}", t("在任 ", "held "), held.join("、"))
            }
        ));
        let by_trigger = rule.trigger_links.as_ref().and_then(|l| l.actor.as_ref());
        match &rule.responsible {
            None if by_trigger.is_some() => {
                let hs: Vec<String> = tr
                    .responsible
                    .iter()
                    .map(|(p, _)| r.party_ref(*p))
                    .collect();
                lines.push(format!(
                    "{}（{}{}）：{}",
                    t("责任人", "responsible"),
                    by_trigger.map_or("", |b| b.text.as_str()),
                    t("，取自触发事件", ", from the trigger event"),
                    hs.join("；")
                ));
            }
            None if rule.anyone_acts => lines.push(
                t(
                    "责任人：不限（事件的“对象”须含对象）",
                    "responsible: anyone (the event's 对象 must name the subject)",
                )
                .to_string(),
            ),
            None => lines.push(format!(
                "{}{}",
                t("责任人：对象本人", "responsible: the subject itself"),
                ""
            )),
            Some(e) => {
                let hs: Vec<String> = tr
                    .responsible
                    .iter()
                    .map(|(p, ws)| {
                        let d: Vec<String> = ws.iter().map(|w| range_in(*w, zh)).collect();
                        format!("{} {}", r.party_ref(*p), d.join("、"))
                    })
                    .collect();
                let hs = if hs.is_empty() {
                    t("（空缺）", "(vacant)").to_string()
                } else {
                    hs.join("；")
                };
                lines.push(format!(
                    "{}（{}）：{hs}",
                    t("责任人", "responsible"),
                    e.text
                ));
            }
        }
        let mut evs: Vec<String> = tr
            .events
            .iter()
            .map(|(e, why)| {
                let ev = &r.facts.events[*e as usize];
                let dups: Vec<&str> = tr
                    .duplicates
                    .iter()
                    .filter(|(k, _)| k == e)
                    .map(|(_, d)| d.as_str())
                    .collect();
                let dup = if dups.is_empty() {
                    String::new()
                } else {
                    format!(
                        "；{}{}",
                        t("重复记录未再计：", "duplicates not counted again: "),
                        dups.join("、")
                    )
                };
                format!(
                    "{} {} {} {} → {}{}{dup}",
                    ev.id,
                    ev.date,
                    r.event_display(&ev.kind),
                    parties(r, &ev.actors, &ev.targets),
                    if zh { why.zh() } else { why.en() },
                    gap(r, rule, *e, why, zh).map_or_else(String::new, |g| format!("：{g}"))
                )
            })
            .collect();
        let mut label = t("事件：", "events:");
        if let Some(crate::ir::RuleBody::ForbiddenAssignment { areas }) = &rule.body {
            // What an assignment prohibition reads: the subject's 分工 rows in its unit.
            evs = assignment_lines(r, i, areas, zh);
            label = t("分工：", "assignments:");
            if evs.is_empty() {
                evs.push(
                    t(
                        "（对象在本单位没有分工记录）",
                        "(no 分工 row of the subject in its unit)",
                    )
                    .into(),
                );
            }
        }
        if evs.is_empty() {
            evs.push(
                t(
                    "（期间前后没有相关事件）",
                    "(no related event near the period)",
                )
                .into(),
            );
        }
        lines.push(format!("{label}\n{}", sub(&evs)));
        lines.push(format!(
            "{}{}",
            t("计算：", "arithmetic: "),
            arithmetic(r, tr, zh)
        ));
        let mut verdict = status.to_string();
        if let Some(reason) = i.reason {
            verdict.push_str(&format!(
                "（{}）",
                if zh { reason.zh() } else { reason.as_str() }
            ));
        }
        if let Some(e) = i.excuse {
            verdict.push_str(&format!(
                "；{}{} {}",
                t("已说明理由：", "excused: "),
                r.event_id(e),
                crate::eval::excuse_reason(r.facts, e).unwrap_or_default()
            ));
        }
        if let Some(c) = &rule.consequence {
            if i.status == crate::eval::Status::Violated {
                verdict.push_str(&format!("；{}{c}", t("违反后果：", "consequence: ")));
            }
        }
        lines.push(format!("{}{verdict}", t("结论：", "verdict: ")));
        if let Some(m) = &tr.remedy {
            lines.push(format!(
                "{}{}",
                t("如何满足：", "to satisfy: "),
                remedy(r, m, zh)
            ));
        }
        out.push_str(&sub(&lines));
        out.push('\n');
    }
    out
}

/// Tree lines with ├─ and └─; continuation lines of an item are indented under it.
fn sub(items: &[String]) -> String {
    let mut out = String::new();
    for (k, item) in items.iter().enumerate() {
        let last = k + 1 == items.len();
        for (j, line) in item.lines().enumerate() {
            let lead = match (j, last) {
                (0, false) => "├─ ",
                (0, true) => "└─ ",
                (_, false) => "│  ",
                (_, true) => "   ",
            };
            out.push_str(lead);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn parties(
    r: &Report,
    actors: &[crate::facts::PartyId],
    targets: &[crate::facts::PartyId],
) -> String {
    let ids = |v: &[crate::facts::PartyId]| {
        v.iter()
            .map(|&p| r.facts.party_id(p))
            .collect::<Vec<_>>()
            .join("、")
    };
    format!("{}→{}", ids(actors), ids(targets))
}

fn arithmetic(r: &Report, tr: &Trace, zh: bool) -> String {
    let i = &tr.instance;
    let rule = &r.ruleset.rules[i.rule];
    match &i.detail {
        Some(Detail::Ratio { covered, .. }) => format!(
            "{}{}，{}{}",
            words::arithmetic(i).unwrap_or_default(),
            if zh {
                "（向上取整）"
            } else {
                " (rounded up)"
            },
            if zh { "已覆盖 " } else { "covered " },
            covered.len()
        ),
        Some(Detail::Coverage {
            population,
            uncovered,
            term,
        }) => {
            let un: Vec<String> = uncovered.iter().map(|&p| r.party_ref(p)).collect();
            format!(
                "{}{} {}，{} {}{}",
                term.as_deref()
                    .map(|t| format!("{t}："))
                    .unwrap_or_default(),
                if zh { "应覆盖" } else { "population" },
                population.len(),
                if zh { "未覆盖" } else { "uncovered" },
                uncovered.len(),
                if un.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", un.join("、"))
                }
            )
        }
        Some(Detail::Assignment { row, areas }) => {
            let a = &r.facts.assignments[*row];
            if zh {
                format!("分工自 {} 起分管 {}（不得分管）", a.start, areas.join("、"))
            } else {
                format!(
                    "assignment from {} in charge of {} (forbidden)",
                    a.start,
                    areas.join(", ")
                )
            }
        }
        None => {
            let (min, max) = Report::bounds(rule);
            let req = match (min, max) {
                (Some(a), Some(b)) if a == b => format!("= {a}"),
                (Some(a), _) => format!("≥ {a}"),
                (None, Some(b)) => format!("≤ {b}"),
                _ => String::new(),
            };
            if zh {
                format!("计入 {} 次，要求 {req} 次", i.count)
            } else {
                format!("counted {}, required {req}", i.count)
            }
        }
    }
}

fn remedy(r: &Report, m: &Remedy, zh: bool) -> String {
    let whom: Vec<String> = m.whom.iter().map(|&p| r.party_ref(p)).collect();
    let who = m.who.map_or_else(
        || {
            if zh {
                "（空缺的责任人）".into()
            } else {
                "(vacant)".into()
            }
        },
        |p| r.party_ref(p),
    );
    let ev = r.event_display(&m.event);
    let mut cond = m
        .cond
        .as_ref()
        .map(|c| format!("（{c}）"))
        .unwrap_or_default();
    if let Some(to) = &m.to {
        cond.push_str(&if zh {
            format!("（向 {to}：事件的“对象”须写明{to}）")
        } else {
            format!(" (to {to}: the event's 对象 must name {to})")
        });
    }
    let own = matches!((m.who, m.whom.as_slice()), (Some(w), [x]) if w == *x);
    match (zh, m.by) {
        (true, Some(by)) if own && !m.choose => {
            format!("在{by}前由 {who} 开展{}次{ev}{cond}", m.times)
        }
        (false, Some(by)) if own && !m.choose => {
            format!("by {by}, {who} holds {} × {ev}{cond}", m.times)
        }
        (true, Some(by)) if m.choose => format!(
            "在{by}前由 {who} 从 {} 中再对{}人开展{ev}",
            whom.join("、"),
            m.times
        ),
        (false, Some(by)) if m.choose => format!(
            "by {by}, {who} holds {ev} for {} more of {}",
            m.times,
            whom.join(", ")
        ),
        (true, Some(by)) => format!(
            "在{by}前由 {who} 对 {} 开展{}次{ev}{cond}",
            whom.join("、"),
            m.times
        ),
        (true, None) => format!("下一次{ev}须满足{cond}"),
        (false, Some(by)) => format!(
            "by {by}, {who} holds {} × {ev}{cond} for {}",
            m.times,
            whom.join(", ")
        ),
        (false, None) => format!("the next {ev} must meet {cond}"),
    }
}

fn party(r: &Report, p: Option<Party>) -> Value {
    p.map_or(
        Value::Null,
        |p| json!({"person": r.person_id(p), "unit": r.unit_id(p)}),
    )
}

/// For an event that lacks the value a P7/P8 rule requires: which field, which value.
fn gap(
    r: &Report,
    rule: &crate::ir::Rule,
    e: u32,
    why: &crate::eval::trace::Why,
    zh: bool,
) -> Option<String> {
    use crate::eval::trace::Why;
    use crate::ir::RuleBody;
    if !matches!(why, Why::Breach | Why::PropertyMissing) {
        return None;
    }
    match &rule.body {
        Some(RuleBody::FirstAfter { cond, .. } | RuleBody::EveryEvent { cond, .. }) => {
            let g = super::why::field_gap(r, e, cond, zh);
            Some(g.trim_start_matches('的').to_string())
        }
        _ => None,
    }
}

/// The traces as JSON: the instance keys of the report plus the trace.
pub fn explain_json(r: &Report, traces: &[Trace]) -> String {
    let items: Vec<Value> = traces
        .iter()
        .map(|tr| {
            let i = &tr.instance;
            let mut v = super::json::instance(r, i);
            let events: Vec<Value> = tr
                .events
                .iter()
                .map(|(e, why)| {
                    let ev = &r.facts.events[*e as usize];
                    let mut o = json!({"id": ev.id, "date": ev.date.to_string(), "kind": r.event_display(&ev.kind),
                           "why": format!("{why:?}"), "why_zh": why.zh()});
                    let rule = &r.ruleset.rules[i.rule];
                    if let (Some(g), Value::Object(m)) = (gap(r, rule, *e, why, true), &mut o) {
                        m.insert("missing_zh".into(), json!(g.trim_start_matches('的')));
                    }
                    o
                })
                .collect();
            let held: Vec<Value> = tr.subject_held.iter().map(|w| json!({"start": day(w.start), "end": day(w.end)})).collect();
            let resp: Vec<Value> = tr
                .responsible
                .iter()
                .map(|(p, ws)| {
                    let d: Vec<Value> = ws.iter().map(|w| json!({"start": day(w.start), "end": day(w.end)})).collect();
                    json!({"party": party(r, Some(*p)), "held": d})
                })
                .collect();
            let dups: Vec<Value> = tr.duplicates.iter().map(|(k, d)| json!([r.event_id(*k), d])).collect();
            let remedy = tr.remedy.as_ref().map(|m| {
                json!({"by": m.by.map(|d| d.to_string()), "who": party(r, m.who),
                       "whom": m.whom.iter().map(|&p| r.party_ref(p)).collect::<Vec<_>>(),
                       "times": m.times, "event": r.event_display(&m.event), "condition": m.cond,
                       "text": remedy(r, m, true)})
            });
            if let Value::Object(m) = &mut v {
                m.insert(
                    "trace".into(),
                    json!({"subject_held": held, "responsible_holders": resp, "events": events,
                           "duplicates": dups, "arithmetic": arithmetic(r, tr, true), "remedy": remedy}),
                );
            }
            v
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default();
    s.push('\n');
    s
}

/// The subject's 分工 rows in its unit (starting by the as-of date), each with the forbidden
/// areas it names: `2023-04-01~至今 分管 党建、财务 → 含禁止领域：财务`.
fn assignment_lines(r: &Report, i: &Instance, forbidden: &[String], zh: bool) -> Vec<String> {
    let keys: Vec<String> = forbidden.iter().map(|a| crate::text::fold(a)).collect();
    let Some(person) = i.subject.person else {
        return Vec::new();
    };
    r.facts
        .assignments
        .iter()
        .filter(|a| a.person == person && a.unit == i.subject.unit && a.start <= r.as_of)
        .map(|a| {
            let end = a.end.map_or_else(
                || (if zh { "至今" } else { "now" }).to_string(),
                |d| d.to_string(),
            );
            let bad: Vec<&str> = a
                .areas
                .iter()
                .filter(|x| keys.contains(&crate::text::fold(x)))
                .map(String::as_str)
                .collect();
            let verdict = match (bad.is_empty(), zh) {
                (true, true) => "不含禁止领域".to_string(),
                (true, false) => "no forbidden area".to_string(),
                (false, true) => format!("含禁止领域：{}", bad.join("、")),
                (false, false) => format!("forbidden: {}", bad.join(", ")),
            };
            let sep = if zh { "、" } else { ", " };
            let word = if zh { "分管" } else { "in charge of" };
            format!("{}~{end} {word} {} → {verdict}", a.start, a.areas.join(sep))
        })
        .collect()
}
