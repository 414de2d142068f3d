//! The synthetic province: a 上级 tree of 党委 (province → cities → counties → towns), each
//! with its 同级 纪委 (and, above the towns, 组织部); posts held in turn with realistic turnover
//! (mid-year changes, same-day handovers, vacancies, people moving between posts, a few town
//! 一把手 heading two towns at once; every 纪委书记 and 组织部长 also sits in the 党委's 班子).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::cal::{ymd, Day};
use crate::rng::Rng;

/// The kind of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UKind {
    /// 党委
    Party,
    /// 纪委
    Jiwei,
    /// 组织部
    Zuzhi,
}

/// A unit.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Its kind.
    pub kind: UKind,
    /// 上级.
    pub parent: Option<u32>,
    /// 同级 (the 党委 of a 纪委 or 组织部).
    pub peer: Option<u32>,
    /// 0 province, 1 city, 2 county, 3 town.
    pub level: u8,
    /// 名称.
    pub name: String,
    /// The 党委 whose 上级 this 党委 is.
    pub children: Vec<u32>,
    /// The 同级 纪委 of a 党委.
    pub jiwei: Option<u32>,
    /// The 同级 组织部 of a 党委.
    pub zuzhi: Option<u32>,
}

/// One holder of a post: [start, end], end `None` = still holding.
#[derive(Clone, Copy, Debug)]
pub struct Seg {
    /// 起始.
    pub start: Day,
    /// 终止.
    pub end: Option<Day>,
    /// The person (index; the id is `P` + index + 1).
    pub person: u32,
}

impl Seg {
    /// Whether the holder holds the post on `d`.
    pub fn holds(&self, d: Day) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }

    /// The overlap with `[a, b]`.
    pub fn overlap(&self, a: Day, b: Day) -> Option<(Day, Day)> {
        let s = self.start.max(a);
        let e = self.end.map_or(b, |x| x.min(b));
        (s <= e).then_some((s, e))
    }
}

/// The whole world.
pub struct World {
    /// Units in id order (`U` + index + 1).
    pub units: Vec<Unit>,
    /// The 党委, in id order.
    pub parties: Vec<u32>,
    /// Per unit, the holders of its one sole post (一把手, 纪委书记 or 组织部长), in date order.
    pub heads: Vec<Vec<Seg>>,
    /// Per 党委, its 班子成员 slots (other than the 纪委书记 and 组织部长), each in date order.
    pub members: Vec<Vec<Vec<Seg>>>,
    /// Number of people.
    pub people: u32,
    /// First day of the generated period.
    pub start: Day,
    /// Last day of the generated period (the `--as-of` of the benchmark).
    pub end: Day,
}

/// 班子成员 slots of a 党委 by level (the 纪委书记 and 组织部长 come on top).
const SLOTS: [usize; 4] = [9, 7, 6, 4];

const PLACE_A: &[&str] = &[
    "青", "白", "石", "金", "云", "长", "安", "平", "清", "新", "永", "太", "丰", "宁", "广", "临",
    "兴", "东", "西", "南", "北", "龙", "凤", "桃", "柳", "梅", "松", "双", "三", "湖",
];
const PLACE_B: &[&str] = &[
    "溪", "山", "河", "林", "桥", "阳", "江", "城", "水", "坪", "岭", "塘", "口", "州", "田", "岗",
    "泉", "湾", "集", "庄", "寨", "源", "丘", "川", "滩",
];

fn place(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(PLACE_A), rng.pick(PLACE_B))
}

impl World {
    /// A world with about `units` units.
    pub fn new(units: u64, rng: &mut Rng) -> World {
        let mut w = World {
            units: Vec::new(),
            parties: Vec::new(),
            heads: Vec::new(),
            members: Vec::new(),
            people: 0,
            start: ymd(2021, 1, 1),
            end: ymd(2025, 12, 31),
        };
        w.tree(units, rng);
        w.posts(rng);
        w.assign(rng);
        w
    }

    /// Builds the unit tree: `units` ≈ 3 × (province + cities + counties) + 2 × towns.
    fn tree(&mut self, units: u64, rng: &mut Rng) {
        let shape = |n: u64| {
            let c = (n / 400).clamp(2, 16);
            let k = (n / 90).max(2 * c);
            (c, k)
        };
        let (c, k) = shape(units / 2);
        let n = ((units.saturating_sub(1 + c + k)) / 2).max(1 + c + k + 2);
        let (c, k) = shape(n);
        let province = self.party(None, 0, "江淮".into());
        let cities: Vec<u32> = (0..c).map(|_| self.party(Some(province), 1, place(rng))).collect();
        let counties: Vec<u32> = (0..k)
            .map(|i| {
                let p = cities[(i % c) as usize];
                self.party(Some(p), 2, place(rng))
            })
            .collect();
        for _ in 0..n.saturating_sub(1 + c + k) {
            let p = *rng.pick(&counties);
            self.party(Some(p), 3, place(rng));
        }
    }

    /// Adds a 党委 (and its 纪委, and 组织部 above the towns); returns the 党委.
    fn party(&mut self, parent: Option<u32>, level: u8, place: String) -> u32 {
        let suffix = ["省委", "市委", "县委", "镇党委"][level as usize];
        let short = ["省", "市", "县", "镇"][level as usize];
        let u = self.unit(UKind::Party, parent, None, level, format!("{place}{suffix}"));
        if let Some(p) = parent {
            self.units[p as usize].children.push(u);
        }
        let pj = parent.and_then(|p| self.units[p as usize].jiwei);
        let j = self.unit(UKind::Jiwei, pj, Some(u), level, format!("{place}{short}纪委"));
        self.units[u as usize].jiwei = Some(j);
        if level < 3 {
            let pz = parent.and_then(|p| self.units[p as usize].zuzhi);
            let name = format!("{place}{suffix}组织部");
            let z = self.unit(UKind::Zuzhi, pz, Some(u), level, name);
            self.units[u as usize].zuzhi = Some(z);
        }
        self.parties.push(u);
        u
    }

    fn unit(&mut self, kind: UKind, parent: Option<u32>, peer: Option<u32>, level: u8, name: String) -> u32 {
        self.units.push(Unit {
            kind,
            parent,
            peer,
            level,
            name,
            children: Vec::new(),
            jiwei: None,
            zuzhi: None,
        });
        self.units.len() as u32 - 1
    }

    /// The dates of every post's holders (persons assigned later).
    fn posts(&mut self, rng: &mut Rng) {
        let end = self.end;
        for u in 0..self.units.len() {
            self.heads.push(timeline(rng, end));
            let unit = &self.units[u];
            let slots = match unit.kind {
                UKind::Party => SLOTS[unit.level as usize],
                _ => 0,
            };
            self.members.push((0..slots).map(|_| timeline(rng, end)).collect());
        }
    }

    /// Assigns people to posts in date order: a newcomer, or someone whose last post ended
    /// (moving on); a few town 一把手 also head another town for a while.
    fn assign(&mut self, rng: &mut Rng) {
        let mut order: Vec<(Day, u32, u32, u32)> = Vec::new();
        for u in 0..self.units.len() {
            for (i, s) in self.heads[u].iter().enumerate() {
                order.push((s.start, u as u32, 0, i as u32));
            }
            for (k, slot) in self.members[u].iter().enumerate() {
                for (i, s) in slot.iter().enumerate() {
                    order.push((s.start, u as u32, k as u32 + 1, i as u32));
                }
            }
        }
        order.sort_unstable();
        let mut ended: BinaryHeap<Reverse<(Day, u32)>> = BinaryHeap::new();
        let mut pool: Vec<u32> = Vec::new();
        let mut town_heads: Vec<(u32, Option<Day>, u32)> = Vec::new();
        for (start, u, slot, i) in order {
            while ended.peek().is_some_and(|Reverse((e, _))| *e < start) {
                let Reverse((_, p)) = ended.pop().expect("peeked");
                if rng.chance(550) {
                    pool.push(p);
                }
            }
            let town_head = slot == 0
                && self.units[u as usize].kind == UKind::Party
                && self.units[u as usize].level == 3;
            let seg = self.seg(u, slot, i);
            let end = seg.end;
            let concurrent = if town_head && rng.chance(15) {
                concurrent_head(rng, &town_heads, u, start)
            } else {
                None
            };
            let person = match concurrent {
                Some(p) => p,
                None => {
                    let p = if !pool.is_empty() && rng.chance(350) {
                        pool.swap_remove(rng.below(pool.len() as u64) as usize)
                    } else {
                        self.people += 1;
                        self.people - 1
                    };
                    if let Some(e) = end {
                        ended.push(Reverse((e, p)));
                    }
                    p
                }
            };
            self.seg_mut(u, slot, i).person = person;
            if town_head {
                town_heads.push((person, end, u));
            }
        }
    }

    fn seg(&self, u: u32, slot: u32, i: u32) -> Seg {
        match slot {
            0 => self.heads[u as usize][i as usize],
            k => self.members[u as usize][k as usize - 1][i as usize],
        }
    }

    fn seg_mut(&mut self, u: u32, slot: u32, i: u32) -> &mut Seg {
        match slot {
            0 => &mut self.heads[u as usize][i as usize],
            k => &mut self.members[u as usize][k as usize - 1][i as usize],
        }
    }

    /// The holder of unit `u`'s sole post on `d` (the successor on a handover day).
    pub fn head_at(&self, u: u32, d: Day) -> Option<u32> {
        holder_at(&self.heads[u as usize], d)
    }

    /// The 班子成员 of 党委 `u` on `d` (slots, then the 纪委书记 and 组织部长), into `out`.
    pub fn members_at(&self, u: u32, d: Day, out: &mut Vec<u32>) {
        out.clear();
        out.extend(self.members[u as usize].iter().filter_map(|s| holder_at(s, d)));
        let unit = &self.units[u as usize];
        for x in [unit.jiwei, unit.zuzhi].into_iter().flatten() {
            out.extend(self.head_at(x, d));
        }
    }
}

/// The holder on `d` of a post held by `segs` (the successor on a handover day).
pub fn holder_at(segs: &[Seg], d: Day) -> Option<u32> {
    segs.iter().rev().find(|s| s.holds(d)).map(|s| s.person)
}

/// The successive holders' dates of one post: the first started 2015–2020; each holds 2–6
/// years; then a same-day handover, the next day, or a vacancy of 10–150 days.
fn timeline(rng: &mut Rng, end: Day) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut s = rng.range(ymd(2015, 1, 1), ymd(2020, 12, 31));
    loop {
        let e = s + rng.range(700, 2200);
        if e >= end {
            out.push(Seg { start: s, end: None, person: u32::MAX });
            return out;
        }
        out.push(Seg { start: s, end: Some(e), person: u32::MAX });
        let r = rng.below(100);
        s = match r {
            0..45 => e,
            45..80 => e + 1,
            _ => e + rng.range(10, 150),
        };
        if s > end {
            return out;
        }
    }
}

/// A town 一把手 in office on `start` in another town, to head town `u` as well.
fn concurrent_head(rng: &mut Rng, heads: &[(u32, Option<Day>, u32)], u: u32, start: Day) -> Option<u32> {
    let lo = heads.len().saturating_sub(200);
    for _ in 0..8 {
        if heads.len() <= lo {
            return None;
        }
        let (p, e, v) = heads[lo + rng.below((heads.len() - lo) as u64) as usize];
        if v != u && e.is_none_or(|e| e > start + 30) {
            return Some(p);
        }
    }
    None
}
