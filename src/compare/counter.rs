//! Counterexamples: for a loosened rule, a minimal fact set in which the local rule is satisfied
//! and the base rule is not, built from the two rules and confirmed by running the evaluator.

use std::collections::BTreeMap;

use chrono::{Datelike as _, NaiveDate};

use crate::eval::{self, time, Config, Status};
use crate::facts::{Event, Facts, FieldValue, Origin, PartyId, Person, Tenure, Unit};
use crate::ir::{self, DurUnit, Duration, PartyTarget, RuleBody, Scope, Trigger};

/// A confirmed counterexample: the fact tables as CSV text and the evaluation date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterexample {
    /// `单位.csv`, `人员.csv`, `任职.csv`, `事件.csv` (and `分工.csv` when it has rows), each with
    /// its header, as one block.
    pub csv: String,
    /// The evaluation date used.
    pub as_of: NaiveDate,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A fact set being built: two units, up to three people, their tenures and some events.
#[derive(Clone, Default)]
struct World {
    facts: Facts,
}

impl World {
    fn unit(&mut self, kind: &str, parent: Option<u32>) -> u32 {
        let n = self.facts.units.len() as u32;
        self.facts.units.push(Unit {
            id: format!("U{}", n + 1),
            name: if parent.is_some() {
                "下级单位"
            } else {
                "上级单位"
            }
            .into(),
            kind: kind.into(),
            parent,
            peer: None,
            origin: Origin::default(),
        });
        n
    }

    fn person(&mut self, role: &str, unit: u32, start: NaiveDate, end: NaiveDate) -> u32 {
        let n = self.facts.people.len() as u32;
        self.facts.people.push(Person {
            id: format!("P{}", n + 1),
            name: ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
                .get(n as usize)
                .map_or_else(|| format!("人员{}", n + 1), |s| (*s).to_string()),
            origin: Origin::default(),
        });
        self.facts.tenures.push(Tenure {
            person: n,
            unit,
            role: role.into(),
            start,
            end: Some(end),
            origin: Origin::default(),
        });
        n
    }

    fn event(
        &mut self,
        d: NaiveDate,
        kind: &str,
        unit: u32,
        actor: PartyId,
        targets: Vec<PartyId>,
    ) {
        let n = self.facts.events.len() as u32;
        let mut targets = targets;
        targets.sort();
        targets.dedup();
        self.facts.events.push(Event {
            id: format!("E{}", n + 1),
            date: d,
            kind: kind.into(),
            unit: Some(unit),
            actors: smallvec::smallvec![actor],
            targets: targets.into(),
            fields: BTreeMap::new(),
            seq: n,
            origin: Origin::default(),
        });
    }

    fn csv(&self) -> String {
        let f = &self.facts;
        let mut s = String::from("单位.csv\n编号,名称,类别,上级\n");
        for u in &f.units {
            let parent = u.parent.map_or("", |p| f.units[p as usize].id.as_str());
            s += &format!("{},{},{},{parent}\n", u.id, u.name, u.kind);
        }
        s += "人员.csv\n编号,姓名\n";
        for p in &f.people {
            s += &format!("{},{}\n", p.id, p.name);
        }
        s += "任职.csv\n人员,单位,职务,起始,终止\n";
        for t in &f.tenures {
            let end = t.end.map(|d| d.to_string()).unwrap_or_default();
            s += &format!(
                "{},{},{},{},{end}\n",
                f.people[t.person as usize].id, f.units[t.unit as usize].id, t.role, t.start
            );
        }
        // Extra fields (a prohibition's condition) as columns after the fixed ones.
        let fields: std::collections::BTreeSet<&String> =
            f.events.iter().flat_map(|e| e.fields.keys()).collect();
        s += "事件.csv\n编号,日期,类型,单位,主体,对象";
        for k in &fields {
            s += &format!(",{k}");
        }
        s += "\n";
        for e in &f.events {
            let ids = |v: &[PartyId]| {
                v.iter()
                    .map(|p| f.party_id(*p))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let unit = e.unit.map_or("", |u| f.units[u as usize].id.as_str());
            s += &format!(
                "{},{},{},{unit},{},{}",
                e.id,
                e.date,
                e.kind,
                ids(&e.actors),
                ids(&e.targets)
            );
            for k in &fields {
                let v = match e.fields.get(*k) {
                    None => String::new(),
                    Some(FieldValue::Bool(b)) => (if *b { "是" } else { "否" }).into(),
                    Some(FieldValue::Number(n)) => n.to_string(),
                    Some(FieldValue::Date(d)) => d.to_string(),
                    Some(FieldValue::Text(t) | FieldValue::Ref(t)) => t.clone(),
                };
                s += &format!(",{v}");
            }
            s += "\n";
        }
        if !f.assignments.is_empty() {
            s += "分工.csv\n人员,单位,分管,起始\n";
            for a in &f.assignments {
                s += &format!(
                    "{},{},{},{}\n",
                    f.people[a.person as usize].id,
                    f.units[a.unit as usize].id,
                    a.areas.join("、"),
                    a.start
                );
            }
        }
        s
    }
}

const START: (i32, u32, u32) = (2022, 1, 1);
const TRIGGER: (i32, u32, u32) = (2023, 3, 1);
const AS_OF: (i32, u32, u32) = (2024, 1, 1);
/// 每N年 blocks align to year 2000 when the ruleset has no 生效 (as in `eval`).
const ANCHOR: i32 = 2000;

/// The parties of a rule in a world: the subject, who acts, and whom the event must name.
struct Cast {
    upper: u32,
    lower: u32,
    subject: PartyId,
    actor: PartyId,
    targets: Vec<PartyId>,
}

/// Builds the units and tenures `rule` talks about; `tenure` is the subject's tenure, `others`
/// the tenure of everyone else.
fn cast(
    w: &mut World,
    vocab: &ir::Vocabulary,
    rule: &ir::Rule,
    tenure: (NaiveDate, NaiveDate),
    others: (NaiveDate, NaiveDate),
) -> Option<Cast> {
    let s = &rule.subject;
    let kind = match &s.target {
        // No 分工 rows are built: no counterexample for a 分管联系领导 subject.
        PartyTarget::InCharge => return None,
        PartyTarget::UnitKind(k) => k.clone(),
        PartyTarget::Role(_) => s
            .unit_kind
            .clone()
            .or_else(|| vocab.unit_kinds.first().map(|k| k.key.clone()))?,
    };
    let upper = w.unit(&kind, None);
    let lower = w.unit(&kind, Some(upper));
    let subject = match &s.target {
        PartyTarget::InCharge => return None,
        PartyTarget::UnitKind(_) => PartyId::Unit(lower),
        PartyTarget::Role(r) => PartyId::Person(w.person(r, lower, tenure.0, tenure.1)),
    };
    let place = |w: &mut World, e: &ir::PartyExpr| -> Option<PartyId> {
        let unit = match e.scope {
            Scope::ParentUnit | Scope::UpperLevel => upper,
            _ => lower,
        };
        match &e.target {
            PartyTarget::InCharge => None,
            PartyTarget::UnitKind(_) => Some(PartyId::Unit(unit)),
            PartyTarget::Role(r)
                if matches!(s.target, PartyTarget::Role(ref sr) if sr == r) && unit == lower =>
            {
                Some(subject)
            }
            PartyTarget::Role(r) => Some(PartyId::Person(w.person(r, unit, others.0, others.1))),
        }
    };
    let actor = match &rule.responsible {
        Some(r) => place(w, r)?,
        None => subject,
    };
    let mut targets = vec![subject];
    let target = match &rule.body {
        Some(RuleBody::Periodic { target, .. } | RuleBody::Triggered { target, .. }) => {
            target.clone()
        }
        _ => None,
    };
    if let Some(t) = target {
        targets.push(place(w, &t)?);
    }
    Some(Cast {
        upper,
        lower,
        subject,
        actor,
        targets,
    })
}

/// Candidate worlds for `local`, most natural first.
fn candidates(vocab: &ir::Vocabulary, base: &ir::Rule, local: &ir::Rule) -> Vec<World> {
    let start = date(START.0, START.1, START.2);
    let end = date(2023, 12, 31);
    let t = date(TRIGGER.0, TRIGGER.1, TRIGGER.2);
    let mut out = Vec::new();
    match &local.body {
        Some(RuleBody::Periodic {
            period,
            position,
            count,
            event,
            ..
        }) => {
            let win = time::window_containing(*period, date(2023, 1, 1), ANCHOR);
            for day in [win.start, time::deadline(*position, win)] {
                let mut w = World::default();
                // The subject holds the post for exactly one local window.
                let Some(c) = cast(
                    &mut w,
                    vocab,
                    local,
                    (win.start, win.end),
                    (win.start, win.end),
                ) else {
                    return out;
                };
                for _ in 0..count.n {
                    w.event(day, event, c.lower, c.actor, c.targets.clone());
                }
                out.push(w);
            }
        }
        // Parties or deadlines from the trigger event (发现者, 按 期限): no small world yet.
        Some(RuleBody::Triggered { .. }) if local.trigger_links.is_some() => {}
        Some(RuleBody::Triggered {
            triggers,
            limit,
            event,
            ..
        }) => {
            let Some(trigger) = triggers.first() else {
                return out;
            };
            let tenure = match trigger {
                Trigger::TenureStart => (t, end),
                Trigger::TenureEnd => (start, t),
                Trigger::TenureYears(n) => {
                    (t.with_year(t.year() - *n as i32).unwrap_or(start), end)
                }
                Trigger::Event(_) => (start, end),
                // No small world is built for these yet: the check says so instead.
                Trigger::Consecutive { .. } | Trigger::Violation(_) => return out,
            };
            let mut w = World::default();
            let Some(c) = cast(&mut w, vocab, local, tenure, (start, end)) else {
                return out;
            };
            if let Trigger::Event(k) = trigger {
                w.event(t, k, c.lower, c.subject, vec![c.subject]);
            }
            w.event(
                time::add(t, *limit),
                event,
                c.lower,
                c.actor,
                c.targets.clone(),
            );
            out.push(w);
        }
        Some(RuleBody::Precedence {
            triggers,
            limit,
            event,
        }) => {
            let Some(Trigger::Event(k)) = triggers.first() else {
                return out;
            };
            let bound = match (limit, &base.body) {
                (Some(l), _) => *l,
                (None, Some(RuleBody::Precedence { limit: Some(b), .. })) => Duration {
                    n: days_max(*b) + 1,
                    unit: DurUnit::Day,
                },
                _ => return out,
            };
            let mut w = World::default();
            let Some(c) = cast(&mut w, vocab, local, (start, end), (start, end)) else {
                return out;
            };
            w.event(
                time::sub(t, bound),
                event,
                c.lower,
                c.subject,
                vec![PartyId::Unit(c.upper)],
            );
            w.event(t, k, c.lower, c.subject, vec![]);
            out.push(w);
        }
        Some(RuleBody::Ratio { .. }) => out.extend(ratio_world(base, local)),
        Some(RuleBody::Prohibited { event, .. }) => {
            // One act by the subject in 2023 that the base forbids: it meets the base's
            // condition (and nothing else), and nobody acts after the subject in its group.
            let mut w = World::default();
            let Some(c) = cast(&mut w, vocab, local, (start, end), (start, end)) else {
                return out;
            };
            w.event(t, event, c.lower, c.subject, vec![]);
            if let Some(RuleBody::Prohibited { cond: Some(bc), .. }) = &base.body {
                let ty = vocab
                    .event(event)
                    .and_then(|e| e.field(&bc.field))
                    .map(|f| f.ty.clone());
                let value = bc.value.clone().unwrap_or_else(|| "是".into());
                let v = match ty {
                    Some(ir::FieldType::Bool) => {
                        FieldValue::Bool(crate::text::parse_bool(&value).unwrap_or(true))
                    }
                    Some(ir::FieldType::Number) => FieldValue::Number(value.parse().unwrap_or(1.0)),
                    _ => FieldValue::Text(value),
                };
                if let Some(e) = w.facts.events.last_mut() {
                    e.fields.insert(bc.field.clone(), v);
                }
            }
            out.push(w);
        }
        Some(RuleBody::ForbiddenAssignment { areas }) => {
            out.extend(assignment_world(vocab, base, local, areas, (start, end), t))
        }
        _ => {}
    }
    out
}

/// For a prohibition of fewer areas: the subject in charge of one area the base forbids and the
/// local rule does not, from 2023-03-01 on.
fn assignment_world(
    vocab: &ir::Vocabulary,
    base: &ir::Rule,
    local: &ir::Rule,
    areas: &[String],
    tenure: (NaiveDate, NaiveDate),
    t: NaiveDate,
) -> Option<World> {
    let Some(RuleBody::ForbiddenAssignment { areas: base_areas }) = &base.body else {
        return None;
    };
    let fold = crate::text::fold;
    let area = base_areas
        .iter()
        .find(|a| !areas.iter().any(|x| fold(x) == fold(a)))?;
    let mut w = World::default();
    let c = cast(&mut w, vocab, local, tenure, tenure)?;
    let PartyId::Person(person) = c.subject else {
        return None;
    };
    w.facts.assignments.push(crate::facts::Assignment {
        person,
        unit: c.lower,
        areas: vec![area.clone()],
        contacts: Vec::new(),
        start: t,
        end: None,
        origin: Origin::default(),
    });
    Some(w)
}

/// For a smaller local ratio: the smallest population in which ⌈local × N⌉ < ⌈base × N⌉, every
/// member holding the post for the whole 2023 window, and exactly ⌈local × N⌉ of them covered.
fn ratio_world(base: &ir::Rule, local: &ir::Rule) -> Option<World> {
    let (
        Some(RuleBody::Ratio {
            ratio: (bn, bd), ..
        }),
        Some(RuleBody::Ratio {
            period,
            ratio: (ln, ld),
            population,
            event,
            ..
        }),
    ) = (&base.body, &local.body)
    else {
        return None;
    };
    let (PartyTarget::UnitKind(kind), PartyTarget::Role(role)) =
        (&local.subject.target, &population.target)
    else {
        return None;
    };
    let need = |n: u64, num: u64, den: u64| (num * n).div_ceil(den.max(1));
    let size = (1..=200).find(|&n| need(n, *ln, *ld) < need(n, *bn, *bd))?;
    let win = time::window_containing(*period, date(2023, 1, 1), ANCHOR);
    let mut w = World::default();
    let upper = w.unit(kind, None);
    let mut members = Vec::new();
    for _ in 0..size {
        let unit = match population.scope {
            Scope::ChildUnit | Scope::LowerLevel => {
                w.unit(population.unit_kind.as_deref().unwrap_or(kind), Some(upper))
            }
            Scope::SameUnit | Scope::Any => upper,
            _ => return None,
        };
        members.push((w.person(role, unit, win.start, win.end), unit));
    }
    for &(p, unit) in members.iter().take(need(size, *ln, *ld) as usize) {
        w.event(
            win.start,
            event,
            unit,
            PartyId::Unit(upper),
            vec![PartyId::Person(p)],
        );
    }
    Some(w)
}

fn days_max(d: Duration) -> u32 {
    match d.unit {
        DurUnit::Day => d.n,
        DurUnit::Week => 7 * d.n,
        DurUnit::Month => 31 * d.n,
        DurUnit::Year => 366 * d.n,
    }
}

/// For a local rule that leaves out `(除 X)` what the base binds: a subject who also holds X
/// and has done nothing. The base rule binds that person; the local rule binds nobody.
fn narrower(vocab: &ir::Vocabulary, base: &ir::Rule, local: &ir::Rule) -> Vec<World> {
    let (Some(x), None) = (&local.subject.except, &base.subject.except) else {
        return Vec::new();
    };
    let start = date(START.0, START.1, START.2);
    let end = date(2023, 12, 31);
    let mut w = World::default();
    if cast(&mut w, vocab, base, (start, end), (start, end)).is_none() {
        return Vec::new();
    }
    // The subject is the first person `cast` created, in the lower unit.
    let Some(t) = w.facts.tenures.first().cloned() else {
        return Vec::new();
    };
    // A sole post (一把手) has one holder: the subject takes it over from anyone `cast` put there.
    w.facts
        .tenures
        .retain(|o| !(o.unit == t.unit && o.role == *x));
    w.facts.tenures.push(Tenure {
        role: x.clone(),
        ..t
    });
    // Whoever `cast` created last and no longer holds a post goes too.
    while let Some(last) = w.facts.people.len().checked_sub(1) {
        if w.facts.tenures.iter().any(|o| o.person as usize == last) {
            break;
        }
        w.facts.people.pop();
    }
    vec![w]
}

/// The instances of `rule` alone in `facts`, whose period is over by the evaluation date.
fn statuses(
    vocab: &ir::Vocabulary,
    rule: &ir::Rule,
    facts: &Facts,
    as_of: NaiveDate,
) -> Vec<Status> {
    let mut r = rule.clone();
    r.version = ir::Version::default();
    let rs = ir::Ruleset {
        name: String::new(),
        basis: None,
        effective: None,
        vocab: vocab.clone(),
        params: Vec::new(),
        clauses: Vec::new(),
        rules: vec![r],
        inherits: None,
        chain: Vec::new(),
        repeals: Vec::new(),
    };
    eval::evaluate(&rs, facts, &Config { as_of })
        .instances
        .iter()
        .filter(|i| i.period.end < as_of)
        .map(|i| i.status)
        .collect()
}

/// A fact set in which `local` is satisfied and `base` is violated or late, if guize can build
/// one for this pair of rules. Every returned counterexample has been evaluated.
pub fn counterexample(
    vocab: &ir::Vocabulary,
    base: &ir::Rule,
    local: &ir::Rule,
) -> Option<Counterexample> {
    let as_of = date(AS_OF.0, AS_OF.1, AS_OF.2);
    let narrower = narrower(vocab, base, local);
    let n_narrower = narrower.len();
    let all = narrower.into_iter().chain(candidates(vocab, base, local));
    for (i, w) in all.enumerate() {
        let l = statuses(vocab, local, &w.facts, as_of);
        let b = statuses(vocab, base, &w.facts, as_of);
        // A narrower local population binds nobody in its world: the local rule holds vacuously.
        let vacuous_ok = i < n_narrower && l.is_empty();
        let local_ok = vacuous_ok || !l.is_empty() && l.iter().all(|s| *s == Status::Satisfied);
        let base_broken = b
            .iter()
            .any(|s| matches!(s, Status::Violated | Status::Late));
        if local_ok && base_broken {
            return Some(Counterexample {
                csv: w.csv(),
                as_of,
            });
        }
    }
    None
}
