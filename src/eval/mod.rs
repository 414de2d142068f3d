//! Stage 3, eval: checked rules + facts → instances with statuses (semantics §2–§3).
//!
//! INVARIANT: no IO and no clock: the evaluation date comes in [`Config`]. The output is sorted
//! as semantics §3.1 says, so the same input gives the same instances in the same order.

mod assignment;
mod consequence;
mod coverage;
mod index;
mod linked;
mod modality;
mod periodic;
mod property;
pub mod time;
pub mod trace;
mod triggered;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::facts::{EventIdx, Facts};
use crate::ir::{self, PartyExpr, PartyTarget};

pub use coverage::ceil_ratio;
pub use index::{Index, Party};
pub use linked::missing_deadlines;
pub use modality::{excuse_reason, EXCUSE_KIND, EXCUSE_REASON_FIELD, EXCUSE_RULE_FIELD};
pub use time::Window;
pub use trace::{explain, Query, Trace};

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
    /// Outside the rule's scope (reported only on request, with a [`NaReason`]).
    NotApplicable,
}

/// Why an instance is `not_applicable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaReason {
    /// The window ends before the ruleset's 生效 (or the trigger happened before it).
    BeforeEffective,
    /// The party did not hold the role during the window.
    RoleNotHeld,
    /// The party held the role for less than 最短任职 in the window.
    ShortTenure,
    /// The party holds the role in a unit outside the rule's scope.
    OutOfScope,
    /// A permission (可以) that was not used: never a violation.
    PermissionUnused,
}

impl NaReason {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            NaReason::BeforeEffective => "before_effective",
            NaReason::RoleNotHeld => "role_not_held",
            NaReason::ShortTenure => "short_tenure",
            NaReason::OutOfScope => "out_of_scope",
            NaReason::PermissionUnused => "permission_unused",
        }
    }

    /// The Chinese explanation.
    pub fn zh(self) -> &'static str {
        match self {
            NaReason::BeforeEffective => "生效之前",
            NaReason::RoleNotHeld => "期间未任该职务",
            NaReason::ShortTenure => "任职时间短于最短任职",
            NaReason::OutOfScope => "不在规则范围内",
            NaReason::PermissionUnused => "允许性规定，未使用",
        }
    }
}

/// Pattern-specific facts of an instance, for reports and `explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// P3: ⌈num/den × population⌉ distinct parties must be covered.
    Ratio {
        /// The ratio's numerator (10 for 10%).
        num: u64,
        /// Its denominator (100).
        den: u64,
        /// Which holders make up the population.
        basis: ir::PopulationBasis,
        /// The population, sorted.
        population: Vec<Party>,
        /// The parties covered, sorted.
        covered: Vec<Party>,
        /// ⌈num/den × population⌉.
        need: u64,
    },
    /// P4: every member of the population covered in the term.
    Coverage {
        /// The 届次 label, for unit terms.
        term: Option<String>,
        /// The population, sorted.
        population: Vec<Party>,
        /// Members not yet covered, sorted.
        uncovered: Vec<Party>,
    },
    /// P9 on 分工: the forbidden 分工 row.
    Assignment {
        /// Index into `Facts::assignments`.
        row: usize,
        /// The forbidden areas the row names, as written there.
        areas: Vec<String>,
    },
}

impl Status {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Violated => "violated",
            Status::Pending => "pending",
            Status::Late => "late",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Status::Satisfied => "已履行",
            Status::Violated => "违反",
            Status::Pending => "待履行",
            Status::Late => "逾期履行",
            Status::NotApplicable => "不适用",
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
    /// A violated instance of another rule (P12): that rule and the instance's period start.
    Violation {
        /// Index into `Ruleset::rules`.
        rule: usize,
        /// The violated instance's period.
        period: Window,
    },
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
    /// For a default rule (一般/原则上) not met: the recorded reason (a 情况说明 event).
    pub excuse: Option<EventIdx>,
    /// For `not_applicable`: why.
    pub reason: Option<NaReason>,
    /// Pattern-specific facts (P3, P4).
    pub detail: Option<Detail>,
}

impl Instance {
    /// A fresh instance with no evidence, excuse, reason or detail.
    pub(crate) fn new(rule: usize, period: Window, subject: Party, status: Status) -> Instance {
        Instance {
            rule,
            period,
            subject,
            responsible: None,
            status,
            count: 0,
            due: None,
            evidence: Vec::new(),
            trigger: None,
            excuse: None,
            reason: None,
            detail: None,
        }
    }

    /// A `not_applicable` instance.
    pub(crate) fn not_applicable(
        rule: usize,
        period: Window,
        subject: Party,
        reason: NaReason,
    ) -> Instance {
        let mut i = Instance::new(rule, period, subject, Status::NotApplicable);
        i.reason = Some(reason);
        i
    }
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
    /// `not_applicable` instances (reported only on request: `eval --all`), sorted.
    pub not_applicable: Vec<Instance>,
}

impl Outcome {
    /// Whether any instance is violated without a recorded excuse (what `--fail-on violated`
    /// asks): a default rule's violation excused by a 情况说明 does not count.
    pub fn has_unexcused_violation(&self) -> bool {
        self.instances
            .iter()
            .any(|i| i.status == Status::Violated && i.excuse.is_none())
    }

    /// Moves the `not_applicable` instances into `instances`, keeping the order of §3.1.
    pub fn include_not_applicable(&mut self, _rs: &ir::Ruleset, facts: &Facts, as_of: NaiveDate) {
        let ix = Index::new(facts, as_of);
        self.instances.append(&mut self.not_applicable);
        sort(&ix, &mut self.instances);
    }
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
        done: &[],
    };
    let mut out = Outcome::default();
    // Rules are independent of each other, except consequence rules (P12), which are triggered
    // by the others' violations: the others run in parallel (each into its own vector, joined
    // in rule order), then the consequence rules, one after another.
    let (plain, later): (Vec<usize>, Vec<usize>) =
        (0..rs.rules.len()).partition(|&i| !consequence::is_consequence(&rs.rules[i]));
    let results: Vec<Result<Vec<Instance>, Skipped>> =
        plain.par_iter().map(|&i| eval_rule(&ctx, i, &[])).collect();
    let mut all = Vec::new();
    let mut take = |r: Result<Vec<Instance>, Skipped>, all: &mut Vec<Instance>| match r {
        Ok(mut v) => all.append(&mut v),
        Err(s) => out.skipped.push(s),
    };
    for r in results {
        take(r, &mut all);
    }
    for i in later {
        let r = eval_rule(&ctx, i, &all);
        take(r, &mut all);
    }
    out.skipped.sort_by_key(|s| s.rule);
    let (na, mut live): (Vec<Instance>, Vec<Instance>) = all
        .into_iter()
        .partition(|i| i.status == Status::NotApplicable);
    sort(&ix, &mut live);
    out.instances = live;
    out.not_applicable = na;
    sort(&ix, &mut out.not_applicable);
    out
}

/// Evaluates rule `i` (with modality applied); `done`: the instances of the rules evaluated
/// before it, which a consequence rule reads. `Err`: the rule has open parameters.
fn eval_rule<'a>(ctx: &Ctx<'a>, i: usize, done: &'a [Instance]) -> Result<Vec<Instance>, Skipped> {
    let rule = &ctx.rs.rules[i];
    let Some(body) = &rule.body else {
        return Err(Skipped {
            rule: i,
            open_params: rule.open_params.clone(),
        });
    };
    let ctx = Ctx { done, ..*ctx };
    let mut mine = Vec::new();
    eval_body(&ctx, i, rule, body, &mut mine);
    for inst in &mut mine {
        modality::apply(&ctx, rule, inst);
    }
    Ok(mine)
}

/// Evaluates one rule's body, appending its instances (those of earlier rules are in `out`).
fn eval_body(ctx: &Ctx, i: usize, rule: &ir::Rule, body: &ir::RuleBody, out: &mut Vec<Instance>) {
    use ir::RuleBody as B;
    match body {
        B::Periodic { .. } => periodic::eval(ctx, i, rule, body, out),
        B::Triggered { .. } | B::Precedence { .. } => triggered::eval(ctx, i, rule, body, out),
        B::FirstAfter { .. } => property::first_after(ctx, i, rule, body, out),
        B::EveryEvent { event, cond } => property::every(ctx, i, rule, event, cond, out),
        B::Prohibited { .. } => property::prohibited(ctx, i, rule, body, out),
        B::ForbiddenAssignment { areas } => assignment::forbidden(ctx, i, rule, areas, out),
        B::Ratio { .. } => coverage::ratio(ctx, i, rule, body, out),
        B::TermCoverage { population, event } => {
            coverage::term(ctx, i, rule, population, event, out)
        }
    }
}

/// Whether event `e` meets a field condition: the field has the value (text compared folded,
/// yes/no and numbers by value), or any value when the condition names none.
pub(crate) fn cond_holds(ix: &Index, e: EventIdx, c: &ir::FieldCond) -> bool {
    use crate::facts::FieldValue as V;
    let Some(v) = ix.facts.events[e as usize].fields.get(&c.field) else {
        return false;
    };
    let here = match &c.value {
        None => true,
        Some(want) => match v {
            V::Text(t) | V::Ref(t) => crate::text::fold(t) == *want,
            V::Bool(b) => crate::text::parse_bool(want) == Some(*b),
            V::Number(n) => want
                .parse::<f64>()
                .is_ok_and(|w| n.partial_cmp(&w).is_some_and(|o| c.op.holds(o))),
            V::Date(d) => crate::text::parse_date(want).is_some_and(|w| c.op.holds(d.cmp(&w))),
        },
    };
    here && c.and.iter().all(|a| cond_holds(ix, e, a))
}

/// What every pattern needs.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub rs: &'a ir::Ruleset,
    pub ix: &'a Index<'a>,
    /// 生效 (or the earliest date).
    pub effective: NaiveDate,
    /// The instances of the rules evaluated before this one (what a consequence rule reads).
    pub done: &'a [Instance],
}

impl Ctx<'_> {
    /// The first day `rule` applies: its version's 生效 (1 January after it for 次年起), or the
    /// ruleset's fallback.
    pub fn rule_from(&self, rule: &ir::Rule) -> NaiveDate {
        rule.version.first_day().unwrap_or(self.effective)
    }

    /// The year `每N年` blocks of `rule` are aligned to: its version's 生效, else the ruleset's,
    /// else the year of the fallback (the earliest fact), from which such a ruleset applies.
    pub fn anchor(&self, rule: &ir::Rule) -> i32 {
        use chrono::Datelike;
        rule.version
            .effective
            .or(self.rs.effective)
            .unwrap_or(self.effective)
            .year()
    }

    /// Whether a fact dated `d` comes after `rule`'s version stopped applying (superseded or
    /// repealed).
    pub fn after_version(&self, rule: &ir::Rule, d: NaiveDate) -> bool {
        rule.version.until.is_some_and(|u| d > u)
    }

    /// Whether window `w` is evaluated under `rule`'s version (semantics §6).
    pub fn window_in_force(&self, rule: &ir::Rule, w: Window) -> bool {
        let from_ok = rule.version.effective.is_some() || w.end >= self.effective;
        from_ok && rule.version.covers_window(w.start, w.end)
    }
}

fn sort(ix: &Index, v: &mut [Instance]) {
    v.par_sort_by(|a, b| {
        // Rules in article order: `rs.rules` is sorted so (resolve/chain.rs).
        let ka = (
            a.rule,
            a.period.start,
            ix.party_key(a.subject),
            a.period.end,
        );
        let kb = (
            b.rule,
            b.period.start,
            ix.party_key(b.subject),
            b.period.end,
        );
        let first = |i: &Instance| i.evidence.first().map(|&e| ix.facts.events[e as usize].seq);
        ka.cmp(&kb)
            .then_with(|| trigger_seq(ix, a).cmp(&trigger_seq(ix, b)))
            .then_with(|| first(a).cmp(&first(b)))
    });
}

fn trigger_seq(ix: &Index, i: &Instance) -> u32 {
    match i.trigger.as_ref().map(|t| t.fact) {
        Some(TriggerFact::Event(e)) => ix.facts.events[e as usize].seq,
        Some(TriggerFact::Tenure(t)) => t as u32,
        Some(TriggerFact::Violation { rule, .. }) => rule as u32,
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
        PartyTarget::InCharge => {}
        PartyTarget::Role(r) => {
            // Where each party is in `out` (a person holding the role in two units is two).
            let mut seen: std::collections::HashMap<Party, usize, rustc_hash::FxBuildHasher> =
                Default::default();
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
                match seen.entry(party) {
                    std::collections::hash_map::Entry::Occupied(o) => out[*o.get()].1.push(w),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(out.len());
                        out.push((party, vec![w]));
                    }
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
    if let PartyTarget::InCharge = &e.target {
        in_charge_subjects(ix, e, &mut out);
    }
    for (_, ws) in &mut out {
        *ws = merge(std::mem::take(ws));
    }
    out.retain(|(_, ws)| !ws.is_empty());
    out.sort_by(|a, b| ix.party_key(a.0).cmp(&ix.party_key(b.0)));
    out
}

/// `分管联系领导` as a subject: each person with a 分工 row naming a 联系单位, in the unit of the
/// row, while the row is in force.
fn in_charge_subjects(ix: &Index, e: &PartyExpr, out: &mut Vec<(Party, Vec<Window>)>) {
    for (i, a) in ix.facts.assignments.iter().enumerate() {
        if a.contacts.is_empty() || a.start > ix.as_of || !ix.subject_unit_ok(e, a.unit) {
            continue;
        }
        let party = Party {
            person: Some(a.person),
            unit: a.unit,
        };
        let w = ix.assignment_window(i);
        match out.iter_mut().find(|(p, _)| *p == party) {
            Some((_, ws)) => ws.push(w),
            None => out.push((party, vec![w])),
        }
    }
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
    if let Some(c) = &rule.event_cond {
        if !cond_holds(ix, e, c) {
            return None;
        }
    }
    let actor = if rule.mutual {
        mutual_actor(ix, rule, subject, ev)?
    } else {
        match &rule.responsible {
            None if rule.anyone_acts => {
                if !ev.targets.contains(&subject.id()) {
                    return None;
                }
                any_actor(ev, subject)
            }
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

/// Whether `id` takes part in `ev`, as 主体 or as 对象.
pub(crate) fn takes_part(ev: &crate::facts::Event, id: crate::facts::PartyId) -> bool {
    ev.actors.contains(&id) || ev.targets.contains(&id)
}

/// The acting party of a mutual act (`相互 交换意见`): the subject takes part (主体 or 对象);
/// with a 责任人, a holder of it other than the subject takes part too and is the actor.
fn mutual_actor(
    ix: &Index,
    rule: &ir::Rule,
    subject: Party,
    ev: &crate::facts::Event,
) -> Option<Party> {
    if !takes_part(ev, subject.id()) {
        return None;
    }
    match &rule.responsible {
        Some(r) => ix
            .parties_at(r, subject.unit, ev.date)
            .into_iter()
            .find(|h| h.id() != subject.id() && takes_part(ev, h.id())),
        None => Some(subject),
    }
}

/// The acting party of an event under `责任人 不限`: its first 主体 (a person at the event's
/// unit, or a unit), else the event's unit.
fn any_actor(ev: &crate::facts::Event, subject: Party) -> Party {
    let unit = ev.unit.unwrap_or(subject.unit);
    match ev.actors.first() {
        Some(crate::facts::PartyId::Person(p)) => Party {
            person: Some(*p),
            unit,
        },
        Some(crate::facts::PartyId::Unit(u)) => Party {
            person: None,
            unit: *u,
        },
        None => Party { person: None, unit },
    }
}

/// The responsible party reported for an instance on `date` when no event decided it: the
/// holder of the 责任人 role (smallest id), or the subject itself (none under `责任人 不限`).
pub(crate) fn responsible_on(
    ix: &Index,
    rule: &ir::Rule,
    subject: Party,
    date: NaiveDate,
) -> Option<Party> {
    match &rule.responsible {
        Some(r) => ix.parties_at(r, subject.unit, date).into_iter().next(),
        None if rule.anyone_acts => None,
        None => Some(subject),
    }
}
