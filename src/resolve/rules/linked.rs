//! Parties and deadlines a triggered rule takes from its trigger event (语言扩展):
//! `责任人 发现者`, `向 发现者的同级党委的一把手`, `向 函询的主体`, `向 本人`, `应当 按 期限 …`.
//!
//! Every check reports E0320 at the written words: such a rule must be triggered by declared
//! event kinds only (tenure and consequence triggers have no 主体 or fields), a named kind must be
//! one of its triggers, the deadline field must be a 日期 field of every trigger kind, and the
//! rule must be a response within a time limit (P5).

use super::Ctx;
use crate::ast;
use crate::diagnostics::{did_you_mean, Diag};
use crate::ir;
use crate::span::Span;

impl Ctx<'_> {
    /// The links of rule `r` (`Ok(None)`: it takes nothing from its trigger); `Err(())` after an
    /// error was reported.
    pub(super) fn links(
        &mut self,
        r: &ast::Rule,
        req: &ast::Requirement,
    ) -> Result<Option<ir::TriggerLinks>, ()> {
        if r.by_trigger.is_none() && req.to_trigger.is_none() && req.deadline.is_none() {
            return Ok(None);
        }
        let first = [
            r.by_trigger.as_ref().map(|p| p.span),
            req.to_trigger.as_ref().map(|p| p.span),
            req.deadline.as_ref().map(|d| d.span),
        ]
        .into_iter()
        .flatten()
        .next()
        .unwrap_or(req.span);
        if let Some(p) = &r.by_trigger {
            if r.responsible.is_some() || r.anyone.is_some() {
                self.e0320(
                    p.span,
                    "一条规则只能有一个 `责任人`",
                    "a rule has one `责任人`",
                    "删去另一行 `责任人`",
                    "remove the other `责任人` line",
                );
                return Err(());
            }
        }
        let Some(trig) = &r.trigger else {
            self.e0320(
                first,
                "`发现者`、`某事项的主体`、`按 期限` 取自触发事件，规则须有 `当 … 发生 事项 时`",
                "`发现者`, `EVENT的主体` and `按 期限` come from the trigger event: the rule needs `当 … 发生 EVENT 时`",
                "加一行 `当 下级单位的一把手 发生 发现一般性问题 时`",
                "add `当 下级单位的一把手 发生 发现一般性问题 时`",
            );
            return Err(());
        };
        let mut kinds = Vec::new();
        for k in &trig.kinds {
            match k {
                ast::TriggerKind::Event(e) => kinds.push(e.key.clone()),
                _ => {
                    self.e0320(
                        first,
                        "取自触发事件的一方或期限只能用于由事项触发的规则（不能是任职开始、任职满N年、连续N次、违反）",
                        "a party or deadline from the trigger event needs event triggers only (not tenure, 连续N次 or 违反)",
                        "触发条件写事项名称，如 `当 党委 发生 收到纪检监察建议 时`",
                        "trigger on an event kind, e.g. `当 党委 发生 收到纪检监察建议 时`",
                    );
                    return Err(());
                }
            }
        }
        let actor = match &r.by_trigger {
            Some(p) => Some(self.trigger_party(p, &kinds)?),
            None => None,
        };
        let recipient = match &req.to_trigger {
            Some(p) => Some(self.trigger_party(p, &kinds)?),
            None => None,
        };
        let (deadline, deadline_text) = match &req.deadline {
            Some(d) => (Some(self.deadline_field(d, &kinds)?), d.text.clone()),
            None => (None, String::new()),
        };
        Ok(Some(ir::TriggerLinks {
            actor,
            recipient,
            deadline,
            deadline_text,
        }))
    }

    fn trigger_party(
        &mut self,
        p: &ast::TriggerParty,
        kinds: &[String],
    ) -> Result<ir::TriggerParty, ()> {
        let side = match &p.anchor {
            ast::TriggerAnchor::Actors(None) => ir::TriggerSide::Actors,
            ast::TriggerAnchor::Subject => ir::TriggerSide::Subject,
            ast::TriggerAnchor::Actors(Some(k)) | ast::TriggerAnchor::Targets(k) => {
                self.trigger_kind(k, kinds)?;
                match p.anchor {
                    ast::TriggerAnchor::Targets(_) => ir::TriggerSide::Targets,
                    _ => ir::TriggerSide::Actors,
                }
            }
        };
        if side == ir::TriggerSide::Subject && p.rel.is_some() {
            self.e0320(
                p.span,
                "`本人` 之后不能再接相对的一方",
                "nothing may follow `本人`",
                "相对于对象所在单位的一方直接写 `向 同级党委的一把手`",
                "a party relative to the subject's unit is written `向 同级党委的一把手`",
            );
            return Err(());
        }
        let rel = match &p.rel {
            Some(x) => Some(self.party(x).ok_or(())?),
            None => None,
        };
        Ok(ir::TriggerParty {
            side,
            rel,
            text: p.text.clone(),
        })
    }

    /// A kind named in `函询的主体` must be one of the rule's triggers.
    fn trigger_kind(&mut self, k: &ast::Ident, kinds: &[String]) -> Result<(), ()> {
        if kinds.contains(&k.key) {
            return Ok(());
        }
        let list = kinds.join("、");
        self.diags.push(
            Diag::error(
                "E0320",
                format!("`{}` 不是本规则的触发事项（{list}）", k.text),
                format!("`{}` is not a trigger of this rule ({list})", k.text),
            )
            .at(k.span, "不是触发事项", "not a trigger")
            .maybe_help(did_you_mean(&k.text, kinds.iter().map(String::as_str))),
        );
        Err(())
    }

    /// `期限` or `收到纪检监察建议的期限`: a 日期 field declared on every trigger kind.
    fn deadline_field(&mut self, d: &ast::Ident, kinds: &[String]) -> Result<String, ()> {
        let key = &d.key;
        let field = match key.rsplit_once('的') {
            Some((k, f)) if kinds.iter().any(|x| x == k) => f.to_string(),
            _ => key.clone(),
        };
        for k in kinds {
            let Some(decl) = self.vocab.event(k) else {
                return Err(());
            };
            match decl.field(&field).map(|f| &f.ty) {
                Some(ir::FieldType::Date) => {}
                found => {
                    let names: Vec<&str> = decl
                        .fields
                        .iter()
                        .filter(|f| f.ty == ir::FieldType::Date)
                        .map(|f| f.name.display.as_str())
                        .collect();
                    let what = if found.is_some() {
                        ("不是日期字段", "is not a 日期 field")
                    } else {
                        ("没有这个字段", "has no such field")
                    };
                    let (name, span) = (decl.name.display.clone(), decl.name.span);
                    self.diags.push(
                        Diag::error(
                            "E0320",
                            format!("`按 {}`：触发事项 `{name}` 的 `{field}` {}", d.text, what.0),
                            format!(
                                "`按 {}`: `{field}` of the trigger `{name}` {}",
                                d.text, what.1
                            ),
                        )
                        .at(
                            d.span,
                            "期限须是触发事项的日期字段",
                            "the deadline must be a date field of the trigger",
                        )
                        .related(span, "事项在此声明", "event kind declared here")
                        .maybe_help(did_you_mean(&field, names).or_else(|| {
                            Some(crate::diagnostics::Text::new(
                                format!("在事项下声明 `字段 {field}：日期`"),
                                format!("declare `字段 {field}：日期` under the event kind"),
                            ))
                        })),
                    );
                    return Err(());
                }
            }
        }
        Ok(crate::text::fold(&field))
    }

    fn e0320(&mut self, span: Span, zh: &str, en: &str, hzh: &str, hen: &str) {
        self.diags.push(
            Diag::error("E0320", zh, en)
                .at(span, "此处", "here")
                .help(hzh, hen),
        );
    }
}
