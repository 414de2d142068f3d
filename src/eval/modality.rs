//! Modalities (semantics §2): a default rule (一般/原则上) that is not met may be excused by a
//! recorded reason; a permission (可以) is never violated.
//!
//! The recorded reason is an event of kind [`EXCUSE_KIND`] (情况说明) whose field
//! [`EXCUSE_RULE_FIELD`] (规则) names the rule (its id `(三).轮岗` or its name `轮岗`), that
//! involves the subject or the responsible party (主体 or 对象), dated from the start of the
//! instance's period up to the evaluation date. Its field [`EXCUSE_REASON_FIELD`] (理由) is the
//! reason shown in reports. The status is kept (an excused violation is still a violation of the
//! default); the report shows the excuse beside it.

use super::{Ctx, Instance, NaReason, Status};
use crate::facts::{EventIdx, FieldValue};
use crate::ir::{self, Modality};
use crate::text::fold;

/// The event kind that records why a default rule was not followed.
pub const EXCUSE_KIND: &str = "情况说明";
/// Its field naming the rule.
pub const EXCUSE_RULE_FIELD: &str = "规则";
/// Its field holding the reason.
pub const EXCUSE_REASON_FIELD: &str = "理由";

/// Applies the rule's modality to a freshly evaluated instance.
pub(super) fn apply(ctx: &Ctx, rule: &ir::Rule, i: &mut Instance) {
    match rule.modality {
        Modality::Default if matches!(i.status, Status::Violated | Status::Pending) => {
            i.excuse = excuse(ctx, rule, i);
        }
        Modality::Permission => match i.status {
            Status::Satisfied | Status::Late | Status::NotApplicable => {}
            Status::Violated | Status::Pending if i.count > 0 => i.status = Status::Satisfied,
            Status::Violated | Status::Pending => {
                i.status = Status::NotApplicable;
                i.reason = Some(NaReason::PermissionUnused);
            }
        },
        _ => {}
    }
}

/// The first 情况说明 naming the rule, involving the subject or the responsible party.
fn excuse(ctx: &Ctx, rule: &ir::Rule, i: &Instance) -> Option<EventIdx> {
    let ix = ctx.ix;
    let names = [fold(&rule.id), fold(&rule.name), fold(&rule.local_id)];
    let parties = [Some(i.subject), i.responsible];
    let mut found: Vec<EventIdx> = parties
        .iter()
        .flatten()
        .flat_map(|p| ix.events_of(EXCUSE_KIND, p.id()).iter().copied())
        .filter(|&e| {
            let ev = &ix.facts.events[e as usize];
            ev.date >= i.period.start
                && matches!(ev.fields.get(EXCUSE_RULE_FIELD),
                    Some(FieldValue::Text(t)) if names.contains(&ir::id_key(t)))
        })
        .collect();
    found.sort_by_key(|&e| {
        let ev = &ix.facts.events[e as usize];
        (ev.date, ev.seq)
    });
    found.first().copied()
}

/// The reason text of an excuse event.
pub fn excuse_reason(facts: &crate::facts::Facts, e: EventIdx) -> Option<&str> {
    match facts.events[e as usize].fields.get(EXCUSE_REASON_FIELD) {
        Some(FieldValue::Text(t)) => Some(t),
        _ => None,
    }
}
