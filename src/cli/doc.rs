//! `guize doc RULESET -o DIR`: writes the woven document (`crate::doc`) of a ruleset as
//! `DIR/index.html`, one self-contained page (CSS inlined, no script, no network).

use std::path::{Path, PathBuf};

use clap::{Arg, ArgMatches, Command};

use super::{load, Exit, Output};
use crate::diagnostics::{Diag, Lang};
use crate::span::SourceMap;

/// The `doc` subcommand's grammar.
pub(super) fn command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    Command::new("doc")
        .about(t(
            "生成规则集的对照文档（HTML）：逐条列出原文与编码它的规则、参数取值、修订与从严判定",
            "write the woven document (HTML) of a ruleset: each item's text beside its rules, parameter values, amendments with the 从严 verdict",
        ))
        .arg(Arg::new("ruleset").required(true).value_name(t("规则集", "RULESET")).help(t("规则文件或规则集目录", "a rule file or ruleset directory")))
        .arg(Arg::new("output").short('o').long("output").required(true).value_name(t("目录", "DIR")).help(t("写入 index.html 的目录（不存在时创建）", "the directory to write index.html into (created if missing)")))
}

/// Runs `doc`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let arg = m.get_one::<String>("ruleset").cloned().unwrap_or_default();
    let dir = PathBuf::from(m.get_one::<String>("output").cloned().unwrap_or_default());
    let mut sources = SourceMap::new();
    let search = load::RULESETS_DIR.get().cloned().flatten();
    let (levels, mut diags) = match load::chain(&arg, search.as_deref(), &mut sources) {
        Ok(x) => x,
        Err(d) => {
            out.diags(&d, &sources);
            return Exit::InputErrors;
        }
    };
    let refs: Vec<&[crate::ast::File]> = levels.iter().map(|l| l.as_slice()).collect();
    let (rs, d) = crate::check_chain(&refs);
    diags.extend(d);
    out.diags(&diags, &sources);
    if diags.iter().any(Diag::is_error) {
        out.eprintln(format!(
            "{}",
            out.t(
                "规则集有错误，未生成文档",
                "errors in the ruleset; no document written"
            )
        ));
        return Exit::InputErrors;
    }
    let original = original_text(&arg);
    let html = crate::doc::to_html(&crate::doc::Input {
        ruleset: &rs,
        levels: &levels,
        sources: &sources,
        original: original.as_deref(),
    });
    let file = dir.join("index.html");
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&file, html));
    if let Err(e) = written {
        let d = Diag::error(
            "E0021",
            format!("无法写入 `{}`：{e}", file.display()),
            format!("cannot write `{}`: {e}", file.display()),
        );
        out.diags(&[d], &sources);
        return Exit::InputErrors;
    }
    out.println(format!("{} {}", out.t("已写入", "wrote"), file.display()));
    Exit::Done
}

/// `原文.txt` in the ruleset's directory, if there is one.
fn original_text(arg: &str) -> Option<String> {
    let files = load::ruleset_files(arg).ok()?;
    let dir = files.first()?.parent().unwrap_or(Path::new("."));
    std::fs::read_to_string(dir.join("原文.txt")).ok()
}
