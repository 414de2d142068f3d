//! P3 (ratio coverage in each window) and P4 (full coverage in a term).
//!
//! A member of the population is *covered* by an event of the kind that names both the member
//! and the subject (each in 主体 or 对象), in the window (P3) or the term (P4). Events are looked
//! up per member through the (kind, party) index. A subject with an empty population (a unit
//! with no subordinates) has a `not_applicable` instance (out of scope).

use chrono::NaiveDate;

use super::time::{self, Window};
use super::{subjects, Ctx, Detail, Instance, NaReason, Party, Status};
use crate::facts::EventIdx;
use crate::ir::{self, PartyExpr, PopulationBasis};

/// ⌈num/den × n⌉ in integers.
pub fn ceil_ratio(num: u64, den: u64, n: u64) -> u64 {
    (num * n).div_ceil(den.max(1))
}

/// The first event of `event` in `w` naming both `member` and `subject`.
fn covering(
    ctx: &Ctx,
    rule: &ir::Rule,
    event: &str,
    member: Party,
    subject: Party,
    w: Window,
) -> Option<EventIdx> {
    let ix = ctx.ix;
    let evs = ix.events_of(event, member.id());
    let lo = evs.partition_point(|&e| ix.facts.events[e as usize].date < w.start);
    evs[lo..]
        .iter()
        .take_while(|&&e| ix.facts.events[e as usize].date <= w.end)
        .copied()
        .find(|&e| {
            let ev = &ix.facts.events[e as usize];
            (ev.actors.contains(&subject.id()) || ev.targets.contains(&subject.id()))
                && rule
                    .event_cond
                    .as_ref()
                    .is_none_or(|c| super::cond_holds(ix, e, c))
        })
}

/// The population of a window by basis.
fn population(ctx: &Ctx, e: &PartyExpr, u: u32, w: Window, basis: PopulationBasis) -> Vec<Party> {
    let ix = ctx.ix;
    let last = w.end.min(ix.as_of);
    match basis {
        PopulationBasis::Any => ix.parties_during(
            e,
            u,
            Window {
                start: w.start,
                end: last,
            },
        ),
        PopulationBasis::Start => ix.parties_at(e, u, w.start),
        PopulationBasis::End => ix.parties_at(e, u, last),
    }
}

/// P3: in each window, distinct members covered ≥ ⌈ratio × population⌉.
pub(super) fn ratio(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    body: &ir::RuleBody,
    out: &mut Vec<Instance>,
) {
    let ir::RuleBody::Ratio {
        period,
        ratio: (num, den),
        basis,
        population: pop_expr,
        event,
    } = body
    else {
        unreachable!("ratio on {body:?}")
    };
    let ix = ctx.ix;
    let anchor = ctx.anchor(rule);
    for (subject, held) in subjects(ix, &rule.subject) {
        let Some(first) = held.first() else { continue };
        let from = first.start.max(ctx.rule_from(rule));
        for w in time::windows(*period, from, ix.as_of, anchor) {
            if !ctx.window_in_force(rule, w) {
                continue;
            }
            if !held.iter().any(|h| h.intersect(w).is_some()) {
                out.push(Instance::not_applicable(
                    ri,
                    w,
                    subject,
                    NaReason::RoleNotHeld,
                ));
                continue;
            }
            let pop = population(ctx, pop_expr, subject.unit, w, *basis);
            if pop.is_empty() {
                out.push(Instance::not_applicable(
                    ri,
                    w,
                    subject,
                    NaReason::OutOfScope,
                ));
                continue;
            }
            let mut covered = Vec::new();
            let mut evidence = Vec::new();
            for &m in &pop {
                if let Some(e) = covering(ctx, rule, event, m, subject, w) {
                    covered.push(m);
                    evidence.push(e);
                }
            }
            evidence.sort_by_key(|&e| {
                let ev = &ix.facts.events[e as usize];
                (ev.date, ev.seq)
            });
            evidence.dedup();
            let need = ceil_ratio(*num, *den, pop.len() as u64);
            let status = if covered.len() as u64 >= need {
                Status::Satisfied
            } else if ix.as_of > w.end {
                Status::Violated
            } else {
                Status::Pending
            };
            let mut i = Instance::new(ri, w, subject, status);
            i.responsible = Some(subject);
            i.count = covered.len() as u32;
            i.due = Some(w.end);
            i.evidence = evidence;
            i.detail = Some(Detail::Ratio {
                num: *num,
                den: *den,
                basis: *basis,
                population: pop,
                covered,
                need,
            });
            out.push(i);
        }
    }
}

/// The terms of a subject: its unit's 届次 for a unit, its tenures for a person.
fn terms(
    ctx: &Ctx,
    subject: Party,
    held: &[Window],
) -> Vec<(Option<String>, NaiveDate, Option<NaiveDate>)> {
    match subject.person {
        Some(_) => held
            .iter()
            .map(|h| (None, h.start, (h.end != NaiveDate::MAX).then_some(h.end)))
            .collect(),
        None => ctx
            .ix
            .facts
            .terms
            .iter()
            .filter(|t| t.unit == subject.unit)
            .map(|t| (Some(t.term.clone()), t.start, t.end))
            .collect(),
    }
}

/// P4: every member of the population (holders at any time in the term, up to the evaluation
/// date) covered at least once in the term. `pending` until the term ends (a term ending on the
/// evaluation date is still open); then `satisfied` or `violated`, listing who is uncovered.
pub(super) fn term(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    pop_expr: &PartyExpr,
    event: &str,
    out: &mut Vec<Instance>,
) {
    let ix = ctx.ix;
    for (subject, held) in subjects(ix, &rule.subject) {
        for (label, start, end) in terms(ctx, subject, &held) {
            if start > ix.as_of {
                continue;
            }
            let over = end.is_some_and(|e| ix.as_of > e);
            let w = Window {
                start,
                end: end.unwrap_or(ix.as_of).min(ix.as_of.max(start)),
            };
            let period = Window {
                start,
                end: end.unwrap_or(w.end),
            };
            if ctx.after_version(rule, period.start) {
                continue;
            }
            if period.end < ctx.rule_from(rule) {
                out.push(Instance::not_applicable(
                    ri,
                    period,
                    subject,
                    NaReason::BeforeEffective,
                ));
                continue;
            }
            let pop = ix.parties_during(pop_expr, subject.unit, w);
            if pop.is_empty() {
                out.push(Instance::not_applicable(
                    ri,
                    period,
                    subject,
                    NaReason::OutOfScope,
                ));
                continue;
            }
            let mut uncovered = Vec::new();
            let mut evidence = Vec::new();
            for &m in &pop {
                match covering(ctx, rule, event, m, subject, w) {
                    Some(e) => evidence.push(e),
                    None => uncovered.push(m),
                }
            }
            evidence.sort_by_key(|&e| {
                let ev = &ix.facts.events[e as usize];
                (ev.date, ev.seq)
            });
            evidence.dedup();
            let status = match (over, uncovered.is_empty()) {
                (false, _) => Status::Pending,
                (true, true) => Status::Satisfied,
                (true, false) => Status::Violated,
            };
            let mut i = Instance::new(ri, period, subject, status);
            i.responsible = Some(subject);
            i.count = (pop.len() - uncovered.len()) as u32;
            i.due = end;
            i.evidence = evidence;
            i.detail = Some(Detail::Coverage {
                term: label,
                population: pop,
                uncovered,
            });
            out.push(i);
        }
    }
}
