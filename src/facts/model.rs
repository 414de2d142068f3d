//! The fact model: units, people, tenures, events and terms, as loaded and validated.
//!
//! INVARIANT: every reference (上级, 同级, 人员, 单位, 主体, 对象) is an index into the vectors of the
//! same [`Facts`]; every 类型 and 职务 is a folded key declared by the ruleset; events hold no
//! duplicates (they are in `duplicates`); vectors are in file order.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::span::Span;

/// Index into [`Facts::units`].
pub type UnitIdx = u32;
/// Index into [`Facts::people`].
pub type PersonIdx = u32;
/// Index into [`Facts::events`].
pub type EventIdx = u32;

/// A loaded and validated fact set.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// 单位
    pub units: Vec<Unit>,
    /// 人员
    pub people: Vec<Person>,
    /// 任职
    pub tenures: Vec<Tenure>,
    /// 事件, duplicates removed.
    pub events: Vec<Event>,
    /// 届次
    pub terms: Vec<Term>,
    /// 分工 (optional table; empty when the fact set has none).
    pub assignments: Vec<Assignment>,
    /// Dropped duplicate events as (kept id, dropped id), in file order of the dropped one.
    pub duplicates: Vec<(String, String)>,
    /// Rows of 事件 of kinds no rule of the ruleset reads: checked for shape, 编号, 日期 and 类型,
    /// counted, not kept (see `facts::Materialise`).
    pub unread_events: usize,
    /// Rows left out because they had errors (with `--skip-bad-rows`).
    pub skipped_rows: usize,
    /// Rows kept without one of their cells (with `--skip-bad-rows`): a unit whose 上级 or 同级
    /// names no unit, or whose 上级 chain is a cycle, is kept as a unit without that 上级/同级
    /// (dropping it would drop every tenure and event at it). Counted among the kept rows.
    pub partial_rows: usize,
    /// Data rows read in all tables (kept + skipped + duplicates).
    pub rows_read: usize,
}

/// Where a fact came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The whole row (or JSON object) in the fact file.
    pub span: Span,
}

/// A 单位.
#[derive(Clone, Debug)]
pub struct Unit {
    /// 编号
    pub id: String,
    /// 名称
    pub name: String,
    /// 类别, folded.
    pub kind: String,
    /// 上级
    pub parent: Option<UnitIdx>,
    /// 同级: the 党委 a 纪委/组织部 sits beside.
    pub peer: Option<UnitIdx>,
    /// Where.
    pub origin: Origin,
}

/// A 人员.
#[derive(Clone, Debug)]
pub struct Person {
    /// 编号
    pub id: String,
    /// 姓名
    pub name: String,
    /// Where.
    pub origin: Origin,
}

impl Person {
    /// The name to show: 姓名, or the 编号 when the name was left empty.
    pub fn shown_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// A 任职: `person` holds `role` in `unit` on every day of `[start, end]`.
#[derive(Clone, Debug)]
pub struct Tenure {
    /// 人员
    pub person: PersonIdx,
    /// 单位
    pub unit: UnitIdx,
    /// 职务, folded.
    pub role: String,
    /// 起始 (inclusive).
    pub start: NaiveDate,
    /// 终止 (inclusive); `None` = still holding.
    pub end: Option<NaiveDate>,
    /// Where.
    pub origin: Origin,
}

/// A person or a unit named in 主体 / 对象.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartyId {
    /// A person.
    Person(PersonIdx),
    /// A unit.
    Unit(UnitIdx),
}

/// The 主体 or 对象 of an event: usually one or two parties, held inline.
pub type Parties = smallvec::SmallVec<[PartyId; 2]>;

/// A typed extra field value.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// 文本 or 选项 (folded for 选项).
    Text(String),
    /// 是否
    Bool(bool),
    /// 数字
    Number(f64),
    /// 日期
    Date(NaiveDate),
    /// 人员/单位/事件 reference by id.
    Ref(String),
}

/// A 事件.
#[derive(Clone, Debug)]
pub struct Event {
    /// 编号
    pub id: String,
    /// 日期
    pub date: NaiveDate,
    /// 类型, folded (shared by every event of the kind).
    pub kind: std::sync::Arc<str>,
    /// 单位 where it happened.
    pub unit: Option<UnitIdx>,
    /// 主体: who did it, sorted and deduplicated.
    pub actors: Parties,
    /// 对象: whom it concerned, sorted and deduplicated.
    pub targets: Parties,
    /// Declared extra fields that have a value (folded field key → value).
    pub fields: BTreeMap<String, FieldValue>,
    /// Position in file order (0-based, counting every data row of 事件, kept or not).
    pub seq: u32,
    /// Where.
    pub origin: Origin,
}

/// A 届次 of a unit.
#[derive(Clone, Debug)]
pub struct Term {
    /// 单位
    pub unit: UnitIdx,
    /// 届次 label.
    pub term: String,
    /// 起始
    pub start: NaiveDate,
    /// 终止
    pub end: Option<NaiveDate>,
    /// Where.
    pub origin: Origin,
}

/// A 分工 row: `person`, a member of `unit`'s leadership, is in charge of `areas` and is the
/// 分管联系领导 of the units in `contacts`, on every day of `[start, end]`.
#[derive(Clone, Debug)]
pub struct Assignment {
    /// 人员
    pub person: PersonIdx,
    /// 单位: the unit whose 班子 the division of work belongs to.
    pub unit: UnitIdx,
    /// 分管: the areas, as written (trimmed), in cell order; compared folded.
    pub areas: Vec<String>,
    /// 联系单位: the units this person is the 分管联系领导 for, in cell order.
    pub contacts: Vec<UnitIdx>,
    /// 起始 (inclusive).
    pub start: NaiveDate,
    /// 终止 (inclusive); `None` = still in force.
    pub end: Option<NaiveDate>,
    /// Where.
    pub origin: Origin,
}

impl Facts {
    /// Rows of 事件 kept: the events held plus those of kinds no rule reads.
    pub fn event_rows(&self) -> usize {
        self.events.len() + self.unread_events
    }

    /// The id of a party.
    pub fn party_id(&self, p: PartyId) -> &str {
        match p {
            PartyId::Person(i) => &self.people[i as usize].id,
            PartyId::Unit(i) => &self.units[i as usize].id,
        }
    }
}
