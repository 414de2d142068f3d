//! The layout of a rule file's lines, for the formatter (`crate::fmt`) and the language server:
//! which lines are statements, how deep each sits (from the grouping in `assemble.rs`), and which
//! parts of a statement are tokens, glue or verbatim text — all read off the parse, never
//! re-parsed by hand. Nothing here decides spacing or punctuation; the formatter does.

use std::ops::Range;

use pest::iterators::Pair;
use pest::Parser as _;

use super::parser::{Rule, RuleParser};
use super::{assemble, lines, to_ast};
use crate::span::FileId;
use crate::text::{fold, fold_keep_offsets};

/// One logical line (a `「…」` quotation may span physical lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Byte range in the text, without the newline (and without a `\r` before it).
    pub range: Range<usize>,
    /// What the line holds.
    pub kind: LineKind,
}

/// What a logical line holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but spaces.
    Blank,
    /// Only a comment.
    Comment,
    /// A statement, maybe followed by a comment.
    Statement(Statement),
    /// A line that does not parse (or an unclosed quotation): kept as written.
    Broken,
}

/// A parsed statement, cut into pieces that cover its text from its first to its last character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Indentation depth from the grouping (0, 1, 2); `None` keeps the written indentation.
    pub depth: Option<u8>,
    /// The pieces, in order.
    pub pieces: Vec<Piece>,
    /// A comment after the statement (from `#`, `＃` or `//` to the end of the line).
    pub comment: Option<Range<usize>>,
}

/// A piece of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What kind of text it is.
    pub kind: PieceKind,
}

/// What kind of text a piece is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Text matched by a grammar rule (a name, a number, a date): kept as written.
    Token,
    /// Keywords, punctuation and spaces inside one part of the statement.
    Glue,
    /// The text between two parts of the statement (a keyword, `：`, `=`, `时`, or only spaces;
    /// possibly empty) or before the first / after the last part.
    Gap,
    /// A quotation, a book title or free text: kept exactly.
    Verbatim,
}

/// Grammar rules whose text is prose, never changed by the formatter.
const VERBATIM: &[Rule] = &[Rule::quoted, Rule::book_title, Rule::rest];

/// The logical lines of `text` with their layout.
pub fn layout(text: &str) -> Vec<Line> {
    let folded = fold_keep_offsets(text);
    let mut scratch = Vec::new();
    let mut in_rule = false;
    let mut in_example = false;
    let mut out = Vec::new();
    for l in lines::split(&folded, FileId(0), &mut scratch) {
        let range = l.start..l.end;
        let line_text = &folded[range.clone()];
        let kind = if line_text.trim().is_empty() {
            LineKind::Blank
        } else if l.broken {
            LineKind::Broken
        } else {
            match RuleParser::parse(Rule::line, line_text) {
                Err(_) => LineKind::Broken,
                Ok(mut pairs) => match pairs.next() {
                    None => LineKind::Comment,
                    Some(line_pair) => {
                        let stmt = line_pair
                            .clone()
                            .into_inner()
                            .find(|p| p.as_rule() != Rule::EOI);
                        match stmt {
                            None => LineKind::Comment,
                            Some(stmt) => {
                                let mut ctx = to_ast::Ctx {
                                    file: FileId(0),
                                    offset: l.start,
                                    original: text,
                                    diags: &mut scratch,
                                };
                                let built = to_ast::build_line(&mut ctx, line_pair);
                                let depth = built.as_ref().and_then(|s| {
                                    let d = assemble::depth(s, in_rule, in_example);
                                    in_example = matches!(
                                        s,
                                        to_ast::Stmt::Example(..)
                                            | to_ast::Stmt::FactRow(_)
                                            | to_ast::Stmt::Expect(_)
                                    ) || (in_example
                                        && matches!(s, to_ast::Stmt::Param(_)));
                                    match s {
                                        to_ast::Stmt::Clause(..) => in_rule = false,
                                        to_ast::Stmt::Rule(_) => in_rule = true,
                                        _ => {}
                                    }
                                    d
                                });
                                LineKind::Statement(statement(&stmt, line_text, l.start, depth))
                            }
                        }
                    }
                },
            }
        };
        scratch.clear();
        out.push(Line { range, kind });
    }
    out
}

/// Cuts a statement into pieces: the gaps between its direct parts, and inside each part its
/// tokens and glue.
fn statement(stmt: &Pair<Rule>, line: &str, offset: usize, depth: Option<u8>) -> Statement {
    let mut pieces = Vec::new();
    let (start, end) = (stmt.as_span().start(), stmt.as_span().end());
    let mut at = start;
    for part in stmt
        .clone()
        .into_inner()
        .filter(|p| p.as_rule() != Rule::colon)
    {
        let s = part.as_span();
        push(&mut pieces, at..s.start(), PieceKind::Gap, offset);
        piece_of(&part, &mut pieces, offset);
        at = s.end();
    }
    push(&mut pieces, at..end, PieceKind::Gap, offset);
    let after = line[end..].trim();
    let comment = (!after.is_empty()).then(|| {
        let lead = line[end..].len() - line[end..].trim_start().len();
        offset + end + lead..offset + end + lead + after.len()
    });
    Statement {
        depth,
        pieces,
        comment,
    }
}

fn piece_of(pair: &Pair<Rule>, pieces: &mut Vec<Piece>, offset: usize) {
    let s = pair.as_span();
    if VERBATIM.contains(&pair.as_rule()) {
        return push(pieces, s.start()..s.end(), PieceKind::Verbatim, offset);
    }
    let inner: Vec<Pair<Rule>> = pair.clone().into_inner().collect();
    if inner.is_empty() {
        let kind = if pair.as_rule() == Rule::colon {
            PieceKind::Glue
        } else {
            PieceKind::Token
        };
        return push(pieces, s.start()..s.end(), kind, offset);
    }
    let mut at = s.start();
    for p in &inner {
        push(pieces, at..p.as_span().start(), PieceKind::Glue, offset);
        piece_of(p, pieces, offset);
        at = p.as_span().end();
    }
    push(pieces, at..s.end(), PieceKind::Glue, offset);
}

/// Adds a piece (gaps even when empty: they mark where two parts meet; other pieces only when
/// they hold text).
fn push(pieces: &mut Vec<Piece>, r: Range<usize>, kind: PieceKind, offset: usize) {
    if r.is_empty() && kind != PieceKind::Gap {
        return;
    }
    pieces.push(Piece {
        range: offset + r.start..offset + r.end,
        kind,
    });
}

/// Whether two texts of one statement parse to the same tree with the same tokens (compared
/// folded: `（` and `(` are the same token text). The formatter keeps a line as written when its
/// new form would not.
pub fn same_statement(a: &str, b: &str) -> bool {
    match (tokens(a), tokens(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn tokens(text: &str) -> Option<Vec<(Rule, usize, String)>> {
    let folded = fold_keep_offsets(text);
    let pairs = RuleParser::parse(Rule::line, &folded).ok()?;
    let mut out = Vec::new();
    let mut stack: Vec<(Pair<Rule>, usize)> = pairs.map(|p| (p, 0)).collect();
    stack.reverse();
    while let Some((p, depth)) = stack.pop() {
        let inner: Vec<Pair<Rule>> = p.clone().into_inner().collect();
        let leaf = inner.is_empty() || VERBATIM.contains(&p.as_rule());
        let text = if leaf {
            fold(p.as_str())
        } else {
            String::new()
        };
        out.push((p.as_rule(), depth, text));
        if !leaf {
            stack.extend(inner.into_iter().rev().map(|c| (c, depth + 1)));
        }
    }
    Some(out)
}
