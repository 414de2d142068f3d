//! The 事件 and 届次 tables: kinds, parties, declared extra fields, duplicates.
//!
//! Events are checked in two steps, so that the CSV form can check rows on every core:
//! 1. [`EventCheck::row`] checks one row on its own (kind, date, unit, parties, fields); it needs
//!    no mutable shared state, so chunks of a file are checked in parallel, each by its own
//!    `EventCheck`;
//! 2. [`Builder::settle`] (one thread, file order) checks what depends on earlier rows: unique
//!    编号 and duplicates (semantics §3.1).
//!
//! A row of a kind no rule of the ruleset reads is checked for its shape, 编号, 日期 and 类型 only,
//! counted in [`Facts::unread_events`] and not kept (see [`Materialise`]).
//!
//! INVARIANT: every row of the table ends up in exactly one of: `events`, `unread_events`,
//! `duplicates`, `skipped_rows`; diagnostics come out in file order (row by row) whatever the
//! number of threads.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::super::tables::{Cells, Row, Table};
use super::{at, unknown_id, Builder, Ids};
use crate::diagnostics::{did_you_mean, Diag};
use crate::facts::model::*;
use crate::ir::{FieldType, Vocabulary};
use crate::span::Span;
use crate::text::{fold, parse_date, DATE_FORMS};

/// The base columns of 事件 (every other column is a declared field).
pub(crate) const EVENT_BASE: [&str; 6] = ["编号", "日期", "类型", "单位", "主体", "对象"];

/// How many unknown-id diagnostics (in file order) get a "did you mean" hint: finding one
/// compares the id with every unit and person.
pub(crate) const HINTED_UNKNOWN_IDS: usize = 50;

/// Which event kinds are kept in full.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Materialise {
    /// Every row is checked in full and kept (what a small fact set gets).
    #[default]
    All,
    /// Only these kinds (folded keys: the kinds the ruleset's rules read); rows of other kinds
    /// are checked for shape, 编号, 日期 and 类型 and counted.
    Kinds(std::collections::BTreeSet<String>),
}

/// A diagnostic of one row, keyed for the merge into file order.
pub(crate) struct Keyed {
    /// The row's position in the table (0-based, every data row).
    pub seq: u32,
    /// Order inside the row: 0 missing cells, 1 duplicate 编号, 2 the row's other checks, 3 duplicate
    /// event (the order of the checks before they ran on several threads).
    pub prio: u8,
    pub diag: Diag,
    /// For an unknown id: the id, so that a hint can be added later (file order decides which).
    pub unknown: Option<String>,
}

/// A row with an 编号 of a kept kind, waiting for [`Builder::settle`].
pub(crate) struct Candidate {
    pub seq: u32,
    pub id: String,
    pub id_span: Span,
    pub row_span: Span,
    /// The event, when the row passed its own checks.
    pub event: Option<Event>,
}

/// What checking a run of rows produced.
#[derive(Default)]
pub(crate) struct Checked {
    pub rows: u32,
    pub skipped: usize,
    pub unread: usize,
    pub candidates: Vec<Candidate>,
    pub diags: Vec<Keyed>,
}

impl Checked {
    /// Appends `next` (the rows after these), renumbering its rows.
    pub fn append(&mut self, mut next: Checked) {
        let base = self.rows;
        for c in &mut next.candidates {
            c.seq += base;
            if let Some(e) = &mut c.event {
                e.seq += base;
            }
        }
        for d in &mut next.diags {
            d.seq += base;
        }
        self.rows += next.rows;
        self.skipped += next.skipped;
        self.unread += next.unread;
        self.candidates.append(&mut next.candidates);
        self.diags.append(&mut next.diags);
    }
}

/// Checks event rows one at a time; one per thread.
pub(crate) struct EventCheck<'a> {
    vocab: &'a Vocabulary,
    ids: &'a Ids,
    /// Per declared kind (index into `vocab.events`): kept in full?
    keep: &'a [bool],
    /// Spellings of 类型 seen → declared kind index (`None`: undeclared).
    kinds: FxHashMap<String, Option<usize>>,
    /// Each declared kind's folded key, shared by its events.
    kind_keys: Vec<std::sync::Arc<str>>,
    /// Where each of [`EVENT_BASE`] is among the table's columns.
    base: [Option<usize>; 6],
    /// Where each declared field of each kind is (per `vocab.events`, per field).
    fields: Vec<Vec<Option<usize>>>,
    pub out: Checked,
}

/// [`EVENT_BASE`] by name.
#[derive(Clone, Copy)]
enum Col {
    Id,
    Date,
    Kind,
    Unit,
    Actors,
    Targets,
}

impl<'a> EventCheck<'a> {
    /// A checker for rows of a table with `columns` (canonical names).
    pub fn new(vocab: &'a Vocabulary, ids: &'a Ids, keep: &'a [bool], columns: &[String]) -> Self {
        let pos = |name: &str| columns.iter().position(|c| c == name);
        EventCheck {
            vocab,
            ids,
            keep,
            kinds: FxHashMap::default(),
            kind_keys: vocab
                .events
                .iter()
                .map(|e| e.name.key.as_str().into())
                .collect(),
            base: EVENT_BASE.map(pos),
            fields: vocab
                .events
                .iter()
                .map(|e| e.fields.iter().map(|f| pos(&f.name.key)).collect())
                .collect(),
            out: Checked::default(),
        }
    }

    /// The cell of a base column.
    fn get<'r>(&self, row: &'r impl Cells, c: Col) -> Option<(&'r str, Span)> {
        let name = EVENT_BASE[c as usize];
        row.cell(self.base[c as usize]?, name)
    }

    /// Which declared kinds are kept, per index of `vocab.events`.
    pub fn keep_flags(vocab: &Vocabulary, m: &Materialise) -> Vec<bool> {
        vocab
            .events
            .iter()
            .map(|e| match m {
                Materialise::All => true,
                Materialise::Kinds(k) => k.contains(&e.name.key),
            })
            .collect()
    }

    fn push(&mut self, seq: u32, diag: Diag) {
        self.push_at(seq, 2, diag);
    }

    fn push_at(&mut self, seq: u32, prio: u8, diag: Diag) {
        self.out.diags.push(Keyed {
            seq,
            prio,
            diag,
            unknown: None,
        });
    }

    /// A row that could not be read (reported already): counted as skipped.
    pub fn bad(&mut self) {
        self.out.rows += 1;
        self.out.skipped += 1;
    }

    /// Checks the next data row.
    pub fn row(&mut self, row: &impl Cells) {
        let seq = self.out.rows;
        self.out.rows += 1;
        let id = self.required(seq, row, Col::Id);
        let date_cell = self.required(seq, row, Col::Date);
        let kind = self.required(seq, row, Col::Kind);
        let date = date_cell.and_then(|(t, s)| self.date(seq, row, t, s));
        let decl = kind.and_then(|(k, s)| self.kind(seq, row, k, s));
        let keep = decl.is_none_or(|d| self.keep[d]);
        if !keep {
            // A kind no rule reads: shape, 编号, 日期 and 类型 are checked; it is counted.
            if id.is_some() && date.is_some() {
                self.out.unread += 1;
            } else {
                self.out.skipped += 1;
            }
            return;
        }
        let mut ok = id.is_some() && date.is_some() && decl.is_some();
        let unit = match self.get(row, Col::Unit) {
            None => None,
            Some((u, s)) => match self.lookup(seq, row, u, s, "单位") {
                Some(PartyId::Unit(x)) => Some(x),
                Some(PartyId::Person(_)) => {
                    self.push(seq, person_not_unit(row, u, s, "单位"));
                    ok = false;
                    None
                }
                None => {
                    ok = false;
                    None
                }
            },
        };
        let actors = self.parties(seq, row, Col::Actors, &mut ok);
        let targets = self.parties(seq, row, Col::Targets, &mut ok);
        let fields = match decl {
            Some(d) => self.fields(seq, row, d, &mut ok),
            None => BTreeMap::new(),
        };
        let Some((id, id_span)) = id else {
            self.out.skipped += 1;
            return;
        };
        let event = match (date, decl, ok) {
            (Some(date), Some(d), true) => Some(Event {
                id: id.to_string(),
                date,
                kind: self.kind_keys[d].clone(),
                unit,
                actors,
                targets,
                fields,
                seq,
                origin: Origin { span: row.span() },
            }),
            _ => None,
        };
        self.out.candidates.push(Candidate {
            seq,
            id: id.to_string(),
            id_span: at(row.span(), id_span),
            row_span: row.span(),
            event,
        });
    }

    fn required<'r>(&mut self, seq: u32, row: &'r impl Cells, c: Col) -> Option<(&'r str, Span)> {
        let v = self.get(row, c);
        let col = EVENT_BASE[c as usize];
        if v.is_none() {
            self.push_at(
                seq,
                0,
                Diag::error(
                    "E0412",
                    format!("缺少必填的 `{col}`"),
                    format!("missing required `{col}`"),
                )
                .at(row.span(), "此行没有填写", "empty in this row"),
            );
        }
        v
    }

    fn date(&mut self, seq: u32, row: &impl Cells, t: &str, s: Span) -> Option<NaiveDate> {
        match fact_date(t, at(row.span(), s)) {
            Ok(d) => Some(d),
            Err(diag) => {
                self.push(seq, diag);
                None
            }
        }
    }

    fn kind(&mut self, seq: u32, row: &impl Cells, k: &str, s: Span) -> Option<usize> {
        if let Some(found) = self.kinds.get(k) {
            if found.is_some() {
                return *found;
            }
        } else {
            let key = fold(k);
            let found = self.vocab.events.iter().position(|e| e.name.key == key);
            self.kinds.insert(k.to_string(), found);
            if found.is_some() {
                return found;
            }
        }
        let names: Vec<&str> = self
            .vocab
            .events
            .iter()
            .map(|e| e.name.display.as_str())
            .collect();
        let d = Diag::error(
            "E0402",
            format!("未声明的事件类型 `{k}`"),
            format!("unknown event kind `{k}`"),
        )
        .at(
            at(row.span(), s),
            "规则集没有声明这个事项",
            "the ruleset declares no such event kind",
        )
        .maybe_help(did_you_mean(k, names));
        self.push(seq, d);
        None
    }

    fn lookup(
        &mut self,
        seq: u32,
        row: &impl Cells,
        id: &str,
        span: Span,
        what: &str,
    ) -> Option<PartyId> {
        match self.ids.get(id) {
            Some((p, _)) => Some(*p),
            None => {
                self.out.diags.push(Keyed {
                    seq,
                    prio: 2,
                    diag: unknown_id(at(row.span(), span), id, what),
                    unknown: Some(id.to_string()),
                });
                None
            }
        }
    }

    fn parties(&mut self, seq: u32, row: &impl Cells, c: Col, ok: &mut bool) -> Parties {
        let Some((text, span)) = self.get(row, c) else {
            return Parties::new();
        };
        let col = EVENT_BASE[c as usize];
        let mut out = Parties::new();
        let mut from = 0;
        for id in text
            .split(['、', ';', '；', '|', ',', '，'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            // An unknown id is shown at the id, not at the start of its cell.
            let at = row.locate(span, id, from);
            if at != span {
                from = (at.end - span.start) as usize;
            }
            match self.lookup(seq, row, id, at, col) {
                Some(p) => out.push(p),
                None => *ok = false,
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn fields(
        &mut self,
        seq: u32,
        row: &impl Cells,
        d: usize,
        ok: &mut bool,
    ) -> BTreeMap<String, FieldValue> {
        let mut fields = BTreeMap::new();
        let vocab = self.vocab;
        for (j, f) in vocab.events[d].fields.iter().enumerate() {
            let Some((v, s)) = self.fields[d][j].and_then(|i| row.cell(i, &f.name.key)) else {
                continue;
            };
            match field_value(&f.ty, v, self.ids) {
                Some(val) => {
                    fields.insert(f.name.key.clone(), val);
                }
                None => {
                    let diag = Diag::error(
                        "E0411",
                        format!("字段 `{}` 的值 `{v}` 不合类型", f.name.display),
                        format!(
                            "value `{v}` of field `{}` has the wrong type",
                            f.name.display
                        ),
                    )
                    .at(at(row.span(), s), "不合字段类型", "wrong type")
                    .help(type_help(&f.ty), type_help_en(&f.ty));
                    self.push(seq, diag);
                    *ok = false;
                }
            }
        }
        fields
    }
}

/// What becomes of a candidate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Yes,
    /// Skipped: an error in the row, or a repeated 编号.
    No,
    /// The same event as an earlier one (semantics §3.1): counted once.
    Duplicate,
}

/// Unique 编号 and duplicates over the candidates in file order, borrowing their ids and keys
/// (nothing is copied per row). Returns each candidate's fate and the diagnostics; appends
/// (kept id, dropped id) to `duplicates`.
fn settle_ids(
    cands: &[Candidate],
    duplicates: &mut Vec<(String, String)>,
) -> (Vec<Keep>, Vec<Keyed>) {
    type Key<'c> = (NaiveDate, &'c str, &'c [PartyId], &'c [PartyId]);
    let mut ids: FxHashMap<&str, Span> = FxHashMap::default();
    let mut seen: FxHashMap<Key, &str> = FxHashMap::default();
    let mut out = Vec::with_capacity(cands.len());
    let mut diags = Vec::new();
    for c in cands {
        let mut ok = c.event.is_some();
        if let Some(first) = ids.get(c.id.as_str()) {
            diags.push(Keyed {
                seq: c.seq,
                prio: 1,
                diag: Diag::error(
                    "E0405",
                    format!("事件编号 `{}` 重复", c.id),
                    format!("duplicate event id `{}`", c.id),
                )
                .at(c.id_span, "重复的编号", "duplicate id")
                .related(*first, "第一次出现在此", "first used here"),
                unknown: None,
            });
            ok = false;
        } else {
            ids.insert(&c.id, c.id_span);
        }
        let Some(ev) = c.event.as_ref().filter(|_| ok) else {
            out.push(Keep::No);
            continue;
        };
        let key = (
            ev.date,
            &*ev.kind,
            ev.actors.as_slice(),
            ev.targets.as_slice(),
        );
        match seen.get(&key) {
            Some(kept) => {
                diags.push(Keyed {
                    seq: c.seq,
                    prio: 3,
                    diag: Diag::warning(
                        "W0401",
                        format!("事件 `{}` 与 `{kept}` 重复，只计一次", ev.id),
                        format!("event `{}` duplicates `{kept}`; counted once", ev.id),
                    )
                    .at(
                        c.row_span,
                        "日期、类型、主体、对象都相同",
                        "same date, kind, actors and targets",
                    ),
                    unknown: None,
                });
                duplicates.push((kept.to_string(), ev.id.clone()));
                out.push(Keep::Duplicate);
            }
            None => {
                seen.insert(key, &ev.id);
                out.push(Keep::Yes);
            }
        }
    }
    (out, diags)
}

/// A date cell of a fact file: one of the accepted forms (or Excel's date-and-time text), with
/// a plausible year (`text::PLAUSIBLE_YEARS`: `0202` or `9999` is a typo that would otherwise
/// make an evaluation run over centuries). E0401 otherwise.
pub(crate) fn fact_date(t: &str, span: Span) -> Result<NaiveDate, Diag> {
    use chrono::Datelike;
    let d = parse_date(t)
        .or_else(|| crate::text::parse_datetime_date(t))
        .ok_or_else(|| bad_date(span, t))?;
    if crate::text::PLAUSIBLE_YEARS.contains(&d.year()) {
        return Ok(d);
    }
    let (lo, hi) = (
        crate::text::PLAUSIBLE_YEARS.start(),
        crate::text::PLAUSIBLE_YEARS.end(),
    );
    Err(Diag::error(
        "E0401",
        format!("日期 `{t}` 的年份 {} 不在 {lo}–{hi} 之间", d.year()),
        format!(
            "the year {} of date `{t}` is not within {lo}–{hi}",
            d.year()
        ),
    )
    .at(span, "年份不合理", "implausible year")
    .help(
        "多半是笔误（如 0202 应为 2022）；改正后重试",
        "most likely a typo (0202 for 2022); correct it and try again",
    ))
}

/// E0401 for a cell that is not a date.
pub(crate) fn bad_date(span: Span, t: &str) -> Diag {
    Diag::error(
        "E0401",
        format!("无法识别的日期 `{t}`"),
        format!("bad date `{t}`"),
    )
    .at(span, "不是可接受的日期", "not an accepted date")
    .help(
        format!("日期可写作 {DATE_FORMS}，不猜测其他写法"),
        format!("dates are written {DATE_FORMS}; nothing else is guessed"),
    )
}

/// E0404 for a person's id where a unit is expected.
pub(crate) fn person_not_unit(row: &impl Cells, id: &str, span: Span, col: &str) -> Diag {
    Diag::error(
        "E0404",
        format!("{col} `{id}` 是人员而不是单位"),
        format!("{col} `{id}` is a person, not a unit"),
    )
    .at(
        at(row.span(), span),
        "应为单位编号",
        "a unit id is expected",
    )
}

impl Builder<'_> {
    /// The 事件 table of the JSON and XLSX forms (CSV: `facts/csv_fast.rs`).
    pub fn events(&mut self, t: &Table, m: &Materialise) {
        if !self.event_columns(t, t.rows.iter().any(|r| !r.is_bad())) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        let keep = EventCheck::keep_flags(self.vocab, m);
        let mut chk = EventCheck::new(self.vocab, &self.ids, &keep, &t.columns);
        for row in &t.rows {
            if row.is_bad() {
                chk.bad();
            } else {
                chk.row(row);
            }
        }
        let checked = chk.out;
        self.settle(checked);
    }

    /// The header checks of 事件: required columns (false: every row is skipped) and columns no
    /// kind declares (E0413).
    pub(crate) fn event_columns(&mut self, t: &Table, has_rows: bool) -> bool {
        if !self.columns_present(t, "事件", &["编号", "日期", "类型"], has_rows) {
            return false;
        }
        let all_fields: Vec<String> = self
            .vocab
            .events
            .iter()
            .flat_map(|e| e.fields.iter().map(|f| f.name.key.clone()))
            .collect();
        let unknown_cols: Vec<String> = t
            .columns
            .iter()
            .filter(|c| {
                !(EVENT_BASE.contains(&c.as_str()) || all_fields.contains(c) || c.starts_with('\0'))
            })
            .cloned()
            .collect();
        // A column that is no misspelling of a declared field (备注 …) is ignored with a
        // warning, as in every other table.
        let typos: Vec<String> = unknown_cols
            .into_iter()
            .filter(|c| crate::text::suggest(c, all_fields.iter().map(String::as_str)).is_some())
            .collect();
        let mut known: Vec<&str> = EVENT_BASE.to_vec();
        known.extend(all_fields.iter().map(String::as_str));
        known.extend(
            t.columns
                .iter()
                .filter(|c| c.starts_with('\0') || typos.contains(c))
                .map(String::as_str),
        );
        self.extra_columns(t, "事件", &known);
        for c in &typos {
            let help = did_you_mean(c, all_fields.iter().map(String::as_str));
            self.diags.push(
                Diag::error(
                    "E0413",
                    format!("事件表有未声明的字段列 `{c}`"),
                    format!("undeclared field column `{c}` in 事件"),
                )
                .at(
                    t.column_span(c),
                    "表头中的这一列没有在任何事项中声明",
                    "no event kind declares this column",
                )
                .maybe_help(help),
            );
        }
        true
    }

    /// Step 2: unique 编号 and duplicates, in file order; then the diagnostics in file order.
    pub(crate) fn settle(&mut self, mut checked: Checked) {
        let cands = std::mem::take(&mut checked.candidates);
        let (verdicts, diags) = settle_ids(&cands, &mut self.facts.duplicates);
        checked.diags.extend(diags);
        let mut skipped = checked.skipped;
        for (c, keep) in cands.into_iter().zip(verdicts) {
            match (c.event, keep) {
                (Some(ev), Keep::Yes) => self.facts.events.push(ev),
                (_, Keep::Duplicate) => {}
                _ => skipped += 1,
            }
        }
        self.facts.skipped_rows += skipped;
        self.facts.unread_events += checked.unread;
        checked.diags.sort_by_key(|k| (k.seq, k.prio));
        for k in checked.diags {
            let mut d = k.diag;
            if let Some(id) = k.unknown {
                if self.hinted < HINTED_UNKNOWN_IDS {
                    self.hinted += 1;
                    d.help = self.id_hint(&id);
                }
            }
            self.diags.push(d);
        }
    }

    pub fn terms(&mut self, t: &Table) {
        if !self.columns(t, "届次", &["单位", "届次", "起始"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        self.extra_columns(t, "届次", &["单位", "届次", "起始", "终止"]);
        for row in &t.rows {
            if row.is_bad() || !self.term(t, row) {
                self.skip();
            }
        }
        self.term_overlaps();
    }

    /// E0417 for each 届次 of a unit that starts before an earlier 届次 of that unit has ended
    /// (a 届 ends when the next begins; the same day is a handover). The later row is left out.
    fn term_overlaps(&mut self) {
        let mut by_unit: BTreeMap<UnitIdx, Vec<usize>> = BTreeMap::new();
        for (i, t) in self.facts.terms.iter().enumerate() {
            by_unit.entry(t.unit).or_default().push(i);
        }
        let mut dropped = vec![false; self.facts.terms.len()];
        for (unit, ts) in by_unit {
            let spans: Vec<_> = ts
                .iter()
                .map(|&i| (self.facts.terms[i].start, self.facts.terms[i].end))
                .collect();
            for (later, earlier) in super::overlapping(&spans) {
                let (a, b) = (&self.facts.terms[ts[earlier]], &self.facts.terms[ts[later]]);
                let uid = &self.facts.units[unit as usize].id;
                let d = Diag::error(
                    "E0417",
                    format!("单位 `{uid}` 的届次重叠：`{}` 开始时 `{}` 尚未结束", b.term, a.term),
                    format!("overlapping terms of `{uid}`: `{}` starts before `{}` ends", b.term, a.term),
                )
                .at(b.origin.span, "此届开始时上一届尚未结束", "starts before the previous term ends")
                .related(a.origin.span, "上一届", "the previous term")
                .help(
                    "上一届的终止日期最晚应为下一届的起始日期；此行未读",
                    "the previous term must end on or before the next one starts; this row was not read",
                );
                self.diags.push(d);
                dropped[ts[later]] = true;
            }
        }
        self.drop_rows(&dropped, |f| &mut f.terms);
    }

    fn term(&mut self, t: &Table, row: &Row) -> bool {
        let (u, label, s) = (
            self.required(t, row, "单位"),
            self.required(t, row, "届次"),
            self.required(t, row, "起始"),
        );
        let (Some(u), Some(label), Some(_)) = (u, label, s) else {
            return false;
        };
        let unit = self.lookup_unit(row, u.0, u.1, "单位");
        let (start, end) = (self.date(row, "起始"), self.date(row, "终止"));
        let (Some(unit), Ok(Some(start)), Ok(end)) = (unit, start, end) else {
            return false;
        };
        if !self.end_after_start(row, start, end) {
            return false;
        }
        self.facts.terms.push(Term {
            unit,
            term: label.0.to_string(),
            start,
            end,
            origin: Origin { span: row.span },
        });
        true
    }
}

fn field_value(
    ty: &FieldType,
    v: &str,
    ids: &HashMap<String, (PartyId, Span)>,
) -> Option<FieldValue> {
    Some(match ty {
        FieldType::Text => FieldValue::Text(v.to_string()),
        FieldType::Bool => FieldValue::Bool(match fold(v).to_lowercase().as_str() {
            "是" | "true" | "1" => true,
            "否" | "false" | "0" => false,
            _ => return None,
        }),
        FieldType::Number => FieldValue::Number(fold(v).parse().ok()?),
        FieldType::Date => FieldValue::Date(parse_date(v)?),
        FieldType::OneOf(opts) => {
            let k = fold(v);
            if !opts.contains(&k) {
                return None;
            }
            FieldValue::Text(k)
        }
        FieldType::Person => match ids.get(v) {
            Some((PartyId::Person(_), _)) => FieldValue::Ref(v.to_string()),
            _ => return None,
        },
        FieldType::Unit => match ids.get(v) {
            Some((PartyId::Unit(_), _)) => FieldValue::Ref(v.to_string()),
            _ => return None,
        },
        FieldType::Event => FieldValue::Ref(v.to_string()),
    })
}

fn type_help(ty: &FieldType) -> String {
    match ty {
        FieldType::Bool => "是否字段可写 是/否、true/false、1/0".into(),
        FieldType::Number => "应为数字".into(),
        FieldType::Date => format!("日期可写作 {DATE_FORMS}"),
        FieldType::OneOf(o) => format!("可选值：{}", o.join("、")),
        FieldType::Person => "应为人员编号".into(),
        FieldType::Unit => "应为单位编号".into(),
        FieldType::Text | FieldType::Event => "检查取值".into(),
    }
}

fn type_help_en(ty: &FieldType) -> String {
    match ty {
        FieldType::Bool => "yes/no fields take 是/否, true/false, 1/0".into(),
        FieldType::Number => "a number is expected".into(),
        FieldType::Date => format!("dates are written {DATE_FORMS}"),
        FieldType::OneOf(o) => format!("one of: {}", o.join(", ")),
        FieldType::Person => "a person id is expected".into(),
        FieldType::Unit => "a unit id is expected".into(),
        FieldType::Text | FieldType::Event => "check the value".into(),
    }
}
