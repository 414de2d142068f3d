//! What the files of one ruleset (a directory of `*.guize`) must agree on. The first file (by
//! name) is the header: `生效`, `继承`, `依据` and `废止 DATE` are read from it alone, so the same
//! lines in another file would be ignored: each is E0249. Every file starts with `规则集 NAME`;
//! another name is E0249 too. A clause written twice is one clause: twice in one file is W0203
//! (likely a copy), with another title anywhere is W0204 (the second title is not shown).

use std::collections::BTreeMap;

use crate::ast;
use crate::diagnostics::Diag;
use crate::span::Span;
use crate::text::fold;

/// Checks the files of one level; `diags` gets every problem.
pub(super) fn check(files: &[ast::File], diags: &mut Vec<Diag>) {
    let Some(h) = files.iter().position(|f| f.name.is_some()) else {
        return;
    };
    let header = &files[h];
    for f in files.iter().skip(h + 1) {
        if let (Some(a), Some(b)) = (&header.name, &f.name) {
            if a.key != b.key {
                diags.push(
                    outside(b.span, "规则集", header.name.as_ref().map(|n| n.span)).help(
                        format!("同一目录下的文件属于同一规则集，都写 `规则集 {}`", a.text),
                        format!(
                            "the files of one directory are one ruleset: write `规则集 {}` in each",
                            a.text
                        ),
                    ),
                );
            }
        }
        let anchor = header.name.as_ref().map(|n| n.span);
        let lines = [
            ("生效", f.effective.map(|(_, s)| s)),
            ("继承", f.inherits.as_ref().map(|i| i.span)),
            ("依据", f.basis.as_ref().map(|b| b.span)),
            ("废止", f.ends.map(|(_, s)| s)),
        ];
        for (what, span) in lines {
            if let Some(span) = span {
                diags.push(outside(span, what, anchor).help(
                    format!("`{what}` 只写在第一个文件（含规则集头部的文件）中；删去此行或移过去"),
                    format!("write `{what}` in the first file (the ruleset's header) only; remove this line or move it there"),
                ));
            }
        }
    }
    clauses(files, diags);
}

fn outside(span: Span, what: &str, header: Option<Span>) -> Diag {
    let d = Diag::error(
        "E0249",
        format!("`{what}` 写在了规则集的第二个文件中，不起作用"),
        format!("`{what}` in a ruleset's second file has no effect"),
    )
    .at(
        span,
        "只读第一个文件的头部",
        "only the first file's header is read",
    );
    match header {
        Some(h) => d.related(h, "规则集的头部在此", "the ruleset's header is here"),
        None => d,
    }
}

/// A clause item written again: W0203 with its title again in the same file, W0204 with another
/// title; an item written again without a title continues the clause.
fn clauses(files: &[ast::File], diags: &mut Vec<Diag>) {
    // Folded item → (file index, title, span) of its first writing.
    let mut first: BTreeMap<String, (usize, Option<&str>, Span)> = BTreeMap::new();
    for (k, f) in files.iter().enumerate() {
        for c in &f.clauses {
            let key = fold(&c.item.text);
            let title = c.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
            let Some(&(fk, ft, fspan)) = first.get(&key) else {
                first.insert(key, (k, title, c.span));
                continue;
            };
            match (ft, title) {
                (Some(a), Some(b)) if fold(a) != fold(b) => diags.push(
                    // A warning: the rules are still read (a document such as 003 may list its
                    // measures under one item, each with its own title); the second title is not
                    // shown in reports, so the author is told.
                    Diag::warning(
                        "W0204",
                        format!("条款 {} 写了两个不同的标题：“{a}”与“{b}”", c.item.text),
                        format!("clause {} has two different titles: “{a}” and “{b}”", c.item.text),
                    )
                    .at(c.span, format!("标题“{b}”"), format!("title “{b}”"))
                    .related(fspan, format!("先前的标题“{a}”"), format!("earlier title “{a}”"))
                    .help(
                        "同一条款的规则合并在一起，只能有一个标题：改正条款编号或标题",
                        "the rules of one clause are merged and it keeps one title: fix the item or the title",
                    ),
                ),
                // Written again with its title in the same file: probably a copy. Without a
                // title it continues the clause (more 原文, a principle part): no warning.
                (_, Some(_)) if fk == k => diags.push(
                    Diag::warning(
                        "W0203",
                        format!("条款 {} 在同一文件中写了两次", c.item.text),
                        format!("clause {} written twice in one file", c.item.text),
                    )
                    .at(c.span, "再次出现", "again here")
                    .related(fspan, "第一次出现", "first here")
                    .help(
                        "两处的规则合并为同一条款；若是不同条款，请改正编号",
                        "the rules of both are merged into one clause; if they are different clauses, fix the item",
                    ),
                ),
                _ => {}
            }
        }
    }
}
