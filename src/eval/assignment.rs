//! P9 on the 分工 table (`不得 分管 干部人事、财务`): a violation for each 分工 row of the subject
//! in its unit that names a forbidden area, for each stretch the subject holds its role while the
//! row is in force, dated at the later of the row's start, the stretch's start and the rule's
//! first day; the subject's other year windows are 已履行 (over) or 待履行 (open), like P9
//! (semantics §3.1).

use super::time::{self, Window};
use super::{subjects, Ctx, Detail, Instance, NaReason, Status};
use crate::ir::{self, Period};
use crate::text::fold;

/// A forbidden 分工 while the role is held: the row, the days, the forbidden areas it names.
struct Breach {
    row: usize,
    days: Window,
    areas: Vec<String>,
}

pub(super) fn forbidden(
    ctx: &Ctx,
    ri: usize,
    rule: &ir::Rule,
    areas: &[String],
    out: &mut Vec<Instance>,
) {
    let ix = ctx.ix;
    let keys: Vec<String> = areas.iter().map(|a| fold(a)).collect();
    let anchor = ctx.anchor(rule);
    let from_rule = ctx.rule_from(rule);
    for (subject, held) in subjects(ix, &rule.subject) {
        let Some(first) = held.first() else { continue };
        let breaches = breaches(ctx, subject, &held, &keys);
        for b in &breaches {
            let date = b.days.start.max(from_rule);
            if date > b.days.end || date > ix.as_of || ctx.after_version(rule, date) {
                continue;
            }
            let day = Window {
                start: date,
                end: date,
            };
            let mut i = Instance::new(ri, day, subject, Status::Violated);
            i.responsible = Some(subject);
            i.count = 1;
            i.due = Some(date);
            i.detail = Some(Detail::Assignment {
                row: b.row,
                areas: b.areas.clone(),
            });
            out.push(i);
        }
        let from = first.start.max(from_rule);
        for w in time::windows(Period::Year, from, ix.as_of, anchor) {
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
            // A year in which a forbidden 分工 is in force is not fulfilled: its violation
            // stands for it.
            if breaches.iter().any(|b| b.days.intersect(w).is_some()) {
                continue;
            }
            out.push(super::property::clean_year(ri, w, subject, ix.as_of));
        }
    }
}

/// The subject's 分工 rows in its unit naming a forbidden area, cut to the stretches it holds
/// the role (a unit subject has no 分工).
fn breaches(ctx: &Ctx, subject: super::Party, held: &[Window], keys: &[String]) -> Vec<Breach> {
    let ix = ctx.ix;
    let Some(person) = subject.person else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &a in ix.assignments_in(subject.unit) {
        let row = &ix.facts.assignments[a];
        if row.person != person {
            continue;
        }
        let named: Vec<String> = row
            .areas
            .iter()
            .filter(|x| keys.contains(&fold(x)))
            .cloned()
            .collect();
        if named.is_empty() {
            continue;
        }
        let w = ix.assignment_window(a);
        for h in held {
            if let Some(days) = w.intersect(*h) {
                out.push(Breach {
                    row: a,
                    days,
                    areas: named.clone(),
                });
            }
        }
    }
    out
}
