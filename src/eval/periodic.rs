//! P1 (periodic count) and P2 (positioned deadline).

use chrono::NaiveDate;

use super::time::{self, Window};
use super::{matches, responsible_on, subjects, Ctx, Instance, NaReason, Party, Status};
use crate::facts::EventIdx;
use crate::ir::{self, Count, CountOp};

/// Evaluates a periodic rule for every subject and window.
pub(super) fn eval(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    body: &ir::RuleBody,
    out: &mut Vec<Instance>,
) {
    let ir::RuleBody::Periodic {
        period,
        position,
        count,
        event,
        target,
    } = body
    else {
        unreachable!("periodic::eval on {body:?}")
    };
    let ix = ctx.ix;
    let anchor = ctx.anchor(rule);
    let min_overlap = ctx.rs.min_overlap_days();
    for (subject, held) in subjects(ix, &rule.subject) {
        let Some(first) = held.first() else { continue };
        let from = first.start.max(ctx.rule_from(rule));
        for w in time::windows(*period, from, ix.as_of, anchor) {
            if !ctx.window_in_force(rule, w) {
                continue;
            }
            let overlap: Vec<Window> = held.iter().filter_map(|h| h.intersect(w)).collect();
            let days: i64 = overlap.iter().map(|o| o.days()).sum();
            let needed = min_overlap.map_or(1, |d| time::days_from(w.start, d).max(1));
            let na = if days == 0 {
                Some(NaReason::RoleNotHeld)
            } else if days < needed {
                Some(NaReason::ShortTenure)
            } else {
                None
            };
            if let Some(reason) = na {
                out.push(Instance::not_applicable(ri, w, subject, reason));
                continue;
            }
            let due = time::deadline(*position, w);
            let counted = counted(ctx, rule, event, target.as_ref(), subject, w, &overlap);
            out.push(instance(
                ctx, ri, rule, subject, w, &overlap, due, *count, counted,
            ));
        }
    }
}

/// Events that count for `subject` in window `w`: right kind, in the window, while the subject
/// holds the role, by the right parties. Returns (event, acting party) in date order.
fn counted(
    ctx: &Ctx,
    rule: &ir::Rule,
    event: &str,
    target: Option<&ir::PartyExpr>,
    subject: Party,
    w: Window,
    held: &[Window],
) -> Vec<(EventIdx, Party)> {
    let ix = ctx.ix;
    let evs = ix.events_of(event, subject.id());
    let lo = evs.partition_point(|&e| ix.facts.events[e as usize].date < w.start);
    evs[lo..]
        .iter()
        .take_while(|&&e| ix.facts.events[e as usize].date <= w.end)
        .filter(|&&e| {
            held.iter()
                .any(|h| h.contains(ix.facts.events[e as usize].date))
        })
        .filter_map(|&e| matches(ix, rule, target, subject, e).map(|actor| (e, actor)))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn instance(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    subject: Party,
    w: Window,
    held: &[Window],
    due: NaiveDate,
    count: Count,
    counted: Vec<(EventIdx, Party)>,
) -> Instance {
    let as_of = ctx.ix.as_of;
    let n = counted.len() as u32;
    let over = as_of > w.end;
    let (status, deciding) = match count.op {
        CountOp::AtLeast if n >= count.n && count.n > 0 => {
            let (e, actor) = counted[count.n as usize - 1];
            let date = ctx.ix.facts.events[e as usize].date;
            (
                if date <= due {
                    Status::Satisfied
                } else {
                    Status::Late
                },
                Some(actor),
            )
        }
        CountOp::AtLeast if count.n == 0 => (Status::Satisfied, None),
        CountOp::AtLeast => (
            if as_of > due {
                Status::Violated
            } else {
                Status::Pending
            },
            None,
        ),
        CountOp::AtMost | CountOp::Exactly if n > count.n => (Status::Violated, None),
        CountOp::AtMost => (
            if over {
                Status::Satisfied
            } else {
                Status::Pending
            },
            None,
        ),
        CountOp::Exactly if over => (
            if n == count.n {
                Status::Satisfied
            } else {
                Status::Violated
            },
            None,
        ),
        CountOp::Exactly => (Status::Pending, None),
    };
    let responsible = match deciding {
        Some(actor) => Some(actor),
        None => {
            // The last day the requirement could still be met, capped at the subject's last day.
            let last_held = held.iter().map(|h| h.end).max().unwrap_or(w.end);
            let day = due.min(as_of).min(last_held).max(w.start);
            responsible_on(ctx.ix, rule, subject, day)
        }
    };
    Instance {
        responsible,
        count: n,
        due: Some(due),
        evidence: counted.into_iter().map(|(e, _)| e).collect(),
        ..Instance::new(ri, w, subject, status)
    }
}
