//! The random worlds of the differential test: a seeded PRNG, the world model (units in a 上级
//! tree with 同级 纪委, people, tenures, events) and its rendering as the four CSV tables guize
//! reads.
//!
//! Nothing here calls guize: the oracle reads these structs directly, guize reads the CSV text.

use chrono::{Datelike, Duration, NaiveDate};

/// splitmix64: small, fast, good enough to spread seeds; the same seed gives the same world.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.range(0, xs.len() as i64 - 1) as usize]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.range(0, i as i64) as usize;
            xs.swap(i, j);
        }
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

pub fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

/// A party named in an event's 主体/对象.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Id {
    Person(usize),
    Unit(usize),
}

pub struct Unit {
    pub id: String,
    pub kind: &'static str,
    pub parent: Option<usize>,
    pub peer: Option<usize>,
}

#[derive(Clone)]
pub struct Tenure {
    pub person: usize,
    pub unit: usize,
    pub role: &'static str,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

#[derive(Clone)]
pub struct Event {
    pub id: String,
    pub date: NaiveDate,
    pub kind: String,
    pub unit: usize,
    pub actors: Vec<Id>,
    pub targets: Vec<Id>,
    /// How the ids are joined in the CSV cell (any separator the contract allows).
    pub sep: &'static str,
}

/// Units, people and tenures; events are added by the rules' generators.
pub struct World {
    pub units: Vec<Unit>,
    pub people: Vec<String>,
    pub tenures: Vec<Tenure>,
    pub events: Vec<Event>,
}

pub const HEAD: &str = "一把手";
pub const MEMBER: &str = "班子成员";
pub const PARTY: &str = "党委";
pub const DISC: &str = "纪委";

/// The last day anything happens in a world.
pub fn horizon() -> NaiveDate {
    ymd(2026, 12, 31)
}

impl World {
    pub fn id_text(&self, id: Id) -> &str {
        match id {
            Id::Person(p) => &self.people[p],
            Id::Unit(u) => &self.units[u].id,
        }
    }

    /// A tree of 党委 (a root, 2–3 children, sometimes a grandchild), some with a 同级 纪委 whose
    /// 上级 is the parent's 纪委, the parent 党委 or nothing.
    pub fn generate(rng: &mut Rng) -> World {
        let mut units = vec![Unit {
            id: "R".into(),
            kind: PARTY,
            parent: None,
            peer: None,
        }];
        for name in ["A", "B", "C"].iter().take(rng.range(2, 3) as usize) {
            units.push(Unit {
                id: (*name).into(),
                kind: PARTY,
                parent: Some(0),
                peer: None,
            });
        }
        if rng.chance(0.5) {
            units.push(Unit {
                id: "D".into(),
                kind: PARTY,
                parent: Some(1),
                peer: None,
            });
        }
        let parties = units.len();
        let mut disc_of: Vec<Option<usize>> = vec![None; parties];
        for u in 0..parties {
            if !rng.chance(0.65) {
                continue;
            }
            let parent = match units[u].parent {
                None => None,
                Some(p) => match rng.range(0, 9) {
                    0..=5 => disc_of[p].or(Some(p)),
                    6..=7 => Some(p),
                    _ => None,
                },
            };
            disc_of[u] = Some(units.len());
            let id = format!("{}K", units[u].id);
            units.push(Unit {
                id,
                kind: DISC,
                parent,
                peer: Some(u),
            });
        }
        let people: Vec<String> = (1..=rng.range(5, 8)).map(|i| format!("P{i}")).collect();
        let mut w = World {
            units,
            people,
            tenures: Vec::new(),
            events: Vec::new(),
        };
        for u in 0..parties {
            w.head_timeline(rng, u);
        }
        for _ in 0..rng.range(1, 5) {
            w.member_tenure(rng, parties);
        }
        w
    }

    /// Successive 一把手 of unit `u`: vacancies, same-day handovers, next-day handovers, some
    /// tenures open at the end.
    fn head_timeline(&mut self, rng: &mut Rng, u: usize) {
        let mut start = days(ymd(2018, 1, 1), rng.range(0, 1000));
        let mut prev: Option<usize> = None;
        while start <= ymd(2026, 6, 30) {
            let mut person = rng.range(0, self.people.len() as i64 - 1) as usize;
            if Some(person) == prev {
                person = (person + 1) % self.people.len();
            }
            let end = if rng.chance(0.25) {
                // Ends on (or the day before) an anniversary: where 任职满N年 turns.
                let years =
                    start.checked_add_months(chrono::Months::new(12 * rng.range(1, 4) as u32));
                days(years.unwrap_or(start), -rng.range(0, 1))
            } else {
                days(start, rng.range(60, 1700))
            };
            let open = end > ymd(2025, 6, 30) && rng.chance(0.6);
            self.tenures.push(Tenure {
                person,
                unit: u,
                role: HEAD,
                start,
                end: (!open).then_some(end),
            });
            if open {
                break;
            }
            prev = Some(person);
            start = match rng.range(0, 9) {
                0..=3 => end,
                4..=5 => days(end, 1),
                _ => days(end, rng.range(2, 250)),
            };
        }
    }

    /// A 班子成员 tenure of a random person in a random 党委 (never overlapping another of the
    /// same person in the same unit).
    fn member_tenure(&mut self, rng: &mut Rng, parties: usize) {
        let person = rng.range(0, self.people.len() as i64 - 1) as usize;
        let unit = rng.range(0, parties as i64 - 1) as usize;
        let start = days(ymd(2018, 6, 1), rng.range(0, 2400));
        let end = (!rng.chance(0.3)).then(|| days(start, rng.range(30, 1500)));
        let clash = self.tenures.iter().any(|t| {
            t.person == person
                && t.unit == unit
                && t.role == MEMBER
                && t.start <= end.unwrap_or(NaiveDate::MAX)
                && start <= t.end.unwrap_or(NaiveDate::MAX)
        });
        if !clash {
            self.tenures.push(Tenure {
                person,
                unit,
                role: MEMBER,
                start,
                end,
            });
        }
    }

    /// The persons holding `role` in `unit` on `d` (every tenure row, whatever the as-of).
    pub fn holders(&self, unit: usize, role: &str, d: NaiveDate) -> Vec<usize> {
        self.tenures
            .iter()
            .filter(|t| t.unit == unit && t.role == role && t.start <= d)
            .filter(|t| t.end.is_none_or(|e| d <= e))
            .map(|t| t.person)
            .collect()
    }

    /// Adds an event; ids are E001, E002, … in file order.
    pub fn push_event(
        &mut self,
        rng: &mut Rng,
        date: NaiveDate,
        kind: &str,
        actors: Vec<Id>,
        targets: Vec<Id>,
    ) {
        let unit = rng.range(0, self.units.len() as i64 - 1) as usize;
        let sep = *rng.pick(&["、", ";", "；", "|"]);
        self.events.push(Event {
            id: String::new(),
            date,
            kind: kind.to_string(),
            unit,
            actors,
            targets,
            sep,
        });
    }

    /// Copies of a few events moved to as-of, the day after, or later: the last day that counts
    /// and the first that does not.
    pub fn around_as_of(&mut self, rng: &mut Rng, as_of: NaiveDate) {
        for _ in 0..rng.range(0, 4) {
            if self.events.is_empty() {
                return;
            }
            let mut e = rng.pick(&self.events).clone();
            e.date = days(as_of, *rng.pick(&[0, 0, 1, 1, 30]));
            self.events.push(e);
        }
    }

    /// Shuffles the events, inserts exact duplicates (ids reordered, another separator and
    /// 单位) and near-duplicates (another 对象 set), then numbers them in file order.
    pub fn finish_events(&mut self, rng: &mut Rng) {
        rng.shuffle(&mut self.events);
        let n = self.events.len();
        for i in 0..n {
            if rng.chance(0.12) {
                let mut dup = self.events[i].clone();
                dup.actors.reverse();
                dup.targets.reverse();
                dup.sep = *rng.pick(&["、", ";", "；", "|"]);
                dup.unit = rng.range(0, self.units.len() as i64 - 1) as usize;
                if rng.chance(0.3) {
                    // Not a duplicate: the 对象 set differs.
                    dup.targets.push(Id::Person(
                        rng.range(0, self.people.len() as i64 - 1) as usize
                    ));
                    dup.targets.sort();
                    dup.targets.dedup();
                }
                let at = rng.range(i as i64 + 1, self.events.len() as i64) as usize;
                self.events.insert(at, dup);
            }
        }
        for (i, e) in self.events.iter_mut().enumerate() {
            e.id = format!("E{:03}", i + 1);
        }
    }

    /// The four fact tables as (file name, CSV text).
    pub fn csv(&self, rng: &mut Rng) -> Vec<(String, String)> {
        let mut units = String::from("编号,名称,类别,上级,同级\n");
        for u in &self.units {
            let name = |x: Option<usize>| x.map_or("", |i| self.units[i].id.as_str());
            units.push_str(&format!(
                "{},{}单位,{},{},{}\n",
                u.id,
                u.id,
                u.kind,
                name(u.parent),
                name(u.peer)
            ));
        }
        let mut people = String::from("编号,姓名\n");
        for p in &self.people {
            people.push_str(&format!("{p},人{p}\n"));
        }
        let mut tenures = String::from("人员,单位,职务,起始,终止\n");
        for t in &self.tenures {
            let end = t.end.map(|d| date_text(rng, d)).unwrap_or_default();
            tenures.push_str(&format!(
                "{},{},{},{},{end}\n",
                self.people[t.person],
                self.units[t.unit].id,
                t.role,
                date_text(rng, t.start)
            ));
        }
        let mut events = String::from("编号,日期,类型,单位,主体,对象\n");
        for e in &self.events {
            let ids = |xs: &[Id]| {
                xs.iter()
                    .map(|&x| self.id_text(x))
                    .collect::<Vec<_>>()
                    .join(e.sep)
            };
            events.push_str(&format!(
                "{},{},{},{},{},{}\n",
                e.id,
                date_text(rng, e.date),
                e.kind,
                self.units[e.unit].id,
                ids(&e.actors),
                ids(&e.targets)
            ));
        }
        vec![
            ("单位.csv".into(), units),
            ("人员.csv".into(), people),
            ("任职.csv".into(), tenures),
            ("事件.csv".into(), events),
        ]
    }
}

/// A date in one of the spellings the contract allows.
fn date_text(rng: &mut Rng, d: NaiveDate) -> String {
    match rng.range(0, 5) {
        0 => format!("{}/{}/{}", d.year(), d.month(), d.day()),
        1 => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        2 => format!("{}.{}.{}", d.year(), d.month(), d.day()),
        _ => d.to_string(),
    }
}
