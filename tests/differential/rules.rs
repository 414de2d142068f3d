//! Random rules of the patterns P1, P2, P5, P6 and P10 and their text in the rule language (as
//! the README and `tests/cases/p*` write them).

use chrono::{Datelike, NaiveDate};

use super::world::Rng;

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
const KINDS: [&str; 6] = [
    "监督谈话",
    "工作报告",
    "专题约谈",
    "任职谈话",
    "经济责任审计",
    "请示报告",
];
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
            format!(
                "{tens}{}",
                if o == 0 && t > 0 { "" } else { ZH[o as usize] }
            )
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
        0..=3 => Dur {
            n: rng.range(1, 60) as u32,
            unit: DurUnit::Day,
        },
        4 => Dur {
            n: rng.range(1, 6) as u32,
            unit: DurUnit::Week,
        },
        5..=7 if months => Dur {
            n: rng.range(1, 8) as u32,
            unit: DurUnit::Month,
        },
        8 if months => Dur {
            n: 1,
            unit: DurUnit::Year,
        },
        _ => Dur {
            n: rng.range(10, 40) as u32,
            unit: DurUnit::Day,
        },
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
        body: Body::Triggered {
            triggers: vec![],
            limit: Dur {
                n: 1,
                unit: DurUnit::Day,
            },
        },
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
    rule.subject = match rng.range(0, 9) {
        0..=5 => Subject::ChildHead,
        6..=7 => Subject::Head,
        _ => Subject::MemberNotHead,
    };
    rule.resp = match rng.range(0, 5) {
        _ if rule.subject == Subject::MemberNotHead => rng.chance(0.7).then_some(Resp::SameHead),
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
    // 15日 is written 及时 (参数 及时 = 15日).
    let limit = if rng.chance(0.15) {
        Dur {
            n: 15,
            unit: DurUnit::Day,
        }
    } else {
        random_dur(rng, true)
    };
    rule.body = Body::Triggered { triggers, limit };
}

fn precedence(rng: &mut Rng, rule: &mut Rule) {
    let start = rng.chance(0.25);
    rule.subject = match rng.range(0, 4) {
        0..=1 => Subject::ChildHead,
        2 => Subject::Head,
        _ => Subject::MemberNotHead,
    };
    rule.resp = (start || rng.chance(0.25)).then_some(match rule.subject {
        Subject::MemberNotHead => Resp::SameHead,
        _ => Resp::ParentHead,
    });
    let trigger = if start {
        Trig::Start
    } else {
        Trig::Event(TRIGGER_KINDS[1])
    };
    let limit = rng.chance(0.5).then(|| match rng.range(0, 3) {
        0 => Dur {
            n: 1,
            unit: DurUnit::Month,
        },
        _ => Dur {
            n: rng.range(1, 15) as u32,
            unit: DurUnit::Day,
        },
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
            s.push_str(&format!(
                "    当 {who} {} 时\n",
                trigger_text(rng, *trigger)
            ));
            match limit {
                None => rng.pick(&["事先", "事前"]).to_string(),
                Some(l) => format!("事先{}内", dur_text(rng, *l)),
            }
        }
    };
    if let Some(r) = rule.resp {
        s.push_str(&format!("    责任人 {}\n", resp_text(r)));
    }
    let to = if rule.to_upper_disc {
        "向 上级纪委 "
    } else {
        ""
    };
    s.push_str(&format!("    {verb} {req} {to}{}\n", rule.kind));
    s
}

/// The whole rule file: header, declarations, one clause per rule.
pub fn ruleset_text(
    rules: &[Rule],
    effective: Option<NaiveDate>,
    next_year: bool,
    min_days: Option<u32>,
) -> String {
    let mut kinds: Vec<&str> = KINDS.to_vec();
    kinds.extend(TRIGGER_KINDS);
    let mut s = String::from("规则集 差分\n");
    if let Some(e) = effective {
        let next = if next_year { " 次年起" } else { "" };
        s.push_str(&format!(
            "  生效 {}年{}月{}日{next}\n",
            e.year(),
            e.month(),
            e.day()
        ));
    }
    s.push_str(&format!(
        "单位类别 党委、纪委\n职务 一把手（唯一）、班子成员\n事项 {}\n参数 及时 = 15日\n",
        kinds.join("、")
    ));
    if let Some(n) = min_days {
        s.push_str(&format!("参数 最短任职 = {n}日\n"));
    }
    for (i, r) in rules.iter().enumerate() {
        let item = r.id.split('.').next().unwrap_or_default();
        let item = if i % 2 == 0 {
            item.replace('(', "（").replace(')', "）")
        } else {
            item.to_string()
        };
        s.push_str(&format!(
            "\n条款 {item}\n  原文 「差分测试的第{}条规则」\n",
            i + 1
        ));
        s.push_str(&r.text);
    }
    s
}
