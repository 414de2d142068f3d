//! The events each random rule makes likely: right and wrong actors, right and wrong targets,
//! dates near the days where a verdict turns (a trigger's limit, a tenure's start, end or
//! anniversary, a window's last day, a positioned deadline).

use chrono::NaiveDate;

use super::oracle::upper_discs;
use super::rules::{Body, Dur, DurUnit, Pos, Resp, Rule, Subject, Trig};
use super::world::{days, horizon, ymd, Id, Rng, World, DISC, HEAD, MEMBER, PARTY};

/// A date near `d` (by up to `before` days earlier and `after` days later), within the world.
fn near(rng: &mut Rng, d: NaiveDate, before: i64, after: i64) -> NaiveDate {
    let x = days(d, rng.range(-before, after));
    x.clamp(ymd(2018, 1, 1), horizon())
}

/// A day next to a window boundary (year, half, quarter, month ends).
fn boundary(rng: &mut Rng) -> NaiveDate {
    let y = rng.range(2019, 2026) as i32;
    let m = *rng.pick(&[1, 3, 4, 6, 7, 9, 10, 12]);
    let last = if m == 12 {
        ymd(y, 12, 31)
    } else {
        days(ymd(y, m + 1, 1), -1)
    };
    days(last, rng.range(-1, 1))
}

fn random_id(rng: &mut Rng, w: &World) -> Id {
    if rng.chance(0.8) {
        Id::Person(rng.range(0, w.people.len() as i64 - 1) as usize)
    } else {
        Id::Unit(rng.range(0, w.units.len() as i64 - 1) as usize)
    }
}

fn tenures_of(w: &World, role: &str) -> Vec<usize> {
    (0..w.tenures.len())
        .filter(|&t| w.tenures[t].role == role)
        .collect()
}

/// Trigger events (失职失责, 离开岗位): mostly by a 一把手 during the tenure, some by 班子成员,
/// some naming the person in 对象 only.
pub fn trigger_events(rng: &mut Rng, w: &mut World, kind: &'static str) -> Vec<Point> {
    let mut dates = Vec::new();
    for _ in 0..rng.range(2, 9) {
        let role = if rng.chance(0.85) { HEAD } else { MEMBER };
        let ts = tenures_of(w, role);
        if ts.is_empty() {
            continue;
        }
        let t = w.tenures[*rng.pick(&ts)].clone();
        let end = t.end.unwrap_or(horizon()).min(horizon());
        let d = if rng.chance(0.8) {
            near(rng, t.start, 0, (end - t.start).num_days().max(0))
        } else {
            near(rng, end, 20, 20)
        };
        let me = Id::Person(t.person);
        let (actors, targets) = if rng.chance(0.75) {
            (
                vec![me],
                if rng.chance(0.3) {
                    vec![random_id(rng, w)]
                } else {
                    vec![]
                },
            )
        } else {
            (vec![Id::Unit(t.unit)], vec![me])
        };
        dates.push((Some(t.person), d));
        w.push_event(rng, d, kind, actors, targets);
    }
    dates
}

/// Required events of `rule`: the expected actor and target on the chosen day (who held the
/// post then), often corrupted (another actor, another or an extra target).
pub fn required_events(rng: &mut Rng, w: &mut World, rule: &Rule, points: &[Point]) {
    for _ in 0..rng.range(4, 20) {
        let Some((date, mut actors, mut targets)) = shaped(rng, w, rule, points) else {
            continue;
        };
        if rng.chance(0.12) || actors.is_empty() {
            actors = vec![random_id(rng, w)];
        }
        if rng.chance(0.03) {
            actors.clear(); // no 主体 recorded
        }
        if rng.chance(0.1) {
            let x = random_id(rng, w);
            if !actors.contains(&x) {
                actors.push(x);
            }
        }
        if rng.chance(0.12) {
            targets = vec![random_id(rng, w)];
        } else if rng.chance(0.15) {
            let x = random_id(rng, w);
            if !targets.contains(&x) {
                targets.push(x);
            }
        }
        w.push_event(rng, date, rule.kind, actors, targets);
    }
}

/// A date for a required event: near a trigger point, a tenure's start or end, a window
/// boundary, or anywhere in the tenure.
fn pick_date(
    rng: &mut Rng,
    rule: &Rule,
    start: NaiveDate,
    end: NaiveDate,
    points: &[NaiveDate],
) -> NaiveDate {
    let precede = matches!(rule.body, Body::Precedence { .. });
    match rng.range(0, 11) {
        0..=2 if !points.is_empty() => {
            let p = *rng.pick(points);
            if precede {
                near(rng, p, 40, 1)
            } else {
                near(rng, p, 3, 200)
            }
        }
        9..=10 => {
            // On, or a day off, the limit: a deadline after a trigger or before an act, or a
            // positioned deadline of some year.
            let p = points
                .get(rng.range(0, points.len() as i64 - 1) as usize)
                .copied()
                .unwrap_or(start);
            let d = match &rule.body {
                Body::Triggered { limit, .. } => shift(p, *limit, 1),
                Body::Precedence { limit, .. } => limit.map_or(days(p, -1), |l| shift(p, l, -1)),
                Body::Periodic { pos, .. } => {
                    let y = rng.range(2019, 2026) as i32;
                    match pos {
                        Some(Pos::Quarter1) => ymd(y, 3, 31),
                        Some(Pos::Half1) => ymd(y, 6, 30),
                        Some(Pos::ByDate(m, d)) => ymd(y, *m, *d),
                        Some(Pos::MonthEnd(m)) => {
                            days(ymd(y + i32::from(*m == 12), *m % 12 + 1, 1), -1)
                        }
                        _ => ymd(y, 12, 31),
                    }
                }
            };
            near(rng, d, 1, 1)
        }
        3 => near(rng, start, 30, 120),
        4 => near(rng, end, 60, 250),
        5 => boundary(rng),
        _ => near(rng, start, 30, (end - start).num_days().max(0) + 30),
    }
}

/// `d` moved by `dur` (months clamped by chrono: generator side only, not the oracle).
fn shift(d: NaiveDate, dur: Dur, sign: i64) -> NaiveDate {
    let months = |n: u32| chrono::Months::new(n);
    let r = match (dur.unit, sign > 0) {
        (DurUnit::Day, _) => Some(days(d, sign * dur.n as i64)),
        (DurUnit::Week, _) => Some(days(d, sign * 7 * dur.n as i64)),
        (DurUnit::Month, true) => d.checked_add_months(months(dur.n)),
        (DurUnit::Month, false) => d.checked_sub_months(months(dur.n)),
        (DurUnit::Year, true) => d.checked_add_months(months(12 * dur.n)),
        (DurUnit::Year, false) => d.checked_sub_months(months(12 * dur.n)),
    };
    r.unwrap_or(d)
}

type Shape = (NaiveDate, Vec<Id>, Vec<Id>);

fn shaped(rng: &mut Rng, w: &World, rule: &Rule, points: &[Point]) -> Option<Shape> {
    let all: Vec<NaiveDate> = points.iter().map(|p| p.1).collect();
    match rule.subject {
        Subject::ChildDisc | Subject::Party => {
            let kind = if rule.subject == Subject::Party {
                PARTY
            } else {
                DISC
            };
            let us: Vec<usize> = (0..w.units.len())
                .filter(|&u| w.units[u].kind == kind)
                .collect();
            if us.is_empty() {
                return None;
            }
            let u = *rng.pick(&us);
            let d = pick_date(rng, rule, ymd(2019, 1, 1), horizon(), &all);
            let targets = if rule.to_upper_disc {
                let up = upper_discs(w, u);
                if up.is_empty() || rng.chance(0.2) {
                    vec![random_id(rng, w)]
                } else {
                    vec![Id::Unit(*rng.pick(&up))]
                }
            } else if rng.chance(0.5) {
                vec![random_id(rng, w)]
            } else {
                vec![]
            };
            Some((d, vec![Id::Unit(u)], targets))
        }
        s => {
            let role = if s == Subject::MemberNotHead {
                MEMBER
            } else {
                HEAD
            };
            let ts = tenures_of(w, role);
            if ts.is_empty() {
                return None;
            }
            let t = w.tenures[*rng.pick(&ts)].clone();
            let end = t.end.unwrap_or(horizon()).min(horizon());
            // Mostly the points of this person (their triggers, their tenures' turning days).
            let mine: Vec<NaiveDate> = points
                .iter()
                .filter(|p| p.0 == Some(t.person))
                .map(|p| p.1)
                .collect();
            let pts = if mine.is_empty() || rng.chance(0.2) {
                &all
            } else {
                &mine
            };
            let d = pick_date(rng, rule, t.start, end, pts);
            Some(person_shape(rng, w, rule, &t, d))
        }
    }
}

/// The expected actors and targets of a required event for the holder of tenure `t` on `d`.
fn person_shape(
    rng: &mut Rng,
    w: &World,
    rule: &Rule,
    t: &super::world::Tenure,
    d: NaiveDate,
) -> Shape {
    let persons = |xs: Vec<usize>| -> Vec<Id> { xs.into_iter().map(Id::Person).collect() };
    let me = Id::Person(t.person);
    let parent = w.units[t.unit].parent;
    let actors = match rule.resp {
        None => vec![me],
        Some(Resp::SameHead) => persons(w.holders(t.unit, HEAD, d)),
        Some(Resp::ParentHead) => parent
            .map(|p| persons(w.holders(p, HEAD, d)))
            .unwrap_or_default(),
        Some(Resp::ParentMember) => {
            let hs = parent.map(|p| w.holders(p, MEMBER, d)).unwrap_or_default();
            if hs.is_empty() {
                vec![]
            } else {
                vec![Id::Person(*rng.pick(&hs))]
            }
        }
    };
    let targets = match rule.resp {
        Some(_) => vec![me],
        None if rng.chance(0.4) => vec![random_id(rng, w)],
        None => vec![],
    };
    (d, actors, targets)
}

/// Responses aimed at the rule's own triggers: for most trigger days of a subject, an event by
/// the expected parties on the day, on the limit, a day before or after it, or later.
pub fn responses(rng: &mut Rng, w: &mut World, rule: &Rule, trigger_events: &[Point]) {
    let (triggers, limit, before) = match &rule.body {
        Body::Triggered { triggers, limit } => (triggers.clone(), Some(*limit), false),
        Body::Precedence { trigger, limit } => (vec![*trigger], *limit, true),
        Body::Periodic { .. } => return,
    };
    let mut fired: Vec<(usize, NaiveDate)> = Vec::new();
    let role = if rule.subject == Subject::MemberNotHead {
        MEMBER
    } else {
        HEAD
    };
    for (i, t) in w.tenures.iter().enumerate().filter(|(_, t)| t.role == role) {
        for tr in &triggers {
            let d = match tr {
                Trig::Start => Some(t.start),
                Trig::End => t.end,
                Trig::Years(n) => t.start.checked_add_months(chrono::Months::new(12 * n)),
                Trig::Event(_) => None,
            };
            fired.extend(d.map(|d| (i, d)));
        }
        for &(p, d) in trigger_events {
            if p == Some(t.person) && t.start <= d && t.end.is_none_or(|e| d <= e) {
                fired.push((i, d));
            }
        }
    }
    for (i, d) in fired {
        if !rng.chance(0.6) {
            continue;
        }
        let sign = if before { -1 } else { 1 };
        let edge = limit.map_or(days(d, -1), |l| shift(d, l, sign));
        let r = match rng.range(0, 5) {
            0 => days(d, -rng.range(0, 1)),
            1 => edge,
            2 => days(edge, -1),
            3 => days(edge, 1),
            _ => days(d, sign * rng.range(0, 400)),
        };
        let t = w.tenures[i].clone();
        let (r, mut actors, targets) = person_shape(rng, w, rule, &t, r);
        if actors.is_empty() || rng.chance(0.08) {
            actors = vec![random_id(rng, w)];
        }
        w.push_event(rng, r, rule.kind, actors, targets);
    }
}

/// A day where a verdict may turn, and the person it concerns (None: anyone).
pub type Point = (Option<usize>, NaiveDate);

/// Days where verdicts of `rule` turn: tenure starts, ends and anniversaries (for triggers and
/// windows clipped to tenure), the trigger events' dates.
pub fn turning_points(w: &World, rule: &Rule, triggers: &[Point]) -> Vec<Point> {
    let mut v: Vec<Point> = triggers.to_vec();
    for t in &w.tenures {
        let me = Some(t.person);
        v.push((me, t.start));
        if let Some(e) = t.end {
            v.push((me, e));
        }
        if let Body::Triggered { triggers, .. } = &rule.body {
            for tr in triggers {
                if let Trig::Years(n) = tr {
                    let d = t.start.checked_add_months(chrono::Months::new(12 * n));
                    v.push((me, d.unwrap_or(t.start)));
                }
            }
        }
    }
    v
}
