//! Stage 1, syntax: rule file text → [`ast::File`] and syntax diagnostics (`E01xx`).
//!
//! INVARIANT: nothing outside this module sees a pest type. A file is split into logical lines
//! and each is parsed on its own, so every bad line is reported and the rest still parsed.

mod assemble;
mod errors;
pub mod layout;
mod lines;
mod parser;
mod to_ast;

use pest::Parser as _;

use crate::ast;
use crate::diagnostics::Diag;
use crate::span::{FileId, SourceMap, Span};
use crate::text::fold_keep_offsets;

use parser::{Rule, RuleParser};

/// E0005 at each control character (other than tab and line ends) of a rule file, the first
/// twenty of them: a NUL or a U+0001 inside a name would make it another name nobody can see.
fn control_chars(text: &str, file: FileId) -> Vec<Diag> {
    text.char_indices()
        .filter(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .take(20)
        .map(|(i, c)| {
            Diag::error(
                "E0005",
                format!("规则文件中有控制字符 U+{:04X}", c as u32),
                format!("control character U+{:04X} in the rule file", c as u32),
            )
            .at(
                Span::new(file, i, i + c.len_utf8()),
                "看不见的控制字符",
                "an invisible control character",
            )
            .help("删去这个字符", "remove the character")
        })
        .collect()
}

/// Parses one rule file of `sources`.
pub fn parse(sources: &SourceMap, file: FileId) -> (ast::File, Vec<Diag>) {
    let original: &str = &sources.get(file).text;
    // Folding traditional → simplified keeps every byte offset, so spans stay valid.
    let folded = fold_keep_offsets(original);
    let mut diags = control_chars(original, file);
    let mut stmts = Vec::new();
    for line in lines::split(&folded, file, &mut diags) {
        let Some(text) = folded.get(line.start..line.end) else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        if line.broken {
            stmts.push((to_ast::Stmt::Broken, Span::new(file, line.start, line.end)));
            continue;
        }
        match RuleParser::parse(Rule::line, text) {
            Ok(mut pairs) => {
                let mut ctx = to_ast::Ctx {
                    file,
                    offset: line.start,
                    original,
                    diags: &mut diags,
                };
                let before = ctx.diags.len();
                let stmt = pairs.next().and_then(|p| to_ast::build_line(&mut ctx, p));
                // A number or date the line could not take (E0102, E0109, E0110) makes the line
                // broken: its rule is not checked further on a substituted value.
                if ctx.diags[before..].iter().any(|d| d.is_error()) {
                    stmts.push((to_ast::Stmt::Broken, Span::new(file, line.start, line.end)));
                    continue;
                }
                if let Some(stmt) = stmt {
                    let trimmed = text.trim_end();
                    let lead = text.len() - text.trim_start().len();
                    stmts.push((
                        stmt,
                        Span::new(file, line.start + lead, line.start + trimmed.len()),
                    ));
                }
            }
            Err(e) => {
                diags.push(errors::syntax_error(&e, text, file, line.start));
                stmts.push((to_ast::Stmt::Broken, Span::new(file, line.start, line.end)));
            }
        }
    }
    let ast = assemble::assemble(stmts, file, &mut diags);
    (ast, diags)
}
