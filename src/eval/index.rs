//! Indexes over a fact set, built once per evaluation: events by kind and party, tenures by
//! role and unit, the unit hierarchy; and role expressions evaluated at a date.
//!
//! INVARIANT: only facts dated on or before the evaluation date are indexed (semantics §3.1),
//! and every event list is in (date, file order).

mod in_charge;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::time::Window;
use crate::facts::{EventIdx, Facts, PartyId, PersonIdx, UnitIdx};
use crate::ir::{PartyExpr, PartyTarget, Scope};

/// A party an obligation concerns or binds: a person in a unit, or a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Party {
    /// The person, for person-level parties.
    pub person: Option<PersonIdx>,
    /// The unit (where the person holds the role, or the unit itself).
    pub unit: UnitIdx,
}

impl Party {
    /// The id named in an event's 主体/对象.
    pub fn id(self) -> PartyId {
        match self.person {
            Some(p) => PartyId::Person(p),
            None => PartyId::Unit(self.unit),
        }
    }
}

/// The indexes.
pub struct Index<'f> {
    /// The facts.
    pub facts: &'f Facts,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Events of a kind involving a party (in 主体 or 对象), in date order.
    by_kind_party: HashMap<(&'f str, PartyId), Vec<EventIdx>>,
    /// Events of a kind, in date order.
    by_kind: HashMap<&'f str, Vec<EventIdx>>,
    /// Tenures of a role, in file order.
    by_role: HashMap<&'f str, Vec<usize>>,
    /// Tenures of (unit, role).
    by_unit_role: HashMap<(UnitIdx, &'f str), Vec<usize>>,
    /// Tenures of each person, in file order.
    by_person: Vec<Vec<usize>>,
    /// Children of each unit.
    children: Vec<Vec<UnitIdx>>,
    /// The level of each unit: its 同级 unit if it has one, else itself.
    level: Vec<UnitIdx>,
    /// Units by level.
    at_level: HashMap<UnitIdx, Vec<UnitIdx>>,
    /// 分工 rows by unit, in file order.
    by_unit_assign: HashMap<UnitIdx, Vec<usize>>,
}

impl<'f> Index<'f> {
    /// Builds the indexes for evaluation at `as_of`.
    pub fn new(facts: &'f Facts, as_of: NaiveDate) -> Index<'f> {
        let mut order: Vec<EventIdx> = (0..facts.events.len() as EventIdx)
            .filter(|&i| facts.events[i as usize].date <= as_of)
            .collect();
        order.sort_by_key(|&i| {
            let e = &facts.events[i as usize];
            (e.date, e.seq)
        });
        let mut by_kind_party: HashMap<(&str, PartyId), Vec<EventIdx>> = HashMap::default();
        let mut by_kind: HashMap<&str, Vec<EventIdx>> = HashMap::default();
        for &i in &order {
            let e = &facts.events[i as usize];
            by_kind.entry(&*e.kind).or_default().push(i);
            let mut parties: Vec<PartyId> = e.actors.iter().chain(&e.targets).copied().collect();
            parties.sort_unstable();
            parties.dedup();
            for p in parties {
                by_kind_party.entry((&*e.kind, p)).or_default().push(i);
            }
        }
        let mut by_role: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_unit_role: HashMap<(UnitIdx, &str), Vec<usize>> = HashMap::default();
        let mut by_person = vec![Vec::new(); facts.people.len()];
        for (i, t) in facts.tenures.iter().enumerate() {
            if t.start > as_of {
                continue;
            }
            if let Some(v) = by_person.get_mut(t.person as usize) {
                v.push(i);
            }
            by_role.entry(t.role.as_str()).or_default().push(i);
            by_unit_role
                .entry((t.unit, t.role.as_str()))
                .or_default()
                .push(i);
        }
        let n = facts.units.len();
        let mut children = vec![Vec::new(); n];
        let mut level = Vec::with_capacity(n);
        let mut at_level: HashMap<UnitIdx, Vec<UnitIdx>> = HashMap::default();
        for (i, u) in facts.units.iter().enumerate() {
            if let Some(p) = u.parent {
                children[p as usize].push(i as UnitIdx);
            }
            let l = u.peer.unwrap_or(i as UnitIdx);
            level.push(l);
            at_level.entry(l).or_default().push(i as UnitIdx);
        }
        let mut by_unit_assign: HashMap<UnitIdx, Vec<usize>> = HashMap::default();
        for (i, a) in facts.assignments.iter().enumerate() {
            if a.start <= as_of {
                by_unit_assign.entry(a.unit).or_default().push(i);
            }
        }
        Index {
            facts,
            as_of,
            by_unit_assign,
            by_kind_party,
            by_kind,
            by_role,
            by_unit_role,
            by_person,
            children,
            level,
            at_level,
        }
    }

    /// Events of `kind` involving `party`, in date order.
    pub fn events_of<'a>(&'a self, kind: &'a str, party: PartyId) -> &'a [EventIdx] {
        self.by_kind_party
            .get(&(kind, party))
            .map_or(&[], Vec::as_slice)
    }

    /// Events of `kind`, in date order.
    pub fn events_of_kind<'a>(&'a self, kind: &'a str) -> &'a [EventIdx] {
        self.by_kind.get(kind).map_or(&[], Vec::as_slice)
    }

    /// Tenures of `role`, as indices into `facts.tenures`.
    pub fn tenures_of<'a>(&'a self, role: &'a str) -> &'a [usize] {
        self.by_role.get(role).map_or(&[], Vec::as_slice)
    }

    /// Tenures of `person` (any role), as indices into `facts.tenures`.
    pub fn tenures_of_person(&self, person: PersonIdx) -> &[usize] {
        self.by_person
            .get(person as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Tenures of `role` in `unit`, as indices into `facts.tenures`.
    pub fn tenures_in<'a>(&'a self, unit: UnitIdx, role: &'a str) -> &'a [usize] {
        self.by_unit_role
            .get(&(unit, role))
            .map_or(&[], Vec::as_slice)
    }

    /// The parties `e` denotes relative to anchor unit `u` on any day of `w`, sorted.
    pub fn parties_during(&self, e: &PartyExpr, u: UnitIdx, w: Window) -> Vec<Party> {
        let units = self.related_units(e.scope, u).into_iter().filter(|&v| {
            e.unit_kind
                .as_ref()
                .is_none_or(|k| self.facts.units[v as usize].kind == *k)
        });
        let mut out = Vec::new();
        for v in units {
            match &e.target {
                PartyTarget::UnitKind(k) => {
                    if self.facts.units[v as usize].kind == *k {
                        out.push(Party {
                            person: None,
                            unit: v,
                        });
                    }
                }
                PartyTarget::Role(r) => {
                    for &t in self.tenures_in(v, r) {
                        let Some(o) = self.tenure_window(t).intersect(w) else {
                            continue;
                        };
                        let p = self.facts.tenures[t].person;
                        // Left out only if the exception holds on every day of the overlap.
                        if e.except.as_ref().is_some_and(|x| {
                            self.holds(p, v, x, o.start) && self.holds(p, v, x, o.end)
                        }) {
                            continue;
                        }
                        out.push(Party {
                            person: Some(p),
                            unit: v,
                        });
                    }
                }
                PartyTarget::InCharge => {
                    self.in_charge_during(v, u, w, e.except.as_deref(), &mut out)
                }
            }
        }
        out.sort_by(|a, b| self.party_key(*a).cmp(&self.party_key(*b)));
        out.dedup();
        out
    }

    /// The end of a tenure as seen at the evaluation date.
    pub fn tenure_window(&self, t: usize) -> Window {
        let t = &self.facts.tenures[t];
        Window {
            start: t.start,
            end: t.end.unwrap_or(NaiveDate::MAX),
        }
    }

    fn parent(&self, u: UnitIdx) -> Option<UnitIdx> {
        self.facts.units.get(u as usize).and_then(|x| x.parent)
    }

    /// Whether `person` holds `role` in `unit` on `date`.
    pub fn holds(&self, person: PersonIdx, unit: UnitIdx, role: &str, date: NaiveDate) -> bool {
        self.by_unit_role.get(&(unit, role)).is_some_and(|ts| {
            ts.iter().any(|&t| {
                self.facts.tenures[t].person == person && self.tenure_window(t).contains(date)
            })
        })
    }

    /// Whether unit `u` passes the scope of a subject expression (which has no anchor).
    pub fn subject_unit_ok(&self, e: &PartyExpr, u: UnitIdx) -> bool {
        let kind_ok = e
            .unit_kind
            .as_ref()
            .is_none_or(|k| self.facts.units[u as usize].kind == *k);
        let scope_ok = match e.scope {
            Scope::ChildUnit => self.parent(u).is_some(),
            // As a subject, 上级单位的X: X of a unit that is some unit's 上级单位.
            Scope::ParentUnit => !self.children[u as usize].is_empty(),
            Scope::LowerLevel => {
                self.parent(u).is_some() || self.parent(self.level[u as usize]).is_some()
            }
            _ => true,
        };
        kind_ok && scope_ok
    }

    /// The units that `scope` denotes relative to the anchor unit `u`.
    pub fn related_units(&self, scope: Scope, u: UnitIdx) -> Vec<UnitIdx> {
        let lu = self.level[u as usize];
        let mut out: Vec<UnitIdx> = match scope {
            Scope::Any | Scope::SameUnit => vec![u],
            Scope::ParentUnit => self.parent(u).into_iter().collect(),
            Scope::ChildUnit => self.children[u as usize].clone(),
            Scope::SameLevel => self.at_level.get(&lu).cloned().unwrap_or_default(),
            Scope::UpperLevel => {
                let mut v: Vec<UnitIdx> = self.parent(u).into_iter().collect();
                if let Some(pl) = self.parent(lu) {
                    v.extend(self.at_level.get(&pl).into_iter().flatten());
                }
                v
            }
            Scope::LowerLevel => {
                let mut v = self.children[u as usize].clone();
                for &c in &self.children[lu as usize] {
                    v.extend(self.at_level.get(&c).into_iter().flatten());
                }
                v
            }
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The parties `e` denotes relative to anchor unit `u` on `date`, sorted.
    pub fn parties_at(&self, e: &PartyExpr, u: UnitIdx, date: NaiveDate) -> Vec<Party> {
        let units = self.related_units(e.scope, u);
        let units = units.into_iter().filter(|&v| {
            e.unit_kind
                .as_ref()
                .is_none_or(|k| self.facts.units[v as usize].kind == *k)
        });
        let mut out = Vec::new();
        match &e.target {
            PartyTarget::UnitKind(k) => out.extend(
                units
                    .filter(|&v| self.facts.units[v as usize].kind == *k)
                    .map(|v| Party {
                        person: None,
                        unit: v,
                    }),
            ),
            PartyTarget::Role(r) => {
                for v in units {
                    for &t in self
                        .by_unit_role
                        .get(&(v, r.as_str()))
                        .into_iter()
                        .flatten()
                    {
                        let p = self.facts.tenures[t].person;
                        if !self.tenure_window(t).contains(date) {
                            continue;
                        }
                        if e.except.as_ref().is_some_and(|x| self.holds(p, v, x, date)) {
                            continue;
                        }
                        out.push(Party {
                            person: Some(p),
                            unit: v,
                        });
                    }
                }
            }
            PartyTarget::InCharge => {
                for v in units {
                    self.in_charge_at(v, u, date, e.except.as_deref(), &mut out);
                }
            }
        }
        out.sort_by(|a, b| self.party_key(*a).cmp(&self.party_key(*b)));
        out.dedup();
        out
    }

    /// Sort key of a party: person id, then unit id (semantics §3.1).
    pub fn party_key(&self, p: Party) -> (&str, &str) {
        let person = p
            .person
            .map_or("", |i| self.facts.people[i as usize].id.as_str());
        (person, self.facts.units[p.unit as usize].id.as_str())
    }
}
