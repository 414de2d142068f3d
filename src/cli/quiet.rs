//! `--quiet`, `--max-diagnostics N` and `--diagnostics FILE`: how many diagnostics are shown, and
//! where the complete list goes (JSON lines, one object per diagnostic: code, severity, message,
//! file, line, column, help). Global options: every subcommand honours them.

use std::cell::RefCell;
use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches};

use super::{Exit, Output};
use crate::diagnostics::summary::{json_line, Limits, DEFAULT_MAX_PER_CODE};
use crate::diagnostics::{Diag, Lang};
use crate::span::SourceMap;

/// The options.
pub fn args(lang: Lang) -> Vec<Arg> {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    vec![
        Arg::new("quiet")
            .short('q')
            .long("quiet")
            .action(ArgAction::SetTrue)
            .help(t(
                "不显示警告和提示，只显示错误",
                "show errors only (no warnings or notes)",
            )),
        Arg::new("max-diagnostics")
            .long("max-diagnostics")
            .value_name("N")
            .value_parser(clap::value_parser!(usize))
            .help(t(
                "同一代码的诊断最多完整显示 N 条（默认 10），其余只计数",
                "show at most N diagnostics of one code in full (default 10); count the rest",
            )),
        Arg::new("diagnostics")
            .long("diagnostics")
            .value_name(t("文件", "FILE"))
            .help(t(
                "把全部诊断写入此文件（JSON Lines，每行一条）",
                "write every diagnostic to this file (JSON lines, one per line)",
            )),
    ]
}

/// The limits the options ask for.
pub fn limits(m: &ArgMatches) -> Limits {
    let get_flag = |k: &str| m.try_get_one::<bool>(k).ok().flatten().copied();
    Limits {
        quiet: get_flag("quiet").unwrap_or(false),
        max_per_code: m
            .try_get_one::<usize>("max-diagnostics")
            .ok()
            .flatten()
            .copied()
            .unwrap_or(DEFAULT_MAX_PER_CODE),
    }
}

/// Collects every diagnostic for `--diagnostics FILE`, written when the command ends.
pub struct Collector {
    path: Option<PathBuf>,
    lines: RefCell<Vec<String>>,
}

impl Collector {
    /// A collector for the file the options name (none: collects nothing).
    pub fn new(m: &ArgMatches) -> Collector {
        Collector {
            path: m
                .try_get_one::<String>("diagnostics")
                .ok()
                .flatten()
                .map(PathBuf::from),
            lines: RefCell::new(Vec::new()),
        }
    }

    /// A collector that collects nothing (before the options are known).
    pub fn off() -> Collector {
        Collector {
            path: None,
            lines: RefCell::new(Vec::new()),
        }
    }

    /// Whether a file was asked for.
    pub fn is_on(&self) -> bool {
        self.path.is_some()
    }

    /// Records `diags`.
    pub fn add(&self, diags: &[Diag], sources: &SourceMap, lang: Lang) {
        if self.path.is_none() {
            return;
        }
        let mut lines = self.lines.borrow_mut();
        for d in crate::diagnostics::sorted(diags) {
            lines.push(json_line(d, sources, lang));
        }
    }

    /// Writes the file (also when the run failed: that is when it is most wanted); a file that
    /// cannot be written is E0021 and exit code 1.
    pub fn finish(&self, exit: Exit, out: &Output) -> Exit {
        let Some(path) = &self.path else {
            return exit;
        };
        let mut text = self.lines.borrow().join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        match std::fs::write(path, text) {
            Ok(()) => exit,
            Err(e) => {
                let d = Diag::error(
                    "E0021",
                    format!("无法写入 `{}`：{e}", path.display()),
                    format!("cannot write `{}`: {e}", path.display()),
                );
                out.diags(&[d], &SourceMap::new());
                Exit::InputErrors
            }
        }
    }
}
