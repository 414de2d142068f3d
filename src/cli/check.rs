//! `guize check RULESET…`: parse, resolve, list open vague parameters.

use clap::ArgMatches;

use super::{load, Exit, Output};
use crate::span::SourceMap;

/// Runs `check`.
pub fn run(m: &ArgMatches, out: &Output) -> Exit {
    let mut failed = false;
    for arg in m.get_many::<String>("ruleset").into_iter().flatten() {
        let mut sources = SourceMap::new();
        let (rs, diags) = load::ruleset(arg, &mut sources);
        out.diags(&diags, &sources);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        failed |= errors > 0;
        let Some(rs) = rs else { continue };
        let checkable = rs.rules.iter().filter(|r| r.body.is_some()).count();
        let principles = rs.clauses.iter().filter(|c| c.principle).count();
        println!(
            "{}",
            match out.lang {
                crate::diagnostics::Lang::Zh => format!(
                    "规则集 {}：{} 个条款（{} 个原则性条款），{} 条规则，其中 {} 条可评估；{} 个错误，{} 个警告",
                    rs.name, rs.clauses.len(), principles, rs.rules.len(), checkable, errors, warnings
                ),
                crate::diagnostics::Lang::En => format!(
                    "ruleset {}: {} clauses ({} principles), {} rules, {} evaluable; {} errors, {} warnings",
                    rs.name, rs.clauses.len(), principles, rs.rules.len(), checkable, errors, warnings
                ),
            }
        );
        let open = crate::resolve::open_params(&rs);
        if !open.is_empty() {
            println!("{}", out.t("未定参数：", "open parameters:"));
            for (p, rules) in open {
                let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                let loc = sources.location(p.name.span);
                println!(
                    "  {}  ({loc})  {} {}",
                    p.name.display,
                    out.t("用于", "used by"),
                    ids.join(", ")
                );
            }
        }
    }
    if failed {
        Exit::InputErrors
    } else {
        Exit::Done
    }
}
