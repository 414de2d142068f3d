//! The body of an assignment prohibition (`不得 分管 干部人事、财务`): P9 read on the 分工 table.
//! The subject is a role (the areas are those of its holders' 分工 rows in their unit); the rule
//! has no trigger, 责任人, `向` or condition.

use super::patterns::Parts;
use super::Ctx;
use crate::ast;
use crate::ir;
use crate::text::fold;

impl Ctx<'_> {
    /// `Some(Some(body))`, or `None` after reporting what does not fit (E0302).
    pub(super) fn assignment_body(
        &mut self,
        r: &ast::Rule,
        req: &ast::Requirement,
        subject: &ir::PartyExpr,
        p: &Parts,
    ) -> Option<Option<ir::RuleBody>> {
        let (zh, en) = if r.trigger.is_some() {
            (
                "分工禁止不写 `当 … 时`",
                "an assignment prohibition has no trigger",
            )
        } else if r.responsible.is_some() || r.anyone.is_some() {
            (
                "分工禁止不写 `责任人`：分工是对象本人的",
                "an assignment prohibition has no 责任人: the 分工 is the subject's own",
            )
        } else if p.target.is_some() || req.cond.is_some() || p.population.is_some() {
            (
                "分工禁止不写 `向`、条件或 `范围`",
                "an assignment prohibition takes no `向`, condition or `范围`",
            )
        } else if !matches!(subject.target, ir::PartyTarget::Role(_)) {
            (
                "分工禁止的对象应是职务（如 一把手）",
                "the subject of an assignment prohibition must be a role (一把手)",
            )
        } else {
            let mut areas: Vec<String> = Vec::new();
            for a in &req.areas {
                if !areas.iter().any(|x| fold(x) == a.key) {
                    areas.push(a.text.clone());
                }
            }
            return Some(Some(ir::RuleBody::ForbiddenAssignment { areas }));
        };
        self.unsupported(
            req.span,
            zh,
            en,
            "写作 `对象 一把手` 下一行 `不得 分管 干部人事、财务`",
            "write `对象 一把手` and then `不得 分管 干部人事、财务`",
        );
        None
    }
}
