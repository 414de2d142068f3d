//! `guize lsp`: the language server over stdio (`crate::lsp`), for editors; `--lang en` gives
//! English messages, `--rulesets DIR` where base rulesets are looked up first.

use clap::{ArgMatches, Command};

use super::{Exit, Output};
use crate::diagnostics::Lang;

/// The `lsp` subcommand's grammar.
pub(super) fn command(lang: Lang) -> Command {
    Command::new("lsp").about(match lang {
        Lang::Zh => "语言服务器（LSP，标准输入输出）：供编辑器显示错误、悬停说明、跳转、补全、格式化",
        Lang::En => "language server (LSP over stdio) for editors: errors, hover, go to definition, completion, formatting",
    })
}

/// Runs the server until the editor closes it.
pub fn run(_m: &ArgMatches, out: &Output) -> Exit {
    let (conn, threads) = lsp_server::Connection::stdio();
    let search = super::load::RULESETS_DIR.get().cloned().flatten();
    let served = crate::lsp::serve(&conn, out.lang, search);
    drop(conn);
    let joined = threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => Exit::Done,
        (Err(e), _) => {
            out.eprintln(format!("guize lsp: {e}"));
            Exit::InputErrors
        }
        (_, Err(e)) => {
            out.eprintln(format!("guize lsp: {e}"));
            Exit::InputErrors
        }
    }
}
