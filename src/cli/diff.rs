//! `guize diff BASE LOCAL [--format table|json]`: per rule of the base, what the local ruleset
//! made of it (从严 / 相同 / 从宽 / 不可比 / 废止), then what it added (新增).

use clap::ArgMatches;
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

use super::{load, Exit, Output};
use crate::compare::{diff, Dim, Row, RowKind, Verdict};
use crate::diagnostics::{Diag, Lang};
use crate::ir;
use crate::span::SourceMap;

/// Runs `diff`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let arg = |k: &str| m.get_one::<String>(k).cloned().unwrap_or_default();
    let mut sources = SourceMap::new();
    let (base, mut diags) = load::ruleset(&arg("base"), &mut sources);
    let (local, d) = load::ruleset(&arg("local"), &mut sources);
    diags.extend(d);
    // Only errors: the open-parameter warnings belong to `check`.
    diags.retain(Diag::is_error);
    let errors = !diags.is_empty();
    out.diags(&diags, &sources);
    let (Some(base), Some(local)) = (base, local) else {
        return Exit::InputErrors;
    };
    if errors {
        return Exit::InputErrors;
    }
    let inherited = local
        .chain
        .iter()
        .rev()
        .skip(1)
        .any(|v| v.ruleset == base.name);
    if !inherited {
        let d = Diag::error(
            "E0248",
            format!("规则集 {} 没有继承 {}，无法比较", local.name, base.name),
            format!(
                "ruleset {} does not inherit {}; nothing to compare",
                local.name, base.name
            ),
        )
        .help(
            format!("{} 的继承链：{}", local.name, chain(&local)),
            format!("the chain of {}: {}", local.name, chain(&local)),
        );
        out.diags(&[d], &sources);
        return Exit::InputErrors;
    }
    let rows = diff(&base, &local);
    match m.get_one::<String>("format").map(String::as_str) {
        Some("json") => out.print(to_json(&base, &local, &rows)),
        _ => out.print(to_table(&base, &local, &rows, out.lang)),
    }
    Exit::Done
}

fn chain(rs: &ir::Ruleset) -> String {
    let names: Vec<&str> = rs.chain.iter().map(|v| v.ruleset.as_str()).collect();
    names.join(" → ")
}

const KINDS: [RowKind; 7] = [
    RowKind::Compared(Verdict::Stricter),
    RowKind::Assumed,
    RowKind::Compared(Verdict::Same),
    RowKind::Compared(Verdict::Looser),
    RowKind::Added,
    RowKind::Repealed,
    RowKind::Compared(Verdict::Incomparable),
];

fn dim_text(d: &Option<Dim>, zh: bool) -> (String, String) {
    match d {
        None => (String::new(), String::new()),
        Some(d) => (
            if zh { d.name.zh() } else { d.name.en() }.to_string(),
            format!("{} → {}", d.base, d.local),
        ),
    }
}

/// The table for people.
pub fn to_table(base: &ir::Ruleset, local: &ir::Ruleset, rows: &[Row], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let counts: Vec<String> = KINDS
        .iter()
        .map(|k| {
            let n = rows.iter().filter(|r| r.kind == *k).count();
            if zh {
                format!("{} {n}", k.zh())
            } else {
                format!("{} {n}", k.en())
            }
        })
        .collect();
    let mut s = if zh {
        format!(
            "{} → {}（继承链：{}）\n{}\n\n",
            base.name,
            local.name,
            chain(local),
            counts.join("，")
        )
    } else {
        format!(
            "{} → {} (chain: {})\n{}\n\n",
            base.name,
            local.name,
            chain(local),
            counts.join(", ")
        )
    };
    let head: Vec<String> = if zh {
        [
            "结论",
            "上级规则",
            "本地规则",
            "依据维度",
            "上级 → 本地",
            "说明",
        ]
    } else {
        [
            "verdict",
            "base rule",
            "local rule",
            "dimension",
            "base → local",
            "note",
        ]
    }
    .iter()
    .map(|x| x.to_string())
    .collect();
    let mut table = vec![head];
    for r in rows {
        let (dim, change) = dim_text(&r.dim, zh);
        table.push(vec![
            if zh { r.kind.zh() } else { r.kind.en() }.to_string(),
            r.base_rule.clone().unwrap_or_else(|| "—".into()),
            match (&r.local_rule, &r.local_ruleset) {
                // An inherited rule's id already names its document (`中央意见(十三).…`).
                (Some(id), Some(doc)) if *doc != local.name && !id.starts_with(doc.as_str()) => {
                    if zh {
                        format!("{id}（{doc}）")
                    } else {
                        format!("{id} ({doc})")
                    }
                }
                (Some(id), _) => id.clone(),
                (None, _) => "—".into(),
            },
            dim,
            change,
            match (r.principle, zh) {
                (true, true) => "原则性条款，不设规则".to_string(),
                (true, false) => "principle, no rule".to_string(),
                _ => r.note.clone().unwrap_or_default(),
            },
        ]);
    }
    s.push_str(&align(&table));
    s.push('\n');
    s.push_str(if zh { "原文对照：\n" } else { "texts:\n" });
    for r in rows {
        let id = r
            .local_rule
            .as_ref()
            .or(r.base_rule.as_ref())
            .cloned()
            .unwrap_or_default();
        s.push_str(&format!(
            "  [{}] {id}\n",
            if zh { r.kind.zh() } else { r.kind.en() }
        ));
        if let Some(t) = &r.base_text {
            s.push_str(&format!(
                "    {}「{t}」\n",
                if zh { "上级：" } else { "base:  " }
            ));
        }
        if let Some(t) = r
            .local_text
            .as_ref()
            .filter(|t| Some(*t) != r.base_text.as_ref())
        {
            s.push_str(&format!(
                "    {}「{t}」\n",
                if zh { "本地：" } else { "local: " }
            ));
        }
    }
    s
}

/// Columns padded to the widest cell (Chinese characters are two columns wide).
fn align(rows: &[Vec<String>]) -> String {
    let width = |c: usize| {
        rows.iter()
            .map(|r| r.get(c).map_or(0, |s| s.width()))
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len)).map(width).collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn dim_json(d: &Dim) -> Value {
    json!({"name": d.name.en().replace(' ', "_"), "name_zh": d.name.zh(), "verdict": d.verdict.en(), "base": d.base, "local": d.local})
}

/// The JSON form for programs.
pub fn to_json(base: &ir::Ruleset, local: &ir::Ruleset, rows: &[Row]) -> String {
    let rows_json: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "verdict": r.kind.en(),
                "verdict_zh": r.kind.zh(),
                "base_rule": r.base_rule,
                "local_rule": r.local_rule,
                "local_ruleset": r.local_ruleset,
                "dimension": r.dim.as_ref().map(dim_json),
                "dimensions": r.dims.iter().map(dim_json).collect::<Vec<_>>(),
                "base_text": r.base_text,
                "local_text": r.local_text,
                "note": r.note,
                "principle": r.principle,
            })
        })
        .collect();
    let mut summary = serde_json::Map::new();
    for k in KINDS {
        summary.insert(
            k.en().into(),
            json!(rows.iter().filter(|r| r.kind == k).count()),
        );
    }
    let v = json!({
        "base": base.name,
        "local": local.name,
        "chain": local.chain.iter().map(|v| v.ruleset.clone()).collect::<Vec<_>>(),
        "rows": rows_json,
        "summary": summary,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
