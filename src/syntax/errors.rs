//! pest errors → diagnostics that name what was expected in words (`E0101` … `E0104`).

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parser::{renamed_rule, Rule, STATEMENT_KEYWORDS};
use crate::diagnostics::{did_you_mean, Diag};
use crate::span::{FileId, Span};

/// Converts a pest error on a logical line that starts at byte `offset` of the file.
pub(crate) fn syntax_error(e: &Error<Rule>, line: &str, file: FileId, offset: usize) -> Diag {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let pos = pos.min(line.len());
    let found_len = line[pos..].chars().next().map(char::len_utf8).unwrap_or(0);
    let span = Span::new(file, offset + pos, offset + pos + found_len);
    let positives: Vec<Rule> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let found = found_text(&line[pos..]);
    let first_word_start = line.len() - line.trim_start().len();

    if pos == first_word_start {
        let word: String = line[pos..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !"：:".contains(*c))
            .collect();
        let wspan = Span::new(file, offset + pos, offset + pos + word.len());
        return Diag::error(
            "E0104",
            format!("无法识别的语句 `{word}`"),
            format!("unknown statement `{word}`"),
        )
        .at(
            wspan,
            "语句应以关键字开头",
            "a statement starts with a keyword",
        )
        .maybe_help(did_you_mean(&word, STATEMENT_KEYWORDS.iter().copied()));
    }
    if positives.contains(&Rule::number) || positives.contains(&Rule::digit_char) {
        return Diag::error(
            "E0102",
            format!("此处应为数字，却是 {found}"),
            format!("expected a number, found {found}"),
        )
        .at(span, "应为数字", "expected a number")
        .help(
            "数字可写作 1、１、一、十五、二十",
            "write numbers as 1, １, 一, 十五 or 二十",
        );
    }
    let (zh, en) = expected_words(&positives);
    Diag::error(
        "E0101",
        format!("语法错误：此处应为{zh}，却是 {found}"),
        format!("syntax error: expected {en}, found {found}"),
    )
    .at(span, format!("应为{zh}"), format!("expected {en}"))
}

fn found_text(rest: &str) -> String {
    match rest.chars().next() {
        None => "行尾".to_string(),
        Some(_) => {
            let word: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(12)
                .collect();
            format!("`{word}`")
        }
    }
}

fn expected_words(positives: &[Rule]) -> (String, String) {
    let mut zh: Vec<&str> = Vec::new();
    let mut en: Vec<&str> = Vec::new();
    for r in positives {
        let (z, e) = renamed_rule(*r);
        if !zh.contains(&z) {
            zh.push(z);
            en.push(e);
        }
    }
    if zh.is_empty() {
        return ("其他内容".into(), "something else".into());
    }
    (zh.join("、"), en.join(", "))
}
