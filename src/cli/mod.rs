//! The command line: argument parsing, loading files, rendering, exit codes. Only dispatch
//! lives here; each subcommand has its own file.

mod args;
mod check;
mod coverage;
mod diff;
mod doc;
mod eval;
mod explain;
mod explain_code;
mod fmt;
mod lsp;

mod filter;
pub mod load;
mod progress;
mod quiet;
mod shared;
mod template;
mod usage;
mod test;
mod expect;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::diagnostics::{render, Diag, Lang, Style};
use crate::span::SourceMap;

/// Exit codes fixed by the contract (facts-and-reports.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, whatever the findings.
    Done = 0,
    /// 1: errors in the input.
    InputErrors = 1,
    /// 2: the command line itself is wrong.
    Usage = 2,
    /// 3: violations found under `--fail-on violated`.
    Violations = 3,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// Runs the program on `args` (without the program name), writing to stdout and stderr.
pub fn run(args: Vec<String>) -> Exit {
    let lang = args::detect_lang(&args);
    let matches = match args::command(lang)
        .try_get_matches_from(std::iter::once("guize".to_string()).chain(args))
    {
        Ok(m) => m,
        Err(e) => {
            let text = usage::render(&e, lang);
            return if e.use_stderr() {
                eprint!("{text}");
                Exit::Usage
            } else {
                print!("{text}");
                Exit::Done
            };
        }
    };
    let sub = matches.subcommand().map(|(_, m)| m).unwrap_or(&matches);
    let out = Output {
        lang,
        style: if std::io::stderr().is_terminal() {
            Style::Fancy
        } else {
            Style::Plain
        },
        limits: quiet::limits(sub),
        all_diags: quiet::Collector::new(sub),
    };
    let _ = load::RULESETS_DIR.set(matches.get_one::<String>("rulesets").map(Into::into));
    let exit = match matches.subcommand() {
        Some(("check", m)) => check::run(m, &out),
        Some(("diff", m)) => diff::run(m, &out),
        Some(("coverage", m)) => coverage::run(m, &out),
        Some(("test", m)) => test::run(m, &out),
        Some(("eval", m)) => eval::run(m, &out),
        Some(("template", m)) => template::run(m, &out),
        Some(("explain", m)) => explain::run(m, &out),
        Some(("fmt", m)) => fmt::run(m, &out),
        Some(("lsp", m)) => lsp::run(m, &out),
        Some(("doc", m)) => doc::run(m, &out),
        _ => Exit::Usage,
    };
    out.all_diags.finish(exit, &out)
}

/// How to show things to the user.
pub struct Output {
    /// Language.
    pub lang: Lang,
    /// Diagnostic style.
    pub style: Style,
    /// `--quiet`, `--max-diagnostics`.
    pub limits: crate::diagnostics::summary::Limits,
    /// `--diagnostics FILE`: every diagnostic, as JSON lines.
    pub all_diags: quiet::Collector,
}

impl Output {
    /// Prints diagnostics on stderr: for each code the first few in full, then a line per code
    /// with the count of the rest (`--max-diagnostics`); errors only with `--quiet`. Every
    /// diagnostic also goes to the `--diagnostics` file, if one was asked for.
    pub fn diags(&self, diags: &[Diag], sources: &SourceMap) {
        use crate::diagnostics::summary;
        self.all_diags.add(diags, sources, self.lang);
        let (shown, left) = summary::select(diags, self.limits);
        if !shown.is_empty() {
            eprint!("{}", render(&shown, sources, self.lang, self.style));
        }
        eprint!(
            "{}",
            summary::left_out_lines(&left, self.lang, self.all_diags.is_on())
        );
    }

    /// Prints a note for the user on stderr (a summary line), unless `--quiet`.
    pub fn note(&self, zh: &str, en: &str) {
        if !self.limits.quiet {
            eprintln!("{}", self.t(zh, en));
        }
    }

    /// Chinese or English.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
