//! Normalising a source document and a quote so that the noise of the seeds does not decide
//! whether a quote is found: whitespace, runs of repeated punctuation (`,,,,,,,,`, `。。。。`),
//! full-/half-width forms, traditional/simplified characters, the kinds of quotation marks, and
//! pinyin glosses in parentheses after a character (`發(fā)布` reads `發布`).
//!
//! INVARIANT: every character of the normalised text remembers the byte offset of the original
//! character it came from, so a place found in the normalised text is shown in the original.

use crate::text::{fold_keep_offsets, half_width};

/// A normalised text with, for each of its characters, the byte range of the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The normalised characters.
    pub chars: Vec<char>,
    /// For each normalised character, the byte offset of its original character.
    pub at: Vec<usize>,
    /// For each normalised character, the byte offset just after its original character.
    pub end: Vec<usize>,
}

impl Normalized {
    /// The normalised text as a string.
    pub fn string(&self) -> String {
        self.chars.iter().collect()
    }

    /// The original byte range of normalised characters `[from, to)`.
    pub fn original_range(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        if from >= to || to > self.chars.len() {
            return None;
        }
        Some((self.at[from], self.end[to - 1]))
    }
}

/// Normalises `text` (see the module header).
pub fn normalize(text: &str) -> Normalized {
    let folded = fold_keep_offsets(text);
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let mut out = Normalized::default();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if let Some(skip) = gloss_len(&chars[i..]) {
            i += skip;
            continue;
        }
        i += 1;
        if c.is_whitespace() || c == '\u{feff}' {
            continue;
        }
        let n = canonical(c);
        if is_punct(n) && out.chars.last() == Some(&n) {
            // A run of the same punctuation counts once; it still covers the original bytes.
            if let Some(e) = out.end.last_mut() {
                *e = at + c.len_utf8();
            }
            continue;
        }
        out.chars.push(n);
        out.at.push(at);
        out.end.push(at + c.len_utf8());
    }
    out
}

/// `text` without its pinyin glosses (`發(fā)布` → `發布`), otherwise as written.
pub fn strip_glosses(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match gloss_len(&chars[i..]) {
            Some(n) => i += n,
            None => {
                out.push(chars[i].1);
                i += 1;
            }
        }
    }
    out
}

/// One character in its canonical form: half-width, one kind of quotation mark.
fn canonical(c: char) -> char {
    match half_width(c) {
        '“' | '”' | '„' | '‟' | '‘' | '’' | '「' | '」' | '『' | '』' | '\'' | '"' => {
            '"'
        }
        '【' => '[',
        '】' => ']',
        '〔' => '(',
        '〕' => ')',
        '—' | '–' | '－' => '-',
        '…' => '.',
        '︰' => ':',
        n => n,
    }
}

/// Whether a canonical character is punctuation (whose runs collapse).
fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric() || is_cjk(c))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A pinyin gloss at the start of `rest`: `(fā)` or `（shí）`, one to eight Latin letters
/// (tone marks allowed) between parentheses, right after a Chinese character. Returns how
/// many characters it spans.
fn gloss_len(rest: &[(usize, char)]) -> Option<usize> {
    let (_, open) = *rest.first()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut n = 0;
    for &(_, c) in rest.iter().skip(1) {
        if c == ')' || c == '）' {
            return (1..=8).contains(&n).then_some(n + 2);
        }
        if !is_pinyin_letter(c) {
            return None;
        }
        n += 1;
    }
    None
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_normalised() {
        let doc = normalize("监督,,,,,,,,落实。。。。。。。發(fā)布時(shí)間:2022");
        assert_eq!(doc.string(), "监督,落实。发布时间:2022");
        assert_eq!(
            normalize("监督，落实。发布时间：２０２２").string(),
            doc.string()
        );
    }

    #[test]
    fn quotation_marks_and_whitespace() {
        assert_eq!(
            normalize("上级“一把手”\n 必须").string(),
            normalize("上级\"一把手\"必须").string()
        );
    }

    #[test]
    fn items_are_not_glosses() {
        assert_eq!(normalize("(一)要(fa1)").string(), "(一)要(fa1)");
        assert_eq!(normalize("(abcdefghi)").string(), "(abcdefghi)");
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "甲,,,乙(yǐ)丙";
        let n = normalize(text);
        let (a, b) = n.original_range(1, 3).unwrap();
        assert_eq!(&text[a..b], ",,,乙");
        let (a, b) = n.original_range(3, 4).unwrap();
        assert_eq!(&text[a..b], "丙");
    }
}
