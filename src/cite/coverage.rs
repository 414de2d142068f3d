//! `guize coverage`: for each document a ruleset cites, each numbered item with what the
//! ruleset made of it: N rules, a principle (不设规则), or not encoded.
//!
//! INVARIANT: no IO; the documents come in loaded ([`super::Document`]). A clause maps to an
//! item of the document its 原文 cites (the clause's own 原文, else its first rule's, else the
//! ruleset's first `出处`) by style and number (`（三）` ↔ `(三)`).

use std::collections::BTreeMap;

use super::items::{items, parse_label, Item, Style};
use super::Document;
use crate::ast;

/// What the ruleset made of one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Encoded as this many rules.
    Rules(usize),
    /// Marked as a principle (不设规则), with its reason.
    Principle(String),
    /// No clause names it.
    Missing,
}

/// One item and its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCoverage {
    /// The item of the document.
    pub item: Item,
    /// Its status.
    pub status: Status,
    /// The names of its rules.
    pub rules: Vec<String>,
}

/// The coverage of one cited document by one ruleset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocCoverage {
    /// The ruleset (a level of the chain) that cites it.
    pub ruleset: String,
    /// The `出处` key.
    pub key: String,
    /// The path as written.
    pub path: String,
    /// Every item, in order.
    pub items: Vec<ItemCoverage>,
    /// Clauses citing this document whose item it does not have (a wrong label).
    pub unmatched: Vec<String>,
}

impl DocCoverage {
    /// Items encoded as rules, as principles, and not at all.
    pub fn totals(&self) -> (usize, usize, usize) {
        let count =
            |f: &dyn Fn(&Status) -> bool| self.items.iter().filter(|i| f(&i.status)).count();
        (
            count(&|s| matches!(s, Status::Rules(_))),
            count(&|s| matches!(s, Status::Principle(_))),
            count(&|s| *s == Status::Missing),
        )
    }

    /// Percentage of items accounted for (rules or principle), rounded down; 0 when no item
    /// was found in the document (nothing can be shown to be accounted for).
    pub fn percent(&self) -> u32 {
        let (r, p, _) = self.totals();
        let n = self.items.len();
        if n == 0 {
            0
        } else {
            ((r + p) * 100 / n) as u32
        }
    }
}

/// A clause's contribution: (style, number) → (rule names, principle reason).
type Encoded = BTreeMap<(Style, u32), (Vec<String>, Option<String>)>;

/// The coverage of each document the files of one ruleset (one level) cite.
pub fn coverage(ruleset: &str, files: &[ast::File], docs: &[Document]) -> Vec<DocCoverage> {
    let default = files
        .iter()
        .flat_map(|f| &f.sources)
        .next()
        .map(|d| d.key.key.clone());
    let mut by_doc: BTreeMap<String, (Encoded, Vec<String>)> = BTreeMap::new();
    for c in files.iter().flat_map(|f| &f.clauses) {
        let cited = c
            .text
            .as_ref()
            .or(c.rules.iter().find_map(|r| r.text.as_ref()))
            .and_then(|q| q.doc.as_ref().map(|k| k.key.clone()))
            .or(default.clone());
        let Some(key) = cited else { continue };
        let entry = by_doc.entry(key).or_default();
        match parse_label(&c.item.text) {
            Some(at) => {
                let slot = entry.0.entry(at).or_default();
                slot.0.extend(c.rules.iter().map(|r| r.name.text.clone()));
                if let Some(p) = &c.principle {
                    slot.1 = Some(p.clone());
                }
            }
            None => entry.1.push(c.item.text.clone()),
        }
    }
    docs.iter()
        .map(|d| {
            let (encoded, mut unmatched) = by_doc.remove(&d.key).unwrap_or_default();
            one(ruleset, d, &encoded, &mut unmatched)
        })
        .collect()
}

fn one(ruleset: &str, d: &Document, encoded: &Encoded, unmatched: &mut Vec<String>) -> DocCoverage {
    // The numbering the clauses use; (一) if there are none.
    let mut styles: BTreeMap<Style, usize> = BTreeMap::new();
    for (s, _) in encoded.keys() {
        *styles.entry(*s).or_default() += 1;
    }
    let style = styles
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or(Style::Paren, |(s, _)| *s);
    let found = document_items(d, style);
    let items: Vec<ItemCoverage> = found
        .into_iter()
        .map(|item| {
            let (rules, principle) = encoded
                .get(&(style, item.number))
                .cloned()
                .unwrap_or_default();
            let status = match (rules.len(), principle) {
                (0, Some(p)) => Status::Principle(p),
                (0, None) => Status::Missing,
                (n, _) => Status::Rules(n),
            };
            ItemCoverage {
                item,
                status,
                rules,
            }
        })
        .collect();
    for (s, n) in encoded.keys() {
        if !items.iter().any(|i| *s == style && i.item.number == *n) {
            unmatched.push(label(*s, *n));
        }
    }
    DocCoverage {
        ruleset: ruleset.to_string(),
        key: d.key.clone(),
        path: d.path.clone(),
        items,
        unmatched: std::mem::take(unmatched),
    }
}

/// The items of `d`, in the clauses' numbering `style`; a document that does not number its items
/// that way (吉安县's 篇8 heads its parts `一、`…`五、`, the clauses are `（一）`…) is read in the
/// first other style that finds items, and its items answer to the clauses by number.
fn document_items(d: &Document, style: Style) -> Vec<Item> {
    let found = items(&d.text, style, d.first_line, d.split.as_deref());
    if !found.is_empty() {
        return found;
    }
    [Style::Paren, Style::Dun, Style::Article]
        .into_iter()
        .filter(|&s| s != style)
        .map(|s| items(&d.text, s, d.first_line, d.split.as_deref()))
        .find(|f| !f.is_empty())
        .unwrap_or_default()
}

fn label(s: Style, n: u32) -> String {
    match s {
        Style::Paren => format!("({n})"),
        Style::Dun => format!("{n}、"),
        Style::Article => format!("第{n}条"),
    }
}
