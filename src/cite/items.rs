//! The numbered items of a cited document: `(一)`…`(二十五)`, `一、`…`十、`, `第一条`…, each at
//! the start of a line, read from the document's text whatever its noise.
//!
//! A document may number several things (section headings `一、` above items `(一)`), so items
//! are read in one numbering style, the one the ruleset's clauses use. Only the first run that
//! counts up from one is taken (1, 2, 3 …): a numbering that starts again (an unrelated article
//! appended to the file) or a number out of sequence (a damaged passage that repeats a heading)
//! ends nothing but is skipped.

use crate::text::{fold, parse_number};

/// A numbering style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `(三)`
    Paren,
    /// `三、`
    Dun,
    /// `第三条`
    Article,
}

/// An item label as (style, number): `(三)` → (Paren, 3).
pub fn parse_label(label: &str) -> Option<(Style, u32)> {
    let l = fold(label);
    let num = |s: &str| parse_number(s).and_then(|n| u32::try_from(n).ok());
    if let Some(inner) = l.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        return Some((Style::Paren, num(inner)?));
    }
    if let Some(inner) = l.strip_prefix('第').and_then(|s| s.strip_suffix('条')) {
        return Some((Style::Article, num(inner)?));
    }
    l.strip_suffix('、').and_then(num).map(|n| (Style::Dun, n))
}

/// One numbered item of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The label as the document writes it (half-width): `(三)`.
    pub label: String,
    /// Its number.
    pub number: u32,
    /// The 1-based line of the document it starts on.
    pub line: usize,
    /// Its first words (up to the first `。` or 30 characters).
    pub title: String,
}

/// The items of `text` in `style` (see the module header); `first_line` is the line of the
/// document `text` starts on; `split`: see [`bullets`].
pub fn items(text: &str, style: Style, first_line: usize, split: Option<&str>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let Some((label, rest)) = marker(line, style) else {
            continue;
        };
        let Some((_, n)) = parse_label(&label) else {
            continue;
        };
        let expected = out.last().map_or(1, |i| i.number + 1);
        if n != expected {
            continue;
        }
        out.push(Item {
            label,
            number: n,
            line: first_line + k,
            title: title(rest),
        });
    }
    if out.is_empty() && style == Style::Paren {
        return bullets(text, first_line, split);
    }
    out
}

/// A document without numbered items but with `◆` paragraphs (003, a news report listing the
/// parts of a measure): each paragraph is an item, numbered in order (`◆1` ↔ `（一）`). With
/// `split` (`分项「、」` on the `出处` line), each paragraph is a list of items separated by it
/// (「…明确,要建立主体责任清单、开展廉洁谈心谈话、…等措施。」): the first item starts after the
/// paragraph's last comma before it, the last ends before `等` or `。`; items are numbered on
/// across paragraphs (`◆2.3` is the 8th item if paragraph 1 lists 5).
fn bullets(text: &str, first_line: usize, split: Option<&str>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut para = 0;
    for (k, line) in text.lines().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix('◆') else {
            continue;
        };
        para += 1;
        let pieces = match split.filter(|s| !s.is_empty()) {
            Some(sep) => list(rest.trim(), sep),
            None => vec![rest.trim_start().to_string()],
        };
        for (j, piece) in pieces.iter().enumerate() {
            let n = out.len() as u32 + 1;
            out.push(Item {
                label: match split {
                    Some(_) => format!("◆{para}.{}", j + 1),
                    None => format!("◆{n}"),
                },
                number: n,
                line: first_line + k,
                title: title(piece),
            });
        }
    }
    out
}

/// The items of one listing paragraph (see [`bullets`]).
fn list(para: &str, sep: &str) -> Vec<String> {
    let mut pieces: Vec<String> = para.split(sep).map(str::to_string).collect();
    if let Some(first) = pieces.first_mut() {
        if let Some(at) = first.rfind([',', '，']) {
            *first = first[at..].trim_start_matches([',', '，']).to_string();
        }
        *first = first.trim_start_matches('要').to_string();
    }
    if pieces.len() > 1 {
        if let Some(last) = pieces.last_mut() {
            let end = last.find(['等', '。']).unwrap_or(last.len());
            *last = last[..end].to_string();
        }
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

/// The marker at the start of `line` in `style`, and the text after it.
fn marker(line: &str, style: Style) -> Option<(String, &str)> {
    let digits = |s: &str| {
        s.char_indices()
            .find(|(_, c)| parse_number(&c.to_string()).is_none())
            .map_or(s.len(), |(i, _)| i)
    };
    match style {
        Style::Paren => {
            // ㈠…㈩ (U+3220…U+3229), as 001 篇6 (章丘市) numbers its items.
            if let Some(c) = line.chars().next().filter(|c| ('㈠'..='㈩').contains(c)) {
                let n = c as u32 - '㈠' as u32;
                let digit =
                    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n as usize];
                return Some((format!("({digit})"), &line[c.len_utf8()..]));
            }
            let rest = line.strip_prefix(['(', '（'])?;
            let d = digits(rest);
            let after = rest[d..].strip_prefix([')', '）'])?;
            (d > 0).then(|| (format!("({})", &rest[..d]), after))
        }
        Style::Dun => {
            let d = digits(line);
            let after = line[d..].strip_prefix('、')?;
            (d > 0).then(|| (format!("{}、", &line[..d]), after))
        }
        Style::Article => {
            let rest = line.strip_prefix('第')?;
            let d = digits(rest);
            let after = rest[d..].strip_prefix('条')?;
            (d > 0).then(|| (format!("第{}条", &rest[..d]), after))
        }
    }
}

/// The first words of an item, noise collapsed, pinyin glosses left out.
fn title(rest: &str) -> String {
    let rest = super::normalize::strip_glosses(rest);
    let mut out = String::new();
    for c in rest.chars() {
        if matches!(c, '。' | '.' | '\n') && !out.is_empty() {
            break;
        }
        if out.chars().count() >= 30 {
            out.push('…');
            break;
        }
        if out.ends_with(c) && !c.is_alphanumeric() {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(parse_label("（十三）"), Some((Style::Paren, 13)));
        assert_eq!(parse_label("九、"), Some((Style::Dun, 9)));
        assert_eq!(parse_label("第二条"), Some((Style::Article, 2)));
        assert_eq!(parse_label("甲"), None);
    }

    #[test]
    fn first_counting_run_only() {
        let text = "一、总则\n(一)甲。。。。乙\n(二)丙,,,,\n中间(三)不算\n(二)重复\n(三)丁\n附：\n(一)另一篇\n";
        let got = items(text, Style::Paren, 1, None);
        let labels: Vec<&str> = got.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["(一)", "(二)", "(三)"]);
        assert_eq!(got[0].title, "甲");
        assert_eq!(got[2].line, 6);
        assert_eq!(items(text, Style::Dun, 1, None).len(), 1);
    }

    #[test]
    fn parenthesized_ideographs_are_paren_items() {
        let text = "一、现状\n㈠教育。甲\n㈡公开\n二、对策\n㈢监督\n";
        let got = items(text, Style::Paren, 1, None);
        let labels: Vec<&str> = got.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["(一)", "(二)", "(三)"]);
        assert_eq!(got[0].title, "教育");
        assert_eq!(got[2].line, 5);
    }

    #[test]
    fn bullets_when_nothing_is_numbered() {
        let got = items(
            "导语\n◆ 在甲方面,要乙。\n◆在丙方面\n",
            Style::Paren,
            10,
            None,
        );
        let labels: Vec<&str> = got.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["◆1", "◆2"]);
        assert_eq!(
            (got[1].number, got[1].line, got[0].title.as_str()),
            (2, 12, "在甲方面,要乙")
        );
        assert!(items("(一)甲\n◆乙\n", Style::Paren, 1, None)
            .iter()
            .all(|i| !i.label.starts_with('◆')));
    }

    #[test]
    fn listed_measures_when_split() {
        let text = "◆ 在甲方面,《措施》明确,要建立清单、开展谈话、加强监督等措施。\n◆ 在乙方面,《措施》明确,要加强政治监督、强化以案促改等措施。\n";
        let got = items(text, Style::Paren, 1, Some("、"));
        let v: Vec<(&str, u32, &str)> = got
            .iter()
            .map(|i| (i.label.as_str(), i.number, i.title.as_str()))
            .collect();
        assert_eq!(
            v,
            [
                ("◆1.1", 1, "建立清单"),
                ("◆1.2", 2, "开展谈话"),
                ("◆1.3", 3, "加强监督"),
                ("◆2.1", 4, "加强政治监督"),
                ("◆2.2", 5, "强化以案促改"),
            ]
        );
    }
}
