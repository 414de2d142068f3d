//! Clauses and rules: parties, triggers, timing, provenance.

mod assign;
mod linked;
mod patterns;

pub(super) use patterns::link_violations;

use super::{dup, VAGUE_TERMS};
use crate::ast;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir;
use crate::span::Span;
use crate::text::fold;

pub(super) struct Ctx<'a> {
    vocab: &'a ir::Vocabulary,
    params: &'a mut Vec<ir::Param>,
    document: &'a str,
    /// Put before a rule id in messages: the document of an inherited level, else nothing
    /// (the id the checked ruleset will show, see `chain::qualify`).
    pub shown_prefix: String,
    diags: &'a mut Vec<Diag>,
    /// Folded rule ids seen so far with their spans, for duplicates.
    ids: std::collections::BTreeMap<String, Span>,
    /// `违反 NAME` triggers to link once every rule is known: (referring rule id, name).
    pub violation_refs: Vec<(String, ast::Ident)>,
}

/// A clause being resolved.
pub(super) struct Clause {
    pub ir: ir::Clause,
    /// A line of it failed to parse: its rules are not checked for completeness.
    pub broken: bool,
}

/// What a requirement's timing resolved to.
enum When {
    Periodic(ir::Period, Option<ir::Position>, ir::Count),
    Within(ir::Duration),
    Before(Option<ir::Duration>),
    Each,
    First,
    Ratio(ir::Period, ir::PopulationBasis, (u64, u64)),
    TermCover,
    /// No timing written (a prohibition).
    None,
    Open,
    Bad,
}

impl<'a> Ctx<'a> {
    pub fn new(
        vocab: &'a ir::Vocabulary,
        params: &'a mut Vec<ir::Param>,
        document: &'a str,
        diags: &'a mut Vec<Diag>,
    ) -> Self {
        Ctx {
            vocab,
            params,
            document,
            shown_prefix: String::new(),
            diags,
            ids: std::collections::BTreeMap::new(),
            violation_refs: Vec::new(),
        }
    }

    /// How many diagnostics have been reported so far.
    pub fn diag_len(&self) -> usize {
        self.diags.len()
    }

    /// Every rule id written so far (checked or not), folded.
    pub fn seen_ids(&self) -> Vec<String> {
        self.ids.keys().cloned().collect()
    }

    pub fn clause(&mut self, c: &ast::Clause) -> Clause {
        Clause {
            ir: ir::Clause {
                item: fold(&c.item.text),
                title: c.title.clone(),
                text: c.text.as_ref().map(|q| q.text.clone()),
                principle: c.principle.is_some(),
                ruleset: self.document.to_string(),
                span: c.span,
            },
            broken: c.broken,
        }
    }

    pub fn rule(&mut self, r: &ast::Rule, c: &Clause) -> Option<ir::Rule> {
        let id = ir::rule_id(&c.ir.item, &r.name.text);
        if let Some(first) = self.ids.get(&fold(&id)).copied() {
            self.diags.push(dup("规则", &id, r.name.span, first));
            // The second body is checked all the same, so its own mistakes are reported; its
            // `违反` references are dropped (they would be linked to the first rule).
            let (refs, from) = (self.violation_refs.len(), self.diags.len());
            let _ = self.resolve_rule(r, c, &id);
            self.violation_refs.truncate(refs);
            // Open parameters are asked for once, by the rule that counts.
            let mut i = 0;
            self.diags.retain(|d| {
                i += 1;
                i <= from || d.code != "W0201"
            });
            return None;
        }
        self.ids.insert(fold(&id), r.name.span);
        self.resolve_rule(r, c, &id)
    }

    fn resolve_rule(&mut self, r: &ast::Rule, c: &Clause, id: &str) -> Option<ir::Rule> {
        let clause = &c.ir;
        let id = id.to_string();
        // Resolve every part first, so that each mistake is reported, then check completeness.
        let subject = r
            .subject
            .as_ref()
            .or(r.trigger.as_ref().map(|t| &t.party))
            .and_then(|p| self.subject(p));
        let triggers = r.trigger.as_ref().map(|t| self.triggers(t, &id));
        let responsible = r.responsible.as_ref().and_then(|p| self.party(p));
        let target = r
            .requirement
            .as_ref()
            .and_then(|q| q.target.as_ref())
            .and_then(|p| self.party(p));
        let event = match r.requirement.as_ref() {
            // `不得 分管 …` names areas of the 分工 table, not an event kind.
            Some(q) if !q.areas.is_empty() => Some(ir::ASSIGNMENT_WORD.to_string()),
            Some(q) => self.event_kind(&q.event),
            None => None,
        };
        let cond = match (r.requirement.as_ref().and_then(|q| q.cond.as_ref()), &event) {
            (Some(c), Some(ev)) => self.cond(ev, c).map(Some),
            (Some(_), None) => None,
            (None, _) => Some(None),
        };
        let before = r
            .requirement
            .as_ref()
            .and_then(|q| q.before.as_ref())
            .map(|p| self.party(p));
        let population = r.population.as_ref().map(|p| self.party(p));
        let text = r
            .text
            .as_ref()
            .map(|q| q.text.clone())
            .or_else(|| clause.text.clone());
        if r.broken || c.broken {
            return None;
        }
        let Some(text) = text else {
            self.incomplete(
                r.span,
                &id,
                "缺少 `原文`",
                "has no `原文`",
                "在规则或条款下写 `原文 「…」`，逐字引用规定原文",
                "add `原文 「…」` quoting the regulation",
            );
            return None;
        };
        let Some(req) = &r.requirement else {
            self.incomplete(
                r.span,
                &id,
                "缺少要求（`应当 …` 一行）",
                "has no requirement (`应当 …`)",
                "例如 `应当 每年至少1次 监督谈话`",
                "for example `应当 每年至少1次 监督谈话`",
            );
            return None;
        };
        match (&r.subject, &r.trigger) {
            (None, None) => {
                self.incomplete(
                    r.span,
                    &id,
                    "缺少 `对象` 或 `当 … 时`",
                    "has neither `对象` nor `当 … 时`",
                    "写明规则约束谁，例如 `对象 下级单位的一把手`",
                    "say whom it binds, e.g. `对象 下级单位的一把手`",
                );
                return None;
            }
            (Some(_), Some(t)) => {
                self.unsupported(
                    t.span,
                    "同一规则不能同时写 `对象` 和 `当 … 时`",
                    "a rule cannot have both `对象` and `当 … 时`",
                    "触发规则的对象就是 `当` 后面的一方",
                    "the party after `当` is the subject",
                );
                return None;
            }
            _ => {}
        }
        let modality = match req.modality {
            ast::Modality::Obligation => ir::Modality::Obligation,
            ast::Modality::Default => ir::Modality::Default,
            ast::Modality::Permission => ir::Modality::Permission,
            ast::Modality::Prohibition => ir::Modality::Prohibition,
        };
        let mut open_params = Vec::new();
        let shown = format!("{}{id}", self.shown_prefix);
        // `按 期限`: the deadline comes from the trigger event (the limit is unused).
        let when = match (&req.deadline, &req.timing) {
            (Some(_), None) => When::Within(ir::Duration {
                n: 0,
                unit: ir::DurUnit::Day,
            }),
            _ => self.timing(req, &shown, &mut open_params),
        };
        let links = self.links(r, req);
        let subject = subject?;
        let event = event?;
        // A condition on a counted event filters what counts; with 每次/首次/不得 it is the
        // property itself (kept in the body).
        let filters = !matches!(when, When::Each | When::First | When::None);
        let event_cond = cond.clone().flatten().filter(|_| filters);
        let parts = patterns::Parts {
            event,
            target,
            cond: cond?,
            before: before.map(|b| b.ok_or(())).transpose().ok()?,
            population: population.map(|p| p.ok_or(())).transpose().ok()?,
            triggers: match triggers {
                Some(t) => Some(t?),
                None => None,
            },
        };
        let body = if req.areas.is_empty() {
            self.body(req, modality, when, parts)?
        } else {
            self.assignment_body(r, req, &subject, &parts)?
        };
        let links = links.ok()?;
        if links.is_some() {
            match body.as_ref() {
                Some(ir::RuleBody::Triggered { .. }) => {}
                Some(_) => {
                    self.unsupported(
                        req.span,
                        "`发现者`、`某事项的主体`、`按 期限` 只能用于触发后限期响应的规则",
                        "`发现者`, `EVENT的主体` and `按 期限` only go with a response within a time limit",
                        "写期限，如 `应当 及时 向 本人 提出意见`",
                        "give a time limit: `应当 及时 向 本人 提出意见`",
                    );
                    return None;
                }
                None => {}
            }
        }
        let assumptions = self.assumptions(req);
        Some(ir::Rule {
            local_id: id.clone(),
            id,
            name: r.name.text.clone(),
            clause: clause.item.clone(),
            source: ir::Source {
                document: self.document.to_string(),
                item: clause.item.clone(),
                text,
            },
            modality,
            subject,
            responsible,
            anyone_acts: r.anyone.is_some(),
            mutual: req.mutual.is_some(),
            trigger_links: links.map(Box::new),
            event_cond,
            body,
            open_params,
            assumptions,
            consequence: r.consequence.clone(),
            version: ir::Version {
                ruleset: self.document.to_string(),
                ..ir::Version::default()
            },
            amends: None,
            superseded: false,
            span: r.span,
        })
    }

    /// The assumed parameter values (`（假定）`) the requirement's timing uses.
    fn assumptions(&self, req: &ast::Requirement) -> Vec<ir::Assumption> {
        let name = match &req.timing {
            Some(ast::Timing::Param(n)) => n,
            Some(ast::Timing::Ratio { ratio: Err(n), .. }) => n,
            _ => return Vec::new(),
        };
        let Some(p) = self.params.iter().find(|p| p.name.key == name.key) else {
            return Vec::new();
        };
        match (&p.assumed, p.value) {
            (Some(reason), Some(v)) => vec![ir::Assumption {
                param: p.name.display.clone(),
                value: crate::compare::words::param_value(v),
                reason: reason.clone(),
            }],
            _ => Vec::new(),
        }
    }

    fn incomplete(&mut self, span: Span, id: &str, zh: &str, en: &str, hzh: &str, hen: &str) {
        self.diags.push(
            Diag::error(
                "E0206",
                format!("规则 `{id}` {zh}"),
                format!("rule `{id}` {en}"),
            )
            .at(span, "规则不完整", "incomplete rule")
            .help(hzh, hen),
        );
    }

    fn unsupported(&mut self, span: Span, zh: &str, en: &str, hzh: &str, hen: &str) {
        self.diags.push(
            Diag::error("E0302", zh, en)
                .at(span, "此处", "here")
                .help(hzh, hen),
        );
    }

    fn event_kind(&mut self, e: &ast::Ident) -> Option<String> {
        if self.vocab.event(&e.key).is_some() {
            return Some(e.key.clone());
        }
        let names: Vec<&str> = self
            .vocab
            .events
            .iter()
            .map(|e| e.name.display.as_str())
            .collect();
        self.diags.push(
            Diag::error(
                "E0201",
                format!("未声明的事项 `{}`", e.text),
                format!("undeclared event kind `{}`", e.text),
            )
            .at(e.span, "没有这个事项", "no such event kind")
            .maybe_help(did_you_mean(&e.text, names)),
        );
        None
    }

    /// A party as a subject: relative scopes that need an anchor are not allowed. `下级单位的X`
    /// (X of a unit that has a 上级单位) and `上级单位的X` (X of a unit that has a 下级单位) are
    /// properties of the subject's own unit, so they are.
    fn subject(&mut self, p: &ast::Party) -> Option<ir::PartyExpr> {
        let party = self.party(p)?;
        match party.scope {
            ir::Scope::SameLevel | ir::Scope::UpperLevel => {
                self.diags.push(
                    Diag::error("E0207", format!("对象 `{}` 使用了相对范围", party.text), format!("subject `{}` uses a relative scope", party.text))
                        .at(p.span, "对象没有参照单位", "a subject has no unit to be relative to")
                        .help("对象只能写 下级单位的…、上级单位的…（有下级单位的单位）、下级…、本单位… 或不写范围；上级、同级用于责任人和 `向`", "a subject may use 下级单位, 上级单位 (a unit that has 下级单位), 下级, 本单位 or no scope"),
                );
                None
            }
            _ => Some(party),
        }
    }

    fn party(&mut self, p: &ast::Party) -> Option<ir::PartyExpr> {
        let scope = match p.scope {
            None => ir::Scope::Any,
            Some(ast::Scope::SameUnit) => ir::Scope::SameUnit,
            Some(ast::Scope::ParentUnit) => ir::Scope::ParentUnit,
            Some(ast::Scope::ChildUnit) => ir::Scope::ChildUnit,
            Some(ast::Scope::SameLevel) => ir::Scope::SameLevel,
            Some(ast::Scope::UpperLevel) => ir::Scope::UpperLevel,
            Some(ast::Scope::LowerLevel) => ir::Scope::LowerLevel,
        };
        let (unit_kind, last) = match p.names.as_slice() {
            [one] => (None, one),
            [kind, role] => (Some(self.unit_kind_name(kind)?), role),
            _ => unreachable!("party with {} names", p.names.len()),
        };
        let target = if self.vocab.role(&last.key).is_some() {
            ir::PartyTarget::Role(last.key.clone())
        } else if self.vocab.unit_kind(&last.key).is_some() && unit_kind.is_none() {
            ir::PartyTarget::UnitKind(last.key.clone())
        } else if ir::IN_CHARGE_NAMES.contains(&last.key.as_str()) {
            ir::PartyTarget::InCharge
        } else {
            self.unknown_party_name(last, unit_kind.is_none());
            return None;
        };
        let except = match &p.except {
            Some(e) if self.vocab.role(&e.key).is_some() => Some(e.key.clone()),
            Some(e) => {
                self.unknown_party_name(e, false);
                return None;
            }
            None => None,
        };
        Some(ir::PartyExpr {
            scope,
            target,
            unit_kind,
            except,
            text: p.text.clone(),
            span: p.span,
        })
    }

    fn unit_kind_name(&mut self, i: &ast::Ident) -> Option<String> {
        if self.vocab.unit_kind(&i.key).is_some() {
            return Some(i.key.clone());
        }
        let names: Vec<&str> = self
            .vocab
            .unit_kinds
            .iter()
            .map(|k| k.display.as_str())
            .collect();
        self.diags.push(
            Diag::error(
                "E0202",
                format!("未声明的单位类别 `{}`", i.text),
                format!("undeclared unit kind `{}`", i.text),
            )
            .at(i.span, "没有这个单位类别", "no such unit kind")
            .maybe_help(did_you_mean(&i.text, names)),
        );
        None
    }

    fn unknown_party_name(&mut self, i: &ast::Ident, kinds_too: bool) {
        let mut names: Vec<&str> = self
            .vocab
            .roles
            .iter()
            .map(|r| r.name.display.as_str())
            .collect();
        if kinds_too {
            names.extend(self.vocab.unit_kinds.iter().map(|k| k.display.as_str()));
        }
        names.extend(ir::IN_CHARGE_NAMES.iter().copied());
        self.diags.push(
            Diag::error(
                "E0202",
                format!("未声明的职务 `{}`", i.text),
                format!("undeclared role `{}`", i.text),
            )
            .at(
                i.span,
                "没有这个职务或单位类别",
                "no such role or unit kind",
            )
            .maybe_help(did_you_mean(&i.text, names)),
        );
    }

    fn triggers(&mut self, t: &ast::Trigger, id: &str) -> Option<Vec<ir::Trigger>> {
        let mut out = Vec::new();
        for k in &t.kinds {
            out.push(match k {
                ast::TriggerKind::TenureStart(_) => ir::Trigger::TenureStart,
                ast::TriggerKind::TenureEnd(_) => ir::Trigger::TenureEnd,
                ast::TriggerKind::TenureYears(n, _) => ir::Trigger::TenureYears(*n),
                ast::TriggerKind::Event(e) => ir::Trigger::Event(self.event_kind(e)?),
                ast::TriggerKind::Consecutive(k, e, c, _) => {
                    let event = self.event_kind(e)?;
                    let cond = match c {
                        Some(c) => Some(self.cond(&event, c)?),
                        None => None,
                    };
                    ir::Trigger::Consecutive { k: *k, event, cond }
                }
                ast::TriggerKind::Violation(name) => {
                    self.violation_refs.push((id.to_string(), name.clone()));
                    ir::Trigger::Violation(name.key.clone())
                }
            });
        }
        Some(out)
    }

    fn timing(&mut self, req: &ast::Requirement, id: &str, open: &mut Vec<String>) -> When {
        match &req.timing {
            None if req.modality == ast::Modality::Prohibition => When::None,
            None => {
                self.diags.push(
                    Diag::error(
                        "E0208",
                        format!("规则 `{id}` 没有写时间要求"),
                        format!("rule `{id}` has no timing"),
                    )
                    .at(req.span, "缺少周期或期限", "no period or time limit")
                    .help(
                        "写明周期（`每年至少1次`）或期限（`30日内`、`及时`、`事先`）",
                        "give a period (`每年至少1次`) or a limit (`30日内`, `及时`, `事先`)",
                    ),
                );
                When::Bad
            }
            Some(ast::Timing::Periodic {
                period: p,
                position,
                count,
                span,
            }) => {
                let period = *p;
                let position = position.map(position_ir);
                if let Some(pos) = position {
                    if !position_fits(pos, period) {
                        self.unsupported(
                            *span,
                            "期限位置与周期不符（季度、半年、月日只能用于每年）",
                            "this deadline does not fit the period",
                            "例如 `每年一季度`、`每年6月底前`",
                            "e.g. `每年一季度`, `每年6月底前`",
                        );
                        return When::Bad;
                    }
                }
                let count = count.unwrap_or(ir::Count {
                    op: ir::CountOp::AtLeast,
                    n: 1,
                });
                When::Periodic(period, position, count)
            }
            Some(ast::Timing::Within(d, _)) => When::Within(*d),
            Some(ast::Timing::Each(_)) => When::Each,
            Some(ast::Timing::First(_)) => When::First,
            Some(ast::Timing::TermCover(_)) => When::TermCover,
            Some(ast::Timing::Ratio {
                period,
                basis,
                ratio,
                span,
            }) => self.ratio_timing(*period, *basis, ratio, *span, id, open),
            Some(ast::Timing::Beforehand(d, _)) => When::Before(*d),
            Some(ast::Timing::Param(name)) => self.param_timing(name, id, open),
        }
    }

    fn param_timing(&mut self, name: &ast::Ident, id: &str, open: &mut Vec<String>) -> When {
        let declared = self.params.iter().find(|p| p.name.key == name.key).cloned();
        let param = match declared {
            Some(p) => p,
            None => match VAGUE_TERMS.iter().find(|(w, _)| *w == name.key) {
                Some((_, kind)) => {
                    let p = ir::Param {
                        name: ir::Name {
                            key: name.key.clone(),
                            display: name.text.clone(),
                            span: name.span,
                        },
                        kind: *kind,
                        value: None,
                        assumed: None,
                    };
                    self.params.push(p.clone());
                    p
                }
                None => {
                    let mut cands: Vec<&str> = self
                        .params
                        .iter()
                        .map(|p| p.name.display.as_str())
                        .collect();
                    cands.extend(VAGUE_TERMS.iter().map(|(w, _)| *w));
                    self.diags.push(
                        Diag::error(
                            "E0205",
                            format!("未声明的参数 `{}`", name.text),
                            format!("undeclared parameter `{}`", name.text),
                        )
                        .at(
                            name.span,
                            "既不是时间要求，也不是已声明的参数",
                            "neither a timing nor a declared parameter",
                        )
                        .maybe_help(did_you_mean(&name.text, cands)),
                    );
                    return When::Bad;
                }
            },
        };
        let Some(value) = param.value else {
            open.push(param.name.key.clone());
            self.diags.push(
                Diag::warning("W0201", format!("规则 `{id}` 使用了未定参数 `{}`，取值前不评估", name.text), format!("rule `{id}` uses the open parameter `{}`; it is not evaluated until the parameter has a value", name.text))
                    .at(name.span, "未定参数", "open parameter")
                    .help(format!("在本规则集或下级规则集中写 `参数 {} = …` 给出取值", name.text), format!("give it a value: `参数 {} = …`", name.text)),
            );
            return When::Open;
        };
        match value {
            ir::ParamValue::Duration(d) => When::Within(d),
            ir::ParamValue::Period(p) => When::Periodic(
                p,
                None,
                ir::Count {
                    op: ir::CountOp::AtLeast,
                    n: 1,
                },
            ),
            ir::ParamValue::Ratio(..) | ir::ParamValue::Count(_) => {
                self.diags.push(
                    Diag::error(
                        "E0301",
                        format!("参数 `{}` 不是时间要求", name.text),
                        format!("parameter `{}` is not a timing", name.text),
                    )
                    .at(
                        name.span,
                        "此处需要期限或周期",
                        "a time limit or period is needed here",
                    )
                    .related(param.name.span, "参数在此声明", "declared here"),
                );
                When::Bad
            }
        }
    }
}

fn position_ir(p: ast::Position) -> ir::Position {
    match p {
        ast::Position::Quarter(q) => ir::Position::Quarter(q as u8),
        ast::Position::Half(h) => ir::Position::Half(h),
        ast::Position::ByDate { month, day } => ir::Position::ByDate {
            month,
            day: if day == 0 { 31 } else { day },
        },
        ast::Position::WindowEnd => ir::Position::WindowEnd,
    }
}

fn position_fits(p: ir::Position, period: ir::Period) -> bool {
    match p {
        ir::Position::WindowEnd => true,
        _ => period == ir::Period::Year,
    }
}
