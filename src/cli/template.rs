//! `guize template RULESET [-o FILE]`: writes an empty fact workbook for the ruleset.

use std::path::Path;

use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::diagnostics::{Diag, Lang};
use crate::span::SourceMap;

/// Runs `template`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut sources = SourceMap::new();
    let arg = m.get_one::<String>("ruleset").cloned().unwrap_or_default();
    let (rs, diags) = load::ruleset(&arg, &mut sources);
    out.diags(&diags, &sources);
    let Some(rs) = rs.filter(|_| !diags.iter().any(Diag::is_error)) else {
        out.eprintln(out.t(
            "规则集有错误，未生成模板",
            "the ruleset has errors; no template written",
        ));
        return Exit::InputErrors;
    };
    let path = m
        .get_one::<String>("output")
        .cloned()
        .unwrap_or_else(|| format!("{}模板.xlsx", rs.name));
    let bytes = match crate::facts::template::template(&rs.name, &rs.vocab) {
        Ok(b) => b,
        Err(e) => {
            out.eprintln(format!(
                "{}: {e}",
                out.t("无法生成模板", "cannot build the template")
            ));
            return Exit::InputErrors;
        }
    };
    if let Err(e) = std::fs::write(&path, bytes) {
        out.diags(&[load::io_error(Path::new(&path), &e)], &sources);
        return Exit::InputErrors;
    }
    out.eprintln(match out.lang {
        Lang::Zh => format!("已写入 {path}：填好后运行 guize eval {arg} {path}"),
        Lang::En => format!("wrote {path}; fill it in, then run guize eval {arg} {path}"),
    });
    Exit::Done
}
