//! The command-line grammar, in Chinese by default and English with `--lang en`.

use clap::{Arg, ArgAction, Command};

use crate::diagnostics::Lang;

/// The language asked for: `--lang en` / `--lang=en` anywhere, else `GUIZE_LANG`, else Chinese.
pub(super) fn detect_lang(args: &[String]) -> Lang {
    let mut it = args.iter();
    let mut chosen = std::env::var("GUIZE_LANG").ok();
    while let Some(a) = it.next() {
        if a == "--lang" {
            chosen = it.next().cloned();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            chosen = Some(v.to_string());
        }
    }
    match chosen.as_deref() {
        Some("en") | Some("EN") | Some("english") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The whole command, with help texts in `lang`.
pub(super) fn command(lang: Lang) -> Command {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    let lang_arg = Arg::new("lang")
        .long("lang")
        .global(true)
        .value_name("zh|en")
        .value_parser(["zh", "en"])
        .hide_possible_values(true)
        .help(t(
            "提示与报告的语言：zh（默认）或 en",
            "language of messages and reports: zh (default) or en",
        ));
    let ruleset = Arg::new("ruleset")
        .required(true)
        .value_name(t("规则集", "RULESET"))
        .help(t(
            "规则文件，或存放一个规则集的目录（如 rulesets/安徽省措施）",
            "a rule file, or a directory holding one ruleset (e.g. rulesets/安徽省措施)",
        ));
    let cmd = Command::new("guize")
        .about(t("规则：一把手监督规定的规则即代码解释器", "guize: rules-as-code for the 一把手 supervision regulations"))
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(Arg::new("help").short('h').long("help").global(true).action(ArgAction::Help).help(t("显示帮助", "print help")))
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t("显示版本", "print the version")))
        .subcommand_required(true)
        .arg(lang_arg)
        .args(super::quiet::args(lang).into_iter().map(|a| a.global(true)))
        .arg(Arg::new("rulesets").long("rulesets").global(true).value_name(t("目录", "DIR")).help(t(
            "先在此目录中查找 `继承` 的上级规则集（其次是规则集所在目录和 rulesets/）",
            "look up base rulesets named by `继承` here first (then beside the ruleset, then in rulesets/)",
        )))
        .help_template(t(
            "{about}\n\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}\n",
            "{about}\n\nUsage: {usage}\n\nCommands:\n{subcommands}\n\nOptions:\n{options}\n",
        ))
        .subcommand(
            Command::new("check")
                .about(t("检查规则集：语法、名称、未定参数；有错误时退出码为 1", "check rulesets: syntax, names, open parameters; exit 1 on errors"))
                .arg(Arg::new("ruleset").required(true).num_args(1..).value_name(t("规则集", "RULESET")).help(t("一个或多个规则集", "one or more rulesets"))),
        )
        .subcommand(
            Command::new("diff")
                .about(t("逐条比较本地规则集与上级规则集：从严、相同、从宽、新增、废止、不可比", "compare a local ruleset with its base, rule by rule: stricter, same, looser, added, repealed, incomparable"))
                .arg(Arg::new("base").required(true).value_name(t("上级规则集", "BASE")).help(t("上级规则集（本地规则集继承的）", "the base ruleset (inherited by LOCAL)")))
                .arg(Arg::new("local").required(true).value_name(t("本地规则集", "LOCAL")).help(t("本地规则集", "the local ruleset")))
                .arg(Arg::new("format").long("format").value_name("table|json").default_value("table").value_parser(["table", "json"]).help(t("输出格式", "output format"))),
        )
        .subcommand(
            Command::new("eval")
                .about(t("按事实评估规则集，报告每项义务、每个对象、每个期间的状态", "evaluate a ruleset against facts: status per obligation, party and period"))
                .arg(ruleset)
                .arg(Arg::new("facts").required(true).value_name(t("事实", "FACTS")).help(t("事实目录（CSV 表）、.xlsx 工作簿或 .json 文件", "a directory of CSV tables, an .xlsx workbook or a .json file")))
                .arg(Arg::new("as-of").long("as-of").value_name(t("日期", "DATE")).help(t("评估日期（默认今天）；此后的事实不计", "evaluation date (default today); later facts are ignored")))
                .arg(Arg::new("format").long("format").value_name(t("格式", "FORMAT")).default_value("table").value_parser(crate::report::Format::ALL.map(|(n, _)| n)).hide_possible_values(true).help(t("输出格式：table、json、csv、xlsx（须用 -o）、html", "output format: table, json, csv, xlsx (needs -o), html")))
                .arg(Arg::new("output").short('o').long("output").value_name(t("文件", "FILE")).help(t("写入文件而不是标准输出（各种格式均可）", "write to a file instead of stdout (any format)")))
                .arg(encoding_arg(lang))
                .arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help(t("同时列出不适用的实例（附原因）", "also list not_applicable instances (with the reason)")))
                .arg(Arg::new("skip-bad-rows").long("skip-bad-rows").action(ArgAction::SetTrue).help(t("跳过有错误的事实行并继续评估（报告跳过的行数）", "skip fact rows with errors and evaluate the rest (the count is reported)")))
                .arg(Arg::new("check-all-rows").long("check-all-rows").action(ArgAction::SetTrue).help(t("大事件表（16 MiB 起）也完整检查并保留规则不读的事件类型", "check and keep events of kinds no rule reads even in a large 事件 table (16 MiB and more)")))
                .arg(Arg::new("fail-on").long("fail-on").value_name("violated").value_parser(["violated"]).help(t("有违反时以退出码 3 结束", "exit with code 3 when anything is violated")))
                .args(super::filter::args(lang))
                .arg(Arg::new("width").long("width").value_name(t("列数", "COLUMNS")).value_parser(clap::value_parser!(usize)).help(t("表格的宽度（默认：终端宽度或环境变量 COLUMNS；管道与文件不折行）", "the table's width (default: the terminal's, or COLUMNS; no wrapping into pipes and files)"))),
        )
        .subcommand(
            Command::new("explain")
                .about(t("解释实例为何得出该结论：原文、期间、在任情况、逐条事件、计算、结论与如何满足", "explain why instances have their status: source, period, role holders, each event, arithmetic, verdict, what would satisfy"))
                .arg(Arg::new("ruleset").required_unless_present("code").value_name(t("规则集", "RULESET")).help(t("规则文件或规则集目录", "a rule file or ruleset directory")))
                .arg(Arg::new("facts").required_unless_present("code").value_name(t("事实", "FACTS")).help(t("事实目录（CSV 表）、.xlsx 工作簿或 .json 文件", "a directory of CSV tables, an .xlsx workbook or a .json file")))
                .arg(super::explain_code::arg(lang))
                .arg(encoding_arg(lang))
                .arg(Arg::new("rule").long("rule").required_unless_present("code").value_name(t("规则编号", "ID")).help(t("规则编号（如 (三).监督谈话）或规则名", "rule id (e.g. (三).监督谈话) or name")))
                .arg(Arg::new("subject").long("subject").value_name(t("编号", "ID")).help(t("只看这个对象（人员或单位编号）", "only this subject (person or unit id)")))
                .arg(Arg::new("period").long("period").value_name(t("日期", "DATE")).help(t("只看包含这一天的期间", "only the period containing this date")))
                .arg(Arg::new("as-of").long("as-of").value_name(t("日期", "DATE")).help(t("评估日期（默认今天）", "evaluation date (default today)")))
                .arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help(t("也解释不适用的实例", "also explain not_applicable instances")))
                .arg(Arg::new("format").long("format").value_name("text|json").default_value("text").value_parser(["text", "json"]).help(t("输出格式", "output format")))
                .arg(Arg::new("skip-bad-rows").long("skip-bad-rows").action(ArgAction::SetTrue).help(t("跳过有错误的事实行", "skip fact rows with errors"))),
        )
        .subcommand(
            Command::new("coverage")
                .about(t("逐条列出出处文件的编号条目及其编码情况：规则、原则性、未编码", "list each numbered item of the cited documents with its status: rules, principle, not encoded"))
                .arg(Arg::new("ruleset").required(true).value_name(t("规则集", "RULESET")).help(t("规则文件或规则集目录", "a rule file or ruleset directory")))
                .arg(Arg::new("format").long("format").value_name("table|json").default_value("table").value_parser(["table", "json"]).help(t("输出格式", "output format")))
                .arg(Arg::new("fail-under").long("fail-under").value_name("PCT").value_parser(clap::value_parser!(u32).range(0..=100)).help(t("本规则集的任一出处（不含上级规则集的）已处理比例低于 PCT% 时以退出码 3 结束", "exit with code 3 when any of the ruleset's own documents (not its bases') is accounted for below PCT%"))),
        )
        .subcommand(
            Command::new("test")
                .about(t("运行规则中的例（例 …/预期 …），并与规则集 预期/ 目录中记录的整体评估结论比较", "run the worked examples inside the rules (例 …/预期 …) and compare whole evaluations with the ruleset's 预期/ files"))
                .arg(Arg::new("ruleset").required(true).num_args(1..).value_name(t("规则集", "RULESET")).help(t("一个或多个规则集", "one or more rulesets")))
                .arg(Arg::new("accept").long("accept").action(ArgAction::SetTrue).help(t("把变动的整体评估结论记录为新的预期", "record moved whole-evaluation verdicts as the new expectation")))
                .arg(Arg::new("facts").long("facts").value_name(t("事实", "FACTS")).requires("as-of").help(t("与 --as-of、--accept 一起：为这个事实集新建预期（预期/<名称>.txt）", "with --as-of and --accept: create an expectation for this fact set (预期/<name>.txt)")))
                .arg(Arg::new("as-of").long("as-of").value_name(t("日期", "DATE")).help(t("新建预期的评估日期", "evaluation date of a new expectation"))),
        )
        .subcommand(
            Command::new("template")
                .about(t("生成规则集的空白事实工作簿（.xlsx）：每表一页，下拉列表，日期格式，说明页", "write an empty fact workbook (.xlsx) for a ruleset: a sheet per table, drop-downs, date formats, a 说明 sheet"))
                .arg(Arg::new("ruleset").required(true).value_name(t("规则集", "RULESET")).help(t("规则文件，或存放一个规则集的目录", "a rule file, or a directory holding one ruleset")))
                .arg(Arg::new("output").short('o').long("output").value_name(t("文件", "FILE")).help(t("写入的文件（默认 <规则集>模板.xlsx）", "the file to write (default <ruleset>模板.xlsx)"))),
        )
        .subcommand(super::fmt::command(lang))
        .subcommand(super::lsp::command(lang))
        .subcommand(super::doc::command(lang));
    super::usage::localise(cmd, lang)
}

/// `--encoding`: the encoding of CSV fact files.
pub(super) fn encoding_arg(lang: Lang) -> Arg {
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    };
    Arg::new("encoding")
        .long("encoding")
        .value_name("utf-8|gb18030|gbk")
        .value_parser(["utf-8", "utf8", "gb18030", "gbk"])
        .hide_possible_values(true)
        .help(t(
            "CSV 事实文件的编码（默认自动识别 UTF-8 或 GB18030/GBK）",
            "encoding of CSV fact files (default: detect UTF-8 or GB18030/GBK)",
        ))
}
