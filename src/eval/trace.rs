//! Why an instance has its status: the data `guize explain` renders (semantics §3, issue 4).
//!
//! INVARIANT: no IO; built from the same indexes as the evaluation (events of the rule's kind
//! through the (kind, party) index), so a trace never disagrees with the instance it explains.

use chrono::{Days, NaiveDate};

use super::time::Window;
use super::{evaluate, subjects, Config, Detail, Index, Instance, Party, Status};
use crate::facts::{EventIdx, Facts};
use crate::ir::{self, PartyExpr, RuleBody};

/// How far around the window events of the right kind are listed.
pub const NEAR_DAYS: u64 = 31;

/// One instance explained.
#[derive(Clone, Debug)]
pub struct Trace {
    /// The instance.
    pub instance: Instance,
    /// When the subject held the role (persons), merged ranges.
    pub subject_held: Vec<Window>,
    /// The holders of the responsible role (relative to the subject's unit) during the period,
    /// each with the days they held it.
    pub responsible: Vec<(Party, Vec<Window>)>,
    /// Events of the rule's kind involving the subject near the period, and events of other
    /// kinds involving the subject inside it, each with why it counted or not.
    pub events: Vec<(EventIdx, Why)>,
    /// Ids of dropped duplicates, per kept event listed above.
    pub duplicates: Vec<(EventIdx, String)>,
    /// What would satisfy an unmet obligation.
    pub remedy: Option<Remedy>,
}

/// Why an event counted or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// It counted (evidence of the instance).
    Counted,
    /// It is the evidence of a breach or of a missing property.
    Breach,
    /// Another event kind.
    OtherKind,
    /// Outside the period.
    OutsideWindow,
    /// The subject did not hold the role that day.
    RoleNotHeld,
    /// No holder of the responsible role that day is among its 主体.
    NotByResponsible,
    /// The subject is not among its 对象 (with a 责任人) or 主体 (without).
    SubjectNotNamed,
    /// Without a 责任人 the subject must act: it is named in 对象 but not in 主体.
    SubjectNotActor,
    /// `向 X`: no holder of X (that day) is among its 对象.
    WrongRecipient,
    /// It lacks the required field value.
    PropertyMissing,
    /// An earlier event already decided the instance.
    NotFirst,
    /// The instance is not applicable: nothing counts.
    NotApplicable,
    /// It covers a member already covered (P3, P4): a member counts once.
    AlreadyCovered,
}

impl Why {
    /// Chinese wording.
    pub fn zh(&self) -> &'static str {
        match self {
            Why::Counted => "计入",
            Why::Breach => "构成违反",
            Why::OtherKind => "其他事项，不计",
            Why::OutsideWindow => "不在期间内",
            Why::RoleNotHeld => "当日对象未任该职务",
            Why::NotByResponsible => "主体不是当日的责任人",
            Why::SubjectNotNamed => "事件未写明该对象",
            Why::SubjectNotActor => "对象只在“对象”列，不在“主体”列：须由对象本人作出",
            Why::WrongRecipient => "“对象”列中没有规则要求的报告对象（向 …）",
            Why::PropertyMissing => "不具备要求的字段值",
            Why::NotFirst => "此前已有事件决定结论",
            Why::NotApplicable => "实例不适用，不计",
            Why::AlreadyCovered => "所涉人员已覆盖，不重复计",
        }
    }

    /// English wording.
    pub fn en(&self) -> &'static str {
        match self {
            Why::Counted => "counted",
            Why::Breach => "a breach",
            Why::OtherKind => "another kind; not counted",
            Why::OutsideWindow => "outside the period",
            Why::RoleNotHeld => "the subject did not hold the role that day",
            Why::NotByResponsible => "not done by the responsible holder of that day",
            Why::SubjectNotNamed => "the subject is not named in the event",
            Why::SubjectNotActor => {
                "the subject is named as 对象, not as 主体: the subject must act"
            }
            Why::WrongRecipient => "not addressed to the party the rule names (向 …)",
            Why::PropertyMissing => "lacks the required field value",
            Why::NotFirst => "an earlier event decided the instance",
            Why::NotApplicable => "the instance does not apply; not counted",
            Why::AlreadyCovered => "covers a member already covered; counted once",
        }
    }
}

/// What would satisfy an unmet obligation: by `by`, `who` does `times` × `event` for `whom`.
#[derive(Clone, Debug)]
pub struct Remedy {
    /// The deadline (`None`: no deadline, e.g. the next occurrence for P7).
    pub by: Option<NaiveDate>,
    /// Who must act.
    pub who: Option<Party>,
    /// For whom (the subject, or the uncovered members for P3/P4).
    pub whom: Vec<Party>,
    /// How many more events (or members to cover).
    pub times: u64,
    /// The event kind (folded key).
    pub event: String,
    /// The condition the event must meet, as written.
    pub cond: Option<String>,
    /// `times` members are to be chosen among `whom` (P3), rather than each of `whom`.
    pub choose: bool,
    /// `向 X`: the event must be addressed to X (as written).
    pub to: Option<String>,
}

/// What to explain.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// A subject id (person or unit); `None`: every subject.
    pub subject: Option<String>,
    /// A date inside the period; `None`: every period.
    pub period: Option<NaiveDate>,
    /// Also `not_applicable` instances.
    pub all: bool,
}

/// Explains the instances of rule `ri` matching `q` (including not-applicable ones).
pub fn explain(rs: &ir::Ruleset, facts: &Facts, cfg: &Config, ri: usize, q: &Query) -> Vec<Trace> {
    let mut out = evaluate(rs, facts, cfg);
    if q.all {
        out.include_not_applicable(rs, facts, cfg.as_of);
    }
    let ix = Index::new(facts, cfg.as_of);
    out.instances
        .into_iter()
        .filter(|i| i.rule == ri)
        .filter(|i| {
            q.subject.as_ref().is_none_or(|s| {
                let (p, u) = ix.party_key(i.subject);
                p == s || (p.is_empty() && u == s)
            })
        })
        .filter(|i| q.period.is_none_or(|d| i.period.contains(d)))
        .map(|i| trace(&ix, rs, i))
        .collect()
}

fn trace(ix: &Index, rs: &ir::Ruleset, inst: Instance) -> Trace {
    let rule = &rs.rules[inst.rule];
    // Units hold no role and carry no dates (semantics §3.1).
    let subject_held = match inst.subject.person {
        None => Vec::new(),
        Some(_) => subjects(ix, &rule.subject)
            .into_iter()
            .find(|(p, _)| *p == inst.subject)
            .map(|(_, w)| w)
            .unwrap_or_default(),
    };
    let responsible = match linked_actors(ix, rule, &inst) {
        // `责任人 发现者`: the trigger event's parties, for the whole period.
        Some(found) => found.into_iter().map(|p| (p, vec![inst.period])).collect(),
        None => rule
            .responsible
            .as_ref()
            .map(|r| holders(ix, r, inst.subject.unit, inst.period))
            .unwrap_or_default(),
    };
    let events = events(ix, rule, &inst, &subject_held);
    let duplicates = events
        .iter()
        .flat_map(|(e, _)| {
            let id = &ix.facts.events[*e as usize].id;
            ix.facts
                .duplicates
                .iter()
                .filter(move |(kept, _)| kept == id)
                .map(move |(_, dropped)| (*e, dropped.clone()))
        })
        .collect();
    let remedy = remedy(rule, &inst);
    Trace {
        instance: inst,
        subject_held,
        responsible,
        events,
        duplicates,
        remedy,
    }
}

/// Holders of `e` relative to unit `u` during `w`, each with the days they held it.
fn holders(ix: &Index, e: &PartyExpr, u: u32, w: Window) -> Vec<(Party, Vec<Window>)> {
    let w = Window {
        start: w.start,
        end: w.end.min(ix.as_of),
    };
    ix.parties_during(e, u, w)
        .into_iter()
        .map(|p| {
            let days = match (&e.target, p.person) {
                (ir::PartyTarget::Role(r), Some(person)) => ix
                    .tenures_in(p.unit, r)
                    .iter()
                    .filter(|&&t| ix.facts.tenures[t].person == person)
                    .filter_map(|&t| ix.tenure_window(t).intersect(w))
                    .collect(),
                _ => vec![w],
            };
            (p, days)
        })
        .collect()
}

/// Events of the rule's kind involving the subject within [`NEAR_DAYS`] of the period, and events
/// of other kinds involving the subject inside it, in date order.
fn events(ix: &Index, rule: &ir::Rule, inst: &Instance, held: &[Window]) -> Vec<(EventIdx, Why)> {
    let Some(body) = &rule.body else {
        return Vec::new();
    };
    let kind = body.event();
    let p = inst.period;
    let near = Window {
        start: p
            .start
            .checked_sub_days(Days::new(NEAR_DAYS))
            .unwrap_or(p.start),
        end: p
            .end
            .checked_add_days(Days::new(NEAR_DAYS))
            .unwrap_or(p.end),
    };
    // A response to a finder or to a trigger-given recipient need not name the subject.
    let mut ids = vec![inst.subject.id()];
    ids.extend(
        linked_actors(ix, rule, inst)
            .unwrap_or_default()
            .iter()
            .map(|p| p.id()),
    );
    let mut near_events: Vec<EventIdx> = ids
        .iter()
        .flat_map(|&id| ix.events_of(kind, id).iter().copied())
        .filter(|&e| near.contains(ix.facts.events[e as usize].date))
        .collect();
    near_events.sort_unstable();
    near_events.dedup();
    let mut out: Vec<(EventIdx, Why)> = near_events
        .into_iter()
        .map(|e| (e, why(ix, rule, body, inst, held, e)))
        .collect();
    for &e in &inst.evidence {
        if !out.iter().any(|(x, _)| *x == e) {
            out.push((e, why(ix, rule, body, inst, held, e)));
        }
    }
    // Events of other kinds that would have counted had they been of the right kind (same
    // parties, inside the period): the usual mistake of recording the wrong 类型.
    let id = inst.subject.id();
    for (i, ev) in ix.facts.events.iter().enumerate() {
        if *ev.kind == *kind || !p.contains(ev.date) || ev.date > ix.as_of {
            continue;
        }
        let parties_fit = match &rule.responsible {
            _ if rule.mutual => super::takes_part(ev, id),
            Some(r) => {
                ev.targets.contains(&id)
                    && ix
                        .parties_at(r, inst.subject.unit, ev.date)
                        .iter()
                        .any(|h| ev.actors.contains(&h.id()))
            }
            None if rule.anyone_acts => ev.targets.contains(&id),
            None => ev.actors.contains(&id),
        };
        if parties_fit {
            out.push((i as EventIdx, Why::OtherKind));
        }
    }
    out.sort_by_key(|(e, _)| {
        let ev = &ix.facts.events[*e as usize];
        (ev.date, ev.seq)
    });
    out
}

fn why(
    ix: &Index,
    rule: &ir::Rule,
    body: &RuleBody,
    inst: &Instance,
    held: &[Window],
    e: EventIdx,
) -> Why {
    let ev = &ix.facts.events[e as usize];
    if inst.evidence.contains(&e) {
        let bad = matches!(
            body,
            RuleBody::Prohibited { .. } | RuleBody::EveryEvent { .. } | RuleBody::FirstAfter { .. }
        ) && inst.status == Status::Violated;
        return if bad { Why::Breach } else { Why::Counted };
    }
    if !inst.period.contains(ev.date) && !matches!(body, RuleBody::Precedence { .. }) {
        return Why::OutsideWindow;
    }
    if inst.status == Status::NotApplicable {
        return Why::NotApplicable;
    }
    if inst.subject.person.is_some() && !held.iter().any(|h| h.contains(ev.date)) {
        return Why::RoleNotHeld;
    }
    let id = inst.subject.id();
    if let Some(c) = &rule.event_cond {
        if !super::cond_holds(ix, e, c) {
            return Why::PropertyMissing;
        }
    }
    if let Some(w) = linked_why(ix, rule, body, inst, e) {
        return w;
    }
    match &rule.responsible {
        _ if rule.mutual => {
            if !super::takes_part(ev, id) {
                return Why::SubjectNotNamed;
            }
        }
        Some(r) => {
            if !ev.targets.contains(&id) {
                return Why::SubjectNotNamed;
            }
            let on_day = ix.parties_at(r, inst.subject.unit, ev.date);
            if !on_day.iter().any(|h| ev.actors.contains(&h.id())) {
                return Why::NotByResponsible;
            }
        }
        None if rule.anyone_acts => {
            if !ev.targets.contains(&id) {
                return Why::SubjectNotNamed;
            }
        }
        None if !ev.actors.contains(&id)
            && !matches!(body, RuleBody::Ratio { .. } | RuleBody::TermCoverage { .. }) =>
        {
            return match ev.targets.contains(&id) {
                true => Why::SubjectNotActor,
                false => Why::SubjectNotNamed,
            };
        }
        None => {}
    }
    if let Some(t) = body_target(body) {
        let to = ix.parties_at(t, inst.subject.unit, ev.date);
        if !to.iter().any(|p| ev.targets.contains(&p.id())) {
            return Why::WrongRecipient;
        }
    }
    match body {
        RuleBody::EveryEvent { .. } | RuleBody::FirstAfter { .. } | RuleBody::Prohibited { .. } => {
            Why::PropertyMissing
        }
        RuleBody::Ratio { .. } | RuleBody::TermCoverage { .. } => Why::AlreadyCovered,
        _ => Why::NotFirst,
    }
}

/// `向 X` of a body, if it has one.
fn body_target(body: &RuleBody) -> Option<&PartyExpr> {
    match body {
        RuleBody::Periodic { target, .. } | RuleBody::Triggered { target, .. } => target.as_ref(),
        _ => None,
    }
}

/// For an unmet obligation (violated or pending, not a prohibition): what would satisfy it.
fn remedy(rule: &ir::Rule, i: &Instance) -> Option<Remedy> {
    if !matches!(i.status, Status::Violated | Status::Pending)
        || rule.modality == ir::Modality::Prohibition
    {
        return None;
    }
    let body = rule.body.as_ref()?;
    // `按 期限` with no date in the trigger event: no deadline to meet (the reason says so).
    if matches!(body, RuleBody::Triggered { .. }) && i.due.is_none() {
        return None;
    }
    let mut r = Remedy {
        by: i.due,
        who: i.responsible,
        whom: vec![i.subject],
        times: 1,
        event: body.event().to_string(),
        cond: None,
        choose: false,
        to: rule
            .trigger_links
            .as_ref()
            .and_then(|l| l.recipient.as_ref())
            .map(|t| t.text.clone())
            .or_else(|| body_target(body).map(|t| t.text.clone())),
    };
    match (body, &i.detail) {
        (RuleBody::Periodic { count, .. }, _) => {
            if count.op != ir::CountOp::AtLeast {
                return None;
            }
            r.times = u64::from(count.n.saturating_sub(i.count));
        }
        (
            RuleBody::Ratio { .. },
            Some(Detail::Ratio {
                need,
                covered,
                population,
                ..
            }),
        ) => {
            r.times = need.saturating_sub(covered.len() as u64);
            r.whom = population
                .iter()
                .filter(|p| !covered.contains(p))
                .copied()
                .collect();
            r.choose = true;
        }
        (RuleBody::TermCoverage { .. }, Some(Detail::Coverage { uncovered, .. })) => {
            r.times = uncovered.len() as u64;
            r.whom = uncovered.clone();
        }
        (RuleBody::FirstAfter { cond, .. } | RuleBody::EveryEvent { cond, .. }, _) => {
            if i.status == Status::Violated {
                return None;
            }
            r.by = None;
            r.cond = Some(cond.text.clone());
        }
        _ => {}
    }
    (r.times > 0).then_some(r)
}

/// `责任人 发现者`: the trigger event's parties that must act for `inst`.
fn linked_actors(ix: &Index, rule: &ir::Rule, inst: &Instance) -> Option<Vec<Party>> {
    let l = rule.trigger_links.as_ref()?;
    let (a, Some(t)) = (l.actor.as_ref()?, inst.trigger.as_ref()) else {
        return None;
    };
    let super::TriggerFact::Event(te) = t.fact else {
        return None;
    };
    Some(super::linked::trigger_parties(
        ix,
        a,
        te,
        inst.subject,
        t.date,
    ))
}

/// Why an event does not answer an instance of a rule whose parties come from its trigger
/// (`None`: not such a rule, or the usual checks decide).
fn linked_why(
    ix: &Index,
    rule: &ir::Rule,
    body: &RuleBody,
    inst: &Instance,
    e: EventIdx,
) -> Option<Why> {
    let (RuleBody::Triggered { target, .. }, Some(l)) = (body, rule.trigger_links.as_ref()) else {
        return None;
    };
    let t = inst.trigger.as_ref()?;
    let super::TriggerFact::Event(te) = t.fact else {
        return None;
    };
    if !l.parties() {
        return None;
    }
    let ev = &ix.facts.events[e as usize];
    let actors = linked_actors(ix, rule, inst);
    if let Some(a) = &actors {
        if !a.iter().any(|p| ev.actors.contains(&p.id())) {
            return Some(Why::NotByResponsible);
        }
    }
    let answered = super::linked::response(
        ix,
        rule,
        l,
        target.as_ref(),
        te,
        inst.subject,
        actors.as_deref(),
        e,
    );
    Some(match answered {
        Some(_) => Why::NotFirst,
        None if l.recipient.is_some() || target.is_some() => Why::WrongRecipient,
        None if actors.is_none() => Why::NotByResponsible,
        None => Why::SubjectNotNamed,
    })
}
