//! Statements → the structure of a file: header, declarations, clauses, rules.

use super::to_ast::Stmt;
use crate::ast;
use crate::diagnostics::Diag;
use crate::span::{FileId, Span};

/// Groups statements into clauses and rules, reporting statements out of place (`E0105`),
/// repeated lines of a rule (`E0204`) and a missing header (`E0108`).
pub(crate) fn assemble(stmts: Vec<(Stmt, Span)>, file: FileId, diags: &mut Vec<Diag>) -> ast::File {
    let mut a = Assembler {
        file: ast::File::default(),
        in_events: false,
        after_broken: false,
        in_example: false,
        diags,
    };
    for (stmt, span) in stmts {
        a.push(stmt, span);
    }
    if a.file.name.is_none() {
        a.diags.push(
            Diag::error("E0108", "缺少规则集名称", "missing ruleset header")
                .at(
                    Span::new(file, 0, 0),
                    "文件应以 `规则集 名称` 开头",
                    "a rule file starts with `规则集 NAME`",
                )
                .help(
                    "在第一行写 `规则集 安徽省措施`",
                    "write `规则集 安徽省措施` on the first line",
                ),
        );
    }
    a.file
}

struct Assembler<'a> {
    file: ast::File,
    /// The last statement was `事项` (or a `字段` after it): `字段` lines attach to it.
    in_events: bool,
    /// A line failed to parse and no 条款/规则 header came since: lines out of place are
    /// most likely its consequence and are not reported again.
    after_broken: bool,
    /// The last statements were an `例` and its rows: a `参数` line belongs to the example.
    in_example: bool,
    diags: &'a mut Vec<Diag>,
}

impl Assembler<'_> {
    fn push(&mut self, stmt: Stmt, span: Span) {
        let was_in_events = std::mem::replace(&mut self.in_events, false);
        let was_in_example = std::mem::replace(
            &mut self.in_example,
            matches!(
                stmt,
                Stmt::Example(..) | Stmt::FactRow(_) | Stmt::Expect(_) | Stmt::Param(_)
            ),
        );
        if matches!(stmt, Stmt::Clause(..) | Stmt::Rule(_)) {
            self.after_broken = false;
        }
        match stmt {
            Stmt::Ruleset(name) => set_once(&mut self.file.name, name, span, "规则集", self.diags),
            Stmt::Basis(b) => set_once(&mut self.file.basis, b, span, "依据", self.diags),
            Stmt::Source(d) => self.file.sources.push(d),
            Stmt::Effective(d, s, next_year) => {
                self.file.next_year |= next_year;
                set_once(&mut self.file.effective, (d, s), span, "生效", self.diags)
            }
            Stmt::Inherit(name) => {
                set_once(&mut self.file.inherits, name, span, "继承", self.diags)
            }
            Stmt::Ends(d, s) => set_once(&mut self.file.ends, (d, s), span, "废止", self.diags),
            Stmt::Repeal(r) => self.file.repeals.push(r),
            Stmt::Amend(r) => self.rule_part(span, "修订", |r| &mut r.amends, r),
            Stmt::Loosen(r) => self.rule_part(span, "从宽", |r| &mut r.loosen, r),
            Stmt::UnitKinds(v) => self.file.decls.push(ast::Decl::UnitKinds(v)),
            Stmt::Roles(v) => self.file.decls.push(ast::Decl::Roles(v)),
            Stmt::Param(p) if was_in_example => {
                self.example_part(span, "参数", |e| e.params.push(p))
            }
            Stmt::Param(p) => {
                self.in_example = false;
                self.file.decls.push(ast::Decl::Param(p))
            }
            Stmt::Events(v) => {
                self.file.decls.push(ast::Decl::Events(v, Vec::new()));
                self.in_events = true;
            }
            Stmt::Field(f) => match self.file.decls.last_mut() {
                Some(ast::Decl::Events(_, fields)) if was_in_events => {
                    fields.push(f);
                    self.in_events = true;
                }
                _ => self.out_of_place(
                    span,
                    "`字段` 应紧跟在 `事项` 声明之后",
                    "`字段` must follow an `事项` declaration",
                ),
            },
            Stmt::Clause(item, title) => self.file.clauses.push(ast::Clause {
                item,
                title,
                text: None,
                principle: None,
                rules: Vec::new(),
                broken: false,
                span,
            }),
            Stmt::Text(q) => self.text(q, span),
            Stmt::Principle(reason) => match self.file.clauses.last_mut() {
                Some(c) if c.rules.is_empty() => c.principle = Some(reason),
                Some(_) => self.out_of_place(
                    span,
                    "`不设规则` 的条款不能再有规则",
                    "a clause marked `不设规则` cannot have rules",
                ),
                None => self.out_of_place(
                    span,
                    "`不设规则` 应写在 `条款` 之下",
                    "`不设规则` belongs under a `条款`",
                ),
            },
            Stmt::Rule(name) => match self.file.clauses.last_mut() {
                Some(c) if c.principle.is_none() => c.rules.push(ast::Rule {
                    name,
                    text: None,
                    subject: None,
                    responsible: None,
                    trigger: None,
                    requirement: None,
                    consequence: None,
                    amends: None,
                    loosen: None,
                    population: None,
                    examples: Vec::new(),
                    anyone: None,
                    by_trigger: None,
                    broken: false,
                    span,
                }),
                Some(_) => self.out_of_place(
                    span,
                    "`不设规则` 的条款不能再有规则",
                    "a clause marked `不设规则` cannot have rules",
                ),
                None => self.out_of_place(
                    span,
                    "`规则` 应写在 `条款` 之下",
                    "a `规则` belongs under a `条款`",
                ),
            },
            Stmt::Subject(p) => self.rule_part(span, "对象", |r| &mut r.subject, p),
            Stmt::Responsible(p) => self.rule_part(span, "责任人", |r| &mut r.responsible, p),
            Stmt::Anyone(s) => self.rule_part(span, "责任人", |r| &mut r.anyone, s),
            Stmt::ByTrigger(p) => self.rule_part(span, "责任人", |r| &mut r.by_trigger, p),
            Stmt::Trigger(t) => self.rule_part(span, "当 … 时", |r| &mut r.trigger, t),
            Stmt::Require(q) => self.rule_part(span, "要求", |r| &mut r.requirement, *q),
            Stmt::Consequence(c) => self.rule_part(span, "违反", |r| &mut r.consequence, c),
            Stmt::Population(p) => self.rule_part(span, "范围", |r| &mut r.population, p),
            Stmt::Example(name, as_of) => self.example(span, name, as_of),
            Stmt::FactRow(row) => self.example_part(span, "事实行", |e| e.rows.push(row)),
            Stmt::Expect(x) => self.example_part(span, "预期", |e| e.expects.push(x)),
            Stmt::Broken => {
                self.after_broken = true;
                if let Some(c) = self.file.clauses.last_mut() {
                    match c.rules.last_mut() {
                        Some(rule) => rule.broken = true,
                        None => c.broken = true,
                    }
                }
                self.in_events = was_in_events;
            }
        }
    }

    fn text(&mut self, q: ast::Quoted, span: Span) {
        let Some(clause) = self.file.clauses.last_mut() else {
            return self.out_of_place(
                span,
                "`原文` 应写在 `条款` 或 `规则` 之下",
                "`原文` belongs under a `条款` or a `规则`",
            );
        };
        match clause.rules.last_mut() {
            Some(rule) => set_once(&mut rule.text, q, span, "原文", self.diags),
            None => set_once(&mut clause.text, q, span, "原文", self.diags),
        }
    }

    fn example(&mut self, span: Span, name: ast::Ident, as_of: Option<chrono::NaiveDate>) {
        match self
            .file
            .clauses
            .last_mut()
            .and_then(|c| c.rules.last_mut())
        {
            Some(rule) => rule.examples.push(ast::Example {
                name,
                as_of,
                rows: Vec::new(),
                expects: Vec::new(),
                params: Vec::new(),
                span,
            }),
            None => self.out_of_place(
                span,
                "`例` 应写在 `规则 名称：` 之下",
                "`例` belongs under a `规则 NAME：`",
            ),
        }
    }

    fn example_part(&mut self, span: Span, what: &str, add: impl FnOnce(&mut ast::Example)) {
        let last = self
            .file
            .clauses
            .last_mut()
            .and_then(|c| c.rules.last_mut())
            .and_then(|r| r.examples.last_mut());
        match last {
            Some(e) => add(e),
            None => self.out_of_place(
                span,
                &format!("`{what}` 应写在 `例 名称：` 之下"),
                &format!("`{what}` belongs under an `例 NAME：`"),
            ),
        }
    }

    fn rule_part<T>(
        &mut self,
        span: Span,
        what: &str,
        slot: impl FnOnce(&mut ast::Rule) -> &mut Option<T>,
        value: T,
    ) {
        match self
            .file
            .clauses
            .last_mut()
            .and_then(|c| c.rules.last_mut())
        {
            Some(rule) => set_once(slot(rule), value, span, what, self.diags),
            None => self.out_of_place(
                span,
                &format!("`{what}` 应写在 `规则 名称：` 之下"),
                &format!("`{what}` belongs under a `规则 NAME：`"),
            ),
        }
    }

    fn out_of_place(&mut self, span: Span, zh: &str, en: &str) {
        if self.after_broken {
            return;
        }
        self.diags.push(
            Diag::error("E0105", "语句位置不对", "statement out of place")
                .at(span, zh, en)
                .help(
                    "规则文件的结构：规则集 → 声明 → 条款 → 规则 → 对象/责任人/当/应当/违反",
                    "structure: 规则集 → declarations → 条款 → 规则 → its lines",
                ),
        );
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, span: Span, what: &str, diags: &mut Vec<Diag>) {
    if slot.is_some() {
        diags.push(
            Diag::error(
                "E0204",
                format!("重复的 `{what}`"),
                format!("`{what}` given twice"),
            )
            .at(span, "此前已经写过", "already given above")
            .help(
                "每处只能写一次，请删去多余的一行",
                "write it once; remove the extra line",
            ),
        );
    } else {
        *slot = Some(value);
    }
}

/// How deep a statement sits in the canonical layout (`guize fmt`), from where the assembler
/// attaches it: 0 the `规则集` line, declarations, `废止`/`不适用` of inherited rules and clauses;
/// 1 the header's parts, a `事项`'s `字段`, a clause's `原文`, `不设规则` and `规则`; 2 the lines of
/// a rule (`in_rule`: a `规则` came since the last `条款`). Any other statement is a line of a
/// rule, so a new kind of rule line needs no change here; `None` (a broken line) keeps the
/// indentation as written.
pub(crate) fn depth(stmt: &Stmt, in_rule: bool, in_example: bool) -> Option<u8> {
    Some(match stmt {
        Stmt::Broken => return None,
        Stmt::Param(_) if in_example => 3,
        Stmt::Ruleset(_)
        | Stmt::Repeal(_)
        | Stmt::UnitKinds(_)
        | Stmt::Roles(_)
        | Stmt::Events(_)
        | Stmt::Param(_)
        | Stmt::Clause(..) => 0,
        Stmt::Basis(_)
        | Stmt::Source(_)
        | Stmt::Effective(..)
        | Stmt::Inherit(_)
        | Stmt::Ends(..)
        | Stmt::Field(_)
        | Stmt::Principle(_)
        | Stmt::Rule(_) => 1,
        Stmt::Text(_) if !in_rule => 1,
        Stmt::FactRow(_) | Stmt::Expect(_) => 3,
        _ => 2,
    })
}
