//! The bodies of rules (P1–P12) from a requirement's timing, and the checks of the parts the
//! newer patterns use: field conditions (`（集体研究=是）`), populations (`范围`), order
//! prohibitions (`先于`), ratio parameters and `违反 RULE` triggers.

use std::collections::{BTreeMap, BTreeSet};

use super::{Ctx, When};
use crate::ast;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir;
use crate::resolve::VAGUE_TERMS;
use crate::span::Span;
use crate::text::fold;

/// The resolved parts a body is built from.
pub(super) struct Parts {
    pub event: String,
    pub target: Option<ir::PartyExpr>,
    pub cond: Option<ir::FieldCond>,
    pub before: Option<ir::PartyExpr>,
    pub population: Option<ir::PartyExpr>,
    pub triggers: Option<Vec<ir::Trigger>>,
}

/// The group and order fields an order prohibition (`先于`) reads.
pub const GROUP_FIELD: &str = "议题";
/// The order field: a number, smaller speaks first.
pub const ORDER_FIELD: &str = "次序";

impl Ctx<'_> {
    /// The body of a rule, `Some(None)` while a vague parameter is open, `None` on an error
    /// (already reported).
    pub(super) fn body(
        &mut self,
        req: &ast::Requirement,
        modality: ir::Modality,
        when: When,
        p: Parts,
    ) -> Option<Option<ir::RuleBody>> {
        let span = req.span;
        if modality == ir::Modality::Prohibition && !matches!(when, When::None | When::Bad) {
            self.unsupported(
                span,
                "禁止性规则（不得）不写周期或期限",
                "a prohibition (不得) takes no period or time limit",
                "写作 `不得 事项（字段=值）` 或 `不得 先于 分管领导 表态`",
                "write `不得 EVENT（FIELD=VALUE）` or `不得 先于 PARTY EVENT`",
            );
            return None;
        }
        if p.population.is_some()
            && !matches!(
                when,
                When::Ratio(..) | When::TermCover | When::Open | When::Bad
            )
        {
            self.unsupported(
                span,
                "`范围` 只能用于比例抽查（按人数N%）或全覆盖",
                "`范围` is only used with a ratio (按人数N%) or full coverage",
                "删去 `范围` 一行",
                "remove the `范围` line",
            );
            return None;
        }
        if p.before.is_some() && modality != ir::Modality::Prohibition {
            self.unsupported(
                span,
                "`先于` 只能用于禁止性规则（不得）",
                "`先于` is only used in a prohibition (不得)",
                "写作 `不得 先于 分管领导 表态`",
                "write `不得 先于 PARTY EVENT`",
            );
            return None;
        }
        let trig_needed = matches!(when, When::Within(_) | When::Before(_) | When::First);
        match (&p.triggers, trig_needed) {
            (Some(_), false) if !matches!(when, When::Open | When::Bad) => {
                self.unsupported(
                    span,
                    "触发规则只能写期限（N日内、及时、事先）或 首次",
                    "a triggered rule needs a time limit (N日内, 及时, 事先) or 首次",
                    "触发规则写期限，如 `30日内`、`及时`、`事先`",
                    "give a time limit: `30日内`, `及时`, `事先`",
                );
                return None;
            }
            (None, true) => {
                self.unsupported(
                    span,
                    "期限（`N日内`、`事先`、`首次`）需要触发条件",
                    "a time limit or 首次 needs a trigger",
                    "加一行 `当 … 时` 说明从何时起算",
                    "add `当 … 时` saying what starts the clock",
                );
                return None;
            }
            _ => {}
        }
        let needs_cond = matches!(when, When::Each | When::First);
        if needs_cond && p.cond.is_none() {
            self.diags.push(
                Diag::error(
                    "E0315",
                    "`每次`、`首次` 要求写出事项应有的条件",
                    "`每次` and `首次` need a condition on the event",
                )
                .at(span, "缺少（字段=值）", "no （FIELD=VALUE）")
                .help(
                    "在事项后写条件，例如 `廉政意见回复（集体研究=是）`",
                    "write the condition after the event kind: `廉政意见回复（集体研究=是）`",
                ),
            );
            return None;
        }
        if matches!(when, When::Ratio(..) | When::TermCover) && p.population.is_none() {
            self.diags.push(
                Diag::error(
                    "E0316",
                    "比例抽查和全覆盖要求写明 `范围`",
                    "a ratio or full-coverage requirement needs `范围`",
                )
                .at(span, "覆盖谁？", "covering whom?")
                .help(
                    "加一行 `范围 下级单位的一把手`（相对于对象所在单位）",
                    "add `范围 下级单位的一把手` (relative to the subject's unit)",
                ),
            );
            return None;
        }
        if let Some(b) = &p.before {
            self.order_fields(&p.event, b.span)?;
        }
        Some(Some(match when {
            When::Open => return Some(None),
            When::Bad => return None,
            When::Periodic(period, position, count) => ir::RuleBody::Periodic {
                period,
                position,
                count,
                event: p.event,
                target: p.target,
            },
            When::Within(limit) => ir::RuleBody::Triggered {
                triggers: p.triggers?,
                limit,
                event: p.event,
                target: p.target,
            },
            When::Before(limit) => ir::RuleBody::Precedence {
                triggers: p.triggers?,
                limit,
                event: p.event,
            },
            When::Each => ir::RuleBody::EveryEvent {
                event: p.event,
                cond: p.cond?,
            },
            When::First => ir::RuleBody::FirstAfter {
                triggers: p.triggers?,
                event: p.event,
                cond: p.cond?,
            },
            When::None => ir::RuleBody::Prohibited {
                event: p.event,
                cond: p.cond,
                before: p.before,
            },
            When::Ratio(period, basis, ratio) => ir::RuleBody::Ratio {
                period,
                ratio,
                basis,
                population: p.population?,
                event: p.event,
            },
            When::TermCover => ir::RuleBody::TermCoverage {
                population: p.population?,
                event: p.event,
            },
        }))
    }

    /// An order prohibition reads the event's 议题 and 次序 fields: both must be declared.
    fn order_fields(&mut self, event: &str, span: Span) -> Option<()> {
        let decl = self.vocab.event(event)?;
        let missing: Vec<&str> = [GROUP_FIELD, ORDER_FIELD]
            .into_iter()
            .filter(|f| decl.field(f).is_none())
            .collect();
        if missing.is_empty() {
            return Some(());
        }
        let list = missing.join("、");
        self.diags.push(
            Diag::error(
                "E0312",
                format!("`先于` 需要事项 `{}` 有字段 {list}", decl.name.display),
                format!("`先于` needs the fields {list} on `{}`", decl.name.display),
            )
            .at(
                span,
                "按议题分组、按次序排列",
                "grouped by 议题, ordered by 次序",
            )
            .related(decl.name.span, "事项在此声明", "event kind declared here")
            .help(
                format!(
                    "在 `事项 {}：` 下写 `字段 议题：文本` 和 `字段 次序：数字`",
                    decl.name.display
                ),
                "declare `字段 议题：文本` and `字段 次序：数字`",
            ),
        );
        None
    }

    /// A field condition, checked against the event kind's declared fields.
    pub(super) fn cond(&mut self, event: &str, c: &ast::Cond) -> Option<ir::FieldCond> {
        let mut first = self.cond_item(event, c);
        let rest: Vec<Option<ir::FieldCond>> =
            c.and.iter().map(|x| self.cond_item(event, x)).collect();
        let rest: Option<Vec<ir::FieldCond>> = rest.into_iter().collect();
        if let Some(f) = first.as_mut() {
            f.and = rest?;
            for a in &f.and {
                f.text = format!("{}，{}", f.text, a.text);
            }
        }
        first
    }

    fn cond_item(&mut self, event: &str, c: &ast::Cond) -> Option<ir::FieldCond> {
        let decl = self.vocab.event(event)?;
        let Some(field) = decl.field(&c.field.key) else {
            let names: Vec<&str> = decl
                .fields
                .iter()
                .map(|f| f.name.display.as_str())
                .collect();
            self.diags.push(
                Diag::error(
                    "E0310",
                    format!("事项 `{}` 没有字段 `{}`", decl.name.display, c.field.text),
                    format!(
                        "event kind `{}` has no field `{}`",
                        decl.name.display, c.field.text
                    ),
                )
                .at(c.field.span, "未声明的字段", "undeclared field")
                .related(decl.name.span, "事项在此声明", "event kind declared here")
                .maybe_help(did_you_mean(&c.field.text, names)),
            );
            return None;
        };
        if let Some(v) = &c.value {
            let ordered = matches!(field.ty, ir::FieldType::Number | ir::FieldType::Date);
            if c.op != ir::CmpOp::Eq && !ordered {
                self.diags.push(
                    Diag::error(
                        "E0311",
                        format!("字段 `{}` 不能比较大小", field.name.display),
                        format!("field `{}` cannot be compared by size", field.name.display),
                    )
                    .at(
                        c.span,
                        "只有数字或日期字段可用 ≥ > ≤ <",
                        "only 数字 or 日期 fields take ≥ > ≤ <",
                    )
                    .help(
                        "把字段声明为 `数字` 或 `日期`，或写 `字段=值`",
                        "declare the field `数字` or `日期`, or write `field=value`",
                    ),
                );
                return None;
            }
            let ok = match &field.ty {
                ir::FieldType::Bool => crate::text::parse_bool(&v.key).is_some(),
                ir::FieldType::Date => crate::text::parse_date(&v.key).is_some(),
                ir::FieldType::OneOf(opts) => opts.contains(&v.key),
                ir::FieldType::Number => v.key.parse::<f64>().is_ok(),
                _ => true,
            };
            if !ok {
                let expect = match &field.ty {
                    ir::FieldType::Bool => "是 或 否".to_string(),
                    ir::FieldType::Date => "日期".to_string(),
                    ir::FieldType::OneOf(o) => o.join("、"),
                    _ => "数字".to_string(),
                };
                self.diags.push(
                    Diag::error(
                        "E0311",
                        format!("字段 `{}` 不能取值 `{}`", field.name.display, v.text),
                        format!("field `{}` cannot be `{}`", field.name.display, v.text),
                    )
                    .at(v.span, "取值不合字段类型", "value of the wrong type")
                    .help(format!("可取：{expect}"), format!("allowed: {expect}")),
                );
                return None;
            }
        }
        let text = match &c.value {
            Some(v) => format!("{}{}{}", c.field.text, c.op.sign(), v.text),
            None => c.field.text.clone(),
        };
        Some(ir::FieldCond {
            field: field.name.key.clone(),
            value: c.value.as_ref().map(|v| v.key.clone()),
            text,
            op: c.op,
            and: Vec::new(),
        })
    }

    /// `按人数10%` or `按一定比例`: a ratio in (0, 100%], or a ratio parameter.
    pub(super) fn ratio_timing(
        &mut self,
        period: ir::Period,
        basis: ir::PopulationBasis,
        ratio: &Result<(u64, u64), ast::Ident>,
        span: Span,
        id: &str,
        open: &mut Vec<String>,
    ) -> When {
        let value = match ratio {
            Ok(r) => *r,
            Err(name) => match self.ratio_param(name, id, open) {
                Some(Some(r)) => r,
                Some(None) => return When::Open,
                None => return When::Bad,
            },
        };
        if value.0 == 0 || value.0 > value.1 {
            self.diags.push(
                Diag::error(
                    "E0317",
                    format!("比例 {}% 不在 1%…100% 之间", value.0 * 100 / value.1.max(1)),
                    format!(
                        "the ratio {}% is not within 1%…100%",
                        value.0 * 100 / value.1.max(1)
                    ),
                )
                .at(span, "比例", "ratio")
                .help("例如 `按人数10%`", "e.g. `按人数10%`"),
            );
            return When::Bad;
        }
        When::Ratio(period, basis, value)
    }

    /// A ratio parameter: `Some(Some(value))`, `Some(None)` while open, `None` on an error.
    fn ratio_param(
        &mut self,
        name: &ast::Ident,
        id: &str,
        open: &mut Vec<String>,
    ) -> Option<Option<(u64, u64)>> {
        let declared = self.params.iter().find(|p| p.name.key == name.key).cloned();
        let vague = VAGUE_TERMS
            .iter()
            .any(|(w, k)| *w == name.key && *k == ir::ParamKind::Ratio);
        match declared {
            Some(ir::Param {
                value: Some(ir::ParamValue::Ratio(n, d)),
                ..
            }) => Some(Some((n, d))),
            Some(ir::Param { value: None, .. }) => {
                self.open_ratio(name, id, open);
                Some(None)
            }
            None if vague => {
                self.params.push(ir::Param {
                    name: ir::Name {
                        key: name.key.clone(),
                        display: name.text.clone(),
                        span: name.span,
                    },
                    kind: ir::ParamKind::Ratio,
                    value: None,
                    assumed: None,
                });
                self.open_ratio(name, id, open);
                Some(None)
            }
            _ => {
                self.diags.push(
                    Diag::error(
                        "E0301",
                        format!("`{}` 不是比例参数", name.text),
                        format!("`{}` is not a ratio parameter", name.text),
                    )
                    .at(name.span, "此处需要比例", "a ratio is needed here")
                    .help(
                        "写作 `按人数10%`，或声明 `参数 一定比例 = 20%`",
                        "write `按人数10%` or declare `参数 一定比例 = 20%`",
                    ),
                );
                None
            }
        }
    }

    fn open_ratio(&mut self, name: &ast::Ident, id: &str, open: &mut Vec<String>) {
        open.push(name.key.clone());
        self.diags.push(
            Diag::warning(
                "W0201",
                format!("规则 `{id}` 使用了未定参数 `{}`，取值前不评估", name.text),
                format!("rule `{id}` uses the open parameter `{}`; it is not evaluated until the parameter has a value", name.text),
            )
            .at(name.span, "未定参数", "open parameter")
            .help(format!("写 `参数 {} = 20%` 给出取值", name.text), format!("give it a value: `参数 {} = 20%`", name.text)),
        );
    }
}

/// Links `违反 NAME` triggers to the rules they name (by rule name or id), once every rule is
/// known. A consequence rule cannot name another consequence rule (E0314).
pub(in crate::resolve) fn link_violations(
    rules: &mut [ir::Rule],
    refs: &[(String, ast::Ident)],
    seen: &[String],
    diags: &mut Vec<Diag>,
) {
    if refs.is_empty() {
        return;
    }
    // Indexes, so linking is linear in the rules and the references.
    let mut written: BTreeSet<String> = BTreeSet::new();
    for id in seen {
        let id = fold(id);
        for (dot, _) in id.match_indices('.') {
            written.insert(id[dot + 1..].to_string());
        }
        written.insert(id);
    }
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in rules.iter().enumerate().rev() {
        by_key.insert(fold(&r.name), i);
        by_key.insert(fold(&r.id), i);
    }
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        by_id.entry(r.id.clone()).or_default().push(i);
    }
    for (from, name) in refs {
        // A rule that exists but had errors of its own: already reported, no cascade.
        let key = ir::id_key(&name.key);
        let written = written.contains(&key);
        // Linked by the qualified id (document + id), which `chain::qualify` turns into the
        // id the checked ruleset shows.
        let found = by_key.get(&key).map(|&i| {
            (
                rules[i].id.clone(),
                rules[i].qualified_id(),
                is_consequence(&rules[i]),
            )
        });
        let target = match found {
            Some((id, q, false)) if id != *from => q,
            Some(_) => {
                diags.push(
                    Diag::error(
                        "E0314",
                        format!("`违反 {}` 指向一条后果规则或本规则", name.text),
                        format!(
                            "`违反 {}` names a consequence rule or the rule itself",
                            name.text
                        ),
                    )
                    .at(
                        name.span,
                        "不支持后果的后果",
                        "consequences of consequences are not supported",
                    )
                    .help("指向一条普通义务规则", "name an ordinary obligation rule"),
                );
                continue;
            }
            None if written => continue,
            None => {
                let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
                diags.push(
                    Diag::error(
                        "E0313",
                        format!("`违反` 后的规则 `{}` 不存在", name.text),
                        format!("no rule `{}` to follow `违反`", name.text),
                    )
                    .at(name.span, "没有这条规则", "no such rule")
                    .maybe_help(did_you_mean(&name.text, names)),
                );
                continue;
            }
        };
        for &i in by_id.get(from).into_iter().flatten() {
            if let Some(ir::RuleBody::Triggered { triggers, .. }) = &mut rules[i].body {
                for t in triggers.iter_mut() {
                    if matches!(t, ir::Trigger::Violation(k) if *k == name.key) {
                        *t = ir::Trigger::Violation(target.clone());
                    }
                }
            }
        }
    }
}

fn is_consequence(r: &ir::Rule) -> bool {
    matches!(&r.body, Some(ir::RuleBody::Triggered { triggers, .. })
        if triggers.iter().any(|t| matches!(t, ir::Trigger::Violation(_))))
}
