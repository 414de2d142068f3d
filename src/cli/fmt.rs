//! `guize fmt FILE|DIR… [--check]`: rewrites rule files in the canonical layout (`crate::fmt`),
//! or with `--check` writes nothing, shows a diff of every file not in that layout and exits 1.
//! A file with syntax errors is reported and left alone (exit 1).

use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};

use super::{load, Exit, Output};
use crate::diagnostics::{Diag, Lang};
use crate::span::SourceMap;

/// The `fmt` subcommand's grammar.
pub(super) fn command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    Command::new("fmt")
        .about(t(
            "把规则文件整理成统一格式（缩进、空格、标点）；--check 只检查并显示差异",
            "rewrite rule files in the canonical layout (indentation, spacing, punctuation); --check only shows the differences",
        ))
        .arg(
            Arg::new("path")
                .required(true)
                .num_args(1..)
                .value_name(t("文件或目录", "FILE|DIR"))
                .help(t("规则文件，或目录（其中所有 *.guize 文件，含子目录）", "rule files, or directories (every *.guize file in them, recursively)")),
        )
        .arg(
            Arg::new("check")
                .long("check")
                .action(ArgAction::SetTrue)
                .help(t("不改写文件；有文件不合格式时显示差异并以退出码 1 结束", "write nothing; show a diff and exit 1 if any file is not formatted")),
        )
}

/// Runs `fmt`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let check = m.get_flag("check");
    let mut files = Vec::new();
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    for arg in m.get_many::<String>("path").into_iter().flatten() {
        collect(Path::new(arg), &mut files, &mut diags);
    }
    let (mut unformatted, mut rewritten, mut broken) = (0, 0, 0);
    for path in &files {
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                diags.push(Diag::error(
                    "E0001",
                    format!("`{}` 不是 UTF-8 文本", path.display()),
                    format!("`{}` is not UTF-8 text", path.display()),
                ));
                broken += 1;
                continue;
            }
            Err(e) => {
                diags.push(load::io_error(path, &e));
                broken += 1;
                continue;
            }
        };
        let id = sources.add(
            path.display().to_string(),
            text.trim_start_matches('\u{feff}').to_string(),
        );
        let (_, d) = crate::parse(&sources, id);
        if d.iter().any(Diag::is_error) {
            diags.extend(d.into_iter().filter(Diag::is_error));
            broken += 1;
            continue;
        }
        let formatted = crate::fmt::format(&text);
        if formatted == text {
            continue;
        }
        unformatted += 1;
        let name = path.display().to_string();
        if check {
            let after = format!("{name} ({})", out.t("格式化后", "formatted"));
            let d = crate::fmt::diff(&text, &formatted, &name, &after);
            // A closed pipe (`| head`) is not an error of the input.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), d.as_bytes());
        } else if let Err(e) = std::fs::write(path, &formatted) {
            diags.push(Diag::error(
                "E0021",
                format!("无法写入 `{name}`：{e}"),
                format!("cannot write `{name}`: {e}"),
            ));
        } else {
            rewritten += 1;
            out.println(format!("{} {name}", out.t("已格式化", "formatted")));
        }
    }
    out.diags(&diags, &sources);
    summary(out, files.len(), unformatted, rewritten, broken, check);
    if broken > 0 || diags.iter().any(Diag::is_error) || (check && unformatted > 0) {
        Exit::InputErrors
    } else {
        Exit::Done
    }
}

fn summary(
    out: &Output,
    n: usize,
    unformatted: usize,
    rewritten: usize,
    broken: usize,
    check: bool,
) {
    let line = match (out.lang, check) {
        (Lang::Zh, true) => {
            format!("{n} 个文件，{unformatted} 个不合格式，{broken} 个有错误未检查")
        }
        (Lang::En, true) => {
            format!("{n} files, {unformatted} not formatted, {broken} with errors not checked")
        }
        (Lang::Zh, false) => {
            format!("{n} 个文件，已格式化 {rewritten} 个，{broken} 个有错误未改动")
        }
        (Lang::En, false) => {
            format!("{n} files, {rewritten} formatted, {broken} with errors left alone")
        }
    };
    out.eprintln(format!("{line}"));
}

/// The rule files of a path: the file itself, or every `*.guize` under a directory (sorted).
fn collect(path: &Path, files: &mut Vec<PathBuf>, diags: &mut Vec<Diag>) {
    if path.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => return diags.push(load::io_error(path, &e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, files, diags);
        } else if p.extension().is_some_and(|x| x == load::EXT) {
            files.push(p);
        }
    }
}
