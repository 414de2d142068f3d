//! P11 (K consecutive results trigger a response) and P12 (a violation of one rule triggers the
//! response another rule requires): trigger occurrences for `triggered`.

use chrono::NaiveDate;

use super::triggered::subject_parties;
use super::{cond_holds, Ctx, Instance, Party, Status, TriggerFact, TriggerRef};
use crate::facts::EventIdx;
use crate::ir::{self, Trigger};

/// Whether a rule is triggered by another rule's violations (so it is evaluated after them).
pub(super) fn is_consequence(r: &ir::Rule) -> bool {
    matches!(&r.body, Some(ir::RuleBody::Triggered { triggers, .. })
        if triggers.iter().any(|t| matches!(t, Trigger::Violation(_))))
}

/// The (subject, trigger) pairs of the P11 and P12 triggers of a rule, up to the evaluation date.
/// `done` holds the instances of the rules evaluated before (every non-consequence rule).
pub(super) fn occurrences(
    ctx: &Ctx,
    rule: &ir::Rule,
    triggers: &[Trigger],
    done: &[Instance],
) -> Vec<(Party, TriggerRef)> {
    let mut out = Vec::new();
    for trig in triggers {
        match trig {
            Trigger::Consecutive { k, event, cond } => {
                consecutive(ctx, rule, trig, *k, event, cond.as_ref(), &mut out)
            }
            Trigger::Violation(id) => violations(ctx, rule, trig, id, done, &mut out),
            _ => {}
        }
    }
    out
}

/// P11: the results of kind `event` concerning each subject (in 对象), in date order; each run of
/// `k` results meeting `cond` fires on the k-th one's date, and the run starts again after it.
fn consecutive(
    ctx: &Ctx,
    rule: &ir::Rule,
    trig: &Trigger,
    k: u32,
    event: &str,
    cond: Option<&ir::FieldCond>,
    out: &mut Vec<(Party, TriggerRef)>,
) {
    let ix = ctx.ix;
    let mut results: Vec<(Party, EventIdx)> = Vec::new();
    for &e in ix.events_of_kind(event) {
        let ev = &ix.facts.events[e as usize];
        for &p in &ev.targets {
            for s in subject_parties(ctx, rule, p, ev.date) {
                results.push((s, e));
            }
        }
    }
    // Stable: each subject's results stay in date order.
    results.sort_by(|a, b| ix.party_key(a.0).cmp(&ix.party_key(b.0)));
    let mut run = 0;
    let mut last: Option<Party> = None;
    for (s, e) in results {
        if last != Some(s) {
            run = 0;
            last = Some(s);
        }
        if !cond.is_none_or(|c| cond_holds(ix, e, c)) {
            run = 0;
            continue;
        }
        run += 1;
        if run == k.max(1) {
            run = 0;
            out.push((
                s,
                TriggerRef {
                    kind: trig.clone(),
                    date: ix.facts.events[e as usize].date,
                    fact: TriggerFact::Event(e),
                },
            ));
        }
    }
}

/// P12: every instance of rule `id` that missed its deadline (violated, or done late) whose
/// subject is a subject of this rule fires the day after its deadline (the first day the
/// violation stood). A late fulfilment does not undo the violation: 「不按时反馈」 is late too,
/// and the consequence does not vanish when the evaluation date passes the late event.
fn violations(
    ctx: &Ctx,
    rule: &ir::Rule,
    trig: &Trigger,
    id: &str,
    done: &[Instance],
    out: &mut Vec<(Party, TriggerRef)>,
) {
    let Some(ri) = ctx.rs.rules.iter().position(|r| r.id == id) else {
        return;
    };
    for i in done
        .iter()
        .filter(|i| i.rule == ri && matches!(i.status, Status::Violated | Status::Late))
    {
        let due = i.due.unwrap_or(i.period.end);
        let date = due.succ_opt().unwrap_or(due).min(ctx.ix.as_of);
        if !in_subject(ctx, rule, i.subject, due) {
            continue;
        }
        out.push((
            i.subject,
            TriggerRef {
                kind: trig.clone(),
                date,
                fact: TriggerFact::Violation {
                    rule: ri,
                    period: i.period,
                },
            },
        ));
    }
}

/// Whether `p` is a subject of `rule` on `date`, or (for a person who has left since) held the
/// subject role in the same unit at some time: the consequence follows the person.
fn in_subject(ctx: &Ctx, rule: &ir::Rule, p: Party, date: NaiveDate) -> bool {
    if subject_parties(ctx, rule, p.id(), date).contains(&p) {
        return true;
    }
    let ix = ctx.ix;
    match (&rule.subject.target, p.person) {
        (ir::PartyTarget::Role(r), Some(person)) => {
            ix.subject_unit_ok(&rule.subject, p.unit)
                && ix
                    .tenures_in(p.unit, r)
                    .iter()
                    .any(|&t| ix.facts.tenures[t].person == person)
        }
        _ => false,
    }
}
