//! The command line: argument parsing, loading files, rendering, exit codes. Only dispatch
//! lives here; each subcommand has its own file.

mod args;
mod check;
mod coverage;
mod diff;
mod eval;
mod explain;
pub mod load;
mod progress;
mod shared;
mod template;
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
            let code = if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Done
            };
            let _ = e.print();
            return code;
        }
    };
    let out = Output {
        lang,
        style: if std::io::stderr().is_terminal() {
            Style::Fancy
        } else {
            Style::Plain
        },
    };
    let _ = load::RULESETS_DIR.set(matches.get_one::<String>("rulesets").map(Into::into));
    match matches.subcommand() {
        Some(("check", m)) => check::run(m, &out),
        Some(("diff", m)) => diff::run(m, &out),
        Some(("coverage", m)) => coverage::run(m, &out),
        Some(("test", m)) => test::run(m, &out),
        Some(("eval", m)) => eval::run(m, &out),
        Some(("template", m)) => template::run(m, &out),
        Some(("explain", m)) => explain::run(m, &out),
        _ => Exit::Usage,
    }
}

/// How to show things to the user.
pub struct Output {
    /// Language.
    pub lang: Lang,
    /// Diagnostic style.
    pub style: Style,
}

impl Output {
    /// Prints diagnostics on stderr.
    pub fn diags(&self, diags: &[Diag], sources: &SourceMap) {
        if !diags.is_empty() {
            eprint!("{}", render(diags, sources, self.lang, self.style));
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
