//! `guize coverage RULESET [--format json] [--fail-under PCT]`: each numbered item of each
//! document the ruleset (and every ruleset it inherits) cites, with its status.

use clap::ArgMatches;
use serde_json::{json, Value};

use super::{load, Exit, Output};
use crate::cite::coverage::{coverage, DocCoverage, Status};
use crate::diagnostics::Lang;
use crate::span::SourceMap;

/// Runs `coverage`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let arg = m.get_one::<String>("ruleset").cloned().unwrap_or_default();
    let mut sources = SourceMap::new();
    let search = load::RULESETS_DIR.get().cloned().flatten();
    let levels = match load::chain(&arg, search.as_deref(), &mut sources) {
        Ok((levels, diags)) => {
            out.diags(&diags, &sources);
            levels
        }
        Err(diags) => {
            out.diags(&diags, &sources);
            return Exit::InputErrors;
        }
    };
    let mut diags = Vec::new();
    let mut docs = Vec::new();
    let mut leaf = String::new();
    for level in &levels {
        let name = level
            .iter()
            .find_map(|f| f.name.as_ref())
            .map(|n| n.text.clone())
            .unwrap_or_default();
        let loaded = load::documents(level, &sources, &mut diags);
        docs.push(coverage(&name, level, &loaded));
        leaf = name;
    }
    out.diags(&diags, &sources);
    // The ruleset asked for first, then its bases; each level's documents in 出处 order.
    docs.reverse();
    let docs: Vec<DocCoverage> = docs.into_iter().flatten().collect();
    match m.get_one::<String>("format").map(String::as_str) {
        Some("json") => out.println(format!("{}", to_json(&docs))),
        _ => out.print(format!("{}", to_table(&docs, out.lang))),
    }
    let under = m.get_one::<u32>("fail-under").copied();
    // The threshold holds for the ruleset's own document: its first 出处. A further 出处 of the
    // same ruleset (another text quoted where the first is damaged, such as 001 篇2 for 004) and
    // the bases are shown for information.
    let own = docs.iter().find(|d| d.ruleset == leaf);
    let failing = under.is_some_and(|p| own.is_some_and(|d| d.percent() < p));
    if !diags.is_empty() {
        Exit::InputErrors
    } else if failing {
        Exit::Violations
    } else {
        Exit::Done
    }
}

fn status_text(s: &Status, zh: bool) -> String {
    match (s, zh) {
        (Status::Rules(n), true) => format!("{n} 条规则"),
        (Status::Rules(n), false) => format!("{n} rule{}", if *n == 1 { "" } else { "s" }),
        (Status::Principle(_), true) => "原则性".into(),
        (Status::Principle(_), false) => "principle".into(),
        (Status::Missing, true) => "未编码".into(),
        (Status::Missing, false) => "not encoded".into(),
    }
}

/// The table for people.
pub fn to_table(docs: &[DocCoverage], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    for d in docs {
        let (r, p, m) = d.totals();
        s.push_str(&if zh {
            format!("{}：出处 {}（{}）\n", d.ruleset, d.key, d.path)
        } else {
            format!("{}: source {} ({})\n", d.ruleset, d.key, d.path)
        });
        if d.items.is_empty() {
            s.push_str(if zh {
                "  出处中没有找到编号条目（（一）、一、、第一条）\n"
            } else {
                "  no numbered items ((一), 一、, 第一条) found in the source\n"
            });
        }
        for i in &d.items {
            let names = if i.rules.is_empty() {
                String::new()
            } else {
                format!("  {}", i.rules.join("、"))
            };
            s.push_str(&format!(
                "  {:<8}{}  {}{}\n",
                i.item.label,
                status_text(&i.status, zh),
                i.item.title,
                names
            ));
        }
        for u in &d.unmatched {
            s.push_str(&if zh {
                format!("  条款 {u} 在出处中没有对应的编号\n")
            } else {
                format!("  clause {u} has no numbered item in the source\n")
            });
        }
        s.push_str(&if zh {
            format!(
                "  合计：{} 项，规则 {r} 项，原则性 {p} 项，未编码 {m} 项；已处理 {}%\n\n",
                d.items.len(),
                d.percent()
            )
        } else {
            format!(
                "  total: {} items, {r} with rules, {p} principles, {m} not encoded; {}% accounted for\n\n",
                d.items.len(),
                d.percent()
            )
        });
    }
    s
}

/// The JSON form for programs.
pub fn to_json(docs: &[DocCoverage]) -> String {
    let v: Vec<Value> = docs
        .iter()
        .map(|d| {
            let (r, p, m) = d.totals();
            let items: Vec<Value> = d
                .items
                .iter()
                .map(|i| {
                    let (status, n, reason) = match &i.status {
                        Status::Rules(n) => ("rules", *n, None),
                        Status::Principle(why) => ("principle", 0, Some(why.clone())),
                        Status::Missing => ("not_encoded", 0, None),
                    };
                    json!({"item": i.item.label, "line": i.item.line, "title": i.item.title,
                        "status": status, "rules": n, "rule_names": i.rules, "reason": reason})
                })
                .collect();
            json!({"ruleset": d.ruleset, "source": d.key, "path": d.path, "items": items,
                "unmatched_clauses": d.unmatched,
                "totals": {"items": d.items.len(), "rules": r, "principle": p, "not_encoded": m, "percent": d.percent()}})
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "documents": v })).unwrap_or_default()
}
