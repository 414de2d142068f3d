//! The other event kinds of a batch: yearly duties of a 党委 and its 纪委 (年度计划, 工作报告 …),
//! incidents and the responses they call for (巡视反馈 → 整改, 轻微违纪 → 诫勉 …), leaving post
//! with or without a prior report, and the bulk of the records: 常委会 meetings with their 决策
//! and every member's 表态, 谈心谈话, 听取汇报. None of these is read by the two-rule ruleset.

use crate::cal::Day;
use crate::events::{Gen, Hint, UNIT};

impl Gen<'_> {
    /// The yearly duties of 党委 `u` and its 纪委 in year `[ys, ye]`.
    pub fn yearly(&mut self, u: u32, ys: Day, ye: Day) {
        let (w, k) = (self.w, self.v.known.clone());
        let me = [UNIT | u];
        let r = self.rng.below(1000);
        let plan_day = match r {
            0..850 => Some(self.day(ys, ys + 89)),
            850..930 => Some(self.day(ys + 90, ye)),
            _ => None,
        };
        if let Some(d) = plan_day {
            self.push(k.plan, d, u, &me, &[], Hint::default());
        }
        let d = self.day(ys, ye);
        if let (true, Some(h)) = (self.rng.chance(900), w.head_at(u, d)) {
            self.push(k.disclosure, d, u, &[h], &[], Hint::default());
        }
        for _ in 0..self.rng.range(2, 4) {
            let d = self.day(ys, ye);
            let j = w.units[u as usize].jiwei.map_or(vec![], |j| vec![UNIT | j]);
            self.push(k.hear_report, d, u, &me, &j, Hint::default());
        }
        if let Some(j) = w.units[u as usize].jiwei {
            let mid = ys + 180;
            self.jiwei_half(u, j, ys, mid);
            self.jiwei_half(u, j, mid + 1, ye);
        }
    }

    /// A 纪委's half-yearly duties: 工作报告 to the 纪委 above, 信访分析研判, 专题报告 to the
    /// 同级 一把手.
    fn jiwei_half(&mut self, u: u32, j: u32, a: Day, b: Day) {
        let (w, k) = (self.w, self.v.known.clone());
        let me = [UNIT | j];
        if let (true, Some(pj)) = (self.rng.chance(930), w.units[j as usize].parent) {
            let d = self.day(a, b);
            self.push(k.work_report, d, j, &me, &[UNIT | pj], Hint::default());
        }
        if self.rng.chance(900) {
            let d = self.day(a, b);
            self.push(k.petitions, d, j, &me, &[], Hint::default());
        }
        let d = self.day(a, b);
        if let (true, Some(h)) = (self.rng.chance(900), w.head_at(u, d)) {
            self.push(k.special_report, d, j, &me, &[h], Hint::default());
        }
    }

    /// What 党委 `u` does about the 一把手 below it in year `[ys, ye]`: 述责述廉, 抽查核实, and
    /// incidents with their responses.
    pub fn below(&mut self, u: u32, ys: Day, ye: Day) {
        let (w, k) = (self.w, self.v.known.clone());
        let spot_day = self.day(ys, ye);
        let mut spot = Vec::new();
        for &c in &w.units[u as usize].children {
            let d = self.day(ys, ye);
            let Some(h) = w.head_at(c, d) else { continue };
            if self.rng.chance(400) {
                self.push(k.review, d, u, &[h], &[UNIT | u], Hint::default());
            }
            if let (true, Some(h)) = (self.rng.chance(150), w.head_at(c, spot_day)) {
                spot.push(h);
            }
            self.incidents(u, c, h, d);
        }
        if !spot.is_empty() {
            self.push(k.spot_check, spot_day, u, &[UNIT | u], &spot, Hint::default());
        }
    }

    /// Incidents concerning `h`, 一把手 of `c` below `u`, around `d`, each followed by its
    /// response (or not).
    fn incidents(&mut self, u: u32, c: u32, h: u32, d: Day) {
        let k = self.v.known.clone();
        if self.rng.chance(50) {
            self.push(k.inspection, d, u, &[UNIT | u], &[h], Hint::default());
            self.respond(k.rectify, c, d, Some(h), &[UNIT | c]);
        }
        if self.rng.chance(30) {
            self.push(k.dereliction, d, c, &[], &[h], Hint::default());
            let a = self.head_or_stand_in(u, d);
            self.respond(k.special_interview, u, d, a, &[h]);
        }
        if self.rng.chance(60) {
            self.push(k.minor, d, c, &[], &[h], Hint::default());
            let a = self.head_or_stand_in(u, d);
            self.respond(k.admonish, u, d, a, &[h]);
        }
        if self.rng.chance(30) {
            self.push(k.duty_lapse, d, c, &[], &[h], Hint::default());
            let a = self.head_or_stand_in(u, d);
            self.respond(k.interview, u, d, a, &[h]);
        }
    }

    /// A response to a trigger on `d`: ~72% within 30 days, ~13% later, the rest never.
    fn respond(&mut self, kind: Option<u16>, unit: u32, d: Day, actor: Option<u32>, targets: &[u32]) {
        let Some(a) = actor else { return };
        let off = match self.rng.below(1000) {
            0..720 => self.rng.range(0, 30),
            720..850 => self.rng.range(31, 120),
            _ => return,
        };
        self.push(kind, d + off, unit, &[a], targets, Hint::default());
    }

    /// 党委 `u`'s 一把手 leaving post 4–8 times a year: reported 1–4 days before (~88%), the
    /// same day (~4%), or not at all.
    pub fn leave(&mut self, u: u32, ys: Day, ye: Day) {
        let (w, k) = (self.w, self.v.known.clone());
        let to = [UNIT | w.units[u as usize].parent.unwrap_or(u)];
        for _ in 0..self.rng.range(4, 8) {
            let d = self.day(ys, ye);
            let Some(h) = w.head_at(u, d) else { continue };
            let before = match self.rng.below(100) {
                0..88 => Some(self.rng.range(1, 4)),
                88..92 => Some(0),
                _ => None,
            };
            if let Some(b) = before {
                self.push(k.ask, d - b, u, &[h], &to, Hint::default());
            }
            self.push(k.leave, d, u, &[h], &[], Hint::default());
        }
    }

    /// The first 常委会会议 after each new 一把手 of `u` takes office: 公开个人事项 mostly 是.
    pub fn first_meetings(&mut self, u: u32) {
        let (w, k) = (self.w, self.v.known.meeting);
        for s in &w.heads[u as usize] {
            if s.start < w.start {
                continue;
            }
            let d = s.start + self.rng.range(3, 40);
            if !self.claim(d) {
                continue;
            }
            let disclose = match self.rng.below(100) {
                0..85 => 1,
                85..95 => 2,
                _ => 0,
            };
            let h = Hint {
                disclose,
                ..Hint::default()
            };
            self.push(k, d, u, &[UNIT | u], &[], h);
        }
    }

    /// The bulk of the records, until the batch holds `n` events.
    pub fn bulk(&mut self, u: u32, n: usize) {
        let (w, k) = (self.w, self.v.known.clone());
        let mut guard = 0;
        while self.b.evs.len() < n && guard < 4 * n + 100 {
            guard += 1;
            let d = self.day(w.start, w.end);
            let Some(h) = w.head_at(u, d) else { continue };
            match self.rng.below(100) {
                0..40 => self.meeting(u, h, d),
                40..62 => {
                    let mut ms = Vec::new();
                    for _ in 0..self.collective_size() {
                        ms.extend(self.member(u, d));
                    }
                    ms.dedup();
                    self.push(k.heart, d, u, &[h], &ms, Hint::default());
                }
                62..80 => {
                    let m = self.member(u, d);
                    self.push(k.hear_member, d, u, &[h], m.as_slice(), Hint::default());
                }
                80..86 => {
                    let j = w.units[u as usize].jiwei.map_or(vec![], |j| vec![UNIT | j]);
                    self.push(k.hear_report, d, u, &[UNIT | u], &j, Hint::default());
                }
                86..90 => {
                    let to = [UNIT | w.units[u as usize].parent.unwrap_or(u)];
                    self.push(k.ask, d, u, &[h], &to, Hint::default());
                }
                90..93 => {
                    let m = self.member(u, d);
                    self.push(k.interview, d, u, &[h], m.as_slice(), Hint::default());
                }
                _ => self.generic(u, h, d),
            }
        }
    }

    /// Marks `d` as a meeting day of the batch's 党委; false if it already was one.
    fn claim(&mut self, d: Day) -> bool {
        let i = (d - self.w.start).max(0) as usize;
        if self.b.met.len() <= i {
            self.b.met.resize(i + 1, false);
        }
        !std::mem::replace(&mut self.b.met[i], true)
    }

    fn collective_size(&mut self) -> u32 {
        match self.rng.below(10) {
            0..7 => 1,
            7..9 => 2,
            _ => 3,
        }
    }

    /// An event of a declared kind the generator has no shape for (or a meeting, if none).
    fn generic(&mut self, u: u32, h: u32, d: Day) {
        if self.v.generic.is_empty() {
            return self.meeting(u, h, d);
        }
        let kind = *self.rng.pick(&self.v.generic);
        let m = self.member(u, d);
        self.push(Some(kind), d, u, &[h], m.as_slice(), Hint::default());
    }

    /// A 常委会 meeting of `u` chaired by `h` on `d` on one topic: a 决策 (almost always 会议类型 =
    /// the first option, 常委会) and every member's 表态, the 一把手 last (~97%). One topic per
    /// meeting: guize's duplicate key (date, kind, 主体, 对象) leaves the 议题 out, so a second
    /// topic the same day would repeat every member's 表态 as a duplicate.
    fn meeting(&mut self, u: u32, h: u32, d: Day) {
        if !self.claim(d) {
            return;
        }
        let k = self.v.known.clone();
        let me = [UNIT | u];
        self.push(k.meeting, d, u, &me, &[], Hint::default());
        let mut ms = Vec::new();
        self.w.members_at(u, d, &mut ms);
        ms.retain(|&m| m != h);
        let topic = (d as u32 % 100_000) * 10 + self.rng.below(10) as u32;
        let option = if self.rng.chance(970) { 0 } else { self.rng.range(1, 3) as u8 };
        self.push(k.decision, d, u, &me, &[], Hint { topic, option, ..Hint::default() });
        let head_at = if self.rng.chance(970) { ms.len() } else { self.rng.below(ms.len() as u64 + 1) as usize };
        let mut order = 1;
        for i in 0..=ms.len() {
            if i == head_at {
                let preset = self.rng.chance(10);
                self.push(k.statement, d, u, &[h], &[], Hint { topic, order, preset, ..Hint::default() });
                order += 1;
            }
            if let Some(&m) = ms.get(i) {
                self.push(k.statement, d, u, &[m], &[], Hint { topic, order, ..Hint::default() });
                order += 1;
            }
        }
    }
}
