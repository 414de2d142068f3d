//! guize (规则): a rules-as-code language and interpreter for the supervision obligations of the
//! Chinese "一把手" regulations.
//!
//! The pipeline, one function per stage edge (see ARCHITECTURE.md):
//! source text → [`parse`] → `ast` → [`check`] → `ir` → [`evaluate`] → `eval::Outcome` → `report`.
#![warn(missing_docs)]

pub mod ast;
pub mod cite;
pub mod cli;
pub mod diagnostics;
pub mod doc;
pub mod examples;
pub mod facts;
pub mod fmt;
#[doc(hidden)]
pub mod fuzzing;
pub mod io;
pub mod ir;
pub mod lsp;
pub mod resolve;
pub mod span;
pub mod syntax;
pub mod text;

use span::{FileId, SourceMap};

/// Stage 1: parses one rule file.
pub fn parse(sources: &SourceMap, file: FileId) -> (ast::File, Vec<diagnostics::Diag>) {
    syntax::parse(sources, file)
}

/// Stage 2: checks the parsed files of one ruleset.
pub fn check(files: &[ast::File]) -> (ir::Ruleset, Vec<diagnostics::Diag>) {
    resolve::check(files)
}
pub mod eval;

/// Stage 2 for a ruleset that inherits: checks the parsed files of a chain of rulesets (the
/// root base first), including the 从严 check of every amendment.
pub fn check_chain(levels: &[&[ast::File]]) -> (ir::Ruleset, Vec<diagnostics::Diag>) {
    let (rs, mut diags) = resolve::check_chain(levels);
    diags.extend(compare::strictness(levels));
    (rs, diags)
}
pub mod compare;

/// Stage 3: evaluates a checked ruleset against facts.
pub fn evaluate(rs: &ir::Ruleset, facts: &facts::Facts, config: &eval::Config) -> eval::Outcome {
    eval::evaluate(rs, facts, config)
}
pub mod report;
