//! P5 rules that take their 责任人, recipient or deadline from the trigger event (语言扩展:
//! `责任人 发现者`, `向 发现者的同级党委的一把手`, `向 函询的主体`, `向 本人`, `按 期限`).
//!
//! Semantics (docs/semantics.md §3.1): the parties come from the instance's own trigger event, so
//! a response is tied to the instance through them: with a trigger-given 责任人 its 主体 must
//! include one of them; with a recipient (`向 …`, given by the trigger or written as usual) its
//! 对象 must include one, otherwise its 对象 must include the subject. `按 期限`: the deadline is
//! the trigger event's 日期 field; a trigger event without it gives an instance without a deadline
//! (已履行 once answered, 待履行 until then: never violated on a deadline nobody recorded).

use chrono::NaiveDate;

use super::time;
use super::{
    matches, responsible_on, Ctx, Index, Instance, Party, Status, TriggerFact, TriggerRef, Window,
};
use crate::diagnostics::Diag;
use crate::facts::{EventIdx, FieldValue, PartyId};
use crate::ir::{self, TriggerLinks, TriggerParty, TriggerSide};

/// The instance of a linked P5 rule for `subject` and trigger `trig`.
#[allow(clippy::too_many_arguments)]
pub(super) fn respond(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    event: &str,
    limit: ir::Duration,
    target: Option<&ir::PartyExpr>,
    subject: Party,
    trig: TriggerRef,
) -> Instance {
    let ix = ctx.ix;
    let Some(links) = rule.trigger_links.as_deref() else {
        unreachable!("linked::respond on a rule without trigger links")
    };
    let TriggerFact::Event(te) = trig.fact else {
        unreachable!("linked rules are triggered by events (resolve checks)")
    };
    let due = match &links.deadline {
        Some(f) => match ix.facts.events[te as usize].fields.get(f) {
            Some(FieldValue::Date(d)) => Some(*d),
            _ => None,
        },
        None => Some(time::add(trig.date, limit)),
    };
    let actors = links
        .actor
        .as_ref()
        .map(|a| trigger_parties(ctx.ix, a, te, subject, trig.date));
    let first = candidates(
        ctx,
        event,
        links,
        target,
        te,
        subject,
        actors.as_deref(),
        trig.date,
    )
    .into_iter()
    .find_map(|e| {
        response(
            ctx.ix,
            rule,
            links,
            target,
            te,
            subject,
            actors.as_deref(),
            e,
        )
        .map(|a| (e, a))
    });
    let (status, responsible, evidence) = match first {
        Some((e, actor)) => {
            let date = ix.facts.events[e as usize].date;
            let late = due.is_some_and(|d| date > d);
            let status = if late {
                Status::Late
            } else {
                Status::Satisfied
            };
            (status, Some(actor), vec![e])
        }
        None => {
            let status = match due {
                Some(d) if ix.as_of > d => Status::Violated,
                _ => Status::Pending,
            };
            let on = due.unwrap_or(ix.as_of).min(ix.as_of);
            let who = match &actors {
                Some(a) => a.first().copied(),
                None => responsible_on(ix, rule, subject, on),
            };
            (status, who, vec![])
        }
    };
    let period = Window {
        start: trig.date,
        end: due.unwrap_or(trig.date).max(trig.date),
    };
    Instance {
        responsible,
        count: evidence.len() as u32,
        due,
        evidence,
        trigger: Some(trig),
        ..Instance::new(ri, period, subject, status)
    }
}

/// Events of the required kind on or after the trigger day that involve the subject, a
/// trigger-given actor or a recipient, in (date, file) order.
#[allow(clippy::too_many_arguments)]
fn candidates(
    ctx: &Ctx,
    event: &str,
    links: &TriggerLinks,
    target: Option<&ir::PartyExpr>,
    te: EventIdx,
    subject: Party,
    actors: Option<&[Party]>,
    from: NaiveDate,
) -> Vec<EventIdx> {
    let ix = ctx.ix;
    let mut ids: Vec<PartyId> = vec![subject.id()];
    ids.extend(actors.unwrap_or_default().iter().map(|p| p.id()));
    if let Some(r) = &links.recipient {
        ids.extend(
            trigger_parties(ctx.ix, r, te, subject, from)
                .iter()
                .map(|p| p.id()),
        );
    } else if let Some(t) = target {
        ids.extend(ix.parties_at(t, subject.unit, from).iter().map(|p| p.id()));
    }
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<EventIdx> = ids
        .into_iter()
        .flat_map(|id| ix.events_of(event, id).iter().copied())
        .filter(|&e| ix.facts.events[e as usize].date >= from)
        .collect();
    out.sort_unstable_by_key(|&e| {
        (
            ix.facts.events[e as usize].date,
            ix.facts.events[e as usize].seq,
        )
    });
    out.dedup();
    out
}

/// Whether event `e` answers the instance; the acting party if so.
#[allow(clippy::too_many_arguments)]
pub(crate) fn response(
    ix: &Index,
    rule: &ir::Rule,
    links: &TriggerLinks,
    target: Option<&ir::PartyExpr>,
    te: EventIdx,
    subject: Party,
    actors: Option<&[Party]>,
    e: EventIdx,
) -> Option<Party> {
    if !links.parties() {
        return matches(ix, rule, target, subject, e);
    }
    let ev = &ix.facts.events[e as usize];
    if let Some(c) = &rule.event_cond {
        if !super::cond_holds(ix, e, c) {
            return None;
        }
    }
    let actor = match actors {
        Some(a) => *a.iter().find(|p| ev.actors.contains(&p.id()))?,
        None => match &rule.responsible {
            Some(r) => ix
                .parties_at(r, subject.unit, ev.date)
                .into_iter()
                .find(|h| ev.actors.contains(&h.id()))?,
            None if rule.anyone_acts => subject,
            None => {
                if !ev.actors.contains(&subject.id()) {
                    return None;
                }
                subject
            }
        },
    };
    let to: Option<Vec<Party>> = match (&links.recipient, target) {
        (Some(r), _) => Some(trigger_parties(ix, r, te, subject, ev.date)),
        (None, Some(t)) => Some(ix.parties_at(t, subject.unit, ev.date)),
        (None, None) => None,
    };
    let ok = match to {
        Some(to) => to.iter().any(|p| ev.targets.contains(&p.id())),
        None => ev.targets.contains(&subject.id()),
    };
    ok.then_some(actor)
}

/// The parties a trigger party denotes for trigger event `te` (its anchors, or the holders of
/// its relative expression on `date` relative to each anchor's unit), sorted.
pub(crate) fn trigger_parties(
    ix: &Index,
    p: &TriggerParty,
    te: EventIdx,
    subject: Party,
    date: NaiveDate,
) -> Vec<Party> {
    let ev = &ix.facts.events[te as usize];
    let ids: Vec<PartyId> = match p.side {
        TriggerSide::Actors => ev.actors.to_vec(),
        TriggerSide::Targets => ev.targets.to_vec(),
        TriggerSide::Subject => return vec![subject],
    };
    let anchors: Vec<Party> = ids
        .into_iter()
        .flat_map(|id| anchor_parties(ix, id, te, subject))
        .collect();
    let mut out: Vec<Party> = match &p.rel {
        None => anchors,
        Some(rel) => anchors
            .iter()
            .flat_map(|a| ix.parties_at(rel, a.unit, date))
            .collect(),
    };
    out.sort_by(|a, b| ix.party_key(*a).cmp(&ix.party_key(*b)));
    out.dedup();
    out
}

/// A party named in the trigger event as parties: a unit itself; a person in the event's 单位,
/// else in each unit the person holds a post in on the event's day (else the subject's unit).
fn anchor_parties(ix: &Index, id: PartyId, te: EventIdx, subject: Party) -> Vec<Party> {
    let ev = &ix.facts.events[te as usize];
    let person = match id {
        PartyId::Unit(u) => {
            return vec![Party {
                person: None,
                unit: u,
            }]
        }
        PartyId::Person(p) => p,
    };
    if let Some(u) = ev.unit {
        return vec![Party {
            person: Some(person),
            unit: u,
        }];
    }
    let mut units: Vec<u32> = ix
        .tenures_of_person(person)
        .iter()
        .filter(|&&t| ix.tenure_window(t).contains(ev.date))
        .map(|&t| ix.facts.tenures[t].unit)
        .collect();
    units.sort_unstable();
    units.dedup();
    if units.is_empty() {
        units.push(subject.unit);
    }
    units
        .into_iter()
        .map(|u| Party {
            person: Some(person),
            unit: u,
        })
        .collect()
}

/// W0430 for every event of a trigger kind of a `按 期限` rule that has no date in the deadline
/// field: its instance has no deadline (待履行 until answered), so the clerk should fill it in.
/// One diagnostic per event and field, in file order.
pub fn missing_deadlines(rs: &ir::Ruleset, facts: &crate::facts::Facts) -> Vec<Diag> {
    // (kind, field) → the rules that read it.
    let mut wanted: std::collections::BTreeMap<(String, String), Vec<&str>> = Default::default();
    for r in &rs.rules {
        let (Some(l), Some(ir::RuleBody::Triggered { triggers, .. })) =
            (r.trigger_links.as_deref(), &r.body)
        else {
            continue;
        };
        let Some(field) = &l.deadline else { continue };
        for t in triggers {
            if let ir::Trigger::Event(k) = t {
                wanted
                    .entry((k.clone(), field.clone()))
                    .or_default()
                    .push(&r.id);
            }
        }
    }
    let mut out = Vec::new();
    for ev in &facts.events {
        for ((kind, field), rules) in wanted.range((ev.kind.to_string(), String::new())..) {
            if *kind != *ev.kind {
                break;
            }
            if matches!(ev.fields.get(field), Some(FieldValue::Date(_))) {
                continue;
            }
            let list = rules.join("、");
            out.push(
                Diag::warning(
                    "W0430",
                    format!("事件 {} 没有写明 `{field}`：规则 {list} 以它为期限", ev.id),
                    format!("event {} has no `{field}`: rule {list} takes its deadline from it", ev.id),
                )
                .at(ev.origin.span, "缺少期限", "no deadline")
                .help(
                    format!("在该事件的 `{field}` 列填写日期；未填写时实例待履行，不判违反"),
                    format!("fill in the date in its `{field}` column; until then the instance stays pending, never violated"),
                ),
            );
        }
    }
    out
}
