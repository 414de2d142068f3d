//! `guize explain RULESET FACTS --rule ID [--subject ID] [--period DATE] [--as-of DATE]
//! [--format text|json]`: why each matching instance has its status; `guize explain --code CODE`:
//! the long form of a diagnostic code (`explain_code.rs`).

use std::path::Path;

use clap::ArgMatches;

use super::{shared, Exit, Output};
use crate::diagnostics::{Diag, Text};
use crate::eval::{explain, Config, Query};
use crate::report::{explain_json, explain_text, Report};
use crate::span::SourceMap;
use crate::text::fold;

/// Runs `explain`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    if let Some(code) = m.get_one::<String>("code") {
        return super::explain_code::run(code, out);
    }
    let mut sources = SourceMap::new();
    let arg = |k: &str| m.get_one::<String>(k).cloned().unwrap_or_default();
    let (as_of, period) = match (
        shared::as_of(m, out, &sources),
        shared::date_arg(m, "period", out, &sources),
    ) {
        (Ok(a), Ok(p)) => (a, p),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let rs = match shared::evaluable_ruleset(m, out, &mut sources) {
        Ok(rs) => rs,
        Err(e) => return e,
    };
    let ri = match pick_rule(&rs, &arg("rule")) {
        Ok(ri) => ri,
        Err(d) => {
            out.diags(&[*d], &sources);
            return Exit::Usage;
        }
    };
    let (facts, fdiags) = crate::facts::load_with(
        Path::new(&arg("facts")),
        &rs.vocab,
        &mut sources,
        shared::load_options(m, &rs),
    );
    out.diags(&fdiags, &sources);
    if fdiags.iter().any(Diag::is_error) && !m.get_flag("skip-bad-rows") {
        out.eprintln(out.t(
            "事实有错误，未评估；改正后重试，或加 --skip-bad-rows",
            "errors in the facts; nothing evaluated (or pass --skip-bad-rows)",
        ));
        return Exit::InputErrors;
    }
    if let Some(d) = m
        .get_one::<String>("subject")
        .and_then(|s| unknown_subject(&facts, s))
    {
        out.diags(&[d], &sources);
        return Exit::Usage;
    }
    let cfg = Config { as_of };
    let q = Query {
        subject: m.get_one::<String>("subject").cloned(),
        period,
        all: m.get_flag("all"),
    };
    let traces = explain(&rs, &facts, &cfg, ri, &q);
    let outcome = crate::eval::Outcome::default();
    let report = Report {
        ruleset: &rs,
        facts: &facts,
        outcome: &outcome,
        as_of,
    };
    let text = match arg("format").as_str() {
        "json" => explain_json(&report, &traces),
        _ => explain_text(&report, &traces, out.lang),
    };
    out.print(text);
    Exit::Done
}

/// The rule `--rule` names: an id, or a name. Of several rules with one name, the one in force
/// (not superseded by a later version); several in force are listed to choose from.
fn pick_rule(rs: &crate::ir::Ruleset, written: &str) -> Result<usize, Box<Diag>> {
    let wanted = crate::ir::id_key(written);
    if let Some(i) = rs.rules.iter().position(|r| fold(&r.id) == wanted) {
        return Ok(i);
    }
    // The id as the rule's own document numbers it (`(八).谈心谈话` for `中央意见(八).谈心谈话`):
    // the version in force, else the latest.
    let local: Vec<usize> = (0..rs.rules.len())
        .filter(|&i| fold(&rs.rules[i].local_id) == wanted)
        .collect();
    if let Some(&i) = local
        .iter()
        .find(|&&i| !rs.rules[i].superseded)
        .or(local.last())
    {
        return Ok(i);
    }
    let named: Vec<usize> = (0..rs.rules.len())
        .filter(|&i| fold(&rs.rules[i].name) == wanted)
        .collect();
    let current: Vec<usize> = named
        .iter()
        .copied()
        .filter(|&i| !rs.rules[i].superseded)
        .collect();
    match (current.as_slice(), named.last()) {
        ([one], _) => Ok(*one),
        ([], Some(&latest)) => Ok(latest),
        ([], None) => Err(Box::new(
            Diag::error(
                "E0318",
                format!("规则集中没有规则 `{written}`"),
                format!("no rule `{written}` in the ruleset"),
            )
            .maybe_help(super::filter::rule_hint(rs, written)),
        )),
        (several, _) => {
            let ids: Vec<&str> = several.iter().map(|&i| rs.rules[i].id.as_str()).collect();
            Err(Box::new(
                Diag::error(
                    "E0318",
                    format!("规则名 `{written}` 对应 {} 条规则", ids.len()),
                    format!("the rule name `{written}` names {} rules", ids.len()),
                )
                .help(
                    format!("用规则编号选择其中一条：{}", ids.join("、")),
                    format!("choose one by its id: {}", ids.join(", ")),
                ),
            ))
        }
    }
}

/// E0319 when `--subject` is no person's or unit's id; the hint names the person whose name
/// was written (`您是否想写 P003（刘晓明）？`) or the closest id.
fn unknown_subject(facts: &crate::facts::Facts, s: &str) -> Option<Diag> {
    let known = facts.people.iter().any(|p| p.id == s) || facts.units.iter().any(|u| u.id == s);
    if known {
        return None;
    }
    let hint = crate::text::person_hint(
        s,
        facts
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str())),
    )
    .or_else(|| {
        let units = facts.units.iter().map(|u| (u.id.as_str(), u.name.as_str()));
        crate::text::person_hint(s, units)
    })
    .map(|x| Text::new(format!("您是否想写 {x}？"), format!("did you mean {x}?")));
    Some(
        Diag::error(
            "E0319",
            format!("事实中没有编号为 `{s}` 的人员或单位"),
            format!("no person or unit with the id `{s}` in the facts"),
        )
        .maybe_help(hint.or_else(|| {
            Some(Text::new(
                "--subject 写人员或单位的编号（如 P003、U12）",
                "--subject takes a person's or unit's id (e.g. P003, U12)",
            ))
        })),
    )
}
