//! Declarations: 单位类别, 职务, 事项 with 字段, 参数.

use std::collections::{BTreeMap, BTreeSet};

use super::{dup, VAGUE_TERMS};
use crate::ast;
use crate::diagnostics::Diag;
use crate::ir;

#[derive(Default)]
pub(super) struct Decls {
    pub vocab: ir::Vocabulary,
    pub params: Vec<ir::Param>,
    /// How many unit kinds, roles, events and params were declared by the base rulesets: a
    /// ruleset may declare an inherited name again (same meaning) and give a parameter a value.
    inherited: [usize; 4],
    /// Folded key → position, for unit kinds, roles, events and params (linear-time checking of
    /// a declaration of 100,000 names).
    index: [BTreeMap<String, usize>; 4],
}

const UNIT_KINDS: usize = 0;
const ROLES: usize = 1;
const EVENTS: usize = 2;
const PARAMS: usize = 3;

fn name(i: &ast::Ident) -> ir::Name {
    ir::Name {
        key: i.key.clone(),
        display: i.text.clone(),
        span: i.span,
    }
}

impl Decls {
    /// Everything declared so far belongs to a base ruleset.
    pub fn begin_level(&mut self) {
        self.inherited = [
            self.vocab.unit_kinds.len(),
            self.vocab.roles.len(),
            self.vocab.events.len(),
            self.params.len(),
        ];
    }

    pub fn collect(&mut self, f: &ast::File, diags: &mut Vec<Diag>) {
        for d in &f.decls {
            match d {
                ast::Decl::UnitKinds(v) => {
                    for k in v {
                        let at = self.index[UNIT_KINDS].get(&k.key).copied();
                        match at {
                            Some(i) if i < self.inherited[0] => {}
                            Some(i) => diags.push(dup(
                                "单位类别",
                                &k.text,
                                k.span,
                                self.vocab.unit_kinds[i].span,
                            )),
                            None => {
                                self.index[UNIT_KINDS]
                                    .insert(k.key.clone(), self.vocab.unit_kinds.len());
                                self.vocab.unit_kinds.push(name(k));
                            }
                        }
                    }
                }
                ast::Decl::Roles(v) => {
                    for (r, sole) in v {
                        let at = self.index[ROLES].get(&r.key).copied();
                        match at {
                            Some(i) if i < self.inherited[1] => self.vocab.roles[i].sole = *sole,
                            Some(i) => diags.push(dup(
                                "职务",
                                &r.text,
                                r.span,
                                self.vocab.roles[i].name.span,
                            )),
                            None => {
                                self.index[ROLES].insert(r.key.clone(), self.vocab.roles.len());
                                self.vocab.roles.push(ir::RoleDecl {
                                    name: name(r),
                                    sole: *sole,
                                });
                            }
                        }
                    }
                }
                ast::Decl::Events(v, fields) => self.events(v, fields, diags),
                ast::Decl::Param(p) => self.param(p, diags),
            }
        }
    }

    fn events(&mut self, names: &[ast::Ident], fields: &[ast::FieldDecl], diags: &mut Vec<Diag>) {
        let mut fs: Vec<ir::FieldDecl> = Vec::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for f in fields {
            if let Some(&first) = seen.get(f.name.key.as_str()) {
                diags.push(dup("字段", &f.name.text, f.name.span, fs[first].name.span));
                continue;
            }
            seen.insert(&f.name.key, fs.len());
            let ty = match &f.ty {
                ast::FieldType::Text => ir::FieldType::Text,
                ast::FieldType::Bool => ir::FieldType::Bool,
                ast::FieldType::Number => ir::FieldType::Number,
                ast::FieldType::Date => ir::FieldType::Date,
                ast::FieldType::Person => ir::FieldType::Person,
                ast::FieldType::Unit => ir::FieldType::Unit,
                ast::FieldType::Event => ir::FieldType::Event,
                ast::FieldType::OneOf(v) => {
                    ir::FieldType::OneOf(v.iter().map(|i| i.key.clone()).collect())
                }
            };
            fs.push(ir::FieldDecl {
                name: name(&f.name),
                ty,
            });
        }
        for e in names {
            let at = self.index[EVENTS].get(&e.key).copied();
            match at {
                Some(i) if i < self.inherited[2] => {
                    let known = &mut self.vocab.events[i].fields;
                    let had: BTreeSet<String> = known.iter().map(|k| k.name.key.clone()).collect();
                    known.extend(fs.iter().filter(|f| !had.contains(&f.name.key)).cloned());
                }
                Some(i) => diags.push(dup("事项", &e.text, e.span, self.vocab.events[i].name.span)),
                None => {
                    self.index[EVENTS].insert(e.key.clone(), self.vocab.events.len());
                    self.vocab.events.push(ir::EventDecl {
                        name: name(e),
                        fields: fs.clone(),
                    });
                }
            }
        }
    }

    fn param(&mut self, p: &ast::ParamDecl, diags: &mut Vec<Diag>) {
        let at = self.index[PARAMS].get(&p.name.key).copied();
        if let Some(i) = at {
            if i < self.inherited[3] {
                return self.concretise(i, p, diags);
            }
            diags.push(dup(
                "参数",
                &p.name.text,
                p.name.span,
                self.params[i].name.span,
            ));
            return;
        }
        let value = p.value;
        let kind = match (value, p.kind) {
            (Some(v), _) => value_kind(v),
            (None, Some(k)) => k,
            (None, None) => match VAGUE_TERMS.iter().find(|(w, _)| *w == p.name.key) {
                Some((_, k)) => *k,
                None => {
                    diags.push(
                        Diag::error(
                            "E0301",
                            format!("未定参数 `{}` 需要注明种类", p.name.text),
                            format!("open parameter `{}` needs a kind", p.name.text),
                        )
                        .at(
                            p.span,
                            "不知道它取什么值",
                            "the kind of its value is unknown",
                        )
                        .help(
                            "写作 `参数 名称：未定（期限）`，种类为 期限、周期、比例 或 次数",
                            "write `参数 NAME：未定（期限）`; kinds: 期限, 周期, 比例, 次数",
                        ),
                    );
                    return;
                }
            },
        };
        if let (Some(v), Some(k)) = (value, p.kind) {
            if value_kind(v) != k {
                diags.push(
                    Diag::error(
                        "E0301",
                        format!("参数 `{}` 的取值与种类不符", p.name.text),
                        format!("value of `{}` does not match its kind", p.name.text),
                    )
                    .at(p.span, "取值与种类不符", "value and kind differ"),
                );
            }
        }
        self.index[PARAMS].insert(p.name.key.clone(), self.params.len());
        self.params.push(ir::Param {
            name: name(&p.name),
            kind,
            value,
            assumed: p.assumed.clone(),
        });
    }
}

impl Decls {
    /// `参数 及时 = 15日` in a ruleset that inherits 及时: the local value replaces the base's.
    fn concretise(&mut self, i: usize, p: &ast::ParamDecl, diags: &mut Vec<Diag>) {
        let base = &mut self.params[i];
        let Some(v) = p.value else {
            return;
        };
        if value_kind(v) != base.kind {
            diags.push(
                Diag::error(
                    "E0301",
                    format!("参数 `{}` 的取值与上级规则集中的种类不符", p.name.text),
                    format!(
                        "value of `{}` does not match its inherited kind",
                        p.name.text
                    ),
                )
                .at(p.span, "取值与种类不符", "value and kind differ")
                .related(
                    base.name.span,
                    "上级规则集在此声明",
                    "declared by the base here",
                ),
            );
            return;
        }
        base.value = Some(v);
        base.assumed = p.assumed.clone();
        base.name.span = p.name.span;
    }
}

fn value_kind(v: ir::ParamValue) -> ir::ParamKind {
    match v {
        ir::ParamValue::Duration(_) => ir::ParamKind::Duration,
        ir::ParamValue::Period(_) => ir::ParamKind::Period,
        ir::ParamValue::Ratio(..) => ir::ParamKind::Ratio,
        ir::ParamValue::Count(_) => ir::ParamKind::Count,
    }
}
