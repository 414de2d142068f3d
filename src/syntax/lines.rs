//! Splitting a rule file into logical lines: one statement each, a 「…」 quotation may span
//! several physical lines.

use crate::diagnostics::Diag;
use crate::span::{FileId, Span};

/// A logical line: byte range in the file, newline excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LogicalLine {
    pub start: usize,
    pub end: usize,
    /// Already reported (an unclosed quotation): not parsed again.
    pub broken: bool,
}

/// Splits `text` into logical lines. An unclosed quotation is reported (`E0106`) and ends at
/// its physical line, so the lines after it are still parsed.
pub(crate) fn split(text: &str, file: FileId, diags: &mut Vec<Diag>) -> Vec<LogicalLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut broken = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        match c {
            '「' | '『' => {
                let close = if c == '「' { '」' } else { '』' };
                match text[i..].find(close) {
                    Some(off) => i += off + close.len_utf8(),
                    None => {
                        let line_end = text[i..].find('\n').map(|o| i + o).unwrap_or(text.len());
                        diags.push(
                            Diag::error(
                                "E0106",
                                format!("引号 `{c}` 未闭合"),
                                format!("unclosed quotation `{c}`"),
                            )
                            .at(
                                Span::new(file, i, i + c.len_utf8()),
                                "从这里开始的引号没有结束",
                                "this quotation never ends",
                            )
                            .help(
                                format!("在引文末尾加上 `{close}`"),
                                format!("add `{close}` at the end of the quotation"),
                            ),
                        );
                        i = line_end;
                        broken = true;
                    }
                }
            }
            '#' | '＃' => i = text[i..].find('\n').map(|o| i + o).unwrap_or(text.len()),
            '/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map(|o| i + o).unwrap_or(text.len())
            }
            '\n' => {
                lines.push(trim_cr(text, start, i, std::mem::take(&mut broken)));
                i += 1;
                start = i;
            }
            _ => i += c.len_utf8(),
        }
    }
    if start < text.len() {
        lines.push(trim_cr(text, start, text.len(), broken));
    }
    lines
}

fn trim_cr(text: &str, start: usize, end: usize, broken: bool) -> LogicalLine {
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    LogicalLine { start, end, broken }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let mut d = Vec::new();
        split(s, FileId(0), &mut d)
            .into_iter()
            .map(|l| &s[l.start..l.end])
            .collect()
    }

    #[test]
    fn quotations_span_lines() {
        assert_eq!(
            texts("a\r\n原文 「x\ny」\nb"),
            vec!["a", "原文 「x\ny」", "b"]
        );
    }

    #[test]
    fn unclosed_quotation_is_reported_and_parsing_goes_on() {
        let mut d = Vec::new();
        let s = "原文 「x\nb\n";
        let lines = split(s, FileId(0), &mut d);
        assert_eq!(lines.len(), 2);
        assert_eq!(d[0].code, "E0106");
    }

    #[test]
    fn quotes_in_comments_do_not_open() {
        assert_eq!(texts("a # 「\nb"), vec!["a # 「", "b"]);
    }
}
