//! The JSON report of the contract (`eval --format json`).

use serde_json::{json, Map, Value};

use super::Report;
use crate::eval::{Detail, Instance, Party, TriggerFact};
use crate::ir::{self, Trigger};

/// Renders the report as pretty JSON, with a final newline.
pub fn to_json(r: &Report) -> String {
    let mut root = Map::new();
    root.insert("ruleset".into(), json!(r.ruleset.name));
    root.insert("as_of".into(), json!(r.as_of.to_string()));
    let dups: Vec<Value> = r
        .facts
        .duplicates
        .iter()
        .map(|(k, d)| json!([k, d]))
        .collect();
    let mut facts = json!({
        "units": r.facts.units.len(),
        "people": r.facts.people.len(),
        "tenures": r.facts.tenures.len(),
        "events": r.facts.event_rows(),
        "terms": r.facts.terms.len(),
        "skipped_rows": r.facts.skipped_rows,
        "partial_rows": r.facts.partial_rows,
        "duplicates": dups,
    });
    // Only a fact set with a 分工 table says how many rows it had (older reports are unchanged).
    if !r.facts.assignments.is_empty() {
        facts["assignments"] = json!(r.facts.assignments.len());
    }
    root.insert("facts".into(), facts);
    // The instances are serialised one at a time (see `Root`), never held as one JSON tree.
    let head = root;
    let mut root = Map::new();
    let mut summary = Map::new();
    for (s, n) in r.summary() {
        summary.insert(s.as_str().into(), json!(n));
    }
    root.insert("summary".into(), Value::Object(summary));
    let skipped: Vec<Value> = r
        .outcome
        .skipped
        .iter()
        .map(|s| json!({"rule": r.ruleset.rules[s.rule].id, "open_params": s.open_params}))
        .collect();
    root.insert("skipped_rules".into(), Value::Array(skipped));
    root.insert("chain".into(), json!(chain(r.ruleset)));
    let repealed: Vec<Value> = r.ruleset.repeals.iter().map(repeal).collect();
    root.insert("repealed_rules".into(), Value::Array(repealed));
    let mut s = serde_json::to_string_pretty(&Root {
        r,
        head,
        tail: root,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

/// The report object: `head` keys, then `instances`, then `tail` keys. Each instance is built as
/// a JSON value, written and dropped before the next, so memory stays proportional to the output
/// text rather than to a tree of every instance.
struct Root<'a> {
    r: &'a Report<'a>,
    head: Map<String, Value>,
    tail: Map<String, Value>,
}

impl serde::Serialize for Root<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.head.len() + 1 + self.tail.len()))?;
        for (k, v) in &self.head {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry("instances", &Instances(self.r))?;
        for (k, v) in &self.tail {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct Instances<'a>(&'a Report<'a>);

impl serde::Serialize for Instances<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        s.collect_seq(r.outcome.instances.iter().map(|i| instance(r, i)))
    }
}

/// The ruleset versions of the chain, root base first.
fn chain(rs: &ir::Ruleset) -> Vec<Value> {
    rs.chain.iter().map(version).collect()
}

fn version(v: &ir::Version) -> Value {
    json!({
        "ruleset": v.ruleset,
        "effective": v.effective.map(|d| d.to_string()),
        "next_year": v.next_year,
        "until": v.until.map(|d| d.to_string()),
    })
}

/// The parameter values a rule uses that the text does not give, by parameter:
/// `{"及时": {"value": "30日", "reason": "…"}}`.
pub(super) fn assumptions(rule: &ir::Rule) -> Value {
    let mut m = Map::new();
    for a in &rule.assumptions {
        m.insert(
            a.param.clone(),
            json!({"value": a.value, "reason": a.reason}),
        );
    }
    Value::Object(m)
}

fn repeal(x: &ir::Repeal) -> Value {
    json!({
        "rule": x.rule,
        "ruleset": x.ruleset,
        "by": x.by,
        "kind": if x.not_applicable { "not_applicable" } else { "repealed" },
        "reason": x.reason,
        "text": x.text,
    })
}

fn party(r: &Report, p: Option<Party>) -> Value {
    match p {
        None => Value::Null,
        Some(p) => json!({"person": r.person_id(p), "unit": r.unit_id(p)}),
    }
}

/// One instance as the JSON object of the contract.
pub(super) fn instance(r: &Report, i: &Instance) -> Value {
    let rule = &r.ruleset.rules[i.rule];
    let mut m = Map::new();
    m.insert("rule".into(), json!(rule.id));
    m.insert("clause".into(), json!(rule.clause));
    m.insert(
        "source".into(),
        json!({"document": rule.source.document, "item": rule.source.item, "text": rule.source.text}),
    );
    m.insert("modality".into(), json!(rule.modality.as_str()));
    m.insert(
        "period".into(),
        json!({"start": i.period.start.to_string(), "end": i.period.end.to_string()}),
    );
    m.insert("subject".into(), party(r, Some(i.subject)));
    m.insert("responsible".into(), party(r, i.responsible));
    m.insert("requirement".into(), requirement(r, rule, i));
    m.insert("status".into(), json!(i.status.as_str()));
    m.insert("count".into(), json!(i.count));
    m.insert("due".into(), json!(i.due.map(|d| d.to_string())));
    let ev: Vec<&str> = i.evidence.iter().map(|&e| r.event_id(e)).collect();
    m.insert("evidence".into(), json!(ev));
    m.insert("consequence".into(), json!(rule.consequence));
    m.insert("version".into(), version(&rule.version));
    if !rule.assumptions.is_empty() {
        m.insert("assumptions".into(), assumptions(rule));
    }
    if let Some(a) = &rule.amends {
        m.insert(
            "amends".into(),
            json!({"ruleset": a.ruleset, "rule": a.rule, "loosened": a.loosen}),
        );
    }
    if let Some(t) = &i.trigger {
        let fact = match t.fact {
            TriggerFact::Event(e) => json!({"event": r.event_id(e)}),
            TriggerFact::Tenure(_) => {
                json!({"tenure": {"person": r.person_id(i.subject), "unit": r.unit_id(i.subject)}})
            }
            TriggerFact::Violation { rule, period } => json!({"violation": {
                "rule": r.ruleset.rules[rule].id,
                "period": {"start": period.start.to_string(), "end": period.end.to_string()},
            }}),
        };
        let mut tm = Map::new();
        tm.insert("kind".into(), json!(trigger_name(r, &t.kind)));
        tm.insert("date".into(), json!(t.date.to_string()));
        if let Value::Object(f) = fact {
            tm.extend(f);
        }
        m.insert("trigger".into(), Value::Object(tm));
    }
    extras(r, i, &mut m);
    Value::Object(m)
}

/// Keys that appear only where they apply: excuse, not-applicable reason, coverage lists.
fn extras(r: &Report, i: &Instance, m: &mut Map<String, Value>) {
    if let Some(e) = i.excuse {
        m.insert(
            "excuse".into(),
            json!({"event": r.event_id(e), "reason": crate::eval::excuse_reason(r.facts, e)}),
        );
    }
    if let Some(reason) = i.reason {
        m.insert("reason".into(), json!(reason.as_str()));
    }
    let ids = |v: &[Party]| -> Vec<String> { v.iter().map(|&p| r.party_ref(p)).collect() };
    match &i.detail {
        Some(Detail::Ratio {
            population,
            covered,
            need,
            ..
        }) => {
            m.insert(
                "coverage".into(),
                json!({"population": population.len(), "need": need, "covered": ids(covered),
                       "arithmetic": super::words::arithmetic(i)}),
            );
        }
        Some(Detail::Coverage {
            term,
            population,
            uncovered,
        }) => {
            m.insert(
                "coverage".into(),
                json!({"term": term, "population": population.len(), "uncovered": ids(uncovered)}),
            );
        }
        Some(Detail::Assignment { row, areas }) => {
            m.insert("assignment".into(), assignment(r, *row, areas));
        }
        None => {}
    }
}

/// The `assignment` object of a violated 分工 prohibition: the 分工 row and the forbidden areas
/// it names.
pub(super) fn assignment(r: &Report, row: usize, areas: &[String]) -> Value {
    let a = &r.facts.assignments[row];
    json!({
        "person": r.facts.people[a.person as usize].id,
        "unit": r.facts.units[a.unit as usize].id,
        "areas": areas,
        "start": a.start.to_string(),
        "end": a.end.map(|d| d.to_string()),
    })
}

/// The display name of a trigger.
pub(super) fn trigger_name(r: &Report, t: &Trigger) -> String {
    super::words::trigger_name(t, |k| r.event_display(k))
}

/// The `requirement` object of an instance.
pub(super) fn requirement(r: &Report, rule: &ir::Rule, i: &Instance) -> Value {
    let (min, max) = Report::bounds(rule);
    let mut m = Map::new();
    let event = rule
        .body
        .as_ref()
        .map_or_else(String::new, |b| r.event_display(b.event()));
    m.insert("event".into(), json!(event));
    m.insert("min".into(), json!(min));
    m.insert("max".into(), json!(max));
    if let Some(b) = &rule.body {
        m.insert("pattern".into(), json!(b.pattern()));
    }
    match &rule.body {
        Some(ir::RuleBody::EveryEvent { cond, .. } | ir::RuleBody::FirstAfter { cond, .. }) => {
            m.insert("property".into(), json!(cond.text));
        }
        Some(ir::RuleBody::Prohibited { cond, before, .. }) => {
            if let Some(c) = cond {
                m.insert("property".into(), json!(c.text));
            }
            if let Some(b) = before {
                m.insert(
                    "order".into(),
                    json!({"not_before": b.text, "group_field": "议题", "order_field": "次序"}),
                );
            }
        }
        Some(ir::RuleBody::Ratio {
            ratio: (num, den),
            basis,
            population,
            ..
        }) => {
            m.insert("ratio".into(), json!(super::words::ratio(*num, *den)));
            m.insert("rounding".into(), json!("ceil"));
            m.insert(
                "population".into(),
                json!({"party": population.text, "basis": basis.as_str()}),
            );
        }
        Some(ir::RuleBody::TermCoverage { population, .. }) => {
            m.insert(
                "population".into(),
                json!({"party": population.text, "basis": "term"}),
            );
        }
        Some(ir::RuleBody::ForbiddenAssignment { areas }) => {
            m.insert("forbidden_areas".into(), json!(areas));
        }
        _ => {}
    }
    match &rule.body {
        Some(ir::RuleBody::Triggered { .. }) => {
            // `按 期限` without the date in the trigger event: no limit to state.
            let by_field = rule
                .trigger_links
                .as_ref()
                .is_some_and(|l| l.deadline.is_some());
            let days =
                (!by_field || i.due.is_some()).then(|| (i.period.end - i.period.start).num_days());
            m.insert("within_days".into(), json!(days));
            if let Some(l) = &rule.trigger_links {
                // Parties and deadline from the trigger event (语言扩展), as written.
                let text = |p: &Option<ir::TriggerParty>| p.as_ref().map(|p| p.text.clone());
                m.insert("responsible_from_trigger".into(), json!(text(&l.actor)));
                m.insert("to_from_trigger".into(), json!(text(&l.recipient)));
                let field = l.deadline.as_ref().map(|_| l.deadline_text.clone());
                m.insert("deadline_field".into(), json!(field));
            }
        }
        Some(ir::RuleBody::Precedence { limit, .. }) => {
            m.insert("before".into(), json!(true));
            if let (Some(l), Some(t)) = (limit, &i.trigger) {
                m.insert(
                    "within_days".into(),
                    json!((t.date - crate::eval::time::sub(t.date, *l)).num_days()),
                );
            }
        }
        _ => {}
    }
    Value::Object(m)
}
