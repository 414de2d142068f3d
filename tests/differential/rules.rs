//! Random rules of the patterns P1, P2, P5, P6 and P10, their text in the rule language (as the
//! README and `tests/cases/p*` write them), and the events each rule makes likely: right and
//! wrong actors, right and wrong targets, dates near the points where a verdict turns.

use chrono::{Datelike, NaiveDate};

use super::world::{days, horizon, ymd, Id, Rng, World, DISC, HEAD, MEMBER, PARTY};

/// Who the obligation concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// 下级单位的一把手: holders of 一把手 in a unit that has a 上级.
    ChildHead,
    /// 一把手, anywhere.
    Head,
    /// 本单位班子成员（除一把手）: 班子成员 on the days they are not also 一把手 there.
    MemberNotHead,
    /// 下级纪委: 纪委 units with a level above.
    ChildDisc,
    /// 党委: every 党委 unit.
    Party,
}

/// Who must act (relative to the subject's unit, on the event's date).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resp {
    /// 上级单位的一把手
    ParentHead,
    /// 本单位的一把手
    SameHead,
    /// 上级单位的班子成员
    ParentMember,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Year,
    Half,
    Quarter,
    Month,
    Week,
    Years(u32),
}

/// A deadline inside a yearly window (P2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    Quarter1,
    Half1,
    ByDate(u32, u32),
    MonthEnd(u32),
    YearEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    AtLeast,
    AtMost,
    Exactly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurUnit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dur {
    pub n: u32,
    pub unit: DurUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trig {
    Start,
    End,
    Years(u32),
    Event(&'static str),
}

#[derive(Clone, Debug)]
pub enum Body {
    Periodic {
        period: Period,
        pos: Option<Pos>,
        op: Op,
        n: u32,
    },
    Triggered {
        triggers: Vec<Trig>,
        limit: Dur,
    },
    Precedence {
        trigger: Trig,
        limit: Option<Dur>,
    },
}

#[derive(Clone, Debug)]
pub struct Rule {
    /// `(一).甲`: what the report calls it.
    pub id: String,
    pub pattern: &'static str,
    pub subject: Subject,
    pub resp: Option<Resp>,
    /// `向 上级纪委`
    pub to_upper_disc: bool,
    /// The required event kind.
    pub kind: &'static str,
    pub body: Body,
    /// The rule's lines, from `规则` on.
    pub text: String,
}

pub const PATTERNS: [&str; 5] = ["P1", "P2", "P5", "P6", "P10"];
const KINDS: [&str; 6] = ["监督谈话", "工作报告", "专题约谈", "任职谈话", "经济责任审计", "请示报告"];
pub const TRIGGER_KINDS: [&str; 2] = ["失职失责", "离开岗位"];

/// A numeral as a rule writer might spell it: Arabic, full-width or Chinese.
pub fn numeral(rng: &mut Rng, n: u32) -> String {
    const ZH: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match rng.range(0, 5) {
        0 if n < 100 => {
            let (t, o) = (n / 10, n % 10);
            let tens = match t {
                0 => String::new(),
                1 => "十".into(),
                _ => format!("{}十", ZH[t as usize]),
            };
            if n == 2 && rng.chance(0.5) {
                return "两".into();
            }
            format!("{tens}{}", if o == 0 && t > 0 { "" } else { ZH[o as usize] })
        }
        1 => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

fn dur_text(rng: &mut Rng, d: Dur) -> String {
    let unit = match d.unit {
        DurUnit::Day => *rng.pick(&["日", "天"]),
        DurUnit::Week => "周",
        DurUnit::Month => "个月",
        DurUnit::Year => "年",
    };
    format!("{}{unit}", numeral(rng, d.n))
}

fn random_dur(rng: &mut Rng, months: bool) -> Dur {
    match rng.range(0, 9) {
        0..=3 => Dur { n: rng.range(1, 60) as u32, unit: DurUnit::Day },
        4 => Dur { n: rng.range(1, 6) as u32, unit: DurUnit::Week },
        5..=7 if months => Dur { n: rng.range(1, 8) as u32, unit: DurUnit::Month },
        8 if months => Dur { n: 1, unit: DurUnit::Year },
        _ => Dur { n: rng.range(10, 40) as u32, unit: DurUnit::Day },
    }
}

fn subject_text(s: Subject) -> &'static str {
    match s {
        Subject::ChildHead => "下级单位的一把手",
        Subject::Head => "一把手",
        Subject::MemberNotHead => "本单位班子成员（除一把手）",
        Subject::ChildDisc => "下级纪委",
        Subject::Party => "党委",
    }
}

fn resp_text(r: Resp) -> &'static str {
    match r {
        Resp::ParentHead => "上级单位的一把手",
        Resp::SameHead => "本单位的一把手",
        Resp::ParentMember => "上级单位的班子成员",
    }
}

fn period_text(rng: &mut Rng, p: Period) -> String {
    match p {
        Period::Year => "每年".into(),
        Period::Half => "每半年".into(),
        Period::Quarter => rng.pick(&["每季度", "每季"]).to_string(),
        Period::Month => rng.pick(&["每月", "每个月"]).to_string(),
        Period::Week => rng.pick(&["每周", "每星期"]).to_string(),
        Period::Years(n) => format!("每{}年", numeral(rng, n)),
    }
}

fn pos_text(rng: &mut Rng, p: Pos) -> String {
    match p {
        Pos::Quarter1 => rng.pick(&["一季度", "第一季度", "1季度"]).to_string(),
        Pos::Half1 => "上半年".into(),
        Pos::ByDate(m, d) => format!("{m}月{d}日前"),
        Pos::MonthEnd(m) => format!("{m}月底前"),
        Pos::YearEnd => rng.pick(&["年底前", "年末前"]).to_string(),
    }
}

fn count_text(rng: &mut Rng, op: Op, n: u32, may_omit: bool) -> String {
    if op == Op::AtLeast && n == 1 && may_omit && rng.chance(0.4) {
        return String::new();
    }
    let word = match op {
        Op::AtLeast => *rng.pick(&["至少", "不少于", "至少开展"]),
        Op::AtMost => *rng.pick(&["至多", "不超过"]),
        Op::Exactly => "恰好",
    };
    format!("{word}{}次", numeral(rng, n))
}

/// A random rule of `pattern`, named `name` in clause `item`.
pub fn random_rule(rng: &mut Rng, pattern: &'static str, item: &str, name: &str) -> Rule {
    let kind = *rng.pick(&KINDS);
    let mut rule = Rule {
        id: format!("({}).{name}", item.trim_matches(['（', '）'])),
        pattern,
        subject: Subject::ChildHead,
        resp: Some(Resp::ParentHead),
        to_upper_disc: false,
        kind,
        body: Body::Triggered { triggers: vec![], limit: Dur { n: 1, unit: DurUnit::Day } },
        text: String::new(),
    };
    match pattern {
        "P1" | "P2" => periodic(rng, &mut rule, pattern == "P2"),
        "P5" | "P10" => triggered(rng, &mut rule, pattern == "P10"),
        _ => precedence(rng, &mut rule),
    }
    rule.text = rule_text(rng, &rule, name);
    rule
}

fn periodic(rng: &mut Rng, rule: &mut Rule, positioned: bool) {
    let (s, r, up) = match rng.range(0, 8) {
        0..=2 => (Subject::ChildHead, Some(Resp::ParentHead), false),
        3 => (Subject::Head, None, false),
        4 => (Subject::ChildDisc, None, true),
        5 => (Subject::Party, None, false),
        6 => (Subject::MemberNotHead, Some(Resp::SameHead), false),
        _ => (Subject::ChildHead, Some(Resp::ParentMember), false),
    };
    (rule.subject, rule.resp, rule.to_upper_disc) = (s, r, up);
    let (period, pos, op, n) = if positioned {
        let pos = match rng.range(0, 4) {
            0 => Pos::Quarter1,
            1 => Pos::Half1,
            2 => Pos::ByDate(rng.range(1, 12) as u32, rng.range(1, 28) as u32),
            3 => Pos::MonthEnd(rng.range(1, 12) as u32),
            _ => Pos::YearEnd,
        };
        (Period::Year, Some(pos), Op::AtLeast, rng.range(1, 2) as u32)
    } else {
        let period = match rng.range(0, 19) {
            0..=6 => Period::Year,
            7..=9 => Period::Half,
            10..=12 => Period::Quarter,
            13..=14 => Period::Month,
            15 => Period::Week,
            _ => Period::Years(rng.range(2, 3) as u32),
        };
        let (op, n) = match rng.range(0, 9) {
            0..=5 => (Op::AtLeast, rng.range(1, 3) as u32),
            6..=7 => (Op::AtMost, rng.range(1, 2) as u32),
            _ => (Op::Exactly, rng.range(1, 2) as u32),
        };
        (period, None, op, n)
    };
    rule.body = Body::Periodic { period, pos, op, n };
}

fn triggered(rng: &mut Rng, rule: &mut Rule, tenure: bool) {
    rule.subject = if rng.chance(0.7) { Subject::ChildHead } else { Subject::Head };
    rule.resp = match rng.range(0, 5) {
        0..=3 => Some(Resp::ParentHead),
        4 => Some(Resp::ParentMember),
        _ => None,
    };
    let triggers = if tenure {
        let n = rng.range(1, 4) as u32;
        match rng.range(0, 3) {
            0 => vec![Trig::Years(n)],
            1 => vec![Trig::End],
            2 => vec![Trig::Years(n), Trig::End],
            _ => vec![Trig::End, Trig::Years(n)],
        }
    } else if rng.chance(0.5) {
        vec![Trig::Start]
    } else {
        vec![Trig::Event(TRIGGER_KINDS[0])]
    };
    rule.body = Body::Triggered { triggers, limit: random_dur(rng, true) };
}

fn precedence(rng: &mut Rng, rule: &mut Rule) {
    let start = rng.chance(0.25);
    rule.subject = if rng.chance(0.5) { Subject::ChildHead } else { Subject::Head };
    rule.resp = (start || rng.chance(0.25)).then_some(Resp::ParentHead);
    let trigger = if start { Trig::Start } else { Trig::Event(TRIGGER_KINDS[1]) };
    let limit = rng.chance(0.5).then(|| match rng.range(0, 3) {
        0 => Dur { n: 1, unit: DurUnit::Month },
        _ => Dur { n: rng.range(1, 15) as u32, unit: DurUnit::Day },
    });
    rule.body = Body::Precedence { trigger, limit };
}

fn trigger_text(rng: &mut Rng, t: Trig) -> String {
    match t {
        Trig::Start => rng.pick(&["任职开始", "新任职", "到任"]).to_string(),
        Trig::End => rng.pick(&["任职结束", "离任", "职务变动"]).to_string(),
        Trig::Years(n) => format!("任职满{}年", numeral(rng, n)),
        Trig::Event(k) => format!("{}{k}", if rng.chance(0.5) { "发生" } else { "" }),
    }
}

fn rule_text(rng: &mut Rng, rule: &Rule, name: &str) -> String {
    let mut s = format!("  规则 {name}：\n");
    let verb = *rng.pick(&["应当", "必须", "要"]);
    let who = subject_text(rule.subject);
    let req = match &rule.body {
        Body::Periodic { period, pos, op, n } => {
            s.push_str(&format!("    对象 {who}\n"));
            let mut t = period_text(rng, *period);
            if let Some(p) = pos {
                t.push_str(&pos_text(rng, *p));
            }
            t.push_str(&count_text(rng, *op, *n, true));
            t
        }
        Body::Triggered { triggers, limit } => {
            let ts: Vec<String> = triggers.iter().map(|&t| trigger_text(rng, t)).collect();
            s.push_str(&format!("    当 {who} {} 时\n", ts.join(" 或 ")));
            if limit.unit == DurUnit::Day && limit.n == 15 {
                "及时".to_string()
            } else {
                format!("{}内", dur_text(rng, *limit))
            }
        }
        Body::Precedence { trigger, limit } => {
            s.push_str(&format!("    当 {who} {} 时\n", trigger_text(rng, *trigger)));
            match limit {
                None => rng.pick(&["事先", "事前"]).to_string(),
                Some(l) => format!("事先{}内", dur_text(rng, *l)),
            }
        }
    };
    if let Some(r) = rule.resp {
        s.push_str(&format!("    责任人 {}\n", resp_text(r)));
    }
    let to = if rule.to_upper_disc { "向 上级纪委 " } else { "" };
    s.push_str(&format!("    {verb} {req} {to}{}\n", rule.kind));
    s
}

/// The whole rule file: header, declarations, one clause per rule.
pub fn ruleset_text(rules: &[Rule], effective: NaiveDate, next_year: bool) -> String {
    let mut kinds: Vec<&str> = KINDS.to_vec();
    kinds.extend(TRIGGER_KINDS);
    let mut s = format!(
        "规则集 差分\n  生效 {}年{}月{}日{}\n单位类别 党委、纪委\n职务 一把手（唯一）、班子成员\n事项 {}\n参数 及时 = 15日\n",
        effective.year(),
        effective.month(),
        effective.day(),
        if next_year { " 次年起" } else { "" },
        kinds.join("、")
    );
    for (i, r) in rules.iter().enumerate() {
        let item = r.id.split('.').next().unwrap_or_default();
        let item = if i % 2 == 0 { item.replace('(', "（").replace(')', "）") } else { item.to_string() };
        s.push_str(&format!("\n条款 {item}\n  原文 「差分测试的第{}条规则」\n", i + 1));
        s.push_str(&r.text);
    }
    s
}

/// A date near `d` (by up to `before` days earlier and `after` days later), within the world.
fn near(rng: &mut Rng, d: NaiveDate, before: i64, after: i64) -> NaiveDate {
    let x = days(d, rng.range(-before, after));
    x.clamp(ymd(2018, 1, 1), horizon())
}

/// A day next to a window boundary (year, half, quarter, month ends).
fn boundary(rng: &mut Rng) -> NaiveDate {
    let y = rng.range(2019, 2026) as i32;
    let m = *rng.pick(&[1, 3, 4, 6, 7, 9, 10, 12]);
    let last = if m == 12 { ymd(y, 12, 31) } else { days(ymd(y, m + 1, 1), -1) };
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
    (0..w.tenures.len()).filter(|&t| w.tenures[t].role == role).collect()
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
            (vec![me], if rng.chance(0.3) { vec![random_id(rng, w)] } else { vec![] })
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
fn pick_date(rng: &mut Rng, rule: &Rule, start: NaiveDate, end: NaiveDate, points: &[NaiveDate]) -> NaiveDate {
    let precede = matches!(rule.body, Body::Precedence { .. });
    match rng.range(0, 11) {
        0..=2 if !points.is_empty() => {
            let p = *rng.pick(points);
            if precede { near(rng, p, 40, 1) } else { near(rng, p, 3, 200) }
        }
        9..=10 => {
            // On, or a day off, the limit: a deadline after a trigger or before an act, or a
            // positioned deadline of some year.
            let p = points.get(rng.range(0, points.len() as i64 - 1) as usize).copied().unwrap_or(start);
            let d = match &rule.body {
                Body::Triggered { limit, .. } => shift(p, *limit, 1),
                Body::Precedence { limit, .. } => limit.map_or(days(p, -1), |l| shift(p, l, -1)),
                Body::Periodic { pos, .. } => {
                    let y = rng.range(2019, 2026) as i32;
                    match pos {
                        Some(Pos::Quarter1) => ymd(y, 3, 31),
                        Some(Pos::Half1) => ymd(y, 6, 30),
                        Some(Pos::ByDate(m, d)) => ymd(y, *m, *d),
                        Some(Pos::MonthEnd(m)) => days(ymd(y + i32::from(*m == 12), *m % 12 + 1, 1), -1),
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
            let kind = if rule.subject == Subject::Party { PARTY } else { DISC };
            let us: Vec<usize> = (0..w.units.len()).filter(|&u| w.units[u].kind == kind).collect();
            if us.is_empty() {
                return None;
            }
            let u = *rng.pick(&us);
            let d = pick_date(rng, rule, ymd(2019, 1, 1), horizon(), &all);
            let targets = if rule.to_upper_disc {
                let up = upper_discs(w, u);
                if up.is_empty() || rng.chance(0.2) { vec![random_id(rng, w)] } else { vec![Id::Unit(*rng.pick(&up))] }
            } else if rng.chance(0.5) {
                vec![random_id(rng, w)]
            } else {
                vec![]
            };
            Some((d, vec![Id::Unit(u)], targets))
        }
        s => {
            let role = if s == Subject::MemberNotHead { MEMBER } else { HEAD };
            let ts = tenures_of(w, role);
            if ts.is_empty() {
                return None;
            }
            let t = w.tenures[*rng.pick(&ts)].clone();
            let end = t.end.unwrap_or(horizon()).min(horizon());
            // Mostly the points of this person (their triggers, their tenures' turning days).
            let mine: Vec<NaiveDate> = points.iter().filter(|p| p.0 == Some(t.person)).map(|p| p.1).collect();
            let pts = if mine.is_empty() || rng.chance(0.2) { &all } else { &mine };
            let d = pick_date(rng, rule, t.start, end, pts);
            Some(person_shape(rng, w, rule, &t, d))
        }
    }
}

/// The expected actors and targets of a required event for the holder of tenure `t` on `d`.
fn person_shape(rng: &mut Rng, w: &World, rule: &Rule, t: &super::world::Tenure, d: NaiveDate) -> Shape {
    let persons = |xs: Vec<usize>| -> Vec<Id> { xs.into_iter().map(Id::Person).collect() };
    let me = Id::Person(t.person);
    let parent = w.units[t.unit].parent;
    let actors = match rule.resp {
        None => vec![me],
        Some(Resp::SameHead) => persons(w.holders(t.unit, HEAD, d)),
        Some(Resp::ParentHead) => parent.map(|p| persons(w.holders(p, HEAD, d))).unwrap_or_default(),
        Some(Resp::ParentMember) => {
            let hs = parent.map(|p| w.holders(p, MEMBER, d)).unwrap_or_default();
            if hs.is_empty() { vec![] } else { vec![Id::Person(*rng.pick(&hs))] }
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
    for (i, t) in w.tenures.iter().enumerate().filter(|(_, t)| t.role == HEAD) {
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
