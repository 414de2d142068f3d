//! Stage 3, eval: checked rules + facts → instances with statuses (semantics §2–§3).
//!
//! INVARIANT: no IO and no clock: the evaluation date comes in [`Config`]. The output is sorted
//! as semantics §3.1 says, so the same input gives the same instances in the same order.

mod index;
mod periodic;
pub mod time;
mod triggered;

use chrono::NaiveDate;

use crate::facts::{EventIdx, Facts};
use crate::ir::{self, PartyExpr, PartyTarget};

pub use index::{Index, Party};
pub use time::Window;

/// How to evaluate.
#[derive(Clone, Debug)]
pub struct Config {
    /// The evaluation date: later facts are ignored, later windows not produced.
    pub as_of: NaiveDate,
}

/// The status of an instance at the evaluation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The requirement is met.
    Satisfied,
    /// The window or deadline is over and the requirement is not met.
    Violated,
    /// Still open and not yet met.
    Pending,
    /// Met after the deadline.
    Late,
}

impl Status {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Violated => "violated",
            Status::Pending => "pending",
            Status::Late => "late",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Satisfied => "已履行",
            Status::Violated => "违反",
            Status::Pending => "待履行",
            Status::Late => "逾期履行",
        }
    }
}

/// What started a triggered instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerFact {
    /// A recorded event.
    Event(EventIdx),
    /// A tenure row (任职开始, 任职结束, 任职满N年).
    Tenure(usize),
}

/// The trigger of an instance: what, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriggerRef {
    /// Which trigger of the rule.
    pub kind: ir::Trigger,
    /// Its date.
    pub date: NaiveDate,
    /// The fact behind it.
    pub fact: TriggerFact,
}

/// One obligation for one party in one window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    /// Index into `Ruleset::rules`.
    pub rule: usize,
    /// The window (or `[trigger, deadline]`, or `[t, t]` for precedence).
    pub period: Window,
    /// Whom it concerns.
    pub subject: Party,
    /// Who must act; `None` while the post is vacant.
    pub responsible: Option<Party>,
    /// The status.
    pub status: Status,
    /// Counted events.
    pub count: u32,
    /// The deadline.
    pub due: Option<NaiveDate>,
    /// Counted events in date order.
    pub evidence: Vec<EventIdx>,
    /// For triggered rules.
    pub trigger: Option<TriggerRef>,
}

/// A rule that was not evaluated, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Index into `Ruleset::rules`.
    pub rule: usize,
    /// The open parameters it uses.
    pub open_params: Vec<String>,
}

/// Everything an evaluation produced.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Instances, sorted (semantics §3.1).
    pub instances: Vec<Instance>,
    /// Rules not evaluated because a vague parameter is open.
    pub skipped: Vec<Skipped>,
}

/// Evaluates every rule of `rs` against `facts`.
pub fn evaluate(rs: &ir::Ruleset, facts: &Facts, cfg: &Config) -> Outcome {
    let ix = Index::new(facts, cfg.as_of);
    // Without 生效, rules apply from the earliest recorded fact (never from the beginning of time:
    // a unit obligation would otherwise have a window in every year since year one).
    let earliest = facts
        .events
        .iter()
        .map(|e| e.date)
        .chain(facts.tenures.iter().map(|t| t.start))
        .min();
    let effective = rs.effective.or(earliest).unwrap_or(cfg.as_of);
    let ctx = Ctx {
        rs,
        ix: &ix,
        effective,
    };
    let mut out = Outcome::default();
    for (i, rule) in rs.rules.iter().enumerate() {
        match &rule.body {
            None => out.skipped.push(Skipped {
                rule: i,
                open_params: rule.open_params.clone(),
            }),
            Some(body @ ir::RuleBody::Periodic { .. }) => {
                periodic::eval(&ctx, i, rule, body, &mut out.instances)
            }
            Some(body) => triggered::eval(&ctx, i, rule, body, &mut out.instances),
        }
    }
    sort(&ix, rs, &mut out.instances);
    out
}

/// What every pattern needs.
pub(crate) struct Ctx<'a> {
    pub rs: &'a ir::Ruleset,
    pub ix: &'a Index<'a>,
    /// 生效 (or the earliest date).
    pub effective: NaiveDate,
}

impl Ctx<'_> {
    /// The first day `rule` applies: its version's 生效 (1 January after it for 次年起), or the
    /// ruleset's fallback.
    pub fn rule_from(&self, rule: &ir::Rule) -> NaiveDate {
        rule.version.first_day().unwrap_or(self.effective)
    }

    /// Whether window `w` is evaluated under `rule`'s version (semantics §6).
    pub fn window_in_force(&self, rule: &ir::Rule, w: Window) -> bool {
        let from_ok = rule.version.effective.is_some() || w.end >= self.effective;
        from_ok && rule.version.covers_window(w.start, w.end)
    }

    /// Whether a trigger on `d` falls under `rule`'s version.
    pub fn day_in_force(&self, rule: &ir::Rule, d: NaiveDate) -> bool {
        d >= self.rule_from(rule) && rule.version.covers_day(d)
    }
}

fn sort(ix: &Index, rs: &ir::Ruleset, v: &mut [Instance]) {
    v.sort_by(|a, b| {
        let ka = (
            &rs.rules[a.rule].id,
            a.period.start,
            ix.party_key(a.subject),
            a.period.end,
        );
        let kb = (
            &rs.rules[b.rule].id,
            b.period.start,
            ix.party_key(b.subject),
            b.period.end,
        );
        ka.cmp(&kb)
            .then_with(|| trigger_seq(ix, a).cmp(&trigger_seq(ix, b)))
    });
}

fn trigger_seq(ix: &Index, i: &Instance) -> u32 {
    match i.trigger.as_ref().map(|t| t.fact) {
        Some(TriggerFact::Event(e)) => ix.facts.events[e as usize].seq,
        Some(TriggerFact::Tenure(t)) => t as u32,
        None => 0,
    }
}

/// The parties a subject expression denotes, each with the date ranges it holds the role,
/// sorted by party (semantics §3.1: a person with the role in two units is two parties).
pub(crate) fn subjects(ix: &Index, e: &PartyExpr) -> Vec<(Party, Vec<Window>)> {
    let mut out: Vec<(Party, Vec<Window>)> = Vec::new();
    match &e.target {
        PartyTarget::UnitKind(k) => {
            for (u, unit) in ix.facts.units.iter().enumerate() {
                if unit.kind == *k && ix.subject_unit_ok(e, u as u32) {
                    out.push((
                        Party {
                            person: None,
                            unit: u as u32,
                        },
                        vec![Window {
                            start: NaiveDate::MIN,
                            end: NaiveDate::MAX,
                        }],
                    ));
                }
            }
        }
        PartyTarget::Role(r) => {
            for &t in ix.tenures_of(r) {
                let ten = &ix.facts.tenures[t];
                if !ix.subject_unit_ok(e, ten.unit) {
                    continue;
                }
                let party = Party {
                    person: Some(ten.person),
                    unit: ten.unit,
                };
                let w = ix.tenure_window(t);
                match out.iter_mut().find(|(p, _)| *p == party) {
                    Some((_, ws)) => ws.push(w),
                    None => out.push((party, vec![w])),
                }
            }
            if let Some(x) = &e.except {
                for (party, ws) in &mut out {
                    let excluded: Vec<Window> = ix
                        .tenures_of(x)
                        .iter()
                        .filter(|&&t| {
                            ix.facts.tenures[t].person == party.person.unwrap_or(u32::MAX)
                                && ix.facts.tenures[t].unit == party.unit
                        })
                        .map(|&t| ix.tenure_window(t))
                        .collect();
                    *ws = subtract(merge(std::mem::take(ws)), &excluded);
                }
            }
        }
    }
    for (_, ws) in &mut out {
        *ws = merge(std::mem::take(ws));
    }
    out.retain(|(_, ws)| !ws.is_empty());
    out.sort_by(|a, b| ix.party_key(a.0).cmp(&ix.party_key(b.0)));
    out
}

/// Sorted, merged ranges (overlapping or adjacent ranges joined).
fn merge(mut ws: Vec<Window>) -> Vec<Window> {
    ws.sort();
    let mut out: Vec<Window> = Vec::new();
    for w in ws {
        match out.last_mut() {
            Some(last) if w.start <= last.end.succ_opt().unwrap_or(last.end) => {
                last.end = last.end.max(w.end)
            }
            _ => out.push(w),
        }
    }
    out
}

fn subtract(ws: Vec<Window>, minus: &[Window]) -> Vec<Window> {
    let mut cur = ws;
    for m in minus {
        let mut next = Vec::new();
        for w in cur {
            if w.intersect(*m).is_none() {
                next.push(w);
                continue;
            }
            if let Some(before) = m.start.pred_opt().filter(|&d| d >= w.start) {
                next.push(Window {
                    start: w.start,
                    end: before,
                });
            }
            if let Some(after) = m.end.succ_opt().filter(|&d| d <= w.end) {
                next.push(Window {
                    start: after,
                    end: w.end,
                });
            }
        }
        cur = next;
    }
    cur
}

/// Whether event `e` is done by / aimed at the right parties for an instance of `rule` for
/// `subject`: with a 责任人, an actor is a holder of it (relative to the subject's unit) on the
/// event's date and the subject is among the 对象; without, the subject is an actor, and with
/// `向 X` some X is among the 对象. Returns the acting party.
pub(crate) fn matches(
    ix: &Index,
    rule: &ir::Rule,
    target: Option<&PartyExpr>,
    subject: Party,
    e: EventIdx,
) -> Option<Party> {
    let ev = &ix.facts.events[e as usize];
    let actor = match &rule.responsible {
        Some(r) => {
            if !ev.targets.contains(&subject.id()) {
                return None;
            }
            ix.parties_at(r, subject.unit, ev.date)
                .into_iter()
                .find(|h| ev.actors.contains(&h.id()))?
        }
        None => {
            if !ev.actors.contains(&subject.id()) {
                return None;
            }
            subject
        }
    };
    if let Some(t) = target {
        if !ix
            .parties_at(t, subject.unit, ev.date)
            .iter()
            .any(|p| ev.targets.contains(&p.id()))
        {
            return None;
        }
    }
    Some(actor)
}

/// The responsible party reported for an instance on `date` when no event decided it: the
/// holder of the 责任人 role (smallest id), or the subject itself.
pub(crate) fn responsible_on(
    ix: &Index,
    rule: &ir::Rule,
    subject: Party,
    date: NaiveDate,
) -> Option<Party> {
    match &rule.responsible {
        Some(r) => ix.parties_at(r, subject.unit, date).into_iter().next(),
        None => Some(subject),
    }
}
