//! Declarations: 单位类别, 职务, 事项 with 字段, 参数.

use super::{dup, VAGUE_TERMS};
use crate::ast;
use crate::diagnostics::Diag;
use crate::ir;

#[derive(Default)]
pub(super) struct Decls {
    pub vocab: ir::Vocabulary,
    pub params: Vec<ir::Param>,
}

fn name(i: &ast::Ident) -> ir::Name {
    ir::Name {
        key: i.key.clone(),
        display: i.text.clone(),
        span: i.span,
    }
}

impl Decls {
    pub fn collect(&mut self, f: &ast::File, diags: &mut Vec<Diag>) {
        for d in &f.decls {
            match d {
                ast::Decl::UnitKinds(v) => {
                    for k in v {
                        match self.vocab.unit_kind(&k.key) {
                            Some(first) => diags.push(dup("单位类别", &k.text, k.span, first.span)),
                            None => self.vocab.unit_kinds.push(name(k)),
                        }
                    }
                }
                ast::Decl::Roles(v) => {
                    for (r, sole) in v {
                        match self.vocab.role(&r.key) {
                            Some(first) => {
                                diags.push(dup("职务", &r.text, r.span, first.name.span))
                            }
                            None => self.vocab.roles.push(ir::RoleDecl {
                                name: name(r),
                                sole: *sole,
                            }),
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
        for f in fields {
            if let Some(first) = fs.iter().find(|x| x.name.key == f.name.key) {
                diags.push(dup("字段", &f.name.text, f.name.span, first.name.span));
                continue;
            }
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
            match self.vocab.event(&e.key) {
                Some(first) => diags.push(dup("事项", &e.text, e.span, first.name.span)),
                None => self.vocab.events.push(ir::EventDecl {
                    name: name(e),
                    fields: fs.clone(),
                }),
            }
        }
    }

    fn param(&mut self, p: &ast::ParamDecl, diags: &mut Vec<Diag>) {
        if let Some(first) = self.params.iter().find(|x| x.name.key == p.name.key) {
            diags.push(dup("参数", &p.name.text, p.name.span, first.name.span));
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
        self.params.push(ir::Param {
            name: name(&p.name),
            kind,
            value,
        });
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
