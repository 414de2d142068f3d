//! `guize explain RULESET FACTS --rule ID [--subject ID] [--period DATE] [--as-of DATE]
//! [--format text|json]`: why each matching instance has its status.

use std::path::Path;

use clap::ArgMatches;

use super::{shared, Exit, Output};
use crate::diagnostics::Diag;
use crate::eval::{explain, Config, Query};
use crate::report::{explain_json, explain_text, Report};
use crate::span::SourceMap;
use crate::text::fold;

/// Runs `explain`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
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
    let wanted = fold(&arg("rule"));
    let found = rs
        .rules
        .iter()
        .position(|r| fold(&r.id) == wanted)
        .or_else(|| rs.rules.iter().position(|r| fold(&r.name) == wanted));
    let Some(ri) = found else {
        let names = rs.rules.iter().map(|r| r.id.as_str());
        let d = Diag::error(
            "E0318",
            format!("规则集中没有规则 `{}`", arg("rule")),
            format!("no rule `{}` in the ruleset", arg("rule")),
        )
        .maybe_help(crate::diagnostics::did_you_mean(&arg("rule"), names));
        out.diags(&[d], &sources);
        return Exit::Usage;
    };
    let (facts, fdiags) = crate::facts::load_with(
        Path::new(&arg("facts")),
        &rs.vocab,
        &mut sources,
        shared::load_options(m),
    );
    out.diags(&fdiags, &sources);
    if fdiags.iter().any(Diag::is_error) && !m.get_flag("skip-bad-rows") {
        out.eprintln(out.t(
            "事实有错误，未评估；改正后重试，或加 --skip-bad-rows",
            "errors in the facts; nothing evaluated (or pass --skip-bad-rows)",
        ));
        return Exit::InputErrors;
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
