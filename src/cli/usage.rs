//! Usage errors and help in the user's language: clap writes its own errors in English, so in
//! Chinese mode each error kind is worded here from the error's context (the argument, the bad
//! value, the suggestion, the usage line), and help pages get Chinese headings.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

use crate::diagnostics::Lang;

/// The help page of a command with subcommands, with Chinese headings.
const ZH_PARENT: &str = "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}\n";
/// The help page of a command with positional arguments.
const ZH_LEAF: &str = "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}\n";
/// The help page of a command with options only.
const ZH_OPTIONS: &str = "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}{after-help}\n";

/// Gives every command of the tree Chinese headings, and in Chinese mode states default and
/// possible values in the help text in Chinese instead of clap's `[default: …]`.
pub fn localise(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    let template = if cmd.has_subcommands() {
        ZH_PARENT
    } else if cmd.get_positionals().next().is_some() {
        ZH_LEAF
    } else {
        ZH_OPTIONS
    };
    cmd.help_template(template)
        .mut_args(zh_arg)
        .mut_subcommands(|s| localise(s, lang))
}

fn zh_arg(a: Arg) -> Arg {
    let mut notes = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("默认 {}", defaults.join("、")));
    }
    let possible: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_string())
        .collect();
    if !possible.is_empty() && !a.is_hide_possible_values_set() {
        notes.push(format!("可选 {}", possible.join("、")));
    }
    if notes.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    a.help(format!("{help}（{}）", notes.join("；")))
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// The text of a usage error (or of help and version, which clap also returns as errors).
pub fn render(e: &clap::Error, lang: Lang) -> String {
    let text = match (lang, e.kind()) {
        (Lang::En, _)
        | (_, ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        | (_, ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) => e.render().to_string(),
        (Lang::Zh, kind) => zh_error(e, kind),
    };
    match lang {
        Lang::En => text,
        Lang::Zh => text
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>"),
    }
}

fn ctx(e: &clap::Error, k: ContextKind) -> Option<String> {
    e.get(k).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

fn zh_error(e: &clap::Error, kind: ErrorKind) -> String {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let message = match kind {
        ErrorKind::InvalidSubcommand => format!(
            "没有命令 `{}`",
            ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("没有选项 `{arg}`"),
        ErrorKind::InvalidValue if value.is_empty() => format!("选项 `{arg}` 缺少取值"),
        ErrorKind::InvalidValue => format!("`{arg}` 的取值 `{value}` 无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => format!(
            "`{arg}` 不能与 `{}` 同时使用",
            ctx(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("`{arg}` 的取值须用 `=` 连接"),
        ErrorKind::TooManyValues => format!("`{arg}` 的取值过多：`{value}`"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("`{arg}` 的取值个数不对")
        }
        ErrorKind::ValueValidation => format!("`{arg}` 的取值 `{value}` 无效"),
        _ => {
            let en = e.render().to_string();
            let first = en.lines().next().unwrap_or_default();
            format!("命令行有误（{}）", first.trim_start_matches("error: "))
        }
    };
    let mut out = format!("错误：{message}\n");
    let hints = [
        (ContextKind::SuggestedSubcommand, "您是否想写"),
        (ContextKind::SuggestedArg, "您是否想写"),
        (ContextKind::SuggestedValue, "您是否想写"),
        (ContextKind::ValidValue, "可用的取值："),
        (ContextKind::ValidSubcommand, "可用的命令："),
    ];
    for (k, words) in hints {
        if let Some(v) = ctx(e, k).filter(|v| !v.is_empty()) {
            if words.ends_with('：') {
                out.push_str(&format!("  提示：{words}{v}\n"));
            } else {
                out.push_str(&format!("  提示：{words} `{v}`？\n"));
            }
        }
    }
    if let Some(u) = ctx(e, ContextKind::Usage) {
        let u = u.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n用法：{u}\n"));
        let cmd = u
            .split([' '])
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!("\n详细说明见 `{} --help`\n", cmd.trim()));
    }
    out
}
