//! Rule parts as the words a policy officer reads: `每年至少1次`, `30日`, `一季度`.

use crate::ir::{self, Count, CountOp, DurUnit, Duration, Period, Position, RuleBody, Trigger};

/// A parameter value in words: `30日`, `每半年`, `10%`, `2次`.
pub fn param_value(v: ir::ParamValue) -> String {
    match v {
        ir::ParamValue::Duration(d) => duration(d),
        ir::ParamValue::Period(p) => period(p),
        ir::ParamValue::Ratio(n, d) => crate::report::words::ratio(n, d),
        ir::ParamValue::Count(n) => format!("{n}次"),
    }
}

/// The dimensions of the 从严 check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DimName {
    /// Periodic, triggered or precedence.
    Pattern,
    /// A vague parameter given a value (or left open).
    Concretised,
    /// The event kind required.
    Event,
    /// Window and count: 每年至少1次.
    Frequency,
    /// A deadline inside the window: 一季度.
    Deadline,
    /// The time to respond to a trigger.
    Response,
    /// How long before the act a report must be.
    Before,
    /// What triggers the rule.
    Triggers,
    /// Whom the rule binds.
    Population,
    /// Who must act.
    Responsible,
    /// 向 X.
    Target,
    /// 应当 / 一般 / 可以 / 不得.
    Modality,
    /// The ratio of a coverage requirement (P3): 10%.
    Ratio,
    /// The field condition of a prohibition (P9): which events are forbidden.
    Property,
    /// The property an obligation's events must have (P1/P2 with a condition).
    Required,
    /// The order condition of a prohibition (P9): `先于 X`.
    Order,
}

impl DimName {
    /// Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            DimName::Pattern => "要求类型",
            DimName::Concretised => "模糊用语",
            DimName::Event => "事项",
            DimName::Frequency => "频次",
            DimName::Deadline => "时间节点",
            DimName::Response => "响应期限",
            DimName::Before => "事先期限",
            DimName::Triggers => "触发情形",
            DimName::Population => "适用范围",
            DimName::Responsible => "责任人",
            DimName::Target => "报告对象",
            DimName::Modality => "约束力",
            DimName::Ratio => "比例",
            DimName::Property => "禁止的情形",
            DimName::Required => "须具备的情形",
            DimName::Order => "次序",
        }
    }

    /// English (also the JSON value).
    pub fn en(self) -> &'static str {
        match self {
            DimName::Pattern => "pattern",
            DimName::Concretised => "vague term",
            DimName::Event => "event",
            DimName::Frequency => "frequency",
            DimName::Deadline => "deadline",
            DimName::Response => "response time",
            DimName::Before => "advance notice",
            DimName::Triggers => "triggers",
            DimName::Population => "population",
            DimName::Responsible => "responsible",
            DimName::Target => "target",
            DimName::Modality => "modality",
            DimName::Ratio => "ratio",
            DimName::Property => "forbidden property",
            DimName::Required => "required property",
            DimName::Order => "order",
        }
    }
}

/// `每年`, `每半年`, `每2年`.
pub fn period(p: Period) -> String {
    match p {
        Period::Year => "每年".into(),
        Period::HalfYear => "每半年".into(),
        Period::Quarter => "每季度".into(),
        Period::Month => "每月".into(),
        Period::Week => "每周".into(),
        Period::Years(n) => format!("每{n}年"),
    }
}

/// `至少1次`.
pub fn count(c: Count) -> String {
    let op = match c.op {
        CountOp::AtLeast => "至少",
        CountOp::AtMost => "至多",
        CountOp::Exactly => "恰好",
    };
    format!("{op}{}次", c.n)
}

/// `30日`, `3个月`.
pub fn duration(d: Duration) -> String {
    let unit = match d.unit {
        DurUnit::Day => "日",
        DurUnit::Week => "周",
        DurUnit::Month => "个月",
        DurUnit::Year => "年",
    };
    format!("{}{unit}", d.n)
}

/// `一季度`, `6月30日前`; `期末` without a position.
pub fn position(p: Option<Position>) -> String {
    match p {
        None | Some(Position::WindowEnd) => "期末".into(),
        Some(Position::Quarter(q)) => format!("第{q}季度"),
        Some(Position::Half(1)) => "上半年".into(),
        Some(Position::Half(_)) => "下半年".into(),
        Some(Position::ByDate { month, day: 31 }) => format!("{month}月底前"),
        Some(Position::ByDate { month, day }) => format!("{month}月{day}日前"),
    }
}

/// A trigger.
pub fn trigger(t: &Trigger) -> String {
    match t {
        Trigger::TenureStart => "任职开始".into(),
        Trigger::TenureEnd => "任职结束".into(),
        Trigger::TenureYears(n) => format!("任职满{n}年"),
        Trigger::Event(k) => k.clone(),
        Trigger::Consecutive { k, event, .. } => format!("连续{k}次{event}"),
        Trigger::Violation(r) => format!("违反{r}"),
    }
}

/// The requirement of a rule in one line: `每年至少1次 监督谈话`, `30日内 任职谈话`.
pub fn body(r: &ir::Rule) -> String {
    match &r.body {
        None => format!("未定（{}）", r.open_params.join("、")),
        Some(RuleBody::Periodic {
            period: p,
            position: pos,
            count: c,
            event,
            ..
        }) => {
            let at = match pos {
                None => String::new(),
                Some(_) => position(*pos),
            };
            let with = r
                .event_cond
                .as_ref()
                .map_or(String::new(), |c| format!("（{}）", c.text));
            format!("{}{at}{} {event}{with}", period(*p), count(*c))
        }
        Some(RuleBody::Triggered {
            triggers,
            limit,
            event,
            ..
        }) => {
            let links = &r.trigger_links;
            let t: Vec<String> = triggers.iter().map(trigger).collect();
            let when = match links.as_ref().filter(|l| l.deadline.is_some()) {
                Some(l) => format!("按 {}", l.deadline_text),
                None => format!("{}内", duration(*limit)),
            };
            let to = links
                .as_ref()
                .and_then(|l| l.recipient.as_ref())
                .map_or(String::new(), |r| format!(" 向 {}", r.text));
            format!("{}时 {when}{to} {event}", t.join("或"))
        }
        Some(RuleBody::Precedence {
            triggers,
            limit,
            event,
        }) => {
            let t: Vec<String> = triggers.iter().map(trigger).collect();
            let bound = limit
                .map(|d| format!("{}内", duration(d)))
                .unwrap_or_default();
            format!("{}前 事先{bound} {event}", t.join("或"))
        }
        Some(RuleBody::ForbiddenAssignment { areas }) => format!("不得 分管 {}", areas.join("、")),
        // Patterns added later are shown by their 原文 until they have words of their own.
        #[allow(unreachable_patterns)]
        Some(_) => r.source.text.clone(),
    }
}
