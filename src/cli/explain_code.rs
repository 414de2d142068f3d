//! `guize explain --code E0201`: the long form of a diagnostic code (what it means, why, an
//! example, the fix), Chinese by default, English with `--lang en`. The texts are the files
//! `src/diagnostics/codes/*.md`.

use clap::Arg;

use super::{Exit, Output};
use crate::diagnostics::codes::{long_form, CODES};
use crate::diagnostics::{did_you_mean, Lang};

/// `--code CODE`.
pub(super) fn arg(lang: Lang) -> Arg {
    Arg::new("code")
        .long("code")
        .value_name(match lang {
            Lang::Zh => "代码",
            Lang::En => "CODE",
        })
        .help(match lang {
            Lang::Zh => "解释一个诊断代码（如 E0201）：含义、原因、示例、修正",
            Lang::En => "explain a diagnostic code (e.g. E0201): meaning, cause, example, fix",
        })
}

/// Prints the long form of `code`; an unknown code is a usage error (exit 2) with the nearest
/// codes suggested.
pub(super) fn run(code: &str, out: &Output) -> Exit {
    let wanted = code.trim().to_ascii_uppercase();
    if let Some(text) = long_form(&wanted, out.lang) {
        out.print(format!("{text}"));
        return Exit::Done;
    }
    let known = CODES.iter().any(|c| c.code == wanted);
    let msg = match (known, out.lang) {
        (true, Lang::Zh) => format!("代码 {wanted} 还没有详细说明"),
        (true, Lang::En) => format!("code {wanted} has no long form yet"),
        (false, Lang::Zh) => format!("没有诊断代码 `{code}`"),
        (false, Lang::En) => format!("no diagnostic code `{code}`"),
    };
    out.eprintln(format!("{msg}"));
    if let Some(hint) = did_you_mean(&wanted, CODES.iter().map(|c| c.code)) {
        out.eprintln(format!("{}", hint.get(out.lang)));
    }
    Exit::Usage
}
