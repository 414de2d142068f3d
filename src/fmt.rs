//! The formatter behind `guize fmt` and the language server's formatting: one canonical layout
//! for a rule file, derived from the parse (`syntax::layout`), never from hand-written parsing.
//!
//! The layout:
//! - indentation: two spaces per depth, the depth of each statement coming from where the
//!   parser's grouping attaches it (`规则集`, declarations, `条款` at 0; the header's parts, `字段`,
//!   a clause's `原文`/`不设规则`/`规则` at 1; a rule's lines at 2); a comment line takes the
//!   depth of the statement after it;
//! - spacing: one space between the parts of a statement (`应当 每年至少1次 监督谈话`,
//!   `当 下级单位的一把手 任职开始 时`, `参数 及时 = 30日`), none around the full-width marks
//!   `：、（）` (`规则 监督谈话：`, `职务 一把手（唯一）、班子成员`); inside a part, runs of spaces
//!   become one and spaces next to `：、（）=.%` go;
//! - punctuation of the language's own marks: full-width `：（）、`, half-width `= % .`
//!   (`:`→`：`, `(`→`（`, `,，;；`→`、`, `＝`→`=`, `％`→`%`, `．·・`→`.`);
//! - kept exactly: quotations 「…」, titles 《…》, free text (clause titles, reasons, 违反 …),
//!   names, numbers and dates as written (traditional characters stay), and every comment;
//! - blank lines: runs become one, none at the start or the end; the file ends with one newline
//!   (LF); a byte-order mark is kept.
//!
//! INVARIANT: every statement line is checked after formatting to parse to the same tree with
//! the same tokens (`syntax::layout::same_statement`); a line that would not is kept as written.
//! A line that does not parse is kept as written. `format(format(x)) == format(x)`.

use crate::syntax::layout::{layout, LineKind, PieceKind, Statement};

/// Spaces per depth.
const INDENT: &str = "  ";

/// The canonical form of a rule file.
pub fn format(text: &str) -> String {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let lines = layout(body);
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let raw = &body[line.range.clone()];
        match &line.kind {
            LineKind::Blank => {
                if out.last().is_some_and(|l| !l.is_empty()) {
                    out.push(String::new());
                }
            }
            LineKind::Comment => {
                let depth = lines[i + 1..].iter().find_map(|l| match &l.kind {
                    LineKind::Statement(s) => Some(s.depth),
                    LineKind::Broken => Some(None),
                    _ => None,
                });
                let indent = match depth.flatten() {
                    Some(d) => INDENT.repeat(d.into()),
                    None => leading(raw).to_string(),
                };
                out.push(format!("{indent}{}", raw.trim()));
            }
            LineKind::Statement(s) => out.push(statement_line(body, raw, s)),
            LineKind::Broken => out.push(raw.trim_end().to_string()),
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    if out.is_empty() {
        return bom.to_string();
    }
    format!("{bom}{}\n", out.join("\n"))
}

/// Whether `text` is already in canonical form.
pub fn is_formatted(text: &str) -> bool {
    format(text) == text
}

fn leading(s: &str) -> &str {
    &s[..s.len() - s.trim_start().len()]
}

fn statement_line(body: &str, raw: &str, s: &Statement) -> String {
    let indent = match s.depth {
        Some(d) => INDENT.repeat(d.into()),
        None => leading(raw).to_string(),
    };
    let (start, end) = match (s.pieces.first(), s.pieces.last()) {
        (Some(a), Some(b)) => (a.range.start, b.range.end),
        _ => (0, 0),
    };
    let written = &body[start..end];
    let mut text = render(body, s);
    if !crate::syntax::layout::same_statement(written, &text) {
        text = written.to_string();
    }
    match &s.comment {
        Some(c) => format!("{indent}{text} {}", &body[c.clone()]),
        None => format!("{indent}{text}"),
    }
}

/// Marks written without spaces around them between the parts of a statement.
const TIGHT_GAP: &[char] = &['：', '、', '（', '）'];
/// Marks written without spaces around them inside a part.
const TIGHT_GLUE: &[char] = &['：', '、', '（', '）', '=', '.', '%'];

/// The project's choice of full- or half-width for the language's own punctuation.
fn punct(c: char) -> char {
    match c {
        ':' => '：',
        '(' => '（',
        ')' => '）',
        ',' | '，' | ';' | '；' => '、',
        '＝' => '=',
        '％' => '%',
        '．' | '·' | '・' => '.',
        '\u{3000}' | '\t' => ' ',
        c => c,
    }
}

/// The statement's text in canonical form: each piece rendered, one space between the parts of
/// the statement unless the text between them is a tight mark (`：、（）`).
fn render(body: &str, s: &Statement) -> String {
    let mut out = String::new();
    let last = s.pieces.len().saturating_sub(1);
    // The text between two parts ended with a tight mark: no space may follow.
    let mut tight_gap = false;
    for (i, p) in s.pieces.iter().enumerate() {
        let text = &body[p.range.clone()];
        match p.kind {
            PieceKind::Token | PieceKind::Verbatim => out.push_str(text.trim()),
            PieceKind::Glue => {
                let g = respace(text, TIGHT_GLUE);
                let g = match g.strip_prefix(' ') {
                    Some(rest) if out.is_empty() || out.ends_with(' ') => rest.to_string(),
                    _ => g,
                };
                if g.starts_with(TIGHT_GLUE) {
                    trim_end(&mut out);
                }
                out.push_str(&g);
            }
            PieceKind::Gap => {
                let core = respace(text, TIGHT_GAP);
                let core = core.trim();
                if core.starts_with(TIGHT_GAP) {
                    trim_end(&mut out);
                } else if i > 0 && !tight_gap && (i < last || !core.is_empty()) {
                    space(&mut out);
                }
                out.push_str(core);
                tight_gap = core.ends_with(TIGHT_GAP);
                if i < last && !core.is_empty() && !tight_gap {
                    space(&mut out);
                }
                continue;
            }
        }
        tight_gap = false;
    }
    trim_end(&mut out);
    out
}

fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn trim_end(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Punctuation chosen, runs of spaces made one, spaces next to a tight mark removed.
fn respace(text: &str, tight: &[char]) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.chars().map(punct) {
        if c.is_whitespace() {
            pending = true;
            continue;
        }
        if pending && !tight.contains(&c) && !out.ends_with(tight) {
            out.push(' ');
        }
        pending = false;
        out.push(c);
    }
    if pending && !out.ends_with(tight) {
        out.push(' ');
    }
    out
}

/// A line diff of `old` and `new` in the unified format (`@@ -a,b +c,d @@`, two lines of
/// context), for `guize fmt --check`. Empty when they are equal.
pub fn diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = edit_script(&a, &b);
    if ops.iter().all(|o| matches!(o, Op::Same(..))) {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], Op::Same(..)))
        .collect();
    let mut i = 0;
    while i < changed.len() {
        let from = changed[i].saturating_sub(2);
        let mut to = changed[i];
        while i < changed.len() && changed[i] <= to + 5 {
            to = changed[i];
            i += 1;
        }
        let to = (to + 3).min(ops.len());
        let hunk = &ops[from..to];
        let (a0, b0) = hunk.iter().map(|o| o.pos()).next().unwrap_or_default();
        let na = hunk.iter().filter(|o| !matches!(o, Op::Add(..))).count();
        let nb = hunk.iter().filter(|o| !matches!(o, Op::Del(..))).count();
        out.push_str(&format!("@@ -{},{na} +{},{nb} @@\n", a0 + 1, b0 + 1));
        for o in hunk {
            match o {
                Op::Same(x, _) => out.push_str(&format!(" {}\n", a[*x])),
                Op::Del(x, _) => out.push_str(&format!("-{}\n", a[*x])),
                Op::Add(_, y) => out.push_str(&format!("+{}\n", b[*y])),
            }
        }
    }
    out
}

/// One step of an edit script, with the positions in the old and the new text.
#[derive(Clone, Copy, Debug)]
enum Op {
    Same(usize, usize),
    Del(usize, usize),
    Add(usize, usize),
}

impl Op {
    fn pos(&self) -> (usize, usize) {
        match *self {
            Op::Same(x, y) | Op::Del(x, y) | Op::Add(x, y) => (x, y),
        }
    }
}

/// A shortest edit script by longest common subsequence over the lines between the common
/// prefix and suffix (rule files are small; past 4 million cells the middle is replaced whole).
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops: Vec<Op> = (0..pre).map(|i| Op::Same(i, i)).collect();
    if ma.len().saturating_mul(mb.len()) > 4_000_000 {
        ops.extend((0..ma.len()).map(|i| Op::Del(pre + i, pre)));
        ops.extend((0..mb.len()).map(|j| Op::Add(pre + ma.len(), pre + j)));
    } else {
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                ops.push(Op::Same(pre + i, pre + j));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.push(Op::Del(pre + i, pre + j));
                i += 1;
            } else {
                ops.push(Op::Add(pre + i, pre + j));
                j += 1;
            }
        }
    }
    let (ea, eb) = (a.len() - suf, b.len() - suf);
    ops.extend((0..suf).map(|k| Op::Same(ea + k, eb + k)));
    ops
}

#[cfg(test)]
mod tests;
