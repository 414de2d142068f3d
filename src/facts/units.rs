//! Fact-set loading: 单位 rows, their 上级 and 同级 links, and cycles in 上级.
//!
//! Units are checked in two steps: each row on its own first (so that every unit id is known),
//! then the links, repeatedly, since leaving out a unit breaks the links of the units under it.

use std::collections::HashMap;

use super::model::{Origin, Unit, UnitIdx};
use super::table::{Cell, Col, Table};
use super::validate::{Ctx, Known, Want};
use crate::diagnostics::{did_you_mean, Diag};
use crate::span::Span;
use crate::text::fold;

/// A unit row that passed the checks of its own cells.
pub(super) struct Draft<'t> {
    id: &'t Cell,
    name: String,
    kind: String,
    parent: Option<&'t Cell>,
    peer: Option<&'t Cell>,
    span: Span,
}

/// Checks each unit row on its own and registers its id.
pub(super) fn drafts<'t>(cx: &mut Ctx, tables: impl Iterator<Item = &'t Table>) -> Vec<Draft<'t>> {
    let mut out = Vec::new();
    for t in tables {
        for row in &t.rows {
            let mut errs = Vec::new();
            let id = cx.required(t, row, Col::Id, &mut errs);
            let name = cx.required(t, row, Col::Name, &mut errs);
            let kind = cx.required(t, row, Col::Kind, &mut errs);
            if let Some(k) = kind {
                check_kind(cx, k);
            }
            if let Some(id) = id {
                cx.register(id, Known::Pending, &mut errs);
            }
            match (id, name, kind) {
                (Some(id), Some(name), Some(kind)) if errs.is_empty() => out.push(Draft {
                    id,
                    name: name.text.clone(),
                    kind: fold(&kind.text),
                    parent: t.cell(row, Col::Parent),
                    peer: t.cell(row, Col::Peer),
                    span: row.span,
                }),
                _ => {
                    if let Some(id) = id {
                        cx.mark_skipped(&id.text, id.span, true);
                    }
                    cx.finish(errs);
                }
            }
        }
    }
    out
}

/// W0402 for a 类别 the ruleset does not declare (only when it declares some).
fn check_kind(cx: &mut Ctx, kind: &Cell) {
    let v = cx.vocab;
    if v.unit_kinds.is_empty() || v.unit_kind(&fold(&kind.text)).is_some() {
        return;
    }
    let names = v.unit_kinds.iter().map(|k| k.display.as_str());
    cx.diags.push(
        Diag::warning("W0402", format!("未声明的单位类别 `{}`", kind.text), format!("undeclared unit kind `{}`", kind.text))
            .at(kind.span, "规则集没有声明这一类别", "the ruleset declares no such unit kind")
            .maybe_help(did_you_mean(&kind.text, names)),
    );
}

/// Resolves 上级 and 同级, leaves out units with broken links or in a cycle, and fills
/// `facts.units` in file order.
pub(super) fn resolve(cx: &mut Ctx, drafts: Vec<Draft>) {
    let by_id: HashMap<&str, usize> = drafts.iter().enumerate().map(|(i, d)| (d.id.text.as_str(), i)).collect();
    let mut alive = vec![true; drafts.len()];
    prune(cx, &drafts, &by_id, &mut alive);
    let cycles = cycles(&drafts, &by_id, &alive);
    for c in &cycles {
        cx.diags.push(cycle_diag(&drafts, c));
        for &i in c {
            alive[i] = false;
            cx.mark_skipped(&drafts[i].id.text, drafts[i].id.span, true);
            cx.facts.skipped_rows += 1;
        }
    }
    if !cycles.is_empty() {
        prune(cx, &drafts, &by_id, &mut alive);
    }
    let mut idx: HashMap<&str, UnitIdx> = HashMap::new();
    for (d, _) in drafts.iter().zip(&alive).filter(|(_, a)| **a) {
        let u = cx.facts.units.len() as UnitIdx;
        idx.insert(d.id.text.as_str(), u);
        if let Some(e) = cx.ids.get_mut(&d.id.text) {
            e.known = Known::Unit(u);
        }
        cx.facts.units.push(Unit {
            id: d.id.text.clone(),
            name: d.name.clone(),
            kind: d.kind.clone(),
            parent: None,
            peer: None,
            origin: Origin { span: d.span },
        });
    }
    let link = |c: Option<&Cell>| c.and_then(|c| idx.get(c.text.as_str()).copied());
    for (d, _) in drafts.iter().zip(&alive).filter(|(_, a)| **a) {
        if let Some(&u) = idx.get(d.id.text.as_str()) {
            let unit = &mut cx.facts.units[u as usize];
            unit.parent = link(d.parent);
            unit.peer = link(d.peer);
        }
    }
}

/// Leaves out, until nothing changes, every unit whose 上级 or 同级 is not a unit still in.
fn prune(cx: &mut Ctx, drafts: &[Draft], by_id: &HashMap<&str, usize>, alive: &mut [bool]) {
    loop {
        let mut dead = Vec::new();
        for (i, d) in drafts.iter().enumerate().filter(|(i, _)| alive[*i]) {
            let errs: Vec<Diag> = [d.parent, d.peer]
                .into_iter()
                .flatten()
                .filter(|c| by_id.get(c.text.as_str()).is_none_or(|&j| !alive[j]))
                .map(|c| cx.bad_ref(&c.text, c.span, Want::Unit))
                .collect();
            if !errs.is_empty() {
                dead.push((i, errs));
            }
        }
        if dead.is_empty() {
            return;
        }
        for (i, errs) in dead {
            alive[i] = false;
            cx.mark_skipped(&drafts[i].id.text, drafts[i].id.span, true);
            cx.finish(errs);
        }
    }
}

/// Every cycle of 上级 links among the units still in, each starting at its first unit in
/// file order.
fn cycles(drafts: &[Draft], by_id: &HashMap<&str, usize>, alive: &[bool]) -> Vec<Vec<usize>> {
    let parent = |i: usize| {
        drafts[i]
            .parent
            .and_then(|c| by_id.get(c.text.as_str()).copied())
            .filter(|&j| alive[j])
    };
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; drafts.len()];
    let mut out = Vec::new();
    for s in (0..drafts.len()).filter(|&s| alive[s]) {
        let mut path = Vec::new();
        let mut next = Some(s);
        while let Some(i) = next {
            match state[i] {
                0 => {
                    state[i] = 1;
                    path.push(i);
                    next = parent(i);
                }
                1 => {
                    if let Some(pos) = path.iter().position(|&p| p == i) {
                        let mut c = path[pos..].to_vec();
                        let min = c.iter().enumerate().min_by_key(|(_, &m)| m).map_or(0, |(k, _)| k);
                        c.rotate_left(min);
                        out.push(c);
                    }
                    break;
                }
                _ => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    out
}

/// E0407 for one cycle, at the 上级 of its first unit, naming the chain.
fn cycle_diag(drafts: &[Draft], cycle: &[usize]) -> Diag {
    let mut chain: Vec<&str> = cycle.iter().map(|&i| drafts[i].id.text.as_str()).collect();
    chain.extend(chain.first().copied());
    let chain = chain.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" → ");
    let span_of = |i: usize| drafts[i].parent.map_or(drafts[i].span, |c| c.span);
    let mut d = Diag::error("E0407", format!("上级关系成环：{chain}"), format!("cycle in parent units: {chain}"))
        .at(span_of(cycle[0]), "上级链回到了自身", "this chain of parents comes back here")
        .help(
            "每个单位沿上级向上，最终应到达没有上级的单位",
            "following the parents of any unit must end at a unit without a parent",
        );
    for &i in &cycle[1..] {
        d = d.related(span_of(i), "环中的上级", "parent in the cycle");
    }
    d
}
