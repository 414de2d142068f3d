//! The syntax tree of a rule file, as written: the output of `syntax`, the input of `resolve`
//! (and later of `fmt`).
//!
//! INVARIANT: the AST holds no pest type; every node has a span; equality ignores spans (an
//! [`Ident`] compares by its folded key).

use chrono::NaiveDate;

use crate::span::Span;

// Plain values are the same before and after checking, so the AST uses the IR's types for them.
pub use crate::ir::{
    Count, CountOp, DurUnit, Duration, ParamKind, ParamValue, Period, PopulationBasis,
};

/// A word as written, with its folded key.
#[derive(Clone, Debug)]
pub struct Ident {
    /// As written (traditional or full-width forms kept).
    pub text: String,
    /// Folded key for matching.
    pub key: String,
    /// Where.
    pub span: Span,
}

impl PartialEq for Ident {
    fn eq(&self, o: &Ident) -> bool {
        self.key == o.key
    }
}

/// A parsed rule file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    /// `规则集 NAME`
    pub name: Option<Ident>,
    /// `依据 《…》`
    pub basis: Option<Ident>,
    /// `出处 KEY PATH`: the documents the ruleset quotes, in file order (the first is where a
    /// 原文 without a key is looked up).
    pub sources: Vec<SourceDecl>,
    /// `生效 DATE`
    pub effective: Option<(NaiveDate, Span)>,
    /// `生效 DATE 次年起`: the rules apply from the next calendar year.
    pub next_year: bool,
    /// `继承 NAME`: the base ruleset.
    pub inherits: Option<Ident>,
    /// `废止 DATE`: the ruleset ends on this date (its last day in force is the day before).
    pub ends: Option<(NaiveDate, Span)>,
    /// `废止 REF：理由` / `不适用 REF：理由`, in file order.
    pub repeals: Vec<Repeal>,
    /// Declarations in file order.
    pub decls: Vec<Decl>,
    /// Clauses in file order.
    pub clauses: Vec<Clause>,
}

/// `出处 KEY PATH 自「…」 至「…」`: a document the ruleset quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDecl {
    /// The short key a 原文 names it by (`000`, `篇8`).
    pub key: Ident,
    /// The path as written; the CLI resolves it from the rule file's directory upwards.
    pub path: String,
    /// `自「…」`: the cited part starts at the first occurrence of this text.
    pub from: Option<Quoted>,
    /// `至「…」`: … and ends before the next occurrence of this text after it.
    pub to: Option<Quoted>,
    /// `分项「、」`: for coverage, the `◆` paragraphs list items separated by this text.
    pub split: Option<Quoted>,
    /// The whole line.
    pub span: Span,
}

/// A declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    /// `单位类别 …`
    UnitKinds(Vec<Ident>),
    /// `职务 …`: each with 唯一 or not.
    Roles(Vec<(Ident, bool)>),
    /// `事项 …` with its `字段` lines.
    Events(Vec<Ident>, Vec<FieldDecl>),
    /// `参数 …`
    Param(ParamDecl),
}

/// `字段 NAME：TYPE`
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The field name.
    pub name: Ident,
    /// Its type.
    pub ty: FieldType,
}

/// A field type as written.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldType {
    /// 文本
    Text,
    /// 是否
    Bool,
    /// 数字
    Number,
    /// 日期
    Date,
    /// 人员
    Person,
    /// 单位
    Unit,
    /// 事件
    Event,
    /// 选项（…）
    OneOf(Vec<Ident>),
}

/// `参数 NAME = VALUE` or `参数 NAME：未定（KIND）`
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    /// The name.
    pub name: Ident,
    /// The value, `None` for 未定.
    pub value: Option<ParamValue>,
    /// The kind written in `未定（…）`.
    pub kind: Option<ParamKind>,
    /// `（假定：理由）` after the value: the text gives no value, the ruleset assumes one
    /// (the reason, possibly empty).
    pub assumed: Option<String>,
    /// The whole declaration.
    pub span: Span,
}

/// `条款 （三） …` with its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    /// The item label as written.
    pub item: Ident,
    /// A title after the label.
    pub title: Option<String>,
    /// `原文 「…」`
    pub text: Option<Quoted>,
    /// `不设规则：…` with its reason.
    pub principle: Option<String>,
    /// Its rules.
    pub rules: Vec<Rule>,
    /// A line of the clause (before its rules) did not parse.
    pub broken: bool,
    /// The header line.
    pub span: Span,
}

/// A quotation without its brackets.
#[derive(Clone, Debug, PartialEq)]
pub struct Quoted {
    /// The text inside 「」, as written.
    pub text: String,
    /// `原文（KEY）「…」`: the 出处 it is quoted from (default: the first).
    pub doc: Option<Ident>,
    /// Where (brackets included).
    pub span: Span,
}

/// `规则 NAME：` with its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// The name.
    pub name: Ident,
    /// `原文` of the rule itself.
    pub text: Option<Quoted>,
    /// `对象 …`
    pub subject: Option<Party>,
    /// `责任人 …`
    pub responsible: Option<Party>,
    /// `当 … 时`
    pub trigger: Option<Trigger>,
    /// `应当 …`
    pub requirement: Option<Requirement>,
    /// `违反 …`
    pub consequence: Option<String>,
    /// `修订 REF`: the inherited rule this one amends.
    pub amends: Option<RuleRef>,
    /// `从宽：理由`: the amendment loosens the inherited rule, for this reason.
    pub loosen: Option<Reason>,
    /// `范围 …`: the population of a coverage requirement (P3, P4).
    pub population: Option<Party>,
    /// `例 …`: worked examples, in file order.
    pub examples: Vec<Example>,
    /// `责任人 不限`: anyone acts; the event's 对象 must include the subject.
    pub anyone: Option<Span>,
    /// `责任人 发现者`: a party of the trigger event acts.
    pub by_trigger: Option<TriggerParty>,
    /// A line of the rule did not parse: it is not checked for completeness.
    pub broken: bool,
    /// The header line.
    pub span: Span,
}

/// `例 NAME：截至 DATE` with its fact rows and `预期` lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The name.
    pub name: Ident,
    /// `截至`: the evaluation date (default: the last date of its rows).
    pub as_of: Option<NaiveDate>,
    /// Fact rows in file order.
    pub rows: Vec<FactRow>,
    /// `预期` lines in file order.
    pub expects: Vec<Expect>,
    /// `参数 经常 = 每月` lines: values the example gives open (or any) parameters, for this
    /// example only.
    pub params: Vec<ParamDecl>,
    /// The header line.
    pub span: Span,
}

/// `任职 P1 U1 一把手 2020-01-01`: a row of a fact table.
#[derive(Clone, Debug, PartialEq)]
pub struct FactRow {
    /// 单位, 人员, 任职, 事件 or 届次.
    pub table: String,
    /// Its cells: positional (in the contract's column order), then `列=值`.
    pub cells: Vec<Cell>,
    /// The line.
    pub span: Span,
}

/// A cell of a [`FactRow`].
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// `列` of `列=值`; `None` for a positional cell.
    pub name: Option<String>,
    /// The value.
    pub value: String,
}

/// `预期 P2 2023-06-01 已履行`.
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    /// A person or unit id.
    pub subject: String,
    /// A day inside the expected instance's period.
    pub date: NaiveDate,
    /// The status word as written.
    pub status: String,
    /// The line.
    pub span: Span,
}

/// Scope words of a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// 本单位
    SameUnit,
    /// 上级单位
    ParentUnit,
    /// 下级单位
    ChildUnit,
    /// 同级
    SameLevel,
    /// 上级
    UpperLevel,
    /// 下级
    LowerLevel,
}

/// A party expression as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    /// The scope word.
    pub scope: Option<Scope>,
    /// One or two names: `一把手`; `党委的一把手` (a unit kind, then a role).
    pub names: Vec<Ident>,
    /// `(除 …)`
    pub except: Option<Ident>,
    /// As written.
    pub text: String,
    /// The whole expression.
    pub span: Span,
}

/// `当 PARTY KIND (或 KIND)* 时`
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// Whose event.
    pub party: Party,
    /// What happens.
    pub kinds: Vec<TriggerKind>,
    /// The whole line.
    pub span: Span,
}

/// What triggers a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum TriggerKind {
    /// 任职开始
    TenureStart(Span),
    /// 任职结束
    TenureEnd(Span),
    /// 任职满N年
    TenureYears(u32, Span),
    /// A declared event kind.
    Event(Ident),
    /// `连续K次 EVENT（COND）` (P11).
    Consecutive(u32, Ident, Option<Cond>, Span),
    /// `违反 RULE` (P12): a violation of another rule.
    Violation(Ident),
}

/// `（字段=值）`, `（字段）`, `（金额≥3000，会签=否）` after an event kind.
#[derive(Clone, Debug, PartialEq)]
pub struct Cond {
    /// The field.
    pub field: Ident,
    /// The value; `None`: the field has any value.
    pub value: Option<Ident>,
    /// How the field compares with the value (`=` unless written).
    pub op: crate::ir::CmpOp,
    /// Further conditions after `，`: all must hold.
    pub and: Vec<Cond>,
    /// Where.
    pub span: Span,
}

/// The verb of a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// 应当 …
    Obligation,
    /// 一般 …
    Default,
    /// 可以
    Permission,
    /// 不得 …
    Prohibition,
}

/// `应当 TIMING [向 PARTY] EVENT`
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// The verb.
    pub modality: Modality,
    /// When.
    pub timing: Option<Timing>,
    /// `向 …`
    pub target: Option<Party>,
    /// The event kind.
    pub event: Ident,
    /// `相互 交换意见`: a mutual act (the subject counts in 主体 or in 对象).
    pub mutual: Option<Span>,
    /// `（字段=值）` after the event kind.
    pub cond: Option<Cond>,
    /// `先于 PARTY` (P9 order inside a group).
    pub before: Option<Party>,
    /// `不得 分管 干部人事、财务`: the forbidden areas of a 分工 (then `event` is the word 分管).
    pub areas: Vec<Ident>,
    /// `向 发现者的同级党委的一把手`, `向 函询的主体`: a recipient given by the trigger event.
    pub to_trigger: Option<TriggerParty>,
    /// `按 期限`: the deadline is this 日期 field of the trigger event (`期限` or `收到纪检监察建议的期限`).
    pub deadline: Option<Ident>,
    /// The whole line.
    pub span: Span,
}

/// Which party of the trigger event a [`TriggerParty`] starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum TriggerAnchor {
    /// `发现者` (kind `None`) or `函询的主体` (kind `函询`): the event's 主体.
    Actors(Option<Ident>),
    /// `函询的对象`: the event's 对象.
    Targets(Ident),
    /// `本人`: the rule's subject.
    Subject,
}

/// A party given by the trigger event: `发现者`, `发现者的同级党委的一把手`, `函询的主体`, `本人`.
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerParty {
    /// Where it starts.
    pub anchor: TriggerAnchor,
    /// `的同级党委的一把手`: a party relative to the anchor's unit.
    pub rel: Option<Party>,
    /// As written.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// When a required event must happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Timing {
    /// `每年一季度至少1次`
    Periodic {
        /// The window kind.
        period: Period,
        /// A deadline inside it.
        position: Option<Position>,
        /// A count, default 至少1次.
        count: Option<Count>,
        /// Where.
        span: Span,
    },
    /// `30日内`
    Within(Duration, Span),
    /// `事先`, `事先3日内`
    Beforehand(Option<Duration>, Span),
    /// A named parameter: `及时`, `定期`.
    Param(Ident),
    /// `每次` (P8).
    Each(Span),
    /// `首次` (P7).
    First(Span),
    /// `每年 按人数10%` (P3): period, basis, ratio (value or vague parameter).
    Ratio {
        /// The window kind.
        period: Period,
        /// Which holders count.
        basis: PopulationBasis,
        /// `10%` as (num, den), or a named parameter.
        ratio: Result<(u64, u64), Ident>,
        /// Where.
        span: Span,
    },
    /// `一届任期内 全覆盖` (P4).
    TermCover(Span),
}

/// A deadline inside a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// 一季度 … 四季度
    Quarter(u32),
    /// 上半年 (1), 下半年 (2)
    Half(u8),
    /// M月D日前; `day` 0 = 月底.
    ByDate {
        /// Month.
        month: u32,
        /// Day, 0 = the month's last day.
        day: u32,
    },
    /// 年底前
    WindowEnd,
}

/// `(八).谈心谈话`: a rule named by its clause item and name.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRef {
    /// The item label as written.
    pub item: Ident,
    /// The rule name.
    pub name: Ident,
    /// As written.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// A stated reason (after `从宽` or `废止 REF：`); empty when none was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    /// The text, trimmed, without a leading `理由`.
    pub text: String,
    /// The whole line.
    pub span: Span,
}

/// 废止 or 不适用.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepealKind {
    /// 废止: the inherited rule stops applying when this ruleset takes effect.
    Repeal,
    /// 不适用: the inherited rule never applies under this ruleset.
    NotApplicable,
}

/// `废止 (十一).谈心谈话：理由 …`
#[derive(Clone, Debug, PartialEq)]
pub struct Repeal {
    /// 废止 or 不适用.
    pub kind: RepealKind,
    /// The inherited rule.
    pub rule: RuleRef,
    /// The stated reason.
    pub reason: Reason,
    /// The whole line.
    pub span: Span,
}
