//! The 事件 and 届次 tables: kinds, parties, declared extra fields, duplicates.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::super::tables::{Row, Table};
use super::{at, Builder};
use crate::diagnostics::{did_you_mean, Diag};
use crate::facts::model::*;
use crate::ir::FieldType;
use crate::span::Span;
use crate::text::{fold, parse_date, DATE_FORMS};

impl Builder<'_> {
    pub fn events(&mut self, t: &Table) {
        if !self.columns(t, "事件", &["编号", "日期", "类型"]) {
            self.facts.skipped_rows += t.rows.len();
            return;
        }
        let base = ["编号", "日期", "类型", "单位", "主体", "对象"];
        let all_fields: Vec<String> = self
            .vocab
            .events
            .iter()
            .flat_map(|e| e.fields.iter().map(|f| f.name.key.clone()))
            .collect();
        let mut unknown_cols = Vec::new();
        for c in &t.columns {
            if !base.contains(&c.as_str()) && !all_fields.contains(c) && !c.starts_with('\0') {
                unknown_cols.push(c.clone());
            }
        }
        // A column that is no misspelling of a declared field (备注 …) is ignored with a
        // warning, as in every other table.
        let typos: Vec<String> = unknown_cols
            .into_iter()
            .filter(|c| crate::text::suggest(c, all_fields.iter().map(String::as_str)).is_some())
            .collect();
        let mut known: Vec<&str> = base.to_vec();
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
        let mut seen: HashMap<(NaiveDate, String, Vec<PartyId>, Vec<PartyId>), String> =
            HashMap::new();
        let mut ids: HashMap<String, Span> = HashMap::new();
        for (seq, row) in t.rows.iter().enumerate() {
            match self.event(t, row, seq as u32, &mut ids) {
                Some(ev) => {
                    let key = (
                        ev.date,
                        ev.kind.clone(),
                        ev.actors.clone(),
                        ev.targets.clone(),
                    );
                    match seen.get(&key) {
                        Some(kept) => {
                            self.diags.push(
                                Diag::warning(
                                    "W0401",
                                    format!("事件 `{}` 与 `{kept}` 重复，只计一次", ev.id),
                                    format!("event `{}` duplicates `{kept}`; counted once", ev.id),
                                )
                                .at(
                                    row.span,
                                    "日期、类型、主体、对象都相同",
                                    "same date, kind, actors and targets",
                                ),
                            );
                            self.facts.duplicates.push((kept.clone(), ev.id.clone()));
                        }
                        None => {
                            seen.insert(key, ev.id.clone());
                            self.facts.events.push(ev);
                        }
                    }
                }
                None => self.skip(),
            }
        }
    }

    fn event(
        &mut self,
        t: &Table,
        row: &Row,
        seq: u32,
        ids: &mut HashMap<String, Span>,
    ) -> Option<Event> {
        if row.is_bad() {
            return None;
        }
        let (id, date_cell, kind) = (
            self.required(t, row, "编号"),
            self.required(t, row, "日期"),
            self.required(t, row, "类型"),
        );
        let mut ok = id.is_some() && date_cell.is_some() && kind.is_some();
        if let Some((id, s)) = id {
            if let Some(first) = ids.get(id) {
                let first = *first;
                self.diags.push(
                    Diag::error(
                        "E0405",
                        format!("事件编号 `{id}` 重复"),
                        format!("duplicate event id `{id}`"),
                    )
                    .at(at(row, s), "重复的编号", "duplicate id")
                    .related(first, "第一次出现在此", "first used here"),
                );
                ok = false;
            } else {
                ids.insert(id.to_string(), at(row, s));
            }
        }
        let date = self.date(row, "日期").ok().flatten();
        let decl = kind.and_then(|(k, s)| {
            let key = fold(k);
            let d = self.vocab.event(&key);
            if d.is_none() {
                let names: Vec<&str> = self
                    .vocab
                    .events
                    .iter()
                    .map(|e| e.name.display.as_str())
                    .collect();
                self.diags.push(
                    Diag::error(
                        "E0402",
                        format!("未声明的事件类型 `{k}`"),
                        format!("unknown event kind `{k}`"),
                    )
                    .at(
                        at(row, s),
                        "规则集没有声明这个事项",
                        "the ruleset declares no such event kind",
                    )
                    .maybe_help(did_you_mean(k, names)),
                );
            }
            d
        });
        let unit = match row.get("单位") {
            None => None,
            Some((u, s)) => match self.lookup_unit(row, u, s, "单位") {
                Some(x) => Some(x),
                None => {
                    ok = false;
                    None
                }
            },
        };
        let actors = self.parties(row, "主体", &mut ok);
        let targets = self.parties(row, "对象", &mut ok);
        let mut fields = BTreeMap::new();
        if let Some(decl) = decl {
            for f in &decl.fields {
                let Some((v, s)) = row.get(&f.name.key) else {
                    continue;
                };
                match field_value(&f.ty, v, &self.ids) {
                    Some(val) => {
                        fields.insert(f.name.key.clone(), val);
                    }
                    None => {
                        self.diags.push(
                            Diag::error(
                                "E0411",
                                format!("字段 `{}` 的值 `{v}` 不合类型", f.name.display),
                                format!(
                                    "value `{v}` of field `{}` has the wrong type",
                                    f.name.display
                                ),
                            )
                            .at(at(row, s), "不合字段类型", "wrong type")
                            .help(type_help(&f.ty), type_help_en(&f.ty)),
                        );
                        ok = false;
                    }
                }
            }
        }
        let (Some((id, _)), Some(date), Some(decl), true) = (id, date, decl, ok) else {
            return None;
        };
        Some(Event {
            id: id.to_string(),
            date,
            kind: decl.name.key.clone(),
            unit,
            actors,
            targets,
            fields,
            seq,
            origin: Origin { span: row.span },
        })
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

    fn parties(&mut self, row: &Row, col: &str, ok: &mut bool) -> Vec<PartyId> {
        let Some((text, span)) = row.get(col) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for id in text
            .split(['、', ';', '；', '|', ',', '，'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match self.lookup(row, id, span, col) {
                Some(p) => out.push(p),
                None => *ok = false,
            }
        }
        out.sort_unstable();
        out.dedup();
        out
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
