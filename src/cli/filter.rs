//! `eval --status 违反 --rule 谈心谈话 --unit 乙镇党委 --subject P003`: keep only the matching
//! instances, in every output format. Each option may be repeated (or take values separated by
//! `,` `、`); options combine with "and", the values of one option with "or".
//!
//! `--status` takes the Chinese or English label; `--rule` a rule id or name (a name held by
//! several rules selects all of them); `--unit` a unit's id or name (the subject's or the
//! responsible party's unit, as the HTML page's unit filter); `--subject` a person's or unit's id
//! or name. A value that matches nothing is a usage error (E0023) with a suggestion.

use clap::{Arg, ArgAction, ArgMatches};

use crate::diagnostics::{did_you_mean, Diag, Lang, Text};
use crate::eval::{Instance, Outcome, Status};
use crate::facts::Facts;
use crate::ir;
use crate::text::fold;

/// The filter options of `eval`.
pub fn args(lang: Lang) -> Vec<Arg> {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    let opt = |name: &'static str, value: &'static str, zh, en| {
        Arg::new(name)
            .long(name)
            .value_name(value)
            .action(ArgAction::Append)
            .help(t(zh, en))
    };
    vec![
        opt("status", t("状态", "STATUS"), "只列出此状态的实例：违反、待履行、逾期履行、已履行、不适用（或英文 violated 等）", "only instances with this status: violated, pending, late, satisfied, not_applicable (or the Chinese label)"),
        opt("rule", t("规则", "RULE"), "只列出此规则的实例（规则编号或规则名）", "only instances of this rule (id or name)"),
        opt("unit", t("单位", "UNIT"), "只列出对象或责任人在此单位的实例（单位编号或名称）", "only instances whose subject or responsible party is in this unit (id or name)"),
        opt("subject", t("对象", "SUBJECT"), "只列出此对象的实例（人员或单位的编号或名称）", "only instances of this subject (person or unit, id or name)"),
    ]
}

/// What the filter options select; empty sets select everything.
#[derive(Debug, Default)]
pub struct Filter {
    statuses: Vec<Status>,
    rules: Vec<usize>,
    units: Vec<u32>,
    people: Vec<u32>,
    subject_units: Vec<u32>,
    /// The options as given, for the note on stderr.
    pub given: Vec<String>,
}

const STATUSES: [Status; 5] = [
    Status::Violated,
    Status::Pending,
    Status::Late,
    Status::Satisfied,
    Status::NotApplicable,
];

fn values<'a>(m: &'a ArgMatches, key: &str) -> Vec<&'a str> {
    m.try_get_many::<String>(key)
        .ok()
        .flatten()
        .into_iter()
        .flatten()
        .flat_map(|v| v.split([',', '、', '，']))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

fn unknown(what: (&str, &str), v: &str, help: Option<Text>) -> Diag {
    Diag::error(
        "E0023",
        format!("没有{} `{v}`", what.0),
        format!("no {} `{v}`", what.1),
    )
    .maybe_help(help)
}

impl Filter {
    /// Reads the options; `Err` lists every value that matches nothing.
    pub fn new(m: &ArgMatches, rs: &ir::Ruleset, facts: &Facts) -> Result<Filter, Vec<Diag>> {
        let mut f = Filter::default();
        let mut errors = Vec::new();
        for v in values(m, "status") {
            match STATUSES.iter().find(|s| s.zh() == v || s.as_str() == v) {
                Some(&s) => f.statuses.push(s),
                None => {
                    let labels = STATUSES.iter().flat_map(|s| [s.zh(), s.as_str()]);
                    errors.push(unknown(("状态", "status"), v, did_you_mean(v, labels)));
                }
            }
        }
        for v in values(m, "rule") {
            let key = fold(v);
            let found: Vec<usize> = (0..rs.rules.len())
                .filter(|&i| fold(&rs.rules[i].id) == key || fold(&rs.rules[i].name) == key)
                .collect();
            if found.is_empty() {
                errors.push(unknown(("规则", "rule"), v, rule_hint(rs, v)));
            }
            f.rules.extend(found);
        }
        for v in values(m, "unit") {
            let found = units_named(facts, v);
            if found.is_empty() {
                let names = facts
                    .units
                    .iter()
                    .flat_map(|u| [u.id.as_str(), u.name.as_str()]);
                errors.push(unknown(("单位", "unit"), v, did_you_mean(v, names)));
            }
            f.units.extend(found);
        }
        for v in values(m, "subject") {
            let key = fold(v);
            let people: Vec<u32> = (0..facts.people.len() as u32)
                .filter(|&p| {
                    let x = &facts.people[p as usize];
                    x.id == v || (!x.name.is_empty() && fold(&x.name) == key)
                })
                .collect();
            let units = units_named(facts, v);
            if people.is_empty() && units.is_empty() {
                let hint = crate::text::person_hint(
                    v,
                    facts
                        .people
                        .iter()
                        .map(|p| (p.id.as_str(), p.name.as_str())),
                )
                .map(|s| Text::new(format!("您是否想写 {s}？"), format!("did you mean {s}?")));
                errors.push(unknown(("对象", "subject"), v, hint));
            }
            f.people.extend(people);
            f.subject_units.extend(units);
        }
        for key in ["status", "rule", "unit", "subject"] {
            for v in values(m, key) {
                f.given.push(format!("--{key} {v}"));
            }
        }
        match errors.is_empty() {
            true => Ok(f),
            false => Err(errors),
        }
    }

    /// Whether any option was given.
    pub fn is_active(&self) -> bool {
        !self.given.is_empty()
    }

    fn keeps(&self, i: &Instance) -> bool {
        let status = self.statuses.is_empty() || self.statuses.contains(&i.status);
        let rule = self.rules.is_empty() || self.rules.contains(&i.rule);
        let unit = self.units.is_empty()
            || self.units.contains(&i.subject.unit)
            || i.responsible.is_some_and(|p| self.units.contains(&p.unit));
        let subject = (self.people.is_empty() && self.subject_units.is_empty())
            || i.subject.person.is_some_and(|p| self.people.contains(&p))
            || (i.subject.person.is_none() && self.subject_units.contains(&i.subject.unit));
        status && rule && unit && subject
    }

    /// Keeps the matching instances (and, with `--rule`, only the matching unevaluated rules).
    pub fn apply(&self, o: &mut Outcome) {
        o.instances.retain(|i| self.keeps(i));
        if !self.rules.is_empty() {
            o.skipped.retain(|s| self.rules.contains(&s.rule));
        }
    }
}

/// "Did you mean" for a rule: a name first (it selects every version), else an id.
pub fn rule_hint(rs: &ir::Ruleset, v: &str) -> Option<Text> {
    let names = rs.rules.iter().map(|r| r.name.as_str());
    match crate::text::suggest(v, names) {
        Some(n) => did_you_mean(v, [n]),
        None => did_you_mean(v, rs.rules.iter().map(|r| r.id.as_str())),
    }
}

fn units_named(facts: &Facts, v: &str) -> Vec<u32> {
    let key = fold(v);
    (0..facts.units.len() as u32)
        .filter(|&u| {
            let x = &facts.units[u as usize];
            x.id == v || fold(&x.name) == key
        })
        .collect()
}
