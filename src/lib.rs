//! guize (规则): a rules-as-code language and interpreter for the supervision obligations of the
//! Chinese "一把手" regulations.
//!
//! The pipeline, one function per stage edge (see ARCHITECTURE.md):
//! source text → [`parse`] → `ast` → [`check`] → `ir` → [`evaluate`] → `eval::Outcome` → `report`.
#![warn(missing_docs)]

pub mod diagnostics;
pub mod facts;
pub mod ir;
pub mod span;
pub mod text;
