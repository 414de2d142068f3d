//! The command line: argument parsing, loading files, rendering, exit codes. Only dispatch
//! lives here; each subcommand has its own file.

mod args;
mod check;
mod diff;
mod eval;
mod explain;
pub mod load;
pub mod out;
mod progress;
mod shared;
mod template;

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
    let out = Output::new(lang, style);
    let matches = match args::command(lang)
        .try_get_matches_from(std::iter::once("guize".to_string()).chain(args))
    {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr.
            let text = e.render().to_string();
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
    let _ = load::RULESETS_DIR.set(matches.get_one::<String>("rulesets").map(Into::into));
    let exit = match matches.subcommand() {
        Some(("check", m)) => check::run(m, &out),
        Some(("diff", m)) => diff::run(m, &out),
        Some(("eval", m)) => eval::run(m, &out),
        Some(("template", m)) => template::run(m, &out),
        Some(("explain", m)) => explain::run(m, &out),
        _ => Exit::Usage,
    };
    out.finish(exit)
}

/// How to show things to the user. Every write to stdout or stderr goes through its methods
/// (`out.rs`), so a stream that cannot be written is an error (E0023), never a panic.
pub struct Output {
    /// Language.
    pub lang: Lang,
    /// Diagnostic style.
    pub style: Style,
    /// The writes that failed.
    failures: out::Failures,
}

impl Output {
    /// Chinese or English.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
