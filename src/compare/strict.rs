//! The 从严 check of a chain: every amendment, and every inherited rule a local parameter
//! changed, is compared with the base; looser without `从宽：理由` is an error with a
//! counterexample.

use super::{compare, counterexample, Comparison, Verdict};
use crate::ast;
use crate::diagnostics::Diag;
use crate::ir;
use crate::resolve;

/// The diagnostics of the 从严 check for each level of a chain (root base first).
pub fn strictness(levels: &[&[ast::File]]) -> Vec<Diag> {
    let mut diags = Vec::new();
    for k in 1..levels.len() {
        let (parent, _) = resolve::check_chain(&levels[..k]);
        let (child, _) = resolve::check_chain(&levels[..=k]);
        let Some(name) = child.chain.get(k).map(|v| v.ruleset.clone()) else {
            continue;
        };
        // The parent's current rules by id, so the check is linear in the rules.
        // (Keyed by the qualified id: document + the document's own id.)
        let current: std::collections::BTreeMap<String, &ir::Rule> = parent
            .rules
            .iter()
            .rev()
            .filter(|r| !r.superseded)
            .map(|r| (r.qualified_id(), r))
            .collect();
        let current = |id: &str| current.get(id).copied();
        for rule in child.rules.iter().filter(|r| !r.superseded) {
            let (base, loosen) = match &rule.amends {
                Some(a) if rule.version.ruleset == name => (current(&a.rule), a.loosen.as_deref()),
                None if rule.version.ruleset != name => (current(&rule.qualified_id()), None),
                _ => (None, None),
            };
            let Some(base) = base else { continue };
            if rule.amends.is_none() && base.body == rule.body {
                continue;
            }
            diags.extend(check_pair(&child.vocab, base, rule, loosen));
        }
    }
    diags
}

/// `频次 每半年至少1次 → 每年至少1次；…`
fn dims_text(c: &Comparison, only: Option<Verdict>) -> (String, String) {
    let pick = c
        .dims
        .iter()
        .filter(|d| only.is_none_or(|v| d.verdict == v));
    let (zh, en): (Vec<String>, Vec<String>) = pick
        .map(|d| {
            (
                format!("{} {} → {}", d.name.zh(), d.base, d.local),
                format!("{} {} → {}", d.name.en(), d.base, d.local),
            )
        })
        .unzip();
    (zh.join("；"), en.join("; "))
}

fn check_pair(
    vocab: &ir::Vocabulary,
    base: &ir::Rule,
    local: &ir::Rule,
    loosen: Option<&str>,
) -> Option<Diag> {
    let c = compare(base, local);
    let by_param = local.amends.is_none();
    match (c.verdict, loosen) {
        (Verdict::Looser, None) => Some(looser(vocab, base, local, &c, by_param)),
        (Verdict::Looser, Some(_)) => None,
        (Verdict::Incomparable, _) => {
            let (zh, en) = dims_text(&c, None);
            Some(
                Diag::warning(
                    "W0241",
                    format!(
                        "无法判定 `{}` 是否严于 {} 的 `{}`：{zh}",
                        local.id, base.version.ruleset, base.id
                    ),
                    format!(
                        "cannot decide whether `{}` is stricter than `{}` of {}: {en}",
                        local.id, base.id, base.version.ruleset
                    ),
                )
                .at(
                    local.span,
                    "请人工核对这项修订",
                    "check this amendment by hand",
                )
                .related(base.span, "上级规则", "the inherited rule"),
            )
        }
        (_, Some(_)) if !by_param => Some(
            Diag::warning(
                "W0240",
                format!(
                    "`{}` 标注了从宽，但并未放宽 {} 的 `{}`",
                    local.id, base.version.ruleset, base.id
                ),
                format!(
                    "`{}` says 从宽 but does not loosen `{}` of {}",
                    local.id, base.id, base.version.ruleset
                ),
            )
            .at(
                local.span,
                format!("判定为{}", c.verdict.zh()),
                format!("found {}", c.verdict.en()),
            )
            .help("删去 `从宽` 一行", "remove the `从宽` line"),
        ),
        _ => None,
    }
}

fn looser(
    vocab: &ir::Vocabulary,
    base: &ir::Rule,
    local: &ir::Rule,
    c: &Comparison,
    by_param: bool,
) -> Diag {
    let (zh, en) = dims_text(c, Some(Verdict::Looser));
    let (what_zh, what_en) = if by_param {
        (
            "本规则集的参数取值放宽了",
            "a parameter value of this ruleset loosens",
        )
    } else {
        ("修订放宽了", "the amendment loosens")
    };
    let example = counterexample(vocab, base, local);
    let (ex_zh, ex_en) = match &example {
        Some(x) => (
            format!(
                "\n反例（本地规则满足、上级规则违反，评估日期 {}）：\n{}",
                x.as_of,
                x.csv.trim_end()
            ),
            format!(
                "\ncounterexample (local rule satisfied, base rule violated, as of {}):\n{}",
                x.as_of,
                x.csv.trim_end()
            ),
        ),
        None => (
            "\n（未能自动构造反例）".to_string(),
            "\n(no counterexample could be built automatically)".to_string(),
        ),
    };
    let d = Diag::error(
        "E0247",
        format!("{what_zh} {} 的 `{}`：{zh}", base.version.ruleset, base.id),
        format!("{what_en} `{}` of {}: {en}", base.id, base.version.ruleset),
    )
    .at(
        local.span,
        format!("`{}` 比上级规则宽松", local.id),
        format!("`{}` is looser than the base", local.id),
    )
    .help(
        if by_param {
            format!("参数只能取不宽于上级规则的值；若确需放宽，修订该规则并写明 `从宽：理由 …`{ex_zh}")
        } else {
            format!("下级规则只能从严；若确需放宽，在规则中写 `从宽：理由 …`{ex_zh}")
        },
        if by_param {
            format!("a parameter may not loosen an inherited rule; to loosen on purpose amend the rule with `从宽：理由 …`{ex_en}")
        } else {
            format!("a local rule may only tighten; to loosen on purpose write `从宽：理由 …`{ex_en}")
        },
    );
    // Loosened by a parameter, the rule itself is the base's: there is no second place to show.
    if by_param {
        d
    } else {
        d.related(base.span, "上级规则", "the inherited rule")
    }
}
