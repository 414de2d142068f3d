//! The vocabulary the generator writes, read from a checked ruleset: every declared event kind
//! and field (the header of 事件.csv), and which kinds the generator knows a realistic shape for.
//! A declared kind it has no shape for is still written (by a generic activity), so every kind
//! the ruleset declares appears.

use guize::ir::{FieldType, Vocabulary};

/// How a field's values are made.
#[derive(Clone, Debug)]
pub enum FieldKind {
    /// 议题 (the group of an order prohibition): the meeting's topic.
    Topic,
    /// 次序: the speaking order.
    Order,
    /// 事先定调: rarely 是.
    Preset,
    /// 公开个人事项: 是 at a new 一把手's first meeting.
    Disclose,
    /// Any other yes/no field: every spelling the contract accepts, sometimes blank.
    Bool,
    /// Another number.
    Number,
    /// Another text.
    Text,
    /// A date (the event's).
    Date,
    /// 选项: the first option mostly (常委会), the others rarely.
    OneOf(Vec<String>),
    /// A person id (the first actor).
    Person,
    /// A unit id (the event's unit).
    Unit,
    /// An event id: left blank.
    Event,
}

/// A declared event kind.
#[derive(Clone, Debug)]
pub struct Kind {
    /// Its name as declared.
    pub name: String,
    /// Its fields: (column index in the header, how values are made).
    pub fields: Vec<(usize, FieldKind)>,
}

/// The kinds the generator has a shape for, by role in the world.
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub supervise: Option<u16>,
    pub appoint: Option<u16>,
    pub heart: Option<u16>,
    pub hear_member: Option<u16>,
    pub plan: Option<u16>,
    pub interview: Option<u16>,
    pub duty_lapse: Option<u16>,
    pub hear_report: Option<u16>,
    pub petitions: Option<u16>,
    pub special_interview: Option<u16>,
    pub admonish: Option<u16>,
    pub dereliction: Option<u16>,
    pub minor: Option<u16>,
    pub leave: Option<u16>,
    pub ask: Option<u16>,
    pub work_report: Option<u16>,
    pub special_report: Option<u16>,
    pub statement: Option<u16>,
    pub decision: Option<u16>,
    pub review: Option<u16>,
    pub spot_check: Option<u16>,
    pub meeting: Option<u16>,
    pub disclosure: Option<u16>,
    pub inspection: Option<u16>,
    pub rectify: Option<u16>,
}

/// The vocabulary as the generator uses it.
#[derive(Clone, Debug)]
pub struct Vocab {
    /// Declared kinds, in declaration order.
    pub kinds: Vec<Kind>,
    /// Extra field columns of 事件.csv, in declaration order.
    pub columns: Vec<String>,
    /// Kinds with a known shape.
    pub known: Known,
    /// Declared kinds without a known shape.
    pub generic: Vec<u16>,
}

impl Vocab {
    /// Reads the event kinds and fields of a checked ruleset.
    pub fn new(v: &Vocabulary) -> Vocab {
        let mut columns: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        for e in &v.events {
            let mut fields = Vec::new();
            for f in &e.fields {
                let name = f.name.display.clone();
                let col = match columns.iter().position(|c| *c == name) {
                    Some(i) => i,
                    None => {
                        columns.push(name.clone());
                        columns.len() - 1
                    }
                };
                fields.push((col, field_kind(&name, &f.ty)));
            }
            kinds.push(Kind {
                name: e.name.display.clone(),
                fields,
            });
        }
        let (known, generic) = known(&kinds);
        Vocab {
            kinds,
            columns,
            known,
            generic,
        }
    }
}

fn field_kind(name: &str, ty: &FieldType) -> FieldKind {
    match (name, ty) {
        ("议题", FieldType::Text) => FieldKind::Topic,
        ("次序", FieldType::Number) => FieldKind::Order,
        ("事先定调", FieldType::Bool) => FieldKind::Preset,
        ("公开个人事项", FieldType::Bool) => FieldKind::Disclose,
        (_, FieldType::Bool) => FieldKind::Bool,
        (_, FieldType::Number) => FieldKind::Number,
        (_, FieldType::Text) => FieldKind::Text,
        (_, FieldType::Date) => FieldKind::Date,
        (_, FieldType::OneOf(o)) => FieldKind::OneOf(o.clone()),
        (_, FieldType::Person) => FieldKind::Person,
        (_, FieldType::Unit) => FieldKind::Unit,
        (_, FieldType::Event) => FieldKind::Event,
    }
}

fn known(kinds: &[Kind]) -> (Known, Vec<u16>) {
    let mut k = Known::default();
    let mut generic = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let i = Some(i as u16);
        let slot = match kind.name.as_str() {
            "监督谈话" => &mut k.supervise,
            "任职谈话" => &mut k.appoint,
            "谈心谈话" => &mut k.heart,
            "听取汇报" => &mut k.hear_member,
            "年度计划" => &mut k.plan,
            "约谈" => &mut k.interview,
            "责任落实不到位" => &mut k.duty_lapse,
            "听取报告" => &mut k.hear_report,
            "信访分析研判" => &mut k.petitions,
            "专题约谈" => &mut k.special_interview,
            "诫勉" => &mut k.admonish,
            "失职失责" => &mut k.dereliction,
            "轻微违纪" => &mut k.minor,
            "离开岗位" => &mut k.leave,
            "请示报告" => &mut k.ask,
            "工作报告" => &mut k.work_report,
            "专题报告" => &mut k.special_report,
            "表态" => &mut k.statement,
            "决策" => &mut k.decision,
            "述责述廉" => &mut k.review,
            "抽查核实" => &mut k.spot_check,
            "常委会会议" => &mut k.meeting,
            "个人事项公开" => &mut k.disclosure,
            "巡视反馈" => &mut k.inspection,
            "整改" => &mut k.rectify,
            _ => {
                generic.push(i.expect("set"));
                continue;
            }
        };
        *slot = i;
    }
    (k, generic)
}
