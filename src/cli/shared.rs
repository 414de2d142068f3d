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
    let (rs, mut diags) = load::ruleset(&arg, sources);
    let rule_errors = diags.iter().any(Diag::is_error);
    // Open parameters are the authors' business (`guize check` lists them): one line here.
    let open = diags.iter().filter(|d| d.code == OPEN_PARAM).count();
    if !rule_errors {
        diags.retain(|d| d.code != OPEN_PARAM);
    }
    out.diags(&diags, sources);
    if let (Some(rs), false, true) = (&rs, rule_errors, open > 0) {
        open_params_line(rs, &arg, out);
    }
    rs.filter(|_| !rule_errors).ok_or_else(|| {
        out.eprintln(out.t(
            "规则集有错误，未评估",
            "the ruleset has errors; nothing evaluated",
        ));
        Exit::InputErrors
    })
}

/// The code of the open-parameter warning.
const OPEN_PARAM: &str = "W0201";

/// `注意：5 条规则因参数未定（经常、定期、一定比例）未评估；用 guize check … 查看`.
fn open_params_line(rs: &ir::Ruleset, arg: &str, out: &Output) {
    let open: Vec<&ir::Rule> = rs
        .rules
        .iter()
        .filter(|r| r.body.is_none() && !r.open_params.is_empty())
        .collect();
    let mut params: Vec<&str> = open
        .iter()
        .flat_map(|r| r.open_params.iter().map(String::as_str))
        .collect();
    params.sort_unstable();
    params.dedup();
    if open.is_empty() {
        return;
    }
    out.note(
        &format!(
            "注意：{} 条规则因参数未定（{}）未评估；规则作者可用 `guize check {arg}` 查看",
            open.len(),
            params.join("、")
        ),
        &format!(
            "note: {} rules not evaluated, their parameters are open ({}); rule authors: see `guize check {arg}`",
            open.len(),
            params.join(", ")
        ),
    );
}

/// How to read the facts for `rs`: `--encoding`, `--check-all-rows`; a large 事件 table keeps
/// only the kinds the rules read.
pub fn load_options(m: &ArgMatches, rs: &crate::ir::Ruleset) -> crate::facts::LoadOptions {
    crate::facts::LoadOptions {
        encoding: m
            .get_one::<String>("encoding")
            .and_then(|e| crate::facts::EncodingChoice::parse(e))
            .unwrap_or_default(),
        kinds_read: Some(rs.event_kinds_read()),
        check_all_rows: m
            .try_get_one::<bool>("check-all-rows")
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false),
        // Hidden knobs for tests of the volume path (README, 大规模事实).
        large_events_bytes: env_usize("GUIZE_LARGE_EVENTS_BYTES"),
        chunk_bytes: env_usize("GUIZE_CHUNK_BYTES"),
    }
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok()
}
