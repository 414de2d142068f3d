//! Fact-set loading: validation of 单位, 人员, 任职 and 届次 rows into [`Facts`] (事件 is in
//! `events.rs`), with the lookups of ids shared by both.
//!
//! INVARIANT: a row goes into `Facts` only if it raised no error; every other row read is
//! counted in `skipped_rows` (or, for dropped duplicate events, in `duplicates`).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::{Facts, Origin, PartyId, Person, PersonIdx, Term, Tenure, UnitIdx};
use super::table::{Cell, Col, Row, Table, TableKind};
use super::units;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir::Vocabulary;
use crate::span::Span;
use crate::text::{fold, parse_date, DATE_FORMS};

/// Validates every table (in the fixed order 单位, 人员, 任职, 届次, 事件) into facts.
pub(crate) fn run(tables: &[Table], vocab: &Vocabulary) -> (Facts, Vec<Diag>) {
    let mut cx = Ctx { vocab, facts: Facts::default(), diags: Vec::new(), ids: HashMap::new() };
    for t in tables {
        cx.facts.rows_read += t.rows_read();
        cx.facts.skipped_rows += t.bad_rows;
    }
    let of = |k: TableKind| tables.iter().filter(move |t| t.kind == k);
    let drafts = units::drafts(&mut cx, of(TableKind::Units));
    cx.people(of(TableKind::People));
    units::resolve(&mut cx, drafts);
    cx.tenures(of(TableKind::Tenures));
    cx.terms(of(TableKind::Terms));
    super::events::run(&mut cx, of(TableKind::Events));
    (cx.facts, cx.diags)
}

/// What an id of the shared 单位/人员 namespace stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Known {
    /// A unit row not yet resolved (its 上级 and 同级 are checked after all rows are read).
    Pending,
    /// A kept unit.
    Unit(UnitIdx),
    /// A kept person.
    Person(PersonIdx),
    /// A unit (true) or person (false) whose row was left out.
    Skipped(bool),
}

/// The first row that used an id.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    /// The 编号 cell.
    pub span: Span,
    /// What it stands for now.
    pub known: Known,
}

/// What a reference must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Want {
    Unit,
    Person,
    Party,
}

impl Want {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Want::Unit => ("单位", "unit"),
            Want::Person => ("人员", "person"),
            Want::Party => ("人员或单位", "person or unit"),
        }
    }
}

/// The validation context.
pub(super) struct Ctx<'v> {
    pub vocab: &'v Vocabulary,
    pub facts: Facts,
    pub diags: Vec<Diag>,
    /// Ids of 单位 and 人员 (one namespace).
    pub ids: HashMap<String, Entry>,
}

impl Ctx<'_> {
    /// Ends a row: keeps it if it raised no error, else reports and counts it as skipped.
    pub fn finish(&mut self, errs: Vec<Diag>) -> bool {
        if errs.is_empty() {
            return true;
        }
        self.diags.extend(errs);
        self.facts.skipped_rows += 1;
        false
    }

    /// The value of a required column, or E0412.
    pub fn required<'t>(&self, t: &Table, row: &'t Row, col: Col, errs: &mut Vec<Diag>) -> Option<&'t Cell> {
        if let Some(c) = t.cell(row, col) {
            return Some(c);
        }
        let (zh, en) = t.kind.col_name(col);
        let span = t.cell_any(row, col).map_or(row.span, |c| c.span);
        let d = Diag::error("E0412", format!("缺少必填值 `{zh}`"), format!("missing required value `{zh}` ({en})"));
        errs.push(match &row.pointer {
            Some(p) => d.at(span, format!("`{p}` 没有 `{zh}`"), format!("`{p}` has no `{zh}`")),
            None => d.at(span, "此处应有值", "a value is needed here"),
        });
        None
    }

    /// A date, or E0401.
    pub fn date(&self, cell: &Cell, errs: &mut Vec<Diag>) -> Option<NaiveDate> {
        let d = parse_date(&cell.text);
        if d.is_none() {
            errs.push(bad_date(cell));
        }
        d
    }

    /// Registers the 编号 of a 单位 or 人员 row; E0405 if an earlier row has it.
    pub fn register(&mut self, id: &Cell, known: Known, errs: &mut Vec<Diag>) {
        match self.ids.get(&id.text) {
            Some(first) => errs.push(duplicate_id(id, first.span)),
            None => {
                self.ids.insert(id.text.clone(), Entry { span: id.span, known });
            }
        }
    }

    /// Marks an id's row as left out (only if that row is the id's first).
    pub fn mark_skipped(&mut self, id: &str, span: Span, unit: bool) {
        if let Some(e) = self.ids.get_mut(id) {
            if e.span == span {
                e.known = Known::Skipped(unit);
            }
        }
    }

    /// Resolves a unit id.
    pub fn unit(&self, id: &str, span: Span) -> Result<UnitIdx, Diag> {
        match self.ids.get(id).map(|e| e.known) {
            Some(Known::Unit(u)) => Ok(u),
            _ => Err(self.bad_ref(id, span, Want::Unit)),
        }
    }

    /// Resolves a person id.
    pub fn person(&self, id: &str, span: Span) -> Result<PersonIdx, Diag> {
        match self.ids.get(id).map(|e| e.known) {
            Some(Known::Person(p)) => Ok(p),
            _ => Err(self.bad_ref(id, span, Want::Person)),
        }
    }

    /// Resolves the id of a person or a unit.
    pub fn party(&self, id: &str, span: Span) -> Result<PartyId, Diag> {
        match self.ids.get(id).map(|e| e.known) {
            Some(Known::Unit(u)) => Ok(PartyId::Unit(u)),
            Some(Known::Person(p)) => Ok(PartyId::Person(p)),
            _ => Err(self.bad_ref(id, span, Want::Party)),
        }
    }

    /// E0404 for a reference that does not resolve to what is wanted.
    pub fn bad_ref(&self, id: &str, span: Span, want: Want) -> Diag {
        let (wz, we) = want.names();
        let Some(entry) = self.ids.get(id) else {
            let cands = self.ids.iter().filter(|(_, e)| fits(e.known, want)).map(|(k, _)| k.as_str());
            let help = crate::text::suggest(id, cands).map(|s| (format!("您是否想写 `{s}`？"), format!("did you mean `{s}`?")));
            let d = Diag::error("E0404", format!("编号 `{id}` 不存在"), format!("unknown id `{id}`"))
                .at(span, format!("没有这个编号的{wz}"), format!("no {we} has this id"));
            return match help {
                Some((zh, en)) => d.help(zh, en),
                None => d,
            };
        };
        match entry.known {
            Known::Skipped(_) | Known::Pending => Diag::error(
                "E0404",
                format!("编号 `{id}` 所在的行有错误，已被跳过"),
                format!("`{id}` is in a row that was left out because of errors"),
            )
            .at(span, "引用了被跳过的行", "refers to a row left out")
            .related(entry.span, "这一行有错误", "this row has errors"),
            Known::Unit(_) | Known::Person(_) => {
                let (kz, ke) = if matches!(entry.known, Known::Unit(_)) { ("单位", "unit") } else { ("人员", "person") };
                Diag::error(
                    "E0404",
                    format!("`{id}` 是{kz}，不是{wz}"),
                    format!("`{id}` is a {ke}, not a {we}"),
                )
                .at(span, format!("这里应为{wz}"), format!("a {we} is needed here"))
                .related(entry.span, "在此定义", "defined here")
            }
        }
    }

    fn people<'t>(&mut self, tables: impl Iterator<Item = &'t Table>) {
        for t in tables {
            for row in &t.rows {
                let mut errs = Vec::new();
                let Some(id) = self.required(t, row, Col::Id, &mut errs) else {
                    self.finish(errs);
                    continue;
                };
                let idx = self.facts.people.len() as PersonIdx;
                self.register(id, Known::Person(idx), &mut errs);
                if self.finish(errs) {
                    let name = t.cell(row, Col::Name).map_or_else(String::new, |c| c.text.clone());
                    self.facts.people.push(Person { id: id.text.clone(), name, origin: Origin { span: row.span } });
                }
            }
        }
    }

    /// A 职务, or E0403.
    fn role(&self, cell: &Cell, errs: &mut Vec<Diag>) -> Option<String> {
        let key = fold(&cell.text);
        if self.vocab.role(&key).is_some() {
            return Some(key);
        }
        let names = self.vocab.roles.iter().map(|r| r.name.display.as_str());
        errs.push(
            Diag::error("E0403", format!("未声明的职务 `{}`", cell.text), format!("unknown role `{}`", cell.text))
                .at(cell.span, "规则集没有声明这一职务", "the ruleset declares no such role")
                .maybe_help(did_you_mean(&cell.text, names)),
        );
        None
    }

    /// 起始 and 终止 of a tenure or term, with E0406.
    fn range(&self, t: &Table, row: &Row, errs: &mut Vec<Diag>) -> Option<(NaiveDate, Option<NaiveDate>)> {
        let start_cell = self.required(t, row, Col::Start, errs);
        let start = start_cell.and_then(|c| self.date(c, errs));
        let end_cell = t.cell(row, Col::End);
        let end = end_cell.map(|c| self.date(c, errs));
        if let (Some(s), Some(Some(e)), Some(sc), Some(ec)) = (start, end, start_cell, end_cell) {
            if e < s {
                errs.push(
                    Diag::error(
                        "E0406",
                        format!("终止日期 `{}` 早于起始日期 `{}`", ec.text, sc.text),
                        format!("end `{}` is before start `{}`", ec.text, sc.text),
                    )
                    .at(ec.span, "终止", "end")
                    .related(sc.span, "起始", "start"),
                );
            }
        }
        match end {
            Some(None) => None,
            Some(Some(e)) => start.map(|s| (s, Some(e))),
            None => start.map(|s| (s, None)),
        }
    }

    fn tenures<'t>(&mut self, tables: impl Iterator<Item = &'t Table>) {
        let mut sole: HashMap<(UnitIdx, String), Vec<(Tenure, Span)>> = HashMap::new();
        for t in tables {
            for row in &t.rows {
                let mut errs = Vec::new();
                let person = self.required(t, row, Col::Person, &mut errs).and_then(|c| self.person(&c.text, c.span).map_err(|d| errs.push(d)).ok());
                let unit = self.required(t, row, Col::Unit, &mut errs).and_then(|c| self.unit(&c.text, c.span).map_err(|d| errs.push(d)).ok());
                let role = self.required(t, row, Col::Role, &mut errs).and_then(|c| self.role(c, &mut errs));
                let range = self.range(t, row, &mut errs);
                let (Some(person), Some(unit), Some(role), Some((start, end))) = (person, unit, role, range) else {
                    self.finish(errs);
                    continue;
                };
                let tenure = Tenure { person, unit, role, start, end, origin: Origin { span: row.span } };
                let start_span = t.cell(row, Col::Start).map_or(row.span, |c| c.span);
                if errs.is_empty() && self.vocab.role(&tenure.role).is_some_and(|r| r.sole) {
                    let kept = sole.entry((unit, tenure.role.clone())).or_default();
                    if let Some(d) = overlap(self, kept, &tenure, start_span) {
                        errs.push(d);
                    } else {
                        kept.push((tenure.clone(), start_span));
                    }
                }
                if self.finish(errs) {
                    self.facts.tenures.push(tenure);
                }
            }
        }
    }

    fn terms<'t>(&mut self, tables: impl Iterator<Item = &'t Table>) {
        for t in tables {
            for row in &t.rows {
                let mut errs = Vec::new();
                let unit = self.required(t, row, Col::Unit, &mut errs).and_then(|c| self.unit(&c.text, c.span).map_err(|d| errs.push(d)).ok());
                let term = self.required(t, row, Col::Term, &mut errs).map(|c| c.text.clone());
                let range = self.range(t, row, &mut errs);
                if let (Some(unit), Some(term), Some((start, end))) = (unit, term, range) {
                    if self.finish(errs) {
                        self.facts.terms.push(Term { unit, term, start, end, origin: Origin { span: row.span } });
                    }
                } else {
                    self.finish(errs);
                }
            }
        }
    }
}

fn fits(k: Known, want: Want) -> bool {
    match want {
        Want::Unit => matches!(k, Known::Unit(_) | Known::Pending),
        Want::Person => matches!(k, Known::Person(_)),
        Want::Party => matches!(k, Known::Unit(_) | Known::Person(_)),
    }
}

/// E0408 if `new` overlaps a kept tenure of the same sole-holder post by more than a same-day
/// handover (the predecessor's 终止 = the successor's 起始).
fn overlap(cx: &Ctx, kept: &[(Tenure, Span)], new: &Tenure, span: Span) -> Option<Diag> {
    for (old, old_span) in kept {
        let from = old.start.max(new.start);
        let to = old.end.unwrap_or(NaiveDate::MAX).min(new.end.unwrap_or(NaiveDate::MAX));
        if from > to {
            continue;
        }
        let handover = from == to && (old.end == Some(new.start) || new.end == Some(old.start));
        if handover {
            continue;
        }
        let unit = &cx.facts.units[new.unit as usize].id;
        let (zh_when, en_when) = match to {
            NaiveDate::MAX => (format!("自 {from} 起"), format!("from {from} on")),
            _ => (format!("在 {from} 至 {to}"), format!("from {from} to {to}")),
        };
        return Some(
            Diag::error(
                "E0408",
                format!("唯一职务 `{}` 在单位 `{unit}` 的两段任职{zh_when}重叠", new.role),
                format!("two tenures of the sole-holder post `{}` in `{unit}` overlap {en_when}", new.role),
            )
            .at(span, "与另一段任职重叠", "overlaps another tenure")
            .related(*old_span, "另一段任职", "the other tenure")
            .help(
                "同日交接（前任的终止日 = 继任的起始日）是允许的，更长的重叠不允许",
                "a same-day handover (the predecessor's end = the successor's start) is allowed, a longer overlap is not",
            ),
        );
    }
    None
}

/// E0405 for a repeated 编号.
pub(super) fn duplicate_id(id: &Cell, first: Span) -> Diag {
    Diag::error("E0405", format!("编号 `{}` 重复", id.text), format!("duplicate id `{}`", id.text))
        .at(id.span, "再次使用", "used again")
        .related(first, "首次使用", "first used here")
}

/// E0401 for a value that is not a date.
pub(super) fn bad_date(cell: &Cell) -> Diag {
    Diag::error("E0401", format!("`{}` 不是有效的日期", cell.text), format!("`{}` is not a valid date", cell.text))
        .at(cell.span, "无法识别的日期", "not a date")
        .help(
            format!("日期可写作 {DATE_FORMS}，不作其他推测"),
            format!("dates are written {}; nothing else is guessed", DATE_FORMS.replace('、', ", ")),
        )
}
