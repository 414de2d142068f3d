//! The table for people: one block per rule with its 原文, a row per instance, a summary.

use unicode_width::UnicodeWidthStr;

use super::json::trigger_name;
use super::Report;
use crate::diagnostics::Lang;
use crate::eval::{Instance, Party, Status};

/// Renders the report as a text table in `lang`, each row on one line however long.
pub fn to_table(r: &Report, lang: Lang) -> String {
    to_table_width(r, lang, None)
}

/// Renders the report as a text table in `lang`; with `width`, every line fits in that many
/// columns (cells wrap inside their column, at places where Chinese text may break).
pub fn to_table_width(r: &Report, lang: Lang, width: Option<usize>) -> String {
    let zh = lang == Lang::Zh;
    let fit = |line: String, indent: &str| -> String {
        match width {
            None => line,
            Some(w) => wrap_lines(&line, w, indent),
        }
    };
    let mut out = String::new();
    out.push_str(&fit(
        if zh {
            format!("规则集 {}　评估日期 {}\n", r.ruleset.name, r.as_of)
        } else {
            format!("ruleset {}  as of {}\n", r.ruleset.name, r.as_of)
        },
        "",
    ));
    out.push_str(&fit(format!("{}\n", r.facts_line(lang)), ""));
    let header: Vec<String> = if zh {
        ["期间", "对象", "责任人", "状态", "次数", "期限", "依据"]
            .map(String::from)
            .to_vec()
    } else {
        [
            "period",
            "subject",
            "responsible",
            "status",
            "count",
            "due",
            "evidence",
        ]
        .map(String::from)
        .to_vec()
    };
    for (ri, rule) in r.ruleset.rules.iter().enumerate() {
        let rows: Vec<&Instance> = r
            .outcome
            .instances
            .iter()
            .filter(|i| i.rule == ri)
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(&fit(
            format!(
                "【{}】 {}{}\n",
                rule.id,
                if zh { "原文" } else { "source" },
                version_note(r, rule, zh)
            ),
            "  ",
        ));
        out.push_str(&fit(format!("  「{}」\n", rule.source.text), "   "));
        out.push_str(&fit(assumed(rule, zh), "    "));
        let mut table = vec![header.clone()];
        for i in rows {
            table.push(row(r, i, zh));
        }
        out.push_str(&align(&table, width));
    }
    for s in &r.outcome.skipped {
        let rule = &r.ruleset.rules[s.rule];
        out.push('\n');
        out.push_str(&fit(
            if zh {
                format!(
                    "【{}】 未评估：参数 {} 未定{}\n",
                    rule.id,
                    s.open_params.join("、"),
                    version_note(r, rule, zh)
                )
            } else {
                format!(
                    "[{}] not evaluated: open parameters {}{}\n",
                    rule.id,
                    s.open_params.join(", "),
                    version_note(r, rule, zh)
                )
            },
            "  ",
        ));
    }
    for x in &r.ruleset.repeals {
        let word = match (x.not_applicable, zh) {
            (true, true) => "不适用",
            (false, true) => "废止",
            (true, false) => "not applicable",
            (false, false) => "repealed",
        };
        out.push('\n');
        out.push_str(&fit(
            format!(
                "【{}】 {word}（{} → {}）：{}\n",
                x.rule, x.ruleset, x.by, x.reason
            ),
            "  ",
        ));
        out.push_str(&fit(format!("  「{}」\n", x.text), "   "));
    }
    out.push('\n');
    let parts: Vec<String> = r
        .summary()
        .iter()
        .map(|(s, n)| format!("{} {n}", if zh { s.zh() } else { s.as_str() }))
        .collect();
    out.push_str(&fit(
        format!(
            "{}{}\n",
            if zh { "合计：" } else { "total: " },
            parts.join(if zh { "，" } else { ", " })
        ),
        "",
    ));
    out
}

/// `  假定：及时 = 30日（原文未给出）` for each assumed parameter value the rule uses.
pub(super) fn assumed(rule: &crate::ir::Rule, zh: bool) -> String {
    let mut s = String::new();
    for a in &rule.assumptions {
        let why = if a.reason.is_empty() {
            String::new()
        } else {
            format!("：{}", a.reason)
        };
        s.push_str(&if zh {
            format!(
                "  假定：{} = {}（原文未给出此值，规则集假定{why}）\n",
                a.param, a.value
            )
        } else {
            format!(
                "  assumed: {} = {} (not in the text; assumed by the ruleset{why})\n",
                a.param, a.value
            )
        });
    }
    s
}

/// `（安徽省措施，2022-05-02 起）` for a ruleset that inherits; nothing otherwise.
fn version_note(r: &Report, rule: &crate::ir::Rule, zh: bool) -> String {
    if r.ruleset.chain.len() < 2 {
        return String::new();
    }
    let v = &rule.version;
    let from = v.first_day().map(|d| d.to_string()).unwrap_or_default();
    let until = v.until.map(|d| d.to_string()).unwrap_or_default();
    match (zh, from.is_empty(), until.is_empty()) {
        // A ruleset without 生效: its name alone.
        (true, true, true) => format!("（{}）", v.ruleset),
        (false, true, true) => format!(" ({})", v.ruleset),
        (true, true, false) => format!("（{}，至 {until}）", v.ruleset),
        (false, true, false) => format!(" ({}, to {until})", v.ruleset),
        (true, false, true) => format!("（{}，{from} 起）", v.ruleset),
        (true, false, false) => format!("（{}，{from} 至 {until}）", v.ruleset),
        (false, false, true) => format!(" ({}, from {from})", v.ruleset),
        (false, false, false) => format!(" ({}, {from} to {until})", v.ruleset),
    }
}

fn row(r: &Report, i: &Instance, zh: bool) -> Vec<String> {
    let period = if i.period.start == i.period.end {
        i.period.start.to_string()
    } else {
        format!("{}~{}", i.period.start, i.period.end)
    };
    let mut evidence: Vec<String> = i
        .evidence
        .iter()
        .map(|&e| r.event_id(e).to_string())
        .collect();
    if let Some(t) = &i.trigger {
        let name = trigger_name(r, &t.kind);
        evidence.insert(
            0,
            if zh {
                format!("触发：{name} {}", t.date)
            } else {
                format!("trigger: {name} {}", t.date)
            },
        );
    }
    let status = if zh { i.status.zh() } else { i.status.as_str() };
    let mark = match i.status {
        Status::Violated => "✗",
        Status::Late => "!",
        Status::Pending => "…",
        Status::Satisfied => "✓",
        Status::NotApplicable => "-",
    };
    if let Some(a) = super::words::arithmetic(i) {
        evidence.insert(0, a);
    }
    if let Some(crate::eval::Detail::Assignment { row, areas }) = &i.detail {
        let a = &r.facts.assignments[*row];
        evidence.push(if zh {
            format!("分工 {} 分管 {}", a.start, areas.join("、"))
        } else {
            format!("assignment {}: {}", a.start, areas.join(", "))
        });
    }
    if let Some(crate::eval::Detail::Coverage { uncovered, .. }) = &i.detail {
        if !uncovered.is_empty() {
            let ids: Vec<String> = uncovered.iter().map(|&p| r.party_ref(p)).collect();
            evidence.push(format!(
                "{}{}",
                if zh { "未覆盖：" } else { "uncovered: " },
                ids.join("、")
            ));
        }
    }
    if let Some(e) = i.excuse {
        let reason = crate::eval::excuse_reason(r.facts, e).unwrap_or_default();
        evidence.push(if zh {
            format!("已说明理由：{} {reason}", r.event_id(e))
        } else {
            format!("excused: {} {reason}", r.event_id(e))
        });
    }
    if let Some(reason) = i.reason {
        evidence.push(if zh {
            reason.zh().to_string()
        } else {
            reason.as_str().to_string()
        });
    }
    vec![
        period,
        party(r, Some(i.subject)),
        i.responsible.map_or_else(
            || {
                if zh {
                    "（空缺）".into()
                } else {
                    "(vacant)".into()
                }
            },
            |p| party(r, Some(p)),
        ),
        format!("{mark} {status}"),
        i.count.to_string(),
        i.due.map(|d| d.to_string()).unwrap_or_default(),
        evidence.join(" "),
    ]
}

fn party(r: &Report, p: Option<Party>) -> String {
    let Some(p) = p else { return String::new() };
    let unit = &r.facts.units[p.unit as usize];
    match p.person {
        Some(pi) => {
            let person = &r.facts.people[pi as usize];
            let name = person.shown_name();
            format!("{name}({})·{}", person.id, unit.name)
        }
        None => format!("{}({})", unit.name, unit.id),
    }
}

/// A cell on one line: facts are untrusted, and a name holding a newline or a tab would break
/// the columns, so control characters are shown as `␊`-style symbols or a space.
fn one_line(cell: &str) -> String {
    cell.chars()
        .map(|c| match c {
            '\n' => '␊',
            '\r' => '␍',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// A line (ending in `\n`) broken to `width` columns, continuation lines indented by `indent`.
fn wrap_lines(text: &str, width: usize, indent: &str) -> String {
    text.lines().map(|l| wrap_line(l, width, indent)).collect()
}

fn wrap_line(body: &str, width: usize, indent: &str) -> String {
    let lead: String = body.chars().take_while(|c| *c == ' ').collect();
    let mut out = String::new();
    let first = super::wrap::wrap(&body[lead.len()..], width.saturating_sub(lead.width()));
    let (head, rest) = first
        .split_first()
        .map_or(("", &[][..]), |(h, r)| (h.as_str(), r));
    out.push_str(&format!("{lead}{head}\n"));
    let tail = rest.join("");
    if !tail.is_empty() {
        for l in super::wrap::wrap(&tail, width.saturating_sub(indent.width())) {
            out.push_str(&format!("{indent}{l}\n"));
        }
    }
    out
}

/// The narrowest each column gets before every column gives way: the period keeps a date and
/// its `~`, names wrap at `·`, status, count and due keep their width (`None`).
const MIN_WIDTHS: [Option<usize>; 7] = [Some(11), Some(8), Some(8), None, None, None, Some(10)];

fn align(rows: &[Vec<String>], width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| one_line(c)).collect())
        .collect();
    let rows = &rows;
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let natural: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = match width {
        Some(w) => {
            let min: Vec<usize> = (0..cols)
                .map(|c| match MIN_WIDTHS.get(c).copied().flatten() {
                    Some(m) => m.min(natural[c]),
                    None => natural[c],
                })
                .collect();
            super::wrap::fit(&natural, w, 2, 2, &min)
        }
        None => natural,
    };
    let mut out = String::new();
    for r in rows {
        let cells: Vec<Vec<String>> = r
            .iter()
            .enumerate()
            .map(|(c, cell)| match width {
                Some(_) => super::wrap::wrap(cell, widths[c]),
                None => vec![cell.clone()],
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut line = String::from("  ");
            for (c, cell) in cells.iter().enumerate() {
                let text = cell.get(k).map_or("", String::as_str);
                line.push_str(text);
                if c + 1 < cells.len() {
                    line.push_str(&" ".repeat(widths[c].saturating_sub(text.width()) + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}
