//! P7 (the first event after a trigger has a property), P8 (every event has a property) and P9
//! (prohibitions: no event matching a pattern; no event of the subject ordered before one of
//! another party's in the same group).

use super::time::{self, Window};
use super::triggered::{occurrences, subject_parties};
use super::{cond_holds, subjects, Ctx, Instance, NaReason, Party, Status};
use crate::facts::{EventIdx, FieldValue};
use crate::ir::{self, FieldCond, PartyExpr, Period};

/// The group and order fields an order prohibition reads.
const GROUP_FIELD: &str = "议题";
const ORDER_FIELD: &str = "次序";

/// P7: for each trigger, the first event of the kind involving the subject on or after the
/// trigger date decides: with the property `satisfied`, without `violated` (on that event's
/// date); none yet: `pending` (no deadline).
pub(super) fn first_after(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    body: &ir::RuleBody,
    out: &mut Vec<Instance>,
) {
    let ir::RuleBody::FirstAfter {
        triggers,
        event,
        cond,
    } = body
    else {
        unreachable!("first_after on {body:?}")
    };
    let ix = ctx.ix;
    let mut fired = occurrences(ctx, rule, triggers);
    fired.sort_by(|a, b| (ix.party_key(a.0), a.1.date).cmp(&(ix.party_key(b.0), b.1.date)));
    fired.dedup_by(|b, a| a.0 == b.0 && a.1.date == b.1.date);
    for (subject, trig) in fired {
        let w = Window {
            start: trig.date,
            end: ix.as_of,
        };
        if trig.date < ctx.rule_from(rule) {
            let mut i = Instance::not_applicable(ri, w, subject, NaReason::BeforeEffective);
            i.trigger = Some(trig);
            out.push(i);
            continue;
        }
        let evs = ix.events_of(event, subject.id());
        let lo = evs.partition_point(|&e| ix.facts.events[e as usize].date < trig.date);
        let mut inst = match evs.get(lo) {
            None => Instance::new(ri, w, subject, Status::Pending),
            Some(&e) => {
                let date = ix.facts.events[e as usize].date;
                let ok = cond_holds(ix, e, cond);
                let status = if ok {
                    Status::Satisfied
                } else {
                    Status::Violated
                };
                let mut i = Instance::new(
                    ri,
                    Window {
                        start: trig.date,
                        end: date,
                    },
                    subject,
                    status,
                );
                i.evidence = vec![e];
                i.count = u32::from(ok);
                i.due = Some(date);
                i
            }
        };
        inst.responsible = Some(subject);
        inst.trigger = Some(trig);
        out.push(inst);
    }
}

/// P8: every event of the kind done by a subject (in 主体) is an instance on its date:
/// `satisfied` with the property, `violated` without. With a 责任人 (or `责任人 不限`) the events
/// are those aimed at the subject (in 对象) and done by a holder of the 责任人 (by anyone):
/// `对象 党委` / `责任人 不限` / `应当 每次 巡视巡察（…=是）` is every inspection of a 党委.
pub(super) fn every(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    event: &str,
    cond: &FieldCond,
    out: &mut Vec<Instance>,
) {
    let ix = ctx.ix;
    for &e in ix.events_of_kind(event) {
        let ev = &ix.facts.events[e as usize];
        let day = Window {
            start: ev.date,
            end: ev.date,
        };
        let aimed = rule.responsible.is_some() || rule.anyone_acts || rule.mutual;
        let parties: Vec<_> = match (rule.mutual, aimed) {
            (true, _) => {
                let mut v = ev.actors.to_vec();
                v.extend(ev.targets.iter().filter(|t| !ev.actors.contains(t)));
                v
            }
            (false, true) => ev.targets.to_vec(),
            (false, false) => ev.actors.to_vec(),
        };
        for p in parties {
            for subject in subject_parties(ctx, rule, p, ev.date) {
                if ctx.after_version(rule, ev.date) {
                    continue;
                }
                let actor = if aimed {
                    match super::matches(ix, rule, None, subject, e) {
                        Some(a) => a,
                        None => continue,
                    }
                } else {
                    subject
                };
                if ev.date < ctx.rule_from(rule) {
                    out.push(Instance::not_applicable(
                        ri,
                        day,
                        subject,
                        NaReason::BeforeEffective,
                    ));
                    continue;
                }
                let ok = cond_holds(ix, e, cond);
                let status = if ok {
                    Status::Satisfied
                } else {
                    Status::Violated
                };
                let mut i = Instance::new(ri, day, subject, status);
                i.responsible = Some(actor);
                i.evidence = vec![e];
                i.count = u32::from(ok);
                i.due = Some(ev.date);
                out.push(i);
            }
        }
    }
}

/// P9: per subject and calendar year while the subject holds the role: every breach is a
/// `violated` instance on its date with the event(s) as evidence; a year without a breach is
/// `satisfied` once over, `pending` while open.
pub(super) fn prohibited(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    body: &ir::RuleBody,
    out: &mut Vec<Instance>,
) {
    let ir::RuleBody::Prohibited {
        event,
        cond,
        before,
    } = body
    else {
        unreachable!("prohibited on {body:?}")
    };
    let ix = ctx.ix;
    let anchor = ctx.anchor(rule);
    for (subject, held) in subjects(ix, &rule.subject) {
        let Some(first) = held.first() else { continue };
        let from = first.start.max(ctx.rule_from(rule));
        for w in time::windows(Period::Year, from, ix.as_of, anchor) {
            if !ctx.window_in_force(rule, w) {
                continue;
            }
            let overlap: Vec<Window> = held.iter().filter_map(|h| h.intersect(w)).collect();
            if overlap.is_empty() {
                out.push(Instance::not_applicable(
                    ri,
                    w,
                    subject,
                    NaReason::RoleNotHeld,
                ));
                continue;
            }
            let breaches = breaches(
                ctx,
                event,
                cond.as_ref(),
                before.as_ref(),
                subject,
                w,
                &overlap,
            );
            if breaches.is_empty() {
                out.push(clean_year(ri, w, subject, ix.as_of));
            }
            for evidence in breaches {
                let date = ix.facts.events[evidence[0] as usize].date;
                let day = Window {
                    start: date,
                    end: date,
                };
                let mut i = Instance::new(ri, day, subject, Status::Violated);
                i.responsible = Some(subject);
                i.count = 1;
                i.due = Some(date);
                i.evidence = evidence;
                out.push(i);
            }
        }
    }
}

/// The breaches by `subject` in window `w` while holding the role: each as its evidence (the
/// subject's event first, then the event it came before, for an order prohibition).
fn breaches(
    ctx: &Ctx,
    event: &str,
    cond: Option<&FieldCond>,
    before: Option<&PartyExpr>,
    subject: Party,
    w: Window,
    held: &[Window],
) -> Vec<Vec<EventIdx>> {
    let ix = ctx.ix;
    let evs = ix.events_of(event, subject.id());
    let lo = evs.partition_point(|&e| ix.facts.events[e as usize].date < w.start);
    let mut out = Vec::new();
    for &e in evs[lo..]
        .iter()
        .take_while(|&&e| ix.facts.events[e as usize].date <= w.end)
    {
        let ev = &ix.facts.events[e as usize];
        if !ev.actors.contains(&subject.id()) || !held.iter().any(|h| h.contains(ev.date)) {
            continue;
        }
        if !cond.is_none_or(|c| cond_holds(ix, e, c)) {
            continue;
        }
        match before {
            None => out.push(vec![e]),
            Some(b) => {
                if let Some(later) = spoke_before(ctx, event, b, subject, e) {
                    out.push(vec![e, later]);
                }
            }
        }
    }
    out
}

/// For an order prohibition: the first event of the same kind, same day and same group (议题)
/// by a holder of `b` (relative to the subject's unit that day) whose order (次序) is greater
/// than the subject's: the subject spoke before it. Equal orders are not "before".
pub(super) fn spoke_before(
    ctx: &Ctx,
    event: &str,
    b: &PartyExpr,
    subject: Party,
    e: EventIdx,
) -> Option<EventIdx> {
    let ix = ctx.ix;
    let ev = &ix.facts.events[e as usize];
    let group = ev.fields.get(GROUP_FIELD)?;
    let order = number(ev.fields.get(ORDER_FIELD)?)?;
    // Through the (kind, party) index: only the events of the parties `b` denotes that day.
    let mut found: Vec<EventIdx> = Vec::new();
    for p in ix.parties_at(b, subject.unit, ev.date) {
        if p == subject {
            continue;
        }
        let evs = ix.events_of(event, p.id());
        let lo = evs.partition_point(|&x| ix.facts.events[x as usize].date < ev.date);
        found.extend(
            evs[lo..]
                .iter()
                .take_while(|&&x| ix.facts.events[x as usize].date == ev.date)
                .copied()
                .filter(|&x| {
                    let o = &ix.facts.events[x as usize];
                    x != e
                        && o.actors.contains(&p.id())
                        && o.fields.get(GROUP_FIELD) == Some(group)
                        && o.fields
                            .get(ORDER_FIELD)
                            .and_then(number)
                            .is_some_and(|n| n > order)
                }),
        );
    }
    found.sort_by_key(|&x| ix.facts.events[x as usize].seq);
    found.first().copied()
}

fn number(v: &FieldValue) -> Option<f64> {
    match v {
        FieldValue::Number(n) => Some(*n),
        FieldValue::Text(t) => crate::text::fold(t).parse().ok(),
        _ => None,
    }
}

/// A prohibition's year without a breach: 已履行 once it is over, 待履行 while it runs; the
/// subject is its own responsible party and the year's end its due day (P9 and the 分工 ban).
pub(super) fn clean_year(
    ri: usize,
    w: Window,
    subject: Party,
    as_of: chrono::NaiveDate,
) -> Instance {
    let status = if as_of > w.end {
        Status::Satisfied
    } else {
        Status::Pending
    };
    let mut i = Instance::new(ri, w, subject, status);
    i.responsible = Some(subject);
    i.due = Some(w.end);
    i
}
