//! `guize eval RULESET FACTS [--as-of DATE] [--format table|json|csv|xlsx|html] [-o FILE] [--skip-bad-rows]
//! [--fail-on violated]`.

use std::io::IsTerminal;
use std::path::Path;

use clap::ArgMatches;

use super::{shared, Exit, Output};
use crate::diagnostics::Diag;
use crate::eval::Config;
use crate::report::{render, Format, Report};
use crate::span::SourceMap;

/// Runs `eval`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut sources = SourceMap::new();
    let arg = |k: &str| m.get_one::<String>(k).cloned().unwrap_or_default();
    let as_of = match shared::as_of(m, out, &sources) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let rs = match shared::evaluable_ruleset(m, out, &mut sources) {
        Ok(rs) => rs,
        Err(e) => return e,
    };
    let opts = shared::load_options(m, &rs);
    let mut progress = super::progress::Progress::start(Path::new(&arg("facts")), out.lang);
    progress.stage("读取事实", "reading facts");
    let (facts, fdiags) =
        crate::facts::load_with(Path::new(&arg("facts")), &rs.vocab, &mut sources, opts);
    // `按 期限` rules: trigger events without the date are located here (W0430).
    let mut fdiags = fdiags;
    fdiags.extend(crate::eval::missing_deadlines(&rs, &facts));
    progress.suspend(|| out.diags(&fdiags, &sources));
    let fact_errors = fdiags.iter().filter(|d| d.is_error()).count();
    if fact_errors > 0 && !m.get_flag("skip-bad-rows") {
        out.eprintln(
            match out.lang {
                crate::diagnostics::Lang::Zh => format!("事实有 {fact_errors} 个错误，未评估；改正后重试，或加 --skip-bad-rows 跳过有错误的行"),
                crate::diagnostics::Lang::En => format!("{fact_errors} errors in the facts; nothing evaluated. Fix them, or pass --skip-bad-rows"),
            }
        );
        return Exit::InputErrors;
    }
    if facts.skipped_rows > 0 {
        progress.suspend(|| {
            out.eprintln(match out.lang {
                crate::diagnostics::Lang::Zh => format!(
                    "已跳过 {} 行有错误的事实（共读取 {} 行）",
                    facts.skipped_rows, facts.rows_read
                ),
                crate::diagnostics::Lang::En => format!(
                    "skipped {} fact rows with errors (of {} read)",
                    facts.skipped_rows, facts.rows_read
                ),
            })
        });
    }
    if facts.partial_rows > 0 {
        progress.suspend(|| {
            out.eprintln(match out.lang {
                crate::diagnostics::Lang::Zh => format!(
                    "另有 {} 行部分读取：所填的上级或同级不存在或成环，这些单位按没有上级（同级）处理",
                    facts.partial_rows
                ),
                crate::diagnostics::Lang::En => format!(
                    "{} more rows partly read: their 上级 or 同级 names no unit or is on a cycle; those units are taken as having none",
                    facts.partial_rows
                ),
            })
        });
    }
    progress.stage("评估", "evaluating");
    let mut outcome = crate::evaluate(&rs, &facts, &Config { as_of });
    if m.get_flag("all") {
        outcome.include_not_applicable(&rs, &facts, as_of);
    }
    match super::filter::Filter::new(m, &rs, &facts) {
        Ok(f) if f.is_active() => {
            let before = outcome.instances.len();
            f.apply(&mut outcome);
            let (after, given) = (outcome.instances.len(), f.given.join(" "));
            progress.suspend(|| {
                out.note(
                    &format!("已筛选（{given}）：报告 {after} / {before} 个实例"),
                    &format!("filtered ({given}): {after} of {before} instances reported"),
                )
            });
        }
        Ok(_) => {}
        Err(diags) => {
            drop(progress);
            out.diags(&diags, &sources);
            return Exit::Usage;
        }
    }
    progress.stage("输出报告", "rendering the report");
    let report = Report {
        ruleset: &rs,
        facts: &facts,
        outcome: &outcome,
        as_of,
    };
    let format = Format::from_name(&arg("format")).unwrap_or(Format::Table);
    let output = m.get_one::<String>("output").map(Path::new);
    let rendered = match format {
        Format::Table => {
            Ok(crate::report::to_table_width(&report, out.lang, table_width(m)).into_bytes())
        }
        _ => render(&report, format, out.lang),
    };
    let bytes = match rendered {
        Ok(b) => b,
        Err(e) => {
            let d = Diag::error(
                "E0022",
                format!("无法生成报告：{e}"),
                format!("cannot build the report: {e}"),
            )
            .help(
                "工作簿超出 Excel 的限制时，改用 --format csv 或 json",
                "when a workbook exceeds Excel's limits, use --format csv or json",
            );
            out.diags(&[d], &sources);
            return Exit::InputErrors;
        }
    };
    progress.stage("写出报告", "writing the bytes");
    progress.clear();
    let terminal = std::io::stdout().is_terminal();
    if let Err((exit, d)) = write_report(&bytes, format, output, terminal, out) {
        out.diags(&[*d], &sources);
        return exit;
    }
    if outcome.has_unexcused_violation() && m.get_one::<String>("fail-on").is_some() {
        Exit::Violations
    } else {
        Exit::Done
    }
}

/// The width the table must fit: `--width N`, else `COLUMNS`, else the terminal's when stdout is
/// one; `None` (no wrapping) for a pipe or a file, so programs get one row per line.
fn table_width(m: &ArgMatches) -> Option<usize> {
    let given = m.get_one::<usize>("width").copied();
    let env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| w.0 as usize)
    };
    given
        .or(env)
        .or_else(terminal)
        .filter(|&w| w > 0)
        .map(|w| w.max(40))
}

/// Writes the rendered report to `output`, or to stdout; binary formats are not written to a
/// terminal (a usage error).
fn write_report(
    bytes: &[u8],
    format: Format,
    output: Option<&Path>,
    stdout_is_terminal: bool,
    out: &Output,
) -> Result<(), (Exit, Box<Diag>)> {
    if output.is_none() && format.is_binary() && stdout_is_terminal {
        let d = Diag::error(
            "E0020",
            "不能把 xlsx 工作簿写到终端",
            "refusing to write an xlsx workbook to a terminal",
        )
        .help(
            "用 -o 指定文件，如 `-o 报告.xlsx`，或把标准输出重定向到文件",
            "name a file with -o, e.g. `-o report.xlsx`, or redirect stdout to a file",
        );
        return Err((Exit::Usage, Box::new(d)));
    }
    match output {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| (Exit::InputErrors, Box::new(write_error(path, &e)))),
        None => {
            // A failed write is E0024, reported by `Output::finish`.
            out.stdout_bytes(bytes);
            Ok(())
        }
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> Diag {
    Diag::error(
        "E0021",
        format!("无法写入 `{}`：{e}", path.display()),
        format!("cannot write `{}`: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_output() -> Output {
        Output::new(
            crate::diagnostics::Lang::Zh,
            crate::diagnostics::Style::Plain,
        )
    }

    #[test]
    fn a_workbook_is_not_written_to_a_terminal() {
        let Err((exit, d)) = write_report(b"PK", Format::Xlsx, None, true, &test_output()) else {
            panic!("an xlsx workbook was written to a terminal");
        };
        assert_eq!(exit, Exit::Usage);
        assert_eq!(d.code, "E0020");
        assert!(d.message.get(crate::diagnostics::Lang::Zh).contains("终端"));
    }

    #[test]
    fn a_workbook_goes_to_a_file() {
        let dir = std::env::temp_dir().join(format!("guize-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("报告.xlsx");
        assert!(write_report(b"PK", Format::Xlsx, Some(&path), true, &test_output()).is_ok());
        assert_eq!(std::fs::read(&path).unwrap(), b"PK");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
