//! Events of one batch (one 党委's year-by-year records, written together): the 监督谈话 and
//! 任职谈话 its 一把手 owes the 一把手 of the 党委 below (with realistic misses: no talk, a talk
//! by the wrong person, a late or too-early one, collective talks), then the other kinds
//! (`activities.rs`), then ~1% duplicate rows.

use crate::cal::{Cal, Day};
use crate::rng::Rng;
use crate::shapes::{FieldKind, Vocab};
use crate::world::World;

/// Marks a unit id in a party list (persons are plain indices).
pub const UNIT: u32 = 1 << 31;

/// One event of a batch; parties and rendered fields live in the batch's arenas.
#[derive(Clone, Copy, Debug)]
pub struct Ev {
    /// 日期.
    pub date: Day,
    /// Creation order (ties of date keep it).
    pub seq: u32,
    /// Index into `Vocab::kinds`.
    pub kind: u16,
    /// The separator of multi-id cells (index into `SEPARATORS`).
    pub sep: u8,
    /// 单位 (index), or `u32::MAX` for none.
    pub unit: u32,
    /// 主体: range in `Batch::parties`.
    pub actors: (u32, u32),
    /// 对象: range in `Batch::parties`.
    pub targets: (u32, u32),
    /// The extra field cells, rendered: range in `Batch::text` (empty: all blank).
    pub fields: (u32, u32),
}

/// The separators of 主体/对象 the fact contract accepts.
pub const SEPARATORS: [&str; 4] = ["、", ";", "；", "|"];

/// Values of the fields of an event that the activity decides.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hint {
    /// 议题 number.
    pub topic: u32,
    /// 次序.
    pub order: u32,
    /// 事先定调 = 是.
    pub preset: bool,
    /// Option index of a 选项 field.
    pub option: u8,
    /// 公开个人事项: 0 blank, 1 是, 2 否.
    pub disclose: u8,
}

/// The events of one batch.
#[derive(Default)]
pub struct Batch {
    /// The events.
    pub evs: Vec<Ev>,
    /// Party ids (persons, or `UNIT | unit`).
    pub parties: Vec<u32>,
    /// Rendered field cells.
    pub text: Vec<u8>,
    /// Days (from the period's start) on which the batch's 党委 already met: one 常委会 a day.
    pub met: Vec<bool>,
}

impl Batch {
    /// Empties the batch, keeping its buffers.
    pub fn clear(&mut self) {
        self.evs.clear();
        self.parties.clear();
        self.text.clear();
        self.met.clear();
    }
}

/// The generator of one batch.
pub struct Gen<'a> {
    /// The world.
    pub w: &'a World,
    /// The vocabulary.
    pub v: &'a Vocab,
    /// The calendar.
    pub cal: &'a Cal,
    /// The random stream of this batch.
    pub rng: Rng,
    /// The batch being filled.
    pub b: &'a mut Batch,
    /// Scratch list of persons.
    pub tmp: Vec<u32>,
}

impl Gen<'_> {
    /// Adds an event of `kind` (nothing when the vocabulary lacks it, or the date is past the
    /// generated period).
    pub fn push(&mut self, kind: Option<u16>, date: Day, unit: u32, actors: &[u32], targets: &[u32], h: Hint) {
        let Some(kind) = kind else { return };
        if date > self.w.end || date < self.w.start {
            return;
        }
        let a0 = self.b.parties.len() as u32;
        self.b.parties.extend_from_slice(actors);
        let t0 = self.b.parties.len() as u32;
        self.b.parties.extend_from_slice(targets);
        let t1 = self.b.parties.len() as u32;
        let fields = self.fields(kind, date, unit, actors, h);
        let sep = match self.rng.below(10) {
            0 => 1,
            1 => 2,
            2 => 3,
            _ => 0,
        };
        self.b.evs.push(Ev {
            date,
            seq: self.b.evs.len() as u32,
            kind,
            sep,
            unit,
            actors: (a0, t0),
            targets: (t0, t1),
            fields,
        });
    }

    /// Renders the extra field cells of an event (`,a,,b` for every column).
    fn fields(&mut self, kind: u16, date: Day, unit: u32, actors: &[u32], h: Hint) -> (u32, u32) {
        let k = &self.v.kinds[kind as usize];
        if k.fields.is_empty() {
            return (0, 0);
        }
        let start = self.b.text.len() as u32;
        for col in 0..self.v.columns.len() {
            self.b.text.push(b',');
            let Some((_, f)) = k.fields.iter().find(|(c, _)| *c == col) else {
                continue;
            };
            let f = f.clone();
            self.field(&f, date, unit, actors, h);
        }
        (start, self.b.text.len() as u32)
    }

    fn field(&mut self, f: &FieldKind, date: Day, unit: u32, actors: &[u32], h: Hint) {
        let t = &mut self.b.text;
        match f {
            FieldKind::Topic if self.rng.chance(20) => {
                // A topic with a comma: the cell is quoted (RFC 4180).
                t.extend_from_slice(format!("\"议题{},含逗号\"", h.topic).as_bytes())
            }
            FieldKind::Topic => t.extend_from_slice(format!("议题{}", h.topic).as_bytes()),
            FieldKind::Order => t.extend_from_slice(h.order.to_string().as_bytes()),
            FieldKind::Preset => t.extend_from_slice(if h.preset { "是" } else { "否" }.as_bytes()),
            FieldKind::Disclose => t.extend_from_slice(["", "是", "否"][h.disclose as usize % 3].as_bytes()),
            FieldKind::Bool => {
                let forms = ["是", "否", "是", "否", "true", "false", "1", "0", ""];
                t.extend_from_slice(self.rng.pick(&forms).as_bytes())
            }
            FieldKind::Number => t.extend_from_slice(self.rng.below(100).to_string().as_bytes()),
            FieldKind::Text => t.extend_from_slice("情况说明".as_bytes()),
            FieldKind::Date => t.extend_from_slice(self.cal.text(date)),
            FieldKind::OneOf(opts) => {
                let i = (h.option as usize).min(opts.len().saturating_sub(1));
                if let Some(o) = opts.get(i) {
                    t.extend_from_slice(o.as_bytes())
                }
            }
            FieldKind::Person => {
                if let Some(&p) = actors.iter().find(|&&p| p & UNIT == 0) {
                    t.extend_from_slice(format!("P{:06}", p + 1).as_bytes())
                }
            }
            FieldKind::Unit if unit != u32::MAX => t.extend_from_slice(format!("U{:05}", unit + 1).as_bytes()),
            FieldKind::Unit | FieldKind::Event => {}
        }
    }

    /// A random day in `[a, b]`.
    pub fn day(&mut self, a: Day, b: Day) -> Day {
        self.rng.range(a, b)
    }

    /// The one who acts for unit `u`'s 一把手 on `d`: the 一把手, or while the post is vacant a
    /// 班子成员 (whose act does not count).
    pub fn head_or_stand_in(&mut self, u: u32, d: Day) -> Option<u32> {
        if let Some(p) = self.w.head_at(u, d) {
            return Some(p);
        }
        self.member(u, d)
    }

    /// A random 班子成员 of 党委 `u` on `d`.
    pub fn member(&mut self, u: u32, d: Day) -> Option<u32> {
        let mut tmp = std::mem::take(&mut self.tmp);
        self.w.members_at(u, d, &mut tmp);
        let p = (!tmp.is_empty()).then(|| *self.rng.pick(&tmp));
        self.tmp = tmp;
        p
    }

    /// The yearly 监督谈话 from 党委 `u`'s 一把手 to the 一把手 of each 党委 below, in year `y`
    /// (`[ys, ye]`): individual or collective; ~10% none, some by the wrong person or outside
    /// the subject's tenure; some twice.
    pub fn supervision(&mut self, u: u32, ys: Day, ye: Day) {
        let (w, k) = (self.w, self.v.known.supervise);
        let collective_day = self.day(ys, ye);
        let mut group: Vec<u32> = Vec::new();
        for &c in &w.units[u as usize].children {
            for s in &w.heads[c as usize] {
                let Some((a, b)) = s.overlap(ys, ye) else { continue };
                let r = self.rng.below(1000);
                if r < 150 && s.holds(collective_day) && s.person != u32::MAX {
                    group.push(s.person);
                    continue;
                }
                let d = self.day(a, b);
                let unit = u;
                match r {
                    0..760 => self.talk(k, u, d, s.person),
                    760..840 => {
                        self.talk(k, u, d, s.person);
                        let d2 = self.day(a, b);
                        self.talk(k, u, d2, s.person);
                    }
                    840..870 => {
                        if let Some(m) = self.member(u, d) {
                            self.push(k, d, unit, &[m], &[s.person], Hint::default());
                        }
                    }
                    870..900 => {
                        // Outside the tenure (before it began or after it ended): never counts.
                        let d = if a > ys { a - 1 } else { (b + 1).min(ye) };
                        self.talk(k, u, d, s.person);
                    }
                    _ => {}
                }
            }
        }
        self.collective(k, u, collective_day, group);
        self.supervision_noise(u, ys, ye);
    }

    /// A talk by unit `u`'s 一把手 (or stand-in) to `target` on `d`.
    pub fn talk(&mut self, kind: Option<u16>, u: u32, d: Day, target: u32) {
        if let Some(a) = self.head_or_stand_in(u, d) {
            self.push(kind, d, u, &[a], &[target], Hint::default());
        }
    }

    fn collective(&mut self, k: Option<u16>, u: u32, d: Day, group: Vec<u32>) {
        let Some(a) = self.head_or_stand_in(u, d) else { return };
        for chunk in group.chunks(8) {
            self.push(k, d, u, &[a], chunk, Hint::default());
        }
    }

    /// 监督谈话 that no instance counts: 2–5 a year with the 班子成员 of each 党委 below (by the
    /// 纪委书记 mostly, else the 一把手), and some by the 纪委书记 with the 一把手 below.
    fn supervision_noise(&mut self, u: u32, ys: Day, ye: Day) {
        let (w, k) = (self.w, self.v.known.supervise);
        let jiwei = w.units[u as usize].jiwei;
        for &c in &w.units[u as usize].children {
            for _ in 0..self.rng.range(2, 5) {
                let d = self.day(ys, ye);
                let Some(m) = self.member(c, d) else { continue };
                let by = match jiwei.and_then(|j| w.head_at(j, d).map(|s| (j, s))) {
                    Some((j, sec)) if self.rng.chance(700) => Some((j, sec)),
                    _ => w.head_at(u, d).map(|h| (u, h)),
                };
                if let Some((unit, a)) = by {
                    self.push(k, d, unit, &[a], &[m], Hint::default());
                }
            }
            let d = self.day(ys, ye);
            if let (true, Some(j), Some(h)) = (self.rng.chance(200), jiwei, w.head_at(c, d)) {
                if let Some(sec) = w.head_at(j, d) {
                    self.push(k, d, j, &[sec], &[h], Hint::default());
                }
            }
        }
    }

    /// 任职谈话 with each new 一把手 of a 党委 below `u` (trigger: the tenure's start): ~70% in
    /// 30 days, ~12% late, some by the wrong person, some the day before, ~13% none; and with
    /// `u`'s own new 班子成员 (which no instance of the rule reads).
    pub fn appointment(&mut self, u: u32) {
        let (w, k) = (self.w, self.v.known.appoint);
        let (p0, p1) = (w.start, w.end);
        for &c in &w.units[u as usize].children {
            for s in &w.heads[c as usize] {
                if s.start < p0 || s.start > p1 {
                    continue;
                }
                let r = self.rng.below(1000);
                let off = match r {
                    0..40 => Some(0),
                    40..80 => Some(30),
                    80..700 => Some(self.rng.range(1, 29)),
                    700..820 => Some(self.rng.range(31, 150)),
                    820..850 => {
                        let d = s.start + self.rng.range(0, 30);
                        if let Some(m) = self.member(u, d) {
                            self.push(k, d, u, &[m], &[s.person], Hint::default());
                        }
                        None
                    }
                    850..870 => Some(-1),
                    _ => None,
                };
                if let Some(off) = off {
                    self.talk(k, u, s.start + off, s.person);
                }
            }
        }
        for slot in &w.members[u as usize] {
            for s in slot {
                if s.start >= p0 && self.rng.chance(700) {
                    let d = s.start + self.rng.range(0, 40);
                    self.talk(k, u, d, s.person);
                }
            }
        }
    }

    /// Adds `extra` duplicates of random events of the batch (same date, kind, 主体 and 对象; a
    /// new 编号; sometimes the 对象 in another order and with another separator), each placed a
    /// little after its original; returns the events in file order (date, then creation).
    pub fn with_duplicates(&mut self, extra: usize) -> Vec<Ev> {
        let mut evs = std::mem::take(&mut self.b.evs);
        evs.sort_unstable_by_key(|e| (e.date, e.seq));
        let mut dups: Vec<(usize, u32, Ev)> = Vec::with_capacity(extra);
        for n in 0..extra {
            if evs.is_empty() {
                break;
            }
            let i = self.rng.below(evs.len() as u64) as usize;
            let mut d = evs[i];
            if self.rng.chance(300) {
                d.sep = self.rng.below(4) as u8;
                d.targets = self.reversed(d.targets);
            }
            dups.push((i + self.rng.below(50) as usize, n as u32, d));
        }
        dups.sort_unstable_by_key(|&(at, n, _)| (at, n));
        let mut out = Vec::with_capacity(evs.len() + dups.len());
        let mut k = 0;
        for (i, e) in evs.iter().enumerate() {
            out.push(*e);
            while k < dups.len() && dups[k].0 <= i {
                out.push(dups[k].2);
                k += 1;
            }
        }
        out.extend(dups[k..].iter().map(|d| d.2));
        out
    }

    fn reversed(&mut self, r: (u32, u32)) -> (u32, u32) {
        let start = self.b.parties.len() as u32;
        for i in (r.0..r.1).rev() {
            let p = self.b.parties[i as usize];
            self.b.parties.push(p);
        }
        (start, self.b.parties.len() as u32)
    }
}
