//! The brute-force oracle: semantics §2–§3.1 written as plain loops over the world's rows, with
//! its own windows, deadlines and date offsets. It shares no code with `guize::eval` (only chrono
//! for the calendar). Each choice that semantics.md leaves open is marked `OPEN:` with the
//! reading taken.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::rules::{Body, Dur, DurUnit, Op, Period, Pos, Resp, Rule, Subject, Trig};
use super::world::{days, ymd, Event, Id, World, DISC, HEAD, MEMBER, PARTY};

/// One verdict, as compared: rule, subject, period, status and the fields semantics fixes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Verdict {
    pub rule: String,
    /// (person id or "", unit id)
    pub subject: (String, String),
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub status: String,
    pub due: Option<NaiveDate>,
    pub count: u32,
    pub responsible: Option<(String, String)>,
    pub evidence: Vec<String>,
}

/// A person in a unit, or a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Party {
    person: Option<usize>,
    unit: usize,
}

impl Party {
    fn id(self) -> Id {
        self.person.map_or(Id::Unit(self.unit), Id::Person)
    }
}

/// Days as a set, from 2015-01-01 to 2029-12-31 (an open tenure runs to the end).
const FIRST: (i32, u32, u32) = (2015, 1, 1);
const SPAN: usize = 5479;

fn first_day() -> NaiveDate {
    ymd(FIRST.0, FIRST.1, FIRST.2)
}

fn day_index(d: NaiveDate) -> usize {
    (d - first_day()).num_days().clamp(0, SPAN as i64 - 1) as usize
}

struct Ctx<'a> {
    w: &'a World,
    as_of: NaiveDate,
    /// 生效
    effective: NaiveDate,
    /// The first day the rules apply: 生效, or with 次年起 the next 1 January (§6).
    from: NaiveDate,
    /// 次年起: only windows starting on or after `from` (README: 只评估生效次年起的窗口).
    next_year: bool,
    /// 最短任职 in days (default: any overlap, §3).
    min_days: usize,
    /// Events dated on or before as-of, duplicates removed (first row in file order kept),
    /// sorted by date then file order.
    events: Vec<&'a Event>,
}

pub fn verdicts(
    w: &World,
    rules: &[Rule],
    (effective, next_year, min_days): (Option<NaiveDate>, bool, Option<u32>),
    as_of: NaiveDate,
) -> Vec<Verdict> {
    // Without 生效 the rules apply from the earliest date in the facts (README: 没有写 `生效` 的
    // 规则集，从事实中最早的日期起适用), and that is the effective year 每N年 blocks align to (§3).
    let earliest = w
        .events
        .iter()
        .map(|e| e.date)
        .chain(w.tenures.iter().map(|t| t.start))
        .min();
    let effective = effective.or(earliest).unwrap_or(as_of);
    let mut seen = BTreeSet::new();
    let mut events = Vec::new();
    for e in &w.events {
        let set = |xs: &[Id]| {
            xs.iter()
                .map(|&x| w.id_text(x).to_string())
                .collect::<BTreeSet<_>>()
        };
        let key = (e.date, e.kind.clone(), set(&e.actors), set(&e.targets));
        if seen.insert(key) && e.date <= as_of {
            events.push(e);
        }
    }
    events.sort_by_key(|e| e.date); // stable: ties stay in file order
    let from = if next_year {
        ymd(effective.year() + 1, 1, 1)
    } else {
        effective
    };
    let cx = Ctx {
        min_days: min_days.unwrap_or(1) as usize,
        w,
        as_of,
        effective,
        from,
        next_year,
        events,
    };
    let mut out = Vec::new();
    for r in rules {
        match &r.body {
            Body::Periodic { .. } => cx.periodic(r, &mut out),
            Body::Triggered { .. } | Body::Precedence { .. } => cx.triggered(r, &mut out),
        }
    }
    out.sort();
    out
}

/// `d + n` months, clamped to the month's last day.
fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let m0 = d.year() * 12 + d.month0() as i32 + n;
    let (y, m) = (m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1);
    let mut day = d.day();
    while NaiveDate::from_ymd_opt(y, m, day).is_none() {
        day -= 1;
    }
    ymd(y, m, day)
}

fn offset(d: NaiveDate, dur: Dur, sign: i32) -> NaiveDate {
    let n = dur.n as i32 * sign;
    match dur.unit {
        DurUnit::Day => days(d, n as i64),
        DurUnit::Week => days(d, 7 * n as i64),
        DurUnit::Month => add_months(d, n),
        DurUnit::Year => add_months(d, 12 * n),
    }
}

fn last_of_month(y: i32, m: u32) -> NaiveDate {
    add_months(ymd(y, m, 1), 1).pred_opt().expect("a date")
}

/// The window of `p` holding `d`; 每N年 blocks start in the effective year.
fn window(p: Period, d: NaiveDate, anchor: i32) -> (NaiveDate, NaiveDate) {
    let y = d.year();
    match p {
        Period::Year => (ymd(y, 1, 1), ymd(y, 12, 31)),
        Period::Half if d.month() <= 6 => (ymd(y, 1, 1), ymd(y, 6, 30)),
        Period::Half => (ymd(y, 7, 1), ymd(y, 12, 31)),
        Period::Quarter => {
            let first = (d.month() - 1) / 3 * 3 + 1;
            (ymd(y, first, 1), last_of_month(y, first + 2))
        }
        Period::Month => (ymd(y, d.month(), 1), last_of_month(y, d.month())),
        Period::Week => {
            let mut s = d;
            while s.weekday() != Weekday::Mon {
                s = s.pred_opt().expect("a date");
            }
            (s, days(s, 6))
        }
        Period::Years(n) => {
            let n = n as i32;
            let sy = anchor + (y - anchor).div_euclid(n) * n;
            (ymd(sy, 1, 1), ymd(sy + n - 1, 12, 31))
        }
    }
}

fn deadline(pos: Option<Pos>, start: NaiveDate, end: NaiveDate) -> NaiveDate {
    let y = start.year();
    match pos {
        None | Some(Pos::YearEnd) => end,
        Some(Pos::Quarter1) => ymd(y, 3, 31),
        Some(Pos::Half1) => ymd(y, 6, 30),
        Some(Pos::ByDate(m, d)) => ymd(y, m, d),
        Some(Pos::MonthEnd(m)) => last_of_month(y, m),
    }
}

impl Ctx<'_> {
    fn party_key(&self, p: Party) -> (String, String) {
        let person = p.person.map_or(String::new(), |x| self.w.people[x].clone());
        (person, self.w.units[p.unit].id.clone())
    }

    /// Tenure rows that exist at as-of (those starting later are ignored, §3.1).
    fn tenures(&self) -> impl Iterator<Item = &super::world::Tenure> {
        self.w.tenures.iter().filter(|t| t.start <= self.as_of)
    }

    fn holds(&self, person: usize, unit: usize, role: &str, d: NaiveDate) -> bool {
        self.tenures().any(|t| {
            t.person == person
                && t.unit == unit
                && t.role == role
                && t.start <= d
                && t.end.is_none_or(|e| d <= e)
        })
    }

    /// Whether unit `u` passes the subject's scope and kind.
    fn subject_unit(&self, s: Subject, u: usize) -> bool {
        let unit = &self.w.units[u];
        match s {
            Subject::ChildHead => unit.parent.is_some(),
            Subject::Head | Subject::MemberNotHead => true,
            Subject::Party => unit.kind == PARTY,
            Subject::ChildDisc => {
                let level = unit.peer.unwrap_or(u);
                unit.kind == DISC && (unit.parent.is_some() || self.w.units[level].parent.is_some())
            }
        }
    }

    /// (除一把手): on `d` the person is also 一把手 of the unit, so not a subject that day.
    fn excepted(&self, s: Subject, person: usize, unit: usize, d: NaiveDate) -> bool {
        s == Subject::MemberNotHead && self.holds(person, unit, HEAD, d)
    }

    fn subject_role(s: Subject) -> &'static str {
        if s == Subject::MemberNotHead {
            MEMBER
        } else {
            HEAD
        }
    }

    /// Every party the subject expression denotes, with the days it holds the role.
    fn subjects(&self, s: Subject) -> Vec<(Party, Vec<bool>)> {
        let mut out: Vec<(Party, Vec<bool>)> = Vec::new();
        if matches!(s, Subject::Party | Subject::ChildDisc) {
            for u in 0..self.w.units.len() {
                if self.subject_unit(s, u) {
                    out.push((
                        Party {
                            person: None,
                            unit: u,
                        },
                        vec![true; SPAN],
                    ));
                }
            }
            return out;
        }
        let role = Self::subject_role(s);
        for t in self
            .tenures()
            .filter(|t| t.role == role && self.subject_unit(s, t.unit))
        {
            let p = Party {
                person: Some(t.person),
                unit: t.unit,
            };
            let at = match out.iter().position(|(q, _)| *q == p) {
                Some(i) => i,
                None => {
                    out.push((p, vec![false; SPAN]));
                    out.len() - 1
                }
            };
            let last = t.end.map_or(SPAN - 1, day_index);
            for i in day_index(t.start)..=last {
                out[at].1[i] = true;
            }
        }
        if s == Subject::MemberNotHead {
            // (除一把手): not on the days the person is also 一把手 of that unit.
            for (p, held) in &mut out {
                for t in self.w.tenures.iter().filter(|t| t.start <= self.as_of) {
                    if t.role == HEAD && Some(t.person) == p.person && t.unit == p.unit {
                        let last = t.end.map_or(SPAN - 1, day_index);
                        for i in day_index(t.start)..=last {
                            held[i] = false;
                        }
                    }
                }
            }
        }
        out.retain(|(_, h)| h.iter().any(|&x| x));
        out
    }

    /// Holders of the responsible expression relative to unit `u` on `d`, smallest id first.
    fn responsible(&self, r: Resp, u: usize, d: NaiveDate) -> Vec<Party> {
        let (unit, role) = match r {
            Resp::ParentHead => (self.w.units[u].parent, HEAD),
            Resp::SameHead => (Some(u), HEAD),
            Resp::ParentMember => (self.w.units[u].parent, MEMBER),
        };
        let Some(unit) = unit else { return vec![] };
        let mut v: Vec<Party> = (0..self.w.people.len())
            .filter(|&p| self.holds(p, unit, role, d))
            .map(|p| Party {
                person: Some(p),
                unit,
            })
            .collect();
        v.sort_by_key(|&p| self.party_key(p));
        v
    }

    /// Whether event `e` counts for `subject` under `rule` (parties only; dates are checked by
    /// the caller). Returns the acting party: with a 责任人, a holder on the event's date named in
    /// 主体 (smallest id) with the subject in 对象; without, the subject named in 主体.
    fn acts(&self, rule: &Rule, subject: Party, e: &Event) -> Option<Party> {
        let actor = match rule.resp {
            Some(r) => {
                if !e.targets.contains(&subject.id()) {
                    return None;
                }
                self.responsible(r, subject.unit, e.date)
                    .into_iter()
                    .find(|h| e.actors.contains(&h.id()))?
            }
            None => {
                if !e.actors.contains(&subject.id()) {
                    return None;
                }
                subject
            }
        };
        if rule.to_upper_disc
            && !upper_discs(self.w, subject.unit)
                .iter()
                .any(|&k| e.targets.contains(&Id::Unit(k)))
        {
            return None;
        }
        Some(actor)
    }

    fn who(&self, p: Option<Party>) -> Option<(String, String)> {
        p.map(|p| self.party_key(p))
    }

    /// The reported responsible when nothing decided it: the holder on `d`, or the subject.
    fn holder_on(&self, rule: &Rule, subject: Party, d: NaiveDate) -> Option<Party> {
        match rule.resp {
            Some(r) => self.responsible(r, subject.unit, d).into_iter().next(),
            None => Some(subject),
        }
    }
}

/// P1 and P2.
impl Ctx<'_> {
    fn periodic(&self, rule: &Rule, out: &mut Vec<Verdict>) {
        let Body::Periodic { period, pos, op, n } = rule.body else {
            return;
        };
        for (subject, held) in self.subjects(rule.subject) {
            let first = (0..SPAN)
                .find(|&i| held[i])
                .map_or(self.as_of, |i| days(first_day(), i as i64));
            let mut d = first.max(self.from);
            // An as-of before 生效: the window holding 生效 is still produced when it starts by
            // as-of (issue 12, merged from i12). Semantics §6: "Rules apply to windows that end on
            // or after the effective date"; §3: "Windows starting after the evaluation date are
            // not produced" — so a window that starts by as-of and holds 生效 is produced.
            let end = match window(period, d, self.effective.year()) {
                (ws, _) if d > self.as_of && ws <= self.as_of => d,
                _ => self.as_of,
            };
            let mut last: Option<NaiveDate> = None;
            while d <= end {
                let (ws, we) = window(period, d, self.effective.year());
                if last != Some(ws) && !(self.next_year && ws < self.from) {
                    last = Some(ws);
                    self.window_verdict(
                        rule,
                        subject,
                        &held,
                        (ws, we),
                        deadline(pos, ws, we),
                        (op, n),
                        out,
                    );
                }
                d = d.succ_opt().expect("a date");
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn window_verdict(
        &self,
        rule: &Rule,
        subject: Party,
        held: &[bool],
        (ws, we): (NaiveDate, NaiveDate),
        due: NaiveDate,
        (op, n): (Op, u32),
        out: &mut Vec<Verdict>,
    ) {
        let held_in: Vec<NaiveDate> = (day_index(ws)..=day_index(we))
            .filter(|&i| held[i])
            .map(|i| days(first_day(), i as i64))
            .collect();
        let Some(&last_held) = held_in.last() else {
            return; // the role is not held in this window: no instance
        };
        // §3: an instance exists when the overlap is at least 最短任职. OPEN: the overlap is taken
        // with the tenure as recorded (a 终止 after as-of, or none, counts to the window's end).
        if held_in.len() < self.min_days {
            return;
        }
        let counted: Vec<(&Event, Party)> = self
            .events
            .iter()
            .filter(|e| {
                e.kind == rule.kind && ws <= e.date && e.date <= we && held[day_index(e.date)]
            })
            .filter_map(|e| self.acts(rule, subject, e).map(|a| (*e, a)))
            .collect();
        let k = counted.len() as u32;
        let over = self.as_of > we;
        let nth = (k >= n && n > 0).then(|| counted[n as usize - 1]);
        let status = match op {
            Op::AtLeast => match nth {
                Some((e, _)) if e.date <= due => "satisfied",
                Some(_) => "late",
                None if self.as_of > due => "violated",
                None => "pending",
            },
            Op::AtMost if k > n => "violated",
            Op::AtMost if over => "satisfied",
            Op::AtMost => "pending",
            Op::Exactly if k > n => "violated",
            Op::Exactly if over && k == n => "satisfied",
            Op::Exactly if over => "violated",
            Op::Exactly => "pending",
        };
        // §3.1: the holder on the date of the completing event (the Nth counted event); for an
        // unmet instance, the holder on min(due, as-of), capped at the subject's last day.
        let completing = match (op, status) {
            (Op::AtLeast, "satisfied" | "late") | (Op::Exactly, "satisfied") => nth.map(|(_, a)| a),
            _ => None,
        };
        let responsible = completing
            .or_else(|| self.holder_on(rule, subject, due.min(self.as_of).min(last_held)));
        out.push(Verdict {
            rule: rule.id.clone(),
            subject: self.party_key(subject),
            start: ws,
            end: we,
            status: status.into(),
            due: Some(due),
            count: k,
            responsible: self.who(responsible),
            evidence: counted.iter().map(|(e, _)| e.id.clone()).collect(),
        });
    }
}

/// P5, P10 (response within a limit) and P6 (precedence).
impl Ctx<'_> {
    /// (subject, day) of every trigger on or before as-of.
    fn fired(&self, rule: &Rule, trig: Trig) -> Vec<(Party, NaiveDate)> {
        let role = Self::subject_role(rule.subject);
        let mut out = Vec::new();
        for t in self
            .tenures()
            .filter(|t| t.role == role && self.subject_unit(rule.subject, t.unit))
        {
            let p = Party {
                person: Some(t.person),
                unit: t.unit,
            };
            let day = match trig {
                Trig::Start => Some(t.start),
                Trig::End => t.end,
                // §3.1: start + N calendar years, clamped; only if the tenure covers that day.
                Trig::Years(n) => Some(add_months(t.start, 12 * n as i32))
                    .filter(|&d| t.end.is_none_or(|e| e >= d)),
                Trig::Event(_) => None,
            };
            if let Some(d) = day.filter(|&d| d <= self.as_of) {
                if !self.excepted(rule.subject, t.person, t.unit, d) {
                    out.push((p, d));
                }
            }
        }
        if let Trig::Event(kind) = trig {
            // Semantics §3.1: the party an event trigger concerns is its 对象 when one of them
            // fits the rule's subject, else its 主体. The person must hold the role on the day
            // (§3.1 P6: the actor must hold the role).
            for e in self.events.iter().filter(|e| e.kind == kind) {
                let fits = |ids: &[Id]| {
                    let mut found = Vec::new();
                    for id in ids {
                        let Id::Person(person) = *id else { continue };
                        for u in 0..self.w.units.len() {
                            if self.subject_unit(rule.subject, u)
                                && self.holds(person, u, role, e.date)
                                && !self.excepted(rule.subject, person, u, e.date)
                            {
                                found.push((
                                    Party {
                                        person: Some(person),
                                        unit: u,
                                    },
                                    e.date,
                                ));
                            }
                        }
                    }
                    found
                };
                let mut found = fits(&e.targets);
                if found.is_empty() {
                    found = fits(&e.actors);
                }
                out.extend(found);
            }
        }
        out
    }

    fn triggered(&self, rule: &Rule, out: &mut Vec<Verdict>) {
        let triggers: Vec<Trig> = match &rule.body {
            Body::Triggered { triggers, .. } => triggers.clone(),
            Body::Precedence { trigger, .. } => vec![*trigger],
            Body::Periodic { .. } => return,
        };
        // "Instance" = one obligation for one party in one window (§2): triggers of one subject
        // on one day give one instance. Triggers before 生效 create none (§3.1).
        let mut fired: BTreeSet<(Party, NaiveDate)> = BTreeSet::new();
        for t in triggers {
            fired.extend(
                self.fired(rule, t)
                    .into_iter()
                    .filter(|(_, d)| *d >= self.from),
            );
        }
        for (subject, d) in fired {
            let v = match &rule.body {
                Body::Triggered { limit, .. } => self.respond(rule, subject, d, *limit),
                Body::Precedence { limit, .. } => self.precede(rule, subject, d, *limit),
                Body::Periodic { .. } => continue,
            };
            out.push(v);
        }
    }

    /// §3.1 P5/P10: the first response on or after the trigger decides; the subject need not
    /// hold the post at the response.
    fn respond(&self, rule: &Rule, subject: Party, d: NaiveDate, limit: Dur) -> Verdict {
        let due = offset(d, limit, 1);
        let first = self
            .events
            .iter()
            .filter(|e| e.kind == rule.kind && e.date >= d)
            .find_map(|e| self.acts(rule, subject, e).map(|a| (*e, a)));
        let (status, responsible, evidence) = match first {
            Some((e, a)) => (
                if e.date <= due { "satisfied" } else { "late" },
                Some(a),
                vec![e.id.clone()],
            ),
            None => {
                let s = if self.as_of > due {
                    "violated"
                } else {
                    "pending"
                };
                // OPEN: the cap at "the subject's last day in the window" is not applied: a
                // response may come after the subject left (§3.1 P5).
                (
                    s,
                    self.holder_on(rule, subject, due.min(self.as_of)),
                    vec![],
                )
            }
        };
        Verdict {
            rule: rule.id.clone(),
            subject: self.party_key(subject),
            start: d,
            end: due,
            status: status.into(),
            due: Some(due),
            count: evidence.len() as u32,
            responsible: self.who(responsible),
            evidence,
        }
    }

    /// §3.1 P6: an earlier report (within the bound, if any) satisfies; otherwise violated, never
    /// late or pending. `period` = [t, t], `due` = t − 1.
    fn precede(&self, rule: &Rule, subject: Party, d: NaiveDate, limit: Option<Dur>) -> Verdict {
        let due = d.pred_opt().expect("a date");
        let earliest = limit.map(|l| offset(d, l, -1));
        // OPEN: which of several earlier reports is cited is not fixed; the latest is taken (the
        // test does not compare P6 evidence).
        let found = self
            .events
            .iter()
            .rev()
            .filter(|e| e.kind == rule.kind && e.date < d && earliest.is_none_or(|x| e.date >= x))
            .find_map(|e| self.acts(rule, subject, e).map(|a| (*e, a)));
        let (status, responsible, evidence) = match found {
            Some((e, a)) => ("satisfied", Some(a), vec![e.id.clone()]),
            // Unmet: the holder on the last day it could still be met, min(due, as-of) = due.
            None => (
                "violated",
                self.holder_on(rule, subject, due.min(self.as_of)),
                vec![],
            ),
        };
        Verdict {
            rule: rule.id.clone(),
            subject: self.party_key(subject),
            start: d,
            end: d,
            status: status.into(),
            due: Some(due),
            count: evidence.len() as u32,
            responsible: self.who(responsible),
            evidence,
        }
    }
}

/// The 纪委 units above 纪委 `k`: its 上级, or any whose level is the 上级 of `k`'s level.
pub fn upper_discs(w: &World, k: usize) -> Vec<usize> {
    let level = |u: usize| w.units[u].peer.unwrap_or(u);
    let above = w.units[level(k)].parent;
    (0..w.units.len())
        .filter(|&v| w.units[v].kind == DISC)
        .filter(|&v| Some(v) == w.units[k].parent || (above.is_some() && Some(level(v)) == above))
        .collect()
}
