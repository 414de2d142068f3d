//! Tables → validated [`Facts`]: every problem reported, rows with errors left out and counted.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::tables::{Row, Table};

mod assignments;
pub(crate) mod events;
use super::*;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir::Vocabulary;
use crate::span::Span;
use crate::text::fold;

pub(crate) struct Builder<'a> {
    pub vocab: &'a Vocabulary,
    pub diags: Vec<Diag>,
    pub facts: Facts,
    pub(crate) ids: Ids,
    /// Unknown-id diagnostics given a hint so far (see `HINTED_UNKNOWN_IDS`).
    pub(crate) hinted: usize,
}

/// Units' and people's ids → what they name and where.
pub(crate) type Ids = HashMap<String, (PartyId, Span)>;

/// `span`, or the whole row for a cell without a place of its own.
fn at(row: Span, span: Span) -> Span {
    if span.is_empty() && span.start == 0 {
        row
    } else {
        span
    }
}

/// E0404 for an id no unit or person has (the hint is added by the caller: see `id_hint`).
pub(crate) fn unknown_id(span: Span, id: &str, what: &str) -> Diag {
    Diag::error(
        "E0404",
        format!("{what}引用了不存在的编号 `{id}`"),
        format!("unknown id `{id}` in {what}"),
    )
    .at(span, "没有这个编号", "no such id")
}

impl<'a> Builder<'a> {
    pub fn new(vocab: &'a Vocabulary) -> Self {
        Builder {
            vocab,
            diags: Vec::new(),
            facts: Facts::default(),
            ids: HashMap::new(),
            hinted: 0,
        }
    }

    pub(super) fn err(
        &mut self,
        code: &'static str,
        row: &Row,
        span: Span,
        zh: String,
        en: String,
        label: (&str, &str),
    ) {
        let span = at(row.span, span);
        self.diags
            .push(Diag::error(code, zh, en).at(span, label.0, label.1));
    }

    pub(super) fn required<'r>(
        &mut self,
        table: &Table,
        row: &'r Row,
        col: &str,
    ) -> Option<(&'r str, Span)> {
        let v = row.get(col);
        if v.is_none() && table.columns.iter().any(|c| c == col) {
            self.err(
                "E0412",
                row,
                row.span,
                format!("缺少必填的 `{col}`"),
                format!("missing required `{col}`"),
                ("此行没有填写", "empty in this row"),
            );
        }
        v
    }

    pub(super) fn date(&mut self, row: &Row, col: &str) -> Result<Option<NaiveDate>, ()> {
        let Some((t, s)) = row.get(col) else {
            return Ok(None);
        };
        match events::fact_date(t, at(row.span, s)) {
            Ok(d) => Ok(Some(d)),
            Err(d) => {
                self.diags.push(d);
                Err(())
            }
        }
    }

    /// Checks that the required columns exist; returns false (and reports) if not.
    pub fn columns(&mut self, table: &Table, name: &str, required: &[&str]) -> bool {
        // Only rows that could be read say what the header is: a JSON table whose rows are all
        // malformed (each already reported) has no columns to miss.
        self.columns_present(
            table,
            name,
            required,
            table.rows.iter().any(|r| !r.is_bad()),
        )
    }

    /// [`Self::columns`] for a table whose rows are read later (`has_rows`: it has any).
    pub fn columns_present(
        &mut self,
        table: &Table,
        name: &str,
        required: &[&str],
        has_rows: bool,
    ) -> bool {
        // A column named twice (after folding and English aliases): which one is read would be
        // an accident, so it is an error at the second.
        for (i, c) in table.columns.iter().enumerate() {
            if c.trim().is_empty() || c.starts_with('\0') {
                continue;
            }
            if let Some(first) = table.columns[..i].iter().position(|x| x == c) {
                let span = table
                    .column_spans
                    .get(i)
                    .copied()
                    .unwrap_or(table.header_span);
                let mut d = Diag::error(
                    "E0415",
                    format!("表 {name} 的列 `{c}` 出现了两次"),
                    format!("column `{c}` appears twice in table {name}"),
                )
                .at(span, "重复的列", "repeated column")
                .help(
                    "删去或改名其中一列；两列中只会读入一列，另一列的值会丢失",
                    "remove or rename one of them; only one would be read and the other's values lost",
                );
                if let Some(s) = table.column_spans.get(first) {
                    d = d.related(*s, "第一次出现在此", "first here");
                }
                self.diags.push(d);
            }
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !table.columns.iter().any(|x| x == c))
            .collect();
        if missing.is_empty() || !has_rows {
            return true;
        }
        self.diags.push(
            Diag::error(
                "E0409",
                format!("表 {name} 缺少必需的列：{}", missing.join("、")),
                format!(
                    "table {name} lacks required columns: {}",
                    missing.join(", ")
                ),
            )
            .at(table.header_span, "表头", "header")
            .help(
                format!("{name} 的必需列：{}", required.join("、")),
                format!("required: {}", required.join(", ")),
            ),
        );
        false
    }

    /// Warns about columns the table does not have (they are not read).
    pub fn extra_columns(&mut self, t: &Table, name: &str, known: &[&str]) {
        for (c, span) in t.columns.iter().zip(&t.column_spans) {
            if known.contains(&c.as_str()) || c.trim().is_empty() {
                continue;
            }
            self.diags.push(
                Diag::warning(
                    "W0421",
                    format!("表 {name} 没有 `{c}` 列，此列未读入"),
                    format!("table {name} has no column `{c}`; it is not read"),
                )
                .at(*span, "未知的列", "unknown column")
                .help(
                    format!("{name} 的列：{}", known.join("、")),
                    format!("columns of {name}: {}", known.join(", ")),
                ),
            );
        }
    }

    /// Reports (E0406) and returns false when 终止 is before 起始.
    pub(super) fn end_after_start(
        &mut self,
        row: &Row,
        start: NaiveDate,
        end: Option<NaiveDate>,
    ) -> bool {
        let Some(e) = end.filter(|&e| e < start) else {
            return true;
        };
        let span = row.get("终止").map_or(row.span, |(_, s)| s);
        self.err(
            "E0406",
            row,
            span,
            format!("终止 {e} 早于起始 {start}"),
            format!("end {e} before start {start}"),
            ("终止日期早于起始日期", "end before start"),
        );
        false
    }

    pub(super) fn skip(&mut self) {
        self.facts.skipped_rows += 1;
    }

    fn new_id(&mut self, row: &Row, id: &str, span: Span, party: PartyId) -> bool {
        if let Some((_, first)) = self.ids.get(id) {
            let first = *first;
            self.diags.push(
                Diag::error(
                    "E0405",
                    format!("编号 `{id}` 重复"),
                    format!("duplicate id `{id}`"),
                )
                .at(at(row.span, span), "重复的编号", "duplicate id")
                .related(first, "第一次出现在此", "first used here")
                .help(
                    "单位与人员的编号必须互不相同",
                    "ids of units and people must all differ",
                ),
            );
            return false;
        }
        self.ids.insert(id.to_string(), (party, at(row.span, span)));
        true
    }

    /// [`Self::lookup`] for a column that must name a unit (E0404 for a person's id).
    pub(super) fn lookup_unit(
        &mut self,
        row: &Row,
        id: &str,
        span: Span,
        col: &str,
    ) -> Option<UnitIdx> {
        match self.lookup(row, id, span, col)? {
            PartyId::Unit(u) => Some(u),
            PartyId::Person(_) => {
                self.err(
                    "E0404",
                    row,
                    span,
                    format!("{col} `{id}` 是人员而不是单位"),
                    format!("{col} `{id}` is a person, not a unit"),
                    ("应为单位编号", "a unit id is expected"),
                );
                None
            }
        }
    }

    /// [`Self::lookup`] for a column that must name a person (E0404 for a unit's id).
    pub(super) fn lookup_person(
        &mut self,
        row: &Row,
        id: &str,
        span: Span,
        col: &str,
    ) -> Option<PersonIdx> {
        match self.lookup(row, id, span, col)? {
            PartyId::Person(p) => Some(p),
            PartyId::Unit(_) => {
                self.err(
                    "E0404",
                    row,
                    span,
                    format!("{col} `{id}` 是单位而不是人员"),
                    format!("{col} `{id}` is a unit, not a person"),
                    ("应为人员编号", "a person id is expected"),
                );
                None
            }
        }
    }

    pub(super) fn lookup(
        &mut self,
        row: &Row,
        id: &str,
        span: Span,
        what: &str,
    ) -> Option<PartyId> {
        match self.ids.get(id) {
            Some((p, _)) => Some(*p),
            None => {
                let mut d = unknown_id(at(row.span, span), id, what);
                if self.hinted < events::HINTED_UNKNOWN_IDS {
                    self.hinted += 1;
                    d.help = self.id_hint(id);
                }
                self.diags.push(d);
                None
            }
        }
    }

    /// "Did you mean" for an unknown id: the closest unit or person id within two edits.
    /// A person's or unit's name written where its id belongs comes first.
    pub(crate) fn id_hint(&self, id: &str) -> Option<crate::diagnostics::Text> {
        if let Some(named) = self.name_hint(id) {
            return Some(named);
        }
        let mut cands: Vec<&str> = self
            .ids
            .keys()
            .map(String::as_str)
            .filter(|c| c.len().abs_diff(id.len()) <= 2 && strsim::levenshtein(c, id) <= 2)
            .collect();
        cands.sort_unstable();
        did_you_mean(id, cands)
    }

    /// `您是否想写 P003（刘晓明）？` when `written` is the name of a person (or unit) read so far.
    fn name_hint(&self, written: &str) -> Option<crate::diagnostics::Text> {
        let key = fold(written);
        let people = self
            .facts
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()));
        let units = self
            .facts
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()));
        let all: Vec<(&str, &str)> = people
            .chain(units)
            .filter(|(_, n)| fold(n) == key)
            .collect();
        let hint = crate::text::person_hint(written, all)?;
        Some(crate::diagnostics::Text::new(
            format!("您是否想写 {hint}？这一列写编号，不写姓名或名称"),
            format!("did you mean {hint}? this column takes ids, not names"),
        ))
    }

    pub fn units(&mut self, t: &Table) {
        if !self.columns(t, "单位", &["编号", "名称", "类别"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        self.extra_columns(t, "单位", &["编号", "名称", "类别", "上级", "同级"]);
        let mut parents = Vec::new();
        for row in &t.rows {
            if row.is_bad() {
                self.skip();
                continue;
            }
            let id = self.required(t, row, "编号");
            let kind = self.required(t, row, "类别");
            let (Some((id, ids)), Some((kind, ks))) = (id, kind) else {
                self.skip();
                continue;
            };
            let idx = self.facts.units.len() as UnitIdx;
            if !self.new_id(row, id, ids, PartyId::Unit(idx)) {
                self.skip();
                continue;
            }
            let kind = fold(kind);
            if !self.vocab.unit_kinds.is_empty() && self.vocab.unit_kind(&kind).is_none() {
                let names: Vec<&str> = self
                    .vocab
                    .unit_kinds
                    .iter()
                    .map(|k| k.display.as_str())
                    .collect();
                self.diags.push(
                    Diag::warning(
                        "W0402",
                        format!("单位类别 `{kind}` 未在规则集中声明"),
                        format!("unit kind `{kind}` is not declared"),
                    )
                    .at(at(row.span, ks), "未声明的类别", "undeclared kind")
                    .maybe_help(did_you_mean(&kind, names)),
                );
            }
            let name = row
                .get("名称")
                .map_or(String::new(), |(n, _)| n.to_string());
            self.facts.units.push(Unit {
                id: id.to_string(),
                name,
                kind,
                parent: None,
                peer: None,
                origin: Origin { span: row.span },
            });
            parents.push((
                idx,
                row.get("上级").map(|(a, b)| (a.to_string(), b)),
                row.get("同级").map(|(a, b)| (a.to_string(), b)),
                row,
            ));
        }
        for (idx, parent, peer, row) in parents {
            let mut partial = false;
            for (col, v) in [("上级", parent), ("同级", peer)] {
                let Some((pid, ps)) = v else { continue };
                let resolved = self.lookup_unit(row, &pid, ps, col);
                partial |= resolved.is_none();
                let u = &mut self.facts.units[idx as usize];
                if col == "上级" {
                    u.parent = resolved
                } else {
                    u.peer = resolved
                }
            }
            self.facts.partial_rows += usize::from(partial);
        }
        self.cycles();
    }

    /// Reports each cycle of 上级 once (E0407), from its first unit in file order, and cuts it.
    /// Linear in the number of units: each unit is walked once (a chain of 12,000 units used
    /// to take cubic time).
    fn cycles(&mut self) {
        let n = self.facts.units.len();
        // 0: not seen, 1: on the walk under way, 2: done.
        let mut state = vec![0u8; n];
        let mut cycles: Vec<Vec<UnitIdx>> = Vec::new();
        for first in 0..n {
            let mut path: Vec<UnitIdx> = Vec::new();
            let mut cur = Some(first as UnitIdx);
            while let Some(u) = cur {
                match state[u as usize] {
                    0 => {
                        state[u as usize] = 1;
                        path.push(u);
                        cur = self.facts.units[u as usize].parent;
                    }
                    1 => {
                        let at = path.iter().position(|&x| x == u).unwrap_or(0);
                        let mut cycle = path[at..].to_vec();
                        let min = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                        cycle.rotate_left(min);
                        cycles.push(cycle);
                        break;
                    }
                    _ => break,
                }
            }
            for u in path {
                state[u as usize] = 2;
            }
        }
        cycles.sort_by_key(|c| c[0]);
        let mut reported = vec![false; n];
        for chain in cycles {
            for &c in &chain {
                reported[c as usize] = true;
            }
            let start = chain[0];
            let ids: Vec<&str> = chain
                .iter()
                .chain(std::iter::once(&start))
                .map(|&c| self.facts.units[c as usize].id.as_str())
                .collect();
            let text = ids.join(" → ");
            let span = self.facts.units[start as usize].origin.span;
            self.diags.push(
                Diag::error(
                    "E0407",
                    format!("上级关系成环：{text}"),
                    format!("cycle in 上级: {text}"),
                )
                .at(span, "环从这里开始", "the cycle starts here")
                .help(
                    "每个单位的上级链最终应到达没有上级的单位",
                    "every chain of parents must end at a unit without one",
                ),
            );
        }
        // A unit on a cycle is kept without its 上级 (its 上级 was known, so it was not counted
        // as partial above).
        for (i, r) in reported.iter().enumerate() {
            if *r {
                self.facts.units[i].parent = None;
                self.facts.partial_rows += 1;
            }
        }
    }

    pub fn people(&mut self, t: &Table) {
        if !self.columns(t, "人员", &["编号"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        self.extra_columns(t, "人员", &["编号", "姓名"]);
        for row in &t.rows {
            if row.is_bad() {
                self.skip();
                continue;
            }
            let Some((id, s)) = self.required(t, row, "编号") else {
                self.skip();
                continue;
            };
            let idx = self.facts.people.len() as PersonIdx;
            if !self.new_id(row, id, s, PartyId::Person(idx)) {
                self.skip();
                continue;
            }
            let name = row
                .get("姓名")
                .map_or(String::new(), |(n, _)| n.to_string());
            self.facts.people.push(Person {
                id: id.to_string(),
                name,
                origin: Origin { span: row.span },
            });
        }
    }

    pub fn tenures(&mut self, t: &Table) {
        if !self.columns(t, "任职", &["人员", "单位", "职务", "起始"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        self.extra_columns(t, "任职", &["人员", "单位", "职务", "起始", "终止"]);
        for row in &t.rows {
            if row.is_bad() || !self.tenure(t, row) {
                self.skip();
            }
        }
        self.overlaps();
    }

    fn tenure(&mut self, t: &Table, row: &Row) -> bool {
        let (p, u, r, s) = (
            self.required(t, row, "人员"),
            self.required(t, row, "单位"),
            self.required(t, row, "职务"),
            self.required(t, row, "起始"),
        );
        let (Some(p), Some(u), Some(r), Some(_)) = (p, u, r, s) else {
            return false;
        };
        let person = self.lookup_person(row, p.0, p.1, "人员");
        let unit = self.lookup_unit(row, u.0, u.1, "单位");
        let role = fold(r.0);
        let role_ok = self.vocab.role(&role).is_some();
        if !role_ok {
            let names: Vec<&str> = self
                .vocab
                .roles
                .iter()
                .map(|x| x.name.display.as_str())
                .collect();
            self.diags.push(
                Diag::error(
                    "E0403",
                    format!("未声明的职务 `{}`", r.0),
                    format!("unknown role `{}`", r.0),
                )
                .at(
                    at(row.span, r.1),
                    "规则集没有声明这个职务",
                    "the ruleset declares no such role",
                )
                .maybe_help(did_you_mean(r.0, names)),
            );
        }
        let start = self.date(row, "起始");
        let end = self.date(row, "终止");
        let (Some(person), Some(unit), true, Ok(Some(start)), Ok(end)) =
            (person, unit, role_ok, start, end)
        else {
            return false;
        };
        if !self.end_after_start(row, start, end) {
            return false;
        }
        self.facts.tenures.push(Tenure {
            person,
            unit,
            role,
            start,
            end,
            origin: Origin { span: row.span },
        });
        true
    }

    /// E0408 for each tenure of a sole post that starts before an earlier one at the same post
    /// has ended; the later row is left out (counted as skipped), so `--skip-bad-rows` keeps
    /// exactly one holder at a time.
    fn overlaps(&mut self) {
        let mut by_post: BTreeMap<(UnitIdx, String), Vec<usize>> = BTreeMap::new();
        for (i, t) in self.facts.tenures.iter().enumerate() {
            if self.vocab.role(&t.role).is_some_and(|r| r.sole) {
                by_post.entry((t.unit, t.role.clone())).or_default().push(i);
            }
        }
        let mut dropped = vec![false; self.facts.tenures.len()];
        for ((unit, role), ts) in by_post {
            let spans: Vec<_> = ts
                .iter()
                .map(|&i| &self.facts.tenures[i])
                .map(|t| (t.start, t.end))
                .collect();
            for (later, earlier) in overlapping(&spans) {
                let (a, b) = (
                    &self.facts.tenures[ts[earlier]],
                    &self.facts.tenures[ts[later]],
                );
                let uid = self.facts.units[unit as usize].id.clone();
                let (sa, sb) = (a.origin.span, b.origin.span);
                self.diags.push(
                    Diag::error("E0408", format!("单位 `{uid}` 的 `{role}` 任职重叠（该职务唯一）"), format!("overlapping tenures of the sole post `{role}` in `{uid}`"))
                        .at(sb, "此任职开始时前任尚未离任", "starts before the predecessor's tenure ends")
                        .related(sa, "前任的任职", "the predecessor's tenure")
                        .help("前任的终止日期最晚应为继任者的起始日期（同日交接有效）；此行未读", "the predecessor's end must be on or before the successor's start (same-day handover is valid); this row was not read"),
                );
                dropped[ts[later]] = true;
            }
        }
        self.drop_rows(&dropped, |f| &mut f.tenures);
    }

    /// Leaves out the marked items of a table already built, counting each as a skipped row.
    pub(super) fn drop_rows<T>(
        &mut self,
        dropped: &[bool],
        table: impl Fn(&mut Facts) -> &mut Vec<T>,
    ) {
        let n = dropped.iter().filter(|d| **d).count();
        if n == 0 {
            return;
        }
        let mut keep = dropped.iter().map(|d| !d);
        table(&mut self.facts).retain(|_| keep.next().unwrap_or(true));
        self.facts.skipped_rows += n;
    }
}

/// Which periods overlap an earlier one: (later, earlier) by index into `spans` (start,
/// inclusive end or open). Each later period is paired with the earlier kept period that
/// reaches furthest, so a long open period is seen by every period after it, not only the next
/// one; a period found overlapping is not itself compared further. Ending on the day the next
/// starts is a handover, not an overlap.
pub(super) fn overlapping(spans: &[(NaiveDate, Option<NaiveDate>)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, i));
    let mut out = Vec::new();
    // The kept period ending last so far (an open end is the latest).
    let mut reach: Option<usize> = None;
    for i in order {
        match reach {
            Some(r) if spans[r].1.is_none_or(|e| e > spans[i].0) => out.push((i, r)),
            // No overlap: `i` starts on or after `r`'s end, so it reaches at least as far.
            _ => reach = Some(i),
        }
    }
    out.sort_unstable();
    out
}
