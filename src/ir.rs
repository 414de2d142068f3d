//! Checked rules: the output of `resolve`, the input of `eval` (and later of `sql` and `lsp`).
//!
//! INVARIANT: every name in the IR has been checked against the ruleset's declarations and is
//! stored as its folded key (traditional → simplified, full-width → half-width); the spelling the
//! author wrote is kept in `display` fields and in 原文 for reports. Spans never take part in
//! equality.

use chrono::NaiveDate;

use crate::span::Span;

mod ids;
mod vocab;
pub use ids::{id_key, qualify, rule_id};
pub use vocab::*;

/// A whole checked ruleset.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruleset {
    /// 规则集 name, also the document name in reports.
    pub name: String,
    /// 依据: the title of the source document.
    pub basis: Option<String>,
    /// 生效: rules apply to windows ending on or after this date, and triggers on or after it.
    pub effective: Option<NaiveDate>,
    /// Declared vocabulary.
    pub vocab: Vocabulary,
    /// Parameters, vague or not.
    pub params: Vec<Param>,
    /// Clauses in file order.
    pub clauses: Vec<Clause>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// `继承`: the base ruleset's name.
    pub inherits: Option<String>,
    /// The versions this ruleset is built from, the root base first, this ruleset last.
    pub chain: Vec<Version>,
    /// Inherited rules this ruleset (or a ruleset between it and the root) repealed.
    pub repeals: Vec<Repeal>,
}

impl Ruleset {
    /// Every event kind (folded key) some rule of the ruleset reads: each body's kind, each
    /// trigger's kind, and 情况说明 (the excuse of default rules). Rules whose body is open
    /// and superseded versions count too. A fact loader may leave rows of other kinds out.
    pub fn event_kinds_read(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        out.insert(crate::eval::EXCUSE_KIND.to_string());
        for body in self.rules.iter().filter_map(|r| r.body.as_ref()) {
            body.kinds_read(&mut out);
        }
        out
    }

    /// 最短任职: the minimum overlap, in days, of a tenure with a window for an instance to exist.
    pub fn min_overlap_days(&self) -> Option<Duration> {
        self.params
            .iter()
            .find(|p| p.name.key == "最短任职")
            .and_then(|p| match p.value {
                Some(ParamValue::Duration(d)) => Some(d),
                _ => None,
            })
    }
}

/// One ruleset (document) version: its name and the dates it is in force.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Version {
    /// 规则集 name.
    pub ruleset: String,
    /// 生效.
    pub effective: Option<NaiveDate>,
    /// 次年起: the rules apply to windows starting in the year after 生效, and to triggers from
    /// the first day of that year.
    pub next_year: bool,
    /// The last day in force: the day before the ruleset's 废止 date, or before a later version
    /// that amends or repeals the rule takes effect.
    pub until: Option<NaiveDate>,
}

impl Version {
    /// The first day from which triggers count (生效, or 1 January after it for 次年起).
    pub fn first_day(&self) -> Option<NaiveDate> {
        let e = self.effective?;
        if self.next_year {
            NaiveDate::from_ymd_opt(chrono::Datelike::year(&e) + 1, 1, 1)
        } else {
            Some(e)
        }
    }

    /// Whether a window `[start, end]` is evaluated under this version: the version is in force
    /// on some day of it (it ends on or after 生效 and starts on or before the last day in
    /// force); for 次年起 the window must start in a year after 生效. Around an amendment a
    /// window can fall under both versions; each instance names the version that produced it.
    pub fn covers_window(&self, start: NaiveDate, end: NaiveDate) -> bool {
        let from_ok = match (self.effective, self.next_year) {
            (None, _) => true,
            (Some(e), false) => end >= e,
            (Some(_), true) => self.first_day().is_none_or(|f| start >= f),
        };
        from_ok && self.until.is_none_or(|u| start <= u)
    }
}

/// `修订`: what an amended rule replaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amends {
    /// The ruleset that defined the replaced rule.
    pub ruleset: String,
    /// The replaced rule's id, with its document (`中央意见(八).谈心谈话`).
    pub rule: String,
    /// Every rule id this one replaces, directly or through earlier amendments (root first),
    /// each with its document.
    pub lineage: Vec<String>,
    /// `从宽：理由`: the amendment loosens the rule for this reason.
    pub loosen: Option<String>,
}

/// 废止 or 不适用 of an inherited rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeal {
    /// `true` for 不适用 (never applies here), `false` for 废止 (stops when the repealing
    /// ruleset takes effect).
    pub not_applicable: bool,
    /// The repealed rule's id, with its document (`中央意见(十八).纪委专题报告`).
    pub rule: String,
    /// The ruleset that defined it.
    pub ruleset: String,
    /// The ruleset that repealed it.
    pub by: String,
    /// The stated reason.
    pub reason: String,
    /// The 原文 of the repealed rule.
    pub text: String,
}

/// A 参数: a named value, possibly still open (a vague term such as 及时).
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name.
    pub name: Name,
    /// What kind of value it takes.
    pub kind: ParamKind,
    /// Its value; `None` while open.
    pub value: Option<ParamValue>,
    /// `（假定：理由）`: the text gives no value; the ruleset assumes this one (the reason, may be
    /// empty). `None`: the value is the text's (or the parameter is open).
    pub assumed: Option<String>,
}

/// A parameter value a rule uses that the text does not give (`参数 及时 = 30日（假定：…）`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    /// The parameter, as written.
    pub param: String,
    /// Its assumed value in words: `30日`.
    pub value: String,
    /// The stated reason (may be empty).
    pub reason: String,
}

/// The kind of value a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A time limit (日/周/月/年): 及时.
    Duration,
    /// A period (每年 …): 定期, 经常.
    Period,
    /// A ratio (%): 一定比例.
    Ratio,
    /// A number of times (次).
    Count,
}

/// A parameter value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// `15日`
    Duration(Duration),
    /// `每半年`
    Period(Period),
    /// `20%` as num/den.
    Ratio(u64, u64),
    /// `2次`
    Count(u32),
}

/// A length of time used as a bound: `30日`, `3个月`, `1年`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    /// How many units.
    pub n: u32,
    /// Which unit.
    pub unit: DurUnit,
}

/// Units of [`Duration`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurUnit {
    /// 日 / 天
    Day,
    /// 周
    Week,
    /// 月 / 个月 (clamped to the month's last day)
    Month,
    /// 年 (clamped)
    Year,
}

/// A calendar window kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// 每年: 1-1 … 12-31.
    Year,
    /// 每半年: 1-1 … 6-30, 7-1 … 12-31.
    HalfYear,
    /// 每季度.
    Quarter,
    /// 每月.
    Month,
    /// 每周: ISO week, Monday first.
    Week,
    /// 每N年: N-year blocks aligned to the ruleset's effective year.
    Years(u32),
}

/// A 条款 of the source document.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// Normalised item label: `(三)`, `九、`, `第三条`.
    pub item: String,
    /// Title written after the item, if any.
    pub title: Option<String>,
    /// 原文 of the clause.
    pub text: Option<String>,
    /// Marked as principle rather than checkable obligation.
    pub principle: bool,
    /// The ruleset (document) the clause belongs to.
    pub ruleset: String,
    /// Where it starts.
    pub span: Span,
}

impl Clause {
    /// The clause as shown in ruleset `leaf`: its item, with its document when it is inherited
    /// (`中央意见(二)` beside 安徽's own `(二)`).
    pub fn label(&self, leaf: &str) -> String {
        if self.ruleset == leaf {
            self.item.clone()
        } else {
            qualify(&self.ruleset, &self.item)
        }
    }
}

/// Provenance of a rule, shown beside every result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The ruleset (document) name.
    pub document: String,
    /// The item label.
    pub item: String,
    /// The original sentence.
    pub text: String,
}

/// Severity of a rule, from its verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// 必须/应当/要/须: a violation is an error.
    Obligation,
    /// 一般/原则上: a violation is a warning.
    Default,
    /// 可以: never violated.
    Permission,
    /// 不得/严禁/决不允许.
    Prohibition,
}

impl Modality {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Default => "default",
            Modality::Permission => "permission",
            Modality::Prohibition => "prohibition",
        }
    }
}

/// One checked rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// `(三).监督谈话`; a rule inherited from a base ruleset carries its document:
    /// `中央意见(八).谈心谈话` (the ruleset's own `(八)` is another clause).
    pub id: String,
    /// The id in its own ruleset, without the document: `(八).谈心谈话`.
    pub local_id: String,
    /// `监督谈话`
    pub name: String,
    /// Item of the clause it belongs to, with the document for an inherited rule
    /// (`中央意见(八)`); `source.item` is the document's own numbering.
    pub clause: String,
    /// Provenance.
    pub source: Source,
    /// From the verb.
    pub modality: Modality,
    /// Whom the obligation concerns (对象, or the party in 当 … 时).
    pub subject: PartyExpr,
    /// Who must act (责任人), evaluated relative to the subject's unit at a date; `None`:
    /// the subject acts (unless `anyone_acts`).
    pub responsible: Option<PartyExpr>,
    /// `责任人 不限`: the duty concerns the subject (it must be among the event's 对象) and
    /// anyone may act; `responsible` is then `None`.
    pub anyone_acts: bool,
    /// `相互 交换意见`: a mutual act. The subject takes part as 主体 or as 对象 (and a holder of
    /// the 责任人, if any, on either side too).
    pub mutual: bool,
    /// `责任人 发现者`, `向 函询的主体`, `按 期限`: what a triggered response (P5) takes from its
    /// trigger event (语言扩展); `None` for every other rule. Kept on the rule, not in the body, so
    /// a rule whose body waits for an open parameter still shows who acts.
    pub trigger_links: Option<Box<TriggerLinks>>,
    /// `应当 每年至少1次 述职（场合=常委会扩大会议）`: for an obligation that counts events
    /// (P1–P6, P10–P12), only events meeting this condition count. (每次, 首次 and 不得 keep
    /// their condition in the body: there it is the property required or forbidden.)
    pub event_cond: Option<FieldCond>,
    /// What is required; `None` while a vague parameter it uses is open.
    pub body: Option<RuleBody>,
    /// Vague parameters this rule uses that have no value.
    pub open_params: Vec<String>,
    /// Parameter values this rule uses that the text does not give (assumed by the ruleset).
    pub assumptions: Vec<Assumption>,
    /// 违反: what follows a violation.
    pub consequence: Option<String>,
    /// The ruleset version that defined this rule, and the days it is in force.
    pub version: Version,
    /// `修订`: the inherited rule this one replaces.
    pub amends: Option<Amends>,
    /// A later version replaced this rule (from the day after `version.until`).
    pub superseded: bool,
    /// The rule's header.
    pub span: Span,
}

/// A party expression: `下级单位的一把手`, `同级纪委书记`, `本单位班子成员(除一把手)`, `下级纪委`.
#[derive(Clone, Debug)]
pub struct PartyExpr {
    /// Where, relative to an anchor unit.
    pub scope: Scope,
    /// Holders of a role, or units of a kind.
    pub target: PartyTarget,
    /// `党委的一把手`: only units of this kind (folded) count.
    pub unit_kind: Option<String>,
    /// 除: persons who also hold this role in the same unit are left out.
    pub except: Option<String>,
    /// As written.
    pub text: String,
    /// Where.
    pub span: Span,
}

impl Rule {
    /// The id with its document, whatever ruleset is being checked: `中央意见(八).谈心谈话`.
    pub fn qualified_id(&self) -> String {
        qualify(&self.version.ruleset, &self.local_id)
    }
}

impl PartialEq for PartyExpr {
    fn eq(&self, o: &PartyExpr) -> bool {
        self.scope == o.scope
            && self.target == o.target
            && self.unit_kind == o.unit_kind
            && self.except == o.except
    }
}

/// Where a party sits relative to an anchor unit `u`. With `b(v)` = the 同级 unit of `v` if it
/// has one, else `v` itself ("the level" of `v`):
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// No scope word: any unit (as a subject) or `u` itself (relative).
    Any,
    /// 本单位: `v = u`.
    SameUnit,
    /// 上级单位: `v = parent(u)`.
    ParentUnit,
    /// 下级单位: `parent(v) = u`.
    ChildUnit,
    /// 同级: `b(v) = b(u)`.
    SameLevel,
    /// 上级: `b(v) = parent(b(u))` or `v = parent(u)`.
    UpperLevel,
    /// 下级: `parent(b(v)) = b(u)` or `parent(v) = u`.
    LowerLevel,
}

/// What a party expression denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartyTarget {
    /// Persons holding this role (folded key).
    Role(String),
    /// Units of this kind (folded key).
    UnitKind(String),
    /// `分管联系领导` / `分管领导`: persons who, on the day, have a 分工 row in the scoped unit
    /// whose 联系单位 include the anchor unit (or the anchor's 同级 unit).
    InCharge,
}

/// The word that stands for a 分工 in an assignment prohibition (`不得 分管 …`); also what
/// [`RuleBody::event`] returns for one.
pub const ASSIGNMENT_WORD: &str = "分管";

/// The names of the [`PartyTarget::InCharge`] party (folded), unless a role of that name is
/// declared.
pub const IN_CHARGE_NAMES: &[&str] = &["分管联系领导", "分管领导"];

/// What a rule requires.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleBody {
    /// P1/P2: in each window, a count of events, optionally by a positioned deadline.
    Periodic {
        /// The window kind.
        period: Period,
        /// A deadline inside the window (P2).
        position: Option<Position>,
        /// How many.
        count: Count,
        /// The event kind (folded).
        event: String,
        /// `向 X`: the event's 对象 must include X.
        target: Option<PartyExpr>,
    },
    /// P5/P10: after each trigger, a response within a time limit.
    Triggered {
        /// What triggers it.
        triggers: Vec<Trigger>,
        /// The time limit.
        limit: Duration,
        /// The response event kind.
        event: String,
        /// `向 X`.
        target: Option<PartyExpr>,
    },
    /// P6: every trigger preceded by an event (within a bound, if any).
    Precedence {
        /// What must be preceded.
        triggers: Vec<Trigger>,
        /// `事先N日内`: the response must be at most N before.
        limit: Option<Duration>,
        /// The required earlier event kind.
        event: String,
    },
    /// P7: the first event of a kind on or after each trigger must meet a condition.
    FirstAfter {
        /// What starts it.
        triggers: Vec<Trigger>,
        /// The event kind.
        event: String,
        /// The property.
        cond: FieldCond,
    },
    /// P8: every event of a kind done by the subject must meet a condition.
    EveryEvent {
        /// The event kind.
        event: String,
        /// The property.
        cond: FieldCond,
    },
    /// P9: no event of a kind (meeting the condition, if any) by the subject; with `before`, no
    /// event of the subject ordered (field 次序) before one of `before` in the same group (议题).
    Prohibited {
        /// The forbidden event kind.
        event: String,
        /// Only events meeting this condition are forbidden.
        cond: Option<FieldCond>,
        /// `先于 X`: the order prohibition.
        before: Option<PartyExpr>,
    },
    /// P9 on the 分工 table: while the subject holds its role, none of its 分工 rows in its unit
    /// names one of these areas (`不得 分管 干部人事、财务`).
    ForbiddenAssignment {
        /// The forbidden areas, as written (matched folded).
        areas: Vec<String>,
    },
    /// P3: in each window, distinct members of the population covered ≥ ⌈ratio × size⌉.
    Ratio {
        /// The window kind.
        period: Period,
        /// (num, den): 10% = (10, 100).
        ratio: (u64, u64),
        /// Which holders count.
        basis: PopulationBasis,
        /// The population, relative to the subject's unit.
        population: PartyExpr,
        /// The covering event kind.
        event: String,
    },
    /// P4: every member of the population covered at least once in each term.
    TermCoverage {
        /// The population, relative to the subject's unit.
        population: PartyExpr,
        /// The covering event kind.
        event: String,
    },
}

impl RuleBody {
    /// The event kind the body names (required, or forbidden).
    pub fn event(&self) -> &str {
        match self {
            RuleBody::Periodic { event, .. }
            | RuleBody::Triggered { event, .. }
            | RuleBody::Precedence { event, .. }
            | RuleBody::FirstAfter { event, .. }
            | RuleBody::EveryEvent { event, .. }
            | RuleBody::Prohibited { event, .. }
            | RuleBody::Ratio { event, .. }
            | RuleBody::TermCoverage { event, .. } => event,
            RuleBody::ForbiddenAssignment { .. } => ASSIGNMENT_WORD,
        }
    }

    /// Adds every event kind the body reads (its own and its triggers').
    // INVARIANT: exhaustive (no `_` arm): a new body or trigger must say which kinds it reads,
    // or the fact loader would leave its events out of a large fact set.
    pub fn kinds_read(&self, out: &mut std::collections::BTreeSet<String>) {
        if let RuleBody::ForbiddenAssignment { .. } = self {
            // Reads the 分工 table, no event.
            return;
        }
        out.insert(self.event().to_string());
        let triggers = match self {
            RuleBody::Triggered { triggers, .. }
            | RuleBody::Precedence { triggers, .. }
            | RuleBody::FirstAfter { triggers, .. } => triggers.as_slice(),
            RuleBody::Periodic { .. }
            | RuleBody::EveryEvent { .. }
            | RuleBody::Prohibited { .. }
            | RuleBody::ForbiddenAssignment { .. }
            | RuleBody::Ratio { .. }
            | RuleBody::TermCoverage { .. } => &[],
        };
        for t in triggers {
            match t {
                Trigger::Event(k) | Trigger::Consecutive { event: k, .. } => {
                    out.insert(k.clone());
                }
                Trigger::TenureStart
                | Trigger::TenureEnd
                | Trigger::TenureYears(_)
                | Trigger::Violation(_) => {}
            }
        }
    }

    /// The pattern (P1…P12) the body encodes.
    pub fn pattern(&self) -> &'static str {
        let trig = |ts: &[Trigger]| {
            if ts.iter().any(|t| matches!(t, Trigger::Consecutive { .. })) {
                "P11"
            } else if ts.iter().any(|t| matches!(t, Trigger::Violation(_))) {
                "P12"
            } else if ts
                .iter()
                .all(|t| !matches!(t, Trigger::Event(_) | Trigger::TenureStart))
            {
                "P10"
            } else {
                "P5"
            }
        };
        match self {
            RuleBody::Periodic { position: None, .. } => "P1",
            RuleBody::Periodic { .. } => "P2",
            RuleBody::Triggered { triggers, .. } => trig(triggers),
            RuleBody::Precedence { .. } => "P6",
            RuleBody::FirstAfter { .. } => "P7",
            RuleBody::EveryEvent { .. } => "P8",
            RuleBody::Prohibited { .. } | RuleBody::ForbiddenAssignment { .. } => "P9",
            RuleBody::Ratio { .. } => "P3",
            RuleBody::TermCoverage { .. } => "P4",
        }
    }
}

/// A count requirement: `至少1次`, `至多2次`, `恰好1次`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// Comparison.
    pub op: CountOp,
    /// The number.
    pub n: u32,
}

/// Comparison of a [`Count`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountOp {
    /// ≥
    AtLeast,
    /// ≤
    AtMost,
    /// =
    Exactly,
}

/// A positioned deadline inside a window (P2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// 一季度 … 四季度 (1–4): by the quarter's last day.
    Quarter(u8),
    /// 上半年 (1) / 下半年 (2).
    Half(u8),
    /// M月D日前 (inclusive).
    ByDate {
        /// Month.
        month: u32,
        /// Day; 31 means the month's last day.
        day: u32,
    },
    /// 年底前: the window's last day.
    WindowEnd,
}

/// What triggers a P5/P6/P10 rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// 任职开始 / 到任 / 新任职 (derived from tenures).
    TenureStart,
    /// 任职结束 / 离任 / 职务变动 (derived).
    TenureEnd,
    /// 任职满N年 (derived, start + N years clamped).
    TenureYears(u32),
    /// A declared event kind (folded).
    Event(String),
    /// P11: the K-th consecutive event of a kind concerning the subject that meets a condition
    /// (a result without the property breaks the run; after a trigger the run starts again).
    Consecutive {
        /// K.
        k: u32,
        /// The result event kind (folded).
        event: String,
        /// The property every result of the run has.
        cond: Option<FieldCond>,
    },
    /// P12: a violation of another rule (its id); fires the day after that rule's deadline.
    Violation(String),
}

/// A condition on an event's extra field: `（集体研究=是）`, `（是否报告同级党委问题）`,
/// `（金额≥3000，会签=否）` (all of them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldCond {
    /// The field (folded key).
    pub field: String,
    /// The required value (folded); `None`: any value.
    pub value: Option<String>,
    /// As written, for reports: `集体研究=是`.
    pub text: String,
    /// How the field compares with the value: `=`, or `≥ > ≤ <` for a 数字 or 日期 field.
    pub op: CmpOp,
    /// Further conditions that must hold too.
    pub and: Vec<FieldCond>,
}

impl FieldCond {
    /// This condition and its `and`s, flattened.
    pub fn all(&self) -> Vec<&FieldCond> {
        let mut v = vec![self];
        for c in &self.and {
            v.extend(c.all());
        }
        v
    }
}

/// How a field compares with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CmpOp {
    /// =
    Eq,
    /// ≥ (以上)
    Ge,
    /// >
    Gt,
    /// ≤ (以下)
    Le,
    /// <
    Lt,
}

impl CmpOp {
    /// The sign.
    pub fn sign(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ge => "≥",
            CmpOp::Gt => ">",
            CmpOp::Le => "≤",
            CmpOp::Lt => "<",
        }
    }

    /// Whether `x op y` holds for an ordering of x against y.
    pub fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ge => o != Less,
            CmpOp::Gt => o == Greater,
            CmpOp::Le => o != Greater,
            CmpOp::Lt => o == Less,
        }
    }
}

/// Which holders make up the population of a ratio requirement (P3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopulationBasis {
    /// 期初: holders on the window's first day.
    Start,
    /// 期末: holders on the window's last day (or the evaluation date, if earlier).
    End,
    /// 期间 (the default): holders on any day of the window.
    Any,
}

impl PopulationBasis {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            PopulationBasis::Start => "window_start",
            PopulationBasis::End => "window_end",
            PopulationBasis::Any => "any_time",
        }
    }
}

/// Which party of the trigger event a [`TriggerParty`] starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerSide {
    /// `发现者`, `函询的主体`: the trigger event's 主体.
    Actors,
    /// `函询的对象`: the trigger event's 对象.
    Targets,
    /// `本人`: the instance's subject.
    Subject,
}

/// A party given by the trigger event of an instance: `发现者`, `发现者的同级党委的一把手`,
/// `函询的主体`, `本人`.
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerParty {
    /// Where it starts.
    pub side: TriggerSide,
    /// `的同级党委的一把手`: the holders of this expression relative to the anchor's unit (a
    /// person anchor's unit: the event's 单位, else each unit the person holds a post in that day).
    pub rel: Option<PartyExpr>,
    /// As written.
    pub text: String,
}

/// What a triggered rule (P5) takes from its trigger event (semantics §3.1, 语言扩展).
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerLinks {
    /// `责任人 发现者`: the response must be done by this party (the rule's `responsible` is then
    /// `None`); the instance's 责任人 is who it was.
    pub actor: Option<TriggerParty>,
    /// `向 函询的主体`: the response's 对象 must include this party (instead of the subject).
    pub recipient: Option<TriggerParty>,
    /// `按 期限`: the deadline is this 日期 field (folded) of the trigger event; the body's `limit`
    /// is then unused. A trigger event without the field gives an instance without a deadline.
    pub deadline: Option<String>,
    /// The field as written, for reports.
    pub deadline_text: String,
}

impl TriggerLinks {
    /// Whether the response is tied to the instance through the trigger rather than by naming
    /// the subject in its 对象: with a trigger-given 责任人 or recipient.
    pub fn parties(&self) -> bool {
        self.actor.is_some() || self.recipient.is_some()
    }
}
