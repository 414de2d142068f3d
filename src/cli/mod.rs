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

mod expect;
mod filter;
pub mod load;
pub mod out;
mod progress;
mod quiet;
mod shared;
mod template;
mod test;
mod usage;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::diagnostics::{Lang, Style};

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
    let style = if std::io::stderr().is_terminal() {
        Style::Fancy
    } else {
        Style::Plain
    };
    let mut out = Output::new(lang, style);
    let matches = match args::command(lang)
        .try_get_matches_from(std::iter::once("guize".to_string()).chain(args))
    {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr (in Chinese by default).
            let text = usage::render(&e, lang);
            let code = if e.use_stderr() {
                out.eprint(text);
                Exit::Usage
            } else {
                out.print(text);
                Exit::Done
            };
            return out.finish(code);
        }
    };
    let sub = matches.subcommand().map(|(_, m)| m).unwrap_or(&matches);
    out.limits = quiet::limits(sub);
    out.all_diags = quiet::Collector::new(sub);
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
    let exit = out.all_diags.finish(exit, &out);
    out.finish(exit)
}

/// How to show things to the user. Every write to stdout or stderr goes through its methods
/// (`out.rs`), so a stream that cannot be written is an error (E0024), never a panic.
pub struct Output {
    /// Language.
    pub lang: Lang,
    /// Diagnostic style.
    pub style: Style,
    /// `--quiet`, `--max-diagnostics`.
    pub limits: crate::diagnostics::summary::Limits,
    /// `--diagnostics FILE`: every diagnostic, as JSON lines.
    pub all_diags: quiet::Collector,
    /// The writes that failed.
    failures: out::Failures,
}

impl Output {
    /// Prints a note for the user on stderr (a summary line), unless `--quiet`.
    pub fn note(&self, zh: &str, en: &str) {
        if !self.limits.quiet {
            self.eprintln(self.t(zh, en));
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
