//! Instances as flat records, shared by the CSV, XLSX and HTML reports: every field of the JSON
//! instance becomes a column named by its JSON path (`subject.person`), with a Chinese header by
//! default. Party objects also get the person's and unit's names, which the JSON leaves out.
//!
//! INVARIANT: the known columns are always present, in a fixed order; fields a later version adds
//! to the JSON instance (unknown paths) follow in order of first appearance, so nothing in the JSON
//! is lost and the header depends only on the input.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::json::instance as instance_value;
use super::Report;
use crate::diagnostics::Lang;
use crate::eval::{Instance, Party};
use crate::ir::Modality;

/// What a column holds, for formats that type their cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A number.
    Number,
    /// A calendar date.
    Date,
}

/// A column: its JSON path, its header in the chosen language, and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The JSON path, `.`-separated (`requirement.min`).
    pub path: String,
    /// The header shown (Chinese, or the path in English).
    pub header: String,
    /// What it holds.
    pub kind: Kind,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value (JSON `null`, or a field this instance has not got).
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text (dates as `YYYY-MM-DD`, whole numbers without a decimal point).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The flat table: columns, and one row per instance in report order.
#[derive(Clone, Debug)]
pub struct Flat {
    /// The columns.
    pub columns: Vec<Column>,
    /// One row per instance, cells in column order.
    pub rows: Vec<Vec<Cell>>,
}

impl Flat {
    /// The index of the column at `path`.
    pub fn col(&self, path: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.path == path)
    }
}

/// (path, Chinese header, kind) of every known column, in order.
const KNOWN: &[(&str, &str, Kind)] = &[
    ("rule", "规则", Kind::Text),
    ("clause", "条款", Kind::Text),
    ("source.document", "文件", Kind::Text),
    ("source.item", "条目", Kind::Text),
    ("source.text", "原文", Kind::Text),
    ("modality", "情态", Kind::Text),
    ("period.start", "期间起始", Kind::Date),
    ("period.end", "期间终止", Kind::Date),
    ("subject.person", "对象人员编号", Kind::Text),
    ("subject.person_name", "对象姓名", Kind::Text),
    ("subject.unit", "对象单位编号", Kind::Text),
    ("subject.unit_name", "对象单位", Kind::Text),
    ("responsible.person", "责任人编号", Kind::Text),
    ("responsible.person_name", "责任人姓名", Kind::Text),
    ("responsible.unit", "责任单位编号", Kind::Text),
    ("responsible.unit_name", "责任单位", Kind::Text),
    ("requirement.event", "要求事项", Kind::Text),
    ("requirement.min", "最少次数", Kind::Number),
    ("requirement.max", "最多次数", Kind::Number),
    ("requirement.within_days", "期限天数", Kind::Number),
    ("requirement.before", "事先", Kind::Text),
    ("status", "状态", Kind::Text),
    ("count", "次数", Kind::Number),
    ("due", "期限", Kind::Date),
    ("evidence", "依据事件", Kind::Text),
    ("consequence", "违反后果", Kind::Text),
    ("trigger.kind", "触发", Kind::Text),
    ("trigger.date", "触发日期", Kind::Date),
    ("trigger.event", "触发事件", Kind::Text),
    ("trigger.tenure.person", "触发任职人员", Kind::Text),
    ("trigger.tenure.unit", "触发任职单位", Kind::Text),
    // Added for issue 12 (after the columns above, so their positions stay): the reason in
    // words, then every path the JSON instance can hold, each with a Chinese header.
    (WHY, "原因", Kind::Text),
    ("requirement.pattern", "模式", Kind::Text),
    ("requirement.property", "要求字段值", Kind::Text),
    ("requirement.order.not_before", "不得先于", Kind::Text),
    ("requirement.order.group_field", "分组字段", Kind::Text),
    ("requirement.order.order_field", "次序字段", Kind::Text),
    ("requirement.population.party", "范围", Kind::Text),
    ("requirement.population.basis", "人数口径", Kind::Text),
    ("requirement.ratio", "比例", Kind::Text),
    ("requirement.rounding", "取整", Kind::Text),
    ("coverage.term", "届次", Kind::Text),
    ("coverage.population", "人数", Kind::Number),
    ("coverage.need", "应覆盖人数", Kind::Number),
    ("coverage.covered", "已覆盖", Kind::Text),
    ("coverage.uncovered", "未覆盖", Kind::Text),
    ("coverage.arithmetic", "算式", Kind::Text),
    ("excuse.event", "说明事件", Kind::Text),
    ("excuse.reason", "说明理由", Kind::Text),
    ("reason", "不适用原因", Kind::Text),
    ("trigger.violation.rule", "所违反规则", Kind::Text),
    (
        "trigger.violation.period.start",
        "所违反期间起始",
        Kind::Date,
    ),
    ("trigger.violation.period.end", "所违反期间终止", Kind::Date),
    ("version.ruleset", "版本规则集", Kind::Text),
    ("version.effective", "版本生效日期", Kind::Date),
    ("version.next_year", "次年起", Kind::Text),
    ("version.until", "版本最后一日", Kind::Date),
    ("amends.ruleset", "所修订规则集", Kind::Text),
    ("amends.rule", "所修订规则", Kind::Text),
    ("amends.loosened", "从宽理由", Kind::Text),
    // Parties and deadlines from the trigger event (语言扩展), as written in the rule.
    (
        "requirement.responsible_from_trigger",
        "责任人取自触发事件",
        Kind::Text,
    ),
    (
        "requirement.to_from_trigger",
        "报告对象取自触发事件",
        Kind::Text,
    ),
    ("requirement.deadline_field", "期限字段", Kind::Text),
];

/// The path of the column holding the reason in words (not a JSON path: it is derived).
pub const WHY: &str = "why";

/// The Chinese (or English) label of a modality.
pub fn modality_label(m: Modality, lang: Lang) -> &'static str {
    match (lang, m) {
        (Lang::En, m) => m.as_str(),
        (Lang::Zh, Modality::Obligation) => "义务",
        (Lang::Zh, Modality::Default) => "一般",
        (Lang::Zh, Modality::Permission) => "允许",
        (Lang::Zh, Modality::Prohibition) => "禁止",
    }
}

/// The label of an instance's status in `lang`.
pub fn status_label(i: &Instance, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => i.status.zh(),
        Lang::En => i.status.as_str(),
    }
}

/// Flattens every instance of `r`.
pub fn flatten(r: &Report, lang: Lang) -> Flat {
    let mut columns: Vec<Column> = KNOWN
        .iter()
        .map(|&(path, zh, kind)| Column {
            path: path.into(),
            header: match lang {
                Lang::Zh => zh.into(),
                Lang::En => path.into(),
            },
            kind,
        })
        .collect();
    let mut records = Vec::with_capacity(r.outcome.instances.len());
    for i in &r.outcome.instances {
        let mut fields = Vec::new();
        flatten_value("", &enriched(r, i), &mut fields);
        // A null object (`responsible` of a rule without one) is its known columns left empty.
        fields.retain(|(path, v)| {
            !(v.is_null() && KNOWN.iter().any(|k| k.0.starts_with(&format!("{path}."))))
        });
        fields.push((WHY.to_string(), Value::String(super::why::why(r, i, lang))));
        for (path, _) in &fields {
            if !columns.iter().any(|c| &c.path == path) {
                columns.push(Column {
                    path: path.clone(),
                    header: extra_header(path, lang),
                    kind: Kind::Text,
                });
            }
        }
        records.push((i, fields));
    }
    let rows = records
        .into_iter()
        .map(|(i, fields)| {
            let mut row = vec![Cell::Empty; columns.len()];
            for (path, v) in fields {
                let c = columns.iter().position(|c| c.path == path).unwrap_or(0);
                row[c] = cell(r, i, &columns[c], v, lang);
            }
            row
        })
        .collect();
    Flat { columns, rows }
}

/// The header of a column not in [`KNOWN`]: in Chinese, an assumed parameter value
/// (`assumptions.及时.value`) is `假定：及时` and its reason `假定理由：及时`; any other path
/// (a field a later version adds) keeps its JSON path.
fn extra_header(path: &str, lang: Lang) -> String {
    if lang == Lang::Zh {
        if let Some(rest) = path.strip_prefix("assumptions.") {
            if let Some(param) = rest.strip_suffix(".value") {
                return format!("假定：{param}");
            }
            if let Some(param) = rest.strip_suffix(".reason") {
                return format!("假定理由：{param}");
            }
        }
    }
    path.to_string()
}

/// The JSON instance with the names of the parties added.
fn enriched(r: &Report, i: &Instance) -> Value {
    let mut v = instance_value(r, i);
    if let Value::Object(m) = &mut v {
        add_names(r, m, "subject", Some(i.subject));
        add_names(r, m, "responsible", i.responsible);
    }
    v
}

fn add_names(r: &Report, m: &mut Map<String, Value>, key: &str, p: Option<Party>) {
    let (Some(p), Some(Value::Object(o))) = (p, m.get_mut(key)) else {
        return;
    };
    let unit = &r.facts.units[p.unit as usize];
    let person = p.person.map(|pi| &r.facts.people[pi as usize]);
    let mut out = Map::new();
    for (k, v) in std::mem::take(o) {
        let name = match k.as_str() {
            "person" => person.map(|p| p.name.clone()).filter(|n| !n.is_empty()),
            "unit" => Some(unit.name.clone()),
            _ => None,
        };
        let name_key = format!("{k}_name");
        out.insert(k, v);
        if let Some(n) = name {
            out.insert(name_key, Value::String(n));
        }
    }
    *o = out;
}

/// Depth-first (path, leaf) pairs; arrays are leaves.
fn flatten_value(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten_value(&path, v, out);
            }
        }
        _ => out.push((prefix.to_string(), v.clone())),
    }
}

fn cell(r: &Report, i: &Instance, col: &Column, v: Value, lang: Lang) -> Cell {
    match col.path.as_str() {
        "status" => return Cell::Text(status_label(i, lang).into()),
        "modality" => {
            return Cell::Text(modality_label(r.ruleset.rules[i.rule].modality, lang).into())
        }
        "reason" if lang == Lang::Zh => {
            return i.reason.map_or(Cell::Empty, |x| Cell::Text(x.zh().into()))
        }
        "requirement.rounding" | "requirement.population.basis" if lang == Lang::Zh => {
            if let Value::String(s) = &v {
                return Cell::Text(value_zh(s).into());
            }
        }
        _ => {}
    }
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Text(yes_no(b, lang).into()),
        Value::Number(n) => Cell::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => match col.kind {
            Kind::Date => crate::text::parse_date(&s).map_or(Cell::Text(s), Cell::Date),
            _ => Cell::Text(s),
        },
        Value::Array(a) => Cell::Text(join(&a, lang)),
        Value::Object(_) => Cell::Text(v.to_string()),
    }
}

/// The Chinese for a contract value of the rounding and population-basis fields.
fn value_zh(s: &str) -> &str {
    match s {
        "ceil" => "向上取整",
        "window_start" => "期初在任者",
        "window_end" => "期末在任者",
        "any_time" => "期间任一时点在任者",
        "term" => "届次内任一时点在任者",
        other => other,
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (lang, b) {
        (Lang::Zh, true) => "是",
        (Lang::Zh, false) => "否",
        (Lang::En, true) => "true",
        (Lang::En, false) => "false",
    }
}

/// A list in one cell: `、` between items in Chinese, `; ` in English (both are list separators
/// the fact loader accepts).
fn join(a: &[Value], lang: Lang) -> String {
    let items: Vec<String> = a
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    items.join(match lang {
        Lang::Zh => "、",
        Lang::En => "; ",
    })
}
