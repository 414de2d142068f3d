//! `guize eval RULESET FACTS [--as-of DATE] [--format table|json] [-o FILE] [--skip-bad-rows]
//! [--fail-on violated]`.

use std::path::Path;

use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::diagnostics::Diag;
use crate::eval::{Config, Status};
use crate::report::{to_json, to_table, Report};
use crate::span::SourceMap;

/// Runs `eval`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut sources = SourceMap::new();
    let arg = |k: &str| m.get_one::<String>(k).cloned().unwrap_or_default();
    let as_of = match m.get_one::<String>("as-of") {
        None => chrono::Local::now().date_naive(),
        Some(s) => match crate::text::parse_date(s) {
            Some(d) => d,
            None => {
                let d = Diag::error(
                    "E0107",
                    format!("无效的评估日期 `{s}`"),
                    format!("invalid date `{s}` for --as-of"),
                )
                .help(
                    format!("日期可写作 {}", crate::text::DATE_FORMS),
                    format!("dates are written {}", crate::text::DATE_FORMS),
                );
                out.diags(&[d], &sources);
                return Exit::Usage;
            }
        },
    };
    let (rs, diags) = load::ruleset(&arg("ruleset"), &mut sources);
    let rule_errors = diags.iter().any(Diag::is_error);
    out.diags(&diags, &sources);
    let Some(rs) = rs.filter(|_| !rule_errors) else {
        eprintln!(
            "{}",
            out.t(
                "规则集有错误，未评估",
                "the ruleset has errors; nothing evaluated"
            )
        );
        return Exit::InputErrors;
    };
    let (facts, fdiags) = crate::facts::load(Path::new(&arg("facts")), &rs.vocab, &mut sources);
    out.diags(&fdiags, &sources);
    let fact_errors = fdiags.iter().filter(|d| d.is_error()).count();
    if fact_errors > 0 && !m.get_flag("skip-bad-rows") {
        eprintln!(
            "{}",
            match out.lang {
                crate::diagnostics::Lang::Zh => format!("事实有 {fact_errors} 个错误，未评估；改正后重试，或加 --skip-bad-rows 跳过有错误的行"),
                crate::diagnostics::Lang::En => format!("{fact_errors} errors in the facts; nothing evaluated. Fix them, or pass --skip-bad-rows"),
            }
        );
        return Exit::InputErrors;
    }
    if facts.skipped_rows > 0 {
        eprintln!(
            "{}",
            match out.lang {
                crate::diagnostics::Lang::Zh => format!(
                    "已跳过 {} 行有错误的事实（共读取 {} 行）",
                    facts.skipped_rows, facts.rows_read
                ),
                crate::diagnostics::Lang::En => format!(
                    "skipped {} fact rows with errors (of {} read)",
                    facts.skipped_rows, facts.rows_read
                ),
            }
        );
    }
    let mut outcome = crate::evaluate(&rs, &facts, &Config { as_of });
    if m.get_flag("all") {
        outcome.include_not_applicable(&rs, &facts, as_of);
    }
    let report = Report {
        ruleset: &rs,
        facts: &facts,
        outcome: &outcome,
        as_of,
    };
    let text = match arg("format").as_str() {
        "json" => to_json(&report),
        _ => to_table(&report, out.lang),
    };
    match m.get_one::<String>("output") {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                out.diags(&[load::io_error(Path::new(path), &e)], &sources);
                return Exit::InputErrors;
            }
        }
        None => print!("{text}"),
    }
    let violated = outcome
        .instances
        .iter()
        .any(|i| i.status == Status::Violated);
    if violated && m.get_one::<String>("fail-on").is_some() {
        Exit::Violations
    } else {
        Exit::Done
    }
}
