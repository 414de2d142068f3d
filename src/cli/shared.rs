//! What `eval` and `explain` share: date options, a ruleset without errors, fact-loading options.

use chrono::{Datelike, NaiveDate};
use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::diagnostics::Diag;
use crate::ir;
use crate::span::SourceMap;

/// The date given with `--KEY`, if any; a date guize cannot read is a usage error (E0107).
pub fn date_arg(
    m: &ArgMatches,
    key: &str,
    out: &Output,
    sources: &SourceMap,
) -> Result<Option<NaiveDate>, Exit> {
    let Some(s) = m.get_one::<String>(key) else {
        return Ok(None);
    };
    match crate::text::parse_date(s) {
        Some(d) if !crate::text::PLAUSIBLE_YEARS.contains(&d.year()) => {
            let (lo, hi) = (
                crate::text::PLAUSIBLE_YEARS.start(),
                crate::text::PLAUSIBLE_YEARS.end(),
            );
            let d = Diag::error(
                "E0110",
                format!("--{key} {s} 的年份不合常理（应在 {lo} 到 {hi} 之间）"),
                format!("the year of --{key} {s} is implausible (it must be from {lo} to {hi})"),
            )
            .help(
                "每个窗口都要评估：远在将来或过去的日期会产生成百上千年的窗口",
                "every window is evaluated: a date centuries away would produce centuries of windows",
            );
            out.diags(&[d], sources);
            Err(Exit::Usage)
        }
        Some(d) => Ok(Some(d)),
        None => {
            let d = Diag::error(
                "E0107",
                format!("无效的日期 `{s}`（--{key}）"),
                format!("invalid date `{s}` for --{key}"),
            )
            .help(
                format!("日期可写作 {}", crate::text::DATE_FORMS),
                format!("dates are written {}", crate::text::DATE_FORMS),
            );
            out.diags(&[d], sources);
            Err(Exit::Usage)
        }
    }
}

/// `--as-of`, or today.
pub fn as_of(m: &ArgMatches, out: &Output, sources: &SourceMap) -> Result<NaiveDate, Exit> {
    Ok(date_arg(m, "as-of", out, sources)?.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// The ruleset named by the `ruleset` argument, its diagnostics printed; `Err` when it has errors
/// (nothing can be evaluated).
pub fn evaluable_ruleset(
    m: &ArgMatches,
    out: &Output,
    sources: &mut SourceMap,
) -> Result<ir::Ruleset, Exit> {
    let arg = m.get_one::<String>("ruleset").cloned().unwrap_or_default();
    let (rs, diags) = load::ruleset(&arg, sources);
    let rule_errors = diags.iter().any(Diag::is_error);
    out.diags(&diags, sources);
    rs.filter(|_| !rule_errors).ok_or_else(|| {
        out.eprintln(out.t(
            "规则集有错误，未评估",
            "the ruleset has errors; nothing evaluated",
        ));
        Exit::InputErrors
    })
}

/// How to read the facts: `--encoding`.
pub fn load_options(m: &ArgMatches) -> crate::facts::LoadOptions {
    crate::facts::LoadOptions {
        encoding: m
            .get_one::<String>("encoding")
            .and_then(|e| crate::facts::EncodingChoice::parse(e))
            .unwrap_or_default(),
    }
}
