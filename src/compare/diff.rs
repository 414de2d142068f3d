//! The rows of `guize diff BASE LOCAL`: every rule of the base with what the local ruleset made
//! of it, then what the local ruleset added.

use super::{compare, Dim, Verdict};
use crate::ir;

/// What the local ruleset did with a base rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A verdict of the 从严 check (相同 for a rule inherited unchanged).
    Compared(Verdict),
    /// 新增: a rule or principle clause the base does not have.
    Added,
    /// 废止 / 不适用 with a reason.
    Repealed,
    /// 依假定: stricter only through a value the local text does not give (`（假定）`); not
    /// called 从严.
    Assumed,
}

impl RowKind {
    /// Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            RowKind::Compared(v) => v.zh(),
            RowKind::Added => "新增",
            RowKind::Repealed => "废止",
            RowKind::Assumed => "依假定",
        }
    }

    /// English (also the JSON value).
    pub fn en(self) -> &'static str {
        match self {
            RowKind::Compared(v) => v.en(),
            RowKind::Added => "added",
            RowKind::Repealed => "repealed",
            RowKind::Assumed => "assumed",
        }
    }
}

/// One row of the diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The verdict.
    pub kind: RowKind,
    /// The base rule's id (`None` for an addition).
    pub base_rule: Option<String>,
    /// The local rule's id (`None` for a repeal).
    pub local_rule: Option<String>,
    /// The ruleset that wrote the local rule (the base's for an unchanged inherited rule).
    pub local_ruleset: Option<String>,
    /// The deciding dimension, where one differs.
    pub dim: Option<Dim>,
    /// Every dimension that differs.
    pub dims: Vec<Dim>,
    /// 原文 of the base rule.
    pub base_text: Option<String>,
    /// 原文 of the local rule.
    pub local_text: Option<String>,
    /// A stated reason (废止, 不适用, 从宽).
    pub note: Option<String>,
    /// The row is a principle clause (不设规则), not a rule.
    pub principle: bool,
}

/// Article order of a row: the document's place in the chain, then the item's number (rules
/// keep the order they have, which is already the article order; principle clauses fall in
/// between by their item).
fn article_key(rs: &ir::Ruleset, document: &str, item: &str) -> (usize, u64) {
    let level = rs.chain.iter().position(|v| v.ruleset == document);
    (
        level.unwrap_or(usize::MAX),
        crate::text::item_number(item).unwrap_or(u64::MAX),
    )
}

/// The diff of `local` against `base` (one of its bases): the base's rules and principle
/// clauses, then the local additions, each part in article order.
pub fn diff(base: &ir::Ruleset, local: &ir::Ruleset) -> Vec<Row> {
    let mut rows = rows(base, local);
    let key = |r: &Row| match (&r.base_rule, r.kind) {
        (Some(id), _) if r.kind != RowKind::Added => {
            let item = id.split('.').next().unwrap_or(id);
            let doc = base
                .rules
                .iter()
                .find(|b| &b.id == id)
                .map(|b| b.version.ruleset.as_str())
                .or_else(|| r.local_ruleset.as_deref())
                .unwrap_or_default();
            (0, article_key(base, doc, item))
        }
        _ => {
            let id = r.local_rule.as_deref().unwrap_or_default();
            let item = id.split('.').next().unwrap_or(id);
            let doc = r.local_ruleset.as_deref().unwrap_or_default();
            (1, article_key(local, doc, item))
        }
    };
    rows.sort_by_key(key);
    rows
}

fn rows(base: &ir::Ruleset, local: &ir::Ruleset) -> Vec<Row> {
    let current = |rs: &ir::Ruleset| -> Vec<ir::Rule> {
        rs.rules.iter().filter(|r| !r.superseded).cloned().collect()
    };
    let (bs, ls) = (current(base), current(local));
    let mut used = vec![false; ls.len()];
    let mut rows = Vec::new();
    for b in &bs {
        let found = ls.iter().position(|l| {
            l.qualified_id() == b.qualified_id()
                || l.amends
                    .as_ref()
                    .is_some_and(|a| a.lineage.contains(&b.qualified_id()))
        });
        match found {
            Some(i) => {
                used[i] = true;
                rows.push(compared(b, &ls[i]));
            }
            None => rows.push(repealed(b, local)),
        }
    }
    let base_docs: Vec<&str> = base.chain.iter().map(|v| v.ruleset.as_str()).collect();
    // The base's principle clauses are inherited as they are (named with their document).
    for c in base.clauses.iter().filter(|c| c.principle) {
        rows.push(Row {
            kind: RowKind::Compared(Verdict::Same),
            base_rule: Some(c.item.clone()),
            local_rule: Some(c.label(&local.name)),
            local_ruleset: Some(c.ruleset.clone()),
            dim: None,
            dims: Vec::new(),
            base_text: c.text.clone(),
            local_text: c.text.clone(),
            note: None,
            principle: true,
        });
    }
    for (l, _) in ls.iter().zip(&used).filter(|(_, u)| !**u) {
        rows.push(Row {
            kind: RowKind::Added,
            base_rule: None,
            local_rule: Some(l.id.clone()),
            local_ruleset: Some(l.version.ruleset.clone()),
            dim: None,
            dims: Vec::new(),
            base_text: None,
            local_text: Some(l.source.text.clone()),
            note: None,
            principle: false,
        });
    }
    for c in local
        .clauses
        .iter()
        .filter(|c| c.principle && !base_docs.contains(&c.ruleset.as_str()))
    {
        rows.push(Row {
            kind: RowKind::Added,
            base_rule: None,
            local_rule: Some(c.label(&local.name)),
            local_ruleset: Some(c.ruleset.clone()),
            dim: None,
            dims: Vec::new(),
            base_text: None,
            local_text: c.text.clone(),
            note: None,
            principle: true,
        });
    }
    rows
}

fn compared(b: &ir::Rule, l: &ir::Rule) -> Row {
    let c = compare(b, l);
    // A value the base does not assume too is the local ruleset's, not its text's.
    let assumed: Vec<&ir::Assumption> = l
        .assumptions
        .iter()
        .filter(|a| !b.assumptions.contains(a))
        .collect();
    let on_assumption = c.verdict == Verdict::Stricter && !assumed.is_empty();
    let note = assumed
        .iter()
        .map(|a| format!("假定 {} = {}（原文未给出）", a.param, a.value))
        .collect::<Vec<_>>()
        .join("；");
    Row {
        kind: if on_assumption {
            RowKind::Assumed
        } else {
            RowKind::Compared(c.verdict)
        },
        base_rule: Some(b.id.clone()),
        local_rule: Some(l.id.clone()),
        local_ruleset: Some(l.version.ruleset.clone()),
        dim: c.deciding().cloned(),
        dims: c.dims.clone(),
        base_text: Some(b.source.text.clone()),
        local_text: Some(l.source.text.clone()),
        note: l
            .amends
            .as_ref()
            .and_then(|a| a.loosen.clone())
            .map(|r| format!("从宽：{r}"))
            .or(Some(note).filter(|n| !n.is_empty())),
        principle: false,
    }
}

fn repealed(b: &ir::Rule, local: &ir::Ruleset) -> Row {
    let rep = local.repeals.iter().find(|r| r.rule == b.qualified_id());
    Row {
        kind: RowKind::Repealed,
        base_rule: Some(b.id.clone()),
        local_rule: None,
        local_ruleset: rep.map(|r| r.by.clone()),
        dim: None,
        dims: Vec::new(),
        base_text: Some(b.source.text.clone()),
        local_text: None,
        note: rep.map(|r| {
            let word = if r.not_applicable {
                "不适用"
            } else {
                "废止"
            };
            format!("{word}：{}", r.reason)
        }),
        principle: false,
    }
}
