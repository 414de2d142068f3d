//! Worked examples inside rule files (`例 NAME：截至 DATE` with fact rows and `预期` lines under a
//! rule) and what `guize test` makes of them: the example's facts are built, the ruleset is
//! evaluated at the example's date, and each `预期` line is compared with the rule's instances.
//!
//! INVARIANT: no IO. The facts of an example are CSV texts built in memory from its rows, held
//! by the caller's `SourceMap` under names like `例:按时谈话/任职.csv`.

use chrono::NaiveDate;

use crate::ast;
use crate::eval::{Instance, Status};
use crate::facts::Facts;
use crate::span::Span;

/// The status a `预期` word names.
pub fn status_of(word: &str) -> Option<Status> {
    Some(match word {
        "已履行" | "satisfied" => Status::Satisfied,
        "违反" | "violated" => Status::Violated,
        "待履行" | "pending" => Status::Pending,
        "逾期履行" | "late" => Status::Late,
        "不适用" | "not_applicable" => Status::NotApplicable,
        _ => return None,
    })
}

/// The Chinese word of a status.
pub fn word_of(s: Status) -> &'static str {
    match s {
        Status::Satisfied => "已履行",
        Status::Violated => "违反",
        Status::Pending => "待履行",
        Status::Late => "逾期履行",
        Status::NotApplicable => "不适用",
    }
}

/// The fixed (positional) columns of each table, in the contract's order.
fn columns(table: &str) -> &'static [&'static str] {
    match table {
        "单位" => &["编号", "名称", "类别", "上级", "同级"],
        "人员" => &["编号", "姓名"],
        "任职" => &["人员", "单位", "职务", "起始", "终止"],
        "事件" => &["编号", "日期", "类型"],
        // 联系单位 is named (`联系单位=U2`), as it is optional.
        "分工" => &["人员", "单位", "分管", "起始", "终止"],
        _ => &["单位", "届次", "起始", "终止"],
    }
}

/// The CSV tables of an example: each table's header is its fixed columns then every named
/// column (`主体=P1`) used in its rows, in order of first use. A person named in a 任职 or 分工
/// row and in no 人员 row is added to 人员. 分工 is written only when the example has such rows.
pub fn tables(ex: &ast::Example) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut people: Vec<String> = Vec::new();
    for table in crate::facts::TABLES.iter().copied() {
        let rows: Vec<&ast::FactRow> = ex.rows.iter().filter(|r| r.table == table).collect();
        if table == "分工" && rows.is_empty() {
            // The optional table: written only when the example fills it.
            continue;
        }
        let mut header: Vec<String> = columns(table).iter().map(|c| c.to_string()).collect();
        for r in &rows {
            for (name, _) in r
                .cells
                .iter()
                .filter_map(|c| c.name.as_ref().map(|n| (n, c)))
            {
                if !header.contains(name) {
                    header.push(name.clone());
                }
            }
        }
        let mut lines = vec![csv_line(&header)];
        for r in &rows {
            let mut cells = vec![String::new(); header.len()];
            let mut pos = 0;
            for c in &r.cells {
                let at = match &c.name {
                    Some(n) => header.iter().position(|h| h == n),
                    None => {
                        pos += 1;
                        Some(pos - 1).filter(|&p| p < columns(table).len())
                    }
                };
                if let Some(i) = at {
                    cells[i] = c.value.clone();
                }
            }
            if table == "人员" {
                people.push(cells[0].clone());
            }
            if matches!(table, "任职" | "分工")
                && !people.contains(&cells[0])
                && !cells[0].is_empty()
            {
                people.push(cells[0].clone());
                let row = csv_line(&[cells[0].clone(), cells[0].clone()]);
                if let Some((_, t)) = out
                    .iter_mut()
                    .find(|(n, _): &&mut (String, String)| n.ends_with("人员.csv"))
                {
                    t.push_str(&row);
                }
            }
            lines.push(csv_line(&cells));
        }
        out.push((format!("例:{}/{table}.csv", ex.name.text), lines.concat()));
    }
    out
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    format!("{}\n", quoted.join(","))
}

/// The result of one `预期` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The expectation as written: `P2 2023-06-01 已履行`.
    pub expected: String,
    /// What the evaluation gave for that subject and day (`违反（0次）`), or `None` when no
    /// instance of the rule covers them.
    pub actual: Option<String>,
    /// Whether they agree.
    pub pass: bool,
    /// The `预期` line.
    pub span: Span,
}

/// The checks of one example of rule `rule` against an evaluation outcome. `--all` style
/// instances (not_applicable) are looked at too, so `预期 … 不适用` can be checked.
pub fn compare(
    rule: usize,
    facts: &Facts,
    instances: &[&Instance],
    ex: &ast::Example,
) -> Vec<Check> {
    ex.expects
        .iter()
        .map(|e| {
            let want = status_of(&e.status);
            let hit = instances.iter().find(|i| {
                i.rule == rule
                    && i.period.start <= e.date
                    && e.date <= i.period.end
                    && names(facts, i).iter().any(|n| *n == e.subject)
            });
            let actual = hit.map(|i| format!("{}（{}次）", word_of(i.status), i.count));
            Check {
                expected: format!("{} {} {}", e.subject, e.date, e.status),
                pass: hit.is_some_and(|i| Some(i.status) == want),
                actual,
                span: e.span,
            }
        })
        .collect()
}

/// The ids an instance's subject answers to: the person's id and the unit's id.
fn names<'a>(facts: &'a Facts, i: &Instance) -> Vec<&'a str> {
    let mut v = vec![facts.units[i.subject.unit as usize].id.as_str()];
    if let Some(p) = i.subject.person {
        v.push(facts.people[p as usize].id.as_str());
    }
    v
}

/// The evaluation date of an example: its `截至`, else the last date in its rows.
pub fn as_of(ex: &ast::Example) -> Option<NaiveDate> {
    ex.as_of.or_else(|| {
        ex.rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter_map(|c| crate::text::parse_date(&c.value))
            .max()
    })
}
