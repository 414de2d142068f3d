//! P5 (triggered response), P6 (precedence) and P10 (tenure conditions): an instance per
//! trigger.

use chrono::NaiveDate;

use super::time;
use super::{
    matches, responsible_on, Ctx, Instance, Party, Status, TriggerFact, TriggerRef, Window,
};
use crate::facts::PartyId;
use crate::ir::{self, PartyTarget, Trigger};

/// Evaluates a triggered or precedence rule.
pub(super) fn eval(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    body: &ir::RuleBody,
    out: &mut Vec<Instance>,
) {
    let (triggers, event) = match body {
        ir::RuleBody::Triggered {
            triggers, event, ..
        } => (triggers, event),
        ir::RuleBody::Precedence {
            triggers, event, ..
        } => (triggers, event),
        _ => unreachable!("triggered::eval on {body:?}"),
    };
    let mut fired = occurrences(ctx, rule, triggers);
    fired.extend(super::consequence::occurrences(
        ctx, rule, triggers, ctx.done,
    ));
    fired.retain(|(_, t)| !ctx.after_version(rule, t.date));
    let (fired, early): (Vec<_>, Vec<_>) = fired
        .into_iter()
        .partition(|(_, t)| t.date >= ctx.rule_from(rule));
    for (subject, trig) in early {
        let w = Window {
            start: trig.date,
            end: trig.date,
        };
        let mut i = Instance::not_applicable(ri, w, subject, super::NaReason::BeforeEffective);
        i.trigger = Some(trig);
        out.push(i);
    }
    let mut fired = fired;
    // One instance per subject and day, whatever number of facts triggered it; a rule whose
    // parties come from the trigger event (发现者) keeps one per trigger event.
    let per_event = rule.trigger_links.as_ref().is_some_and(|l| l.parties());
    fired.sort_by(|a, b| (ctx.ix.party_key(a.0), a.1.date).cmp(&(ctx.ix.party_key(b.0), b.1.date)));
    fired.dedup_by(|b, a| {
        a.0 == b.0 && a.1.date == b.1.date && (!per_event || a.1.fact == b.1.fact)
    });
    for (subject, trig) in fired {
        let inst = match body {
            ir::RuleBody::Triggered { limit, target, .. } if rule.trigger_links.is_some() => {
                super::linked::respond(ctx, ri, rule, event, *limit, target.as_ref(), subject, trig)
            }
            ir::RuleBody::Triggered { limit, target, .. } => {
                respond(ctx, ri, rule, event, *limit, target.as_ref(), subject, trig)
            }
            _ => precede(ctx, ri, rule, event, body, subject, trig),
        };
        out.push(inst);
    }
}

/// Every (subject, trigger) on or before the evaluation date (the caller sets those before the
/// effective date apart).
pub(super) fn occurrences(
    ctx: &Ctx,
    rule: &ir::Rule,
    triggers: &[Trigger],
) -> Vec<(Party, TriggerRef)> {
    let ix = ctx.ix;
    // Triggers before the rule's version takes effect are kept (the caller reports them as
    // not applicable, before_effective); those after the version was superseded are not.
    let in_range = |d: NaiveDate| d <= ix.as_of && rule.version.until.is_none_or(|u| d <= u);
    let mut out = Vec::new();
    for trig in triggers {
        match trig {
            Trigger::TenureStart | Trigger::TenureEnd | Trigger::TenureYears(_) => {
                let PartyTarget::Role(role) = &rule.subject.target else {
                    continue;
                };
                for &t in ix.tenures_of(role) {
                    let ten = &ix.facts.tenures[t];
                    if !ix.subject_unit_ok(&rule.subject, ten.unit) {
                        continue;
                    }
                    let date = match trig {
                        Trigger::TenureStart => Some(ten.start),
                        Trigger::TenureEnd => ten.end,
                        Trigger::TenureYears(n) => {
                            let d = time::add(
                                ten.start,
                                ir::Duration {
                                    n: *n,
                                    unit: ir::DurUnit::Year,
                                },
                            );
                            ten.end.is_none_or(|e| e >= d).then_some(d)
                        }
                        _ => None,
                    };
                    let Some(date) = date.filter(|&d| in_range(d)) else {
                        continue;
                    };
                    if rule
                        .subject
                        .except
                        .as_ref()
                        .is_some_and(|x| ix.holds(ten.person, ten.unit, x, date))
                    {
                        continue;
                    }
                    let subject = Party {
                        person: Some(ten.person),
                        unit: ten.unit,
                    };
                    out.push((
                        subject,
                        TriggerRef {
                            kind: trig.clone(),
                            date,
                            fact: TriggerFact::Tenure(t),
                        },
                    ));
                }
            }
            Trigger::Event(kind) => {
                for &e in ix.events_of_kind(kind) {
                    let ev = &ix.facts.events[e as usize];
                    if !in_range(ev.date) {
                        continue;
                    }
                    // The party an event concerns is its 对象 when one of them fits the rule's
                    // subject (a 反馈 from 市委 to 县委 concerns 县委, not 市委), else its 主体
                    // (a 一把手 who leaves his post, or reports to an office).
                    let fitting = |ids: &[PartyId]| {
                        let mut ids = ids.to_vec();
                        ids.sort_unstable();
                        ids.dedup();
                        ids.into_iter()
                            .flat_map(|p| subject_parties(ctx, rule, p, ev.date))
                            .collect::<Vec<Party>>()
                    };
                    let mut subjects = fitting(&ev.targets);
                    if subjects.is_empty() {
                        subjects = fitting(&ev.actors);
                    }
                    for subject in subjects {
                        out.push((
                            subject,
                            TriggerRef {
                                kind: trig.clone(),
                                date: ev.date,
                                fact: TriggerFact::Event(e),
                            },
                        ));
                    }
                }
            }
            // P11 and P12 triggers: see `consequence`.
            Trigger::Consecutive { .. } | Trigger::Violation(_) => {}
        }
    }
    out
}

/// The subject parties that `p` is on `date` under the rule's subject expression.
pub(super) fn subject_parties(
    ctx: &Ctx,
    rule: &ir::Rule,
    p: PartyId,
    date: NaiveDate,
) -> Vec<Party> {
    let ix = ctx.ix;
    let e = &rule.subject;
    match (&e.target, p) {
        (PartyTarget::UnitKind(k), PartyId::Unit(u)) => {
            let ok = ix.facts.units[u as usize].kind == *k && ix.subject_unit_ok(e, u);
            if ok {
                vec![Party {
                    person: None,
                    unit: u,
                }]
            } else {
                vec![]
            }
        }
        // Through the person's own tenures, not every holder of the role.
        (PartyTarget::Role(r), PartyId::Person(person)) => ix
            .tenures_of_person(person)
            .iter()
            .map(|&t| &ix.facts.tenures[t])
            .filter(|t| t.role == *r && t.start <= date && t.end.is_none_or(|end| end >= date))
            .filter(|t| ix.subject_unit_ok(e, t.unit))
            .filter(|t| {
                e.except
                    .as_ref()
                    .is_none_or(|x| !ix.holds(person, t.unit, x, date))
            })
            .map(|t| Party {
                person: Some(person),
                unit: t.unit,
            })
            .collect(),
        _ => vec![],
    }
}

#[allow(clippy::too_many_arguments)]
fn respond(
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
    let due = time::add(trig.date, limit);
    let evs = ix.events_of(event, subject.id());
    let lo = evs.partition_point(|&e| ix.facts.events[e as usize].date < trig.date);
    let first = evs[lo..]
        .iter()
        .find_map(|&e| matches(ix, rule, target, subject, e).map(|a| (e, a)));
    let (status, responsible, evidence) = match first {
        Some((e, actor)) => {
            let date = ix.facts.events[e as usize].date;
            (
                if date <= due {
                    Status::Satisfied
                } else {
                    Status::Late
                },
                Some(actor),
                vec![e],
            )
        }
        None => {
            let status = if ix.as_of > due {
                Status::Violated
            } else {
                Status::Pending
            };
            (
                status,
                responsible_on(ix, rule, subject, due.min(ix.as_of)),
                vec![],
            )
        }
    };
    let period = Window {
        start: trig.date,
        end: due,
    };
    triggered_instance(
        ri,
        period,
        subject,
        trig,
        (status, responsible, evidence),
        due,
    )
}

fn precede(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    event: &str,
    body: &ir::RuleBody,
    subject: Party,
    trig: TriggerRef,
) -> Instance {
    let ix = ctx.ix;
    let ir::RuleBody::Precedence { limit, .. } = body else {
        unreachable!("precede on {body:?}")
    };
    let earliest = limit.map_or(NaiveDate::MIN, |l| time::sub(trig.date, l));
    let evs = ix.events_of(event, subject.id());
    let before = evs.partition_point(|&e| ix.facts.events[e as usize].date < trig.date);
    // The latest qualifying earlier event; one report may justify several later acts.
    let found = evs[..before]
        .iter()
        .rev()
        .take_while(|&&e| ix.facts.events[e as usize].date >= earliest)
        .find_map(|&e| matches(ix, rule, None, subject, e).map(|a| (e, a)));
    let due = trig.date.pred_opt().unwrap_or(trig.date);
    let (status, responsible, evidence) = match found {
        Some((e, actor)) => (Status::Satisfied, Some(actor), vec![e]),
        // Unmet: the holder on the last day the report could still be made, the day before
        // the act (semantics §3.1: min(due, as-of), and due = t − 1 ≤ as-of).
        None => (
            Status::Violated,
            responsible_on(ix, rule, subject, due.min(ix.as_of)),
            vec![],
        ),
    };
    let period = Window {
        start: trig.date,
        end: trig.date,
    };
    triggered_instance(
        ri,
        period,
        subject,
        trig,
        (status, responsible, evidence),
        due,
    )
}

/// An instance of a triggered or precedence rule: at most one counted event.
fn triggered_instance(
    ri: usize,
    period: Window,
    subject: Party,
    trig: TriggerRef,
    (status, responsible, evidence): (Status, Option<Party>, Vec<crate::facts::EventIdx>),
    due: NaiveDate,
) -> Instance {
    Instance {
        responsible,
        count: evidence.len() as u32,
        due: Some(due),
        evidence,
        trigger: Some(trig),
        ..Instance::new(ri, period, subject, status)
    }
}
