//! Quotes checked against their source: every `原文 「…」` of a ruleset must occur in the
//! document its `出处` names, after normalising the noise of the seeds ([`normalize`]).
//!
//! INVARIANT: no IO. The CLI reads each `出处` file and passes its text in ([`Document`]); a
//! quote that is not found is `E0260` at the quote, with the closest passage of the document
//! as a hint; a section marker or a key that is not found is `E0261` at the `出处` line.

pub mod coverage;
pub mod items;
pub mod normalize;

use std::collections::HashMap;

use crate::ast;
use crate::diagnostics::Diag;
use crate::span::Span;
use crate::text::fold;
use normalize::{normalize, Normalized};

/// One cited document of a ruleset, with its text (the part between its markers).
#[derive(Clone, Debug)]
pub struct Document {
    /// The folded key (`000`, `篇8`).
    pub key: String,
    /// The path as written, for messages.
    pub path: String,
    /// The original text of the cited part.
    pub text: String,
    /// The line (1-based) of the document the cited part starts on.
    pub first_line: usize,
    /// The normalised text.
    pub norm: Normalized,
    /// Where each pair of normalised characters occurs, for [`closest`].
    pub pairs: Pairs,
    /// `分项「、」`: list items of `◆` paragraphs are separated by this (coverage).
    pub split: Option<String>,
    /// The `出处` line.
    pub span: Span,
}

impl Document {
    /// Builds a document from a `出处` declaration and the whole file's text, cutting it to the
    /// part between `自「…」` and `至「…」`. A marker that is not found is an error.
    pub fn new(decl: &ast::SourceDecl, whole: &str) -> Result<Document, Diag> {
        let mut start = 0;
        let mut end = whole.len();
        let mut after = 0;
        if let Some(from) = &decl.from {
            (start, after) =
                find_marker(whole, &from.text, 0).ok_or_else(|| no_marker(decl, from))?;
        }
        if let Some(to) = &decl.to {
            end = find_marker(whole, &to.text, after)
                .ok_or_else(|| no_marker(decl, to))?
                .0;
        }
        let text = whole.get(start..end).unwrap_or_default().to_string();
        let first_line = whole[..start].matches('\n').count() + 1;
        let norm = normalize(&text);
        Ok(Document {
            key: decl.key.key.clone(),
            path: decl.path.clone(),
            pairs: pairs(&norm.chars),
            norm,
            text,
            first_line,
            split: decl.split.as_ref().map(|q| q.text.clone()),
            span: decl.span,
        })
    }

    /// The 1-based line of a byte offset of the cited part.
    fn line_of(&self, at: usize) -> usize {
        self.first_line + self.text[..at.min(self.text.len())].matches('\n').count()
    }
}

/// The byte range in `whole` (searching from `after` on) of the first occurrence of the
/// normalised `marker`.
fn find_marker(whole: &str, marker: &str, after: usize) -> Option<(usize, usize)> {
    let rest = whole.get(after..)?;
    let n = normalize(rest);
    let m = normalize(marker);
    let at = find_chars(&n.chars, &m.chars)?;
    let (a, b) = n.original_range(at, at + m.chars.len())?;
    Some((after + a, after + b))
}

/// The first index of `needle` in `hay`, or `None` (an empty needle is never found). Linear
/// time (the standard library's two-way search over the texts), whatever the input.
pub fn find_chars(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let h: String = hay.iter().collect();
    let n: String = needle.iter().collect();
    let byte = h.find(&n)?;
    Some(h[..byte].chars().count())
}

/// Checks every quote of the files of one ruleset (one level of a chain) against `docs`, the
/// documents its `出处` lines name (already loaded; those that could not be read are left
/// out and were reported by the CLI). A ruleset without `出处` is not checked.
pub fn check_quotes(files: &[ast::File], docs: &[Document]) -> Vec<Diag> {
    let mut diags = Vec::new();
    let decls: Vec<&ast::SourceDecl> = files.iter().flat_map(|f| &f.sources).collect();
    let Some(default) = decls.first() else {
        return diags;
    };
    for (i, d) in decls.iter().enumerate() {
        if let Some(first) = decls[..i].iter().find(|x| x.key.key == d.key.key) {
            diags.push(crate::resolve::dup(
                "出处",
                &d.key.text,
                d.key.span,
                first.key.span,
            ));
        }
    }
    for q in quotes(files) {
        let key = q.doc.as_ref().map_or(&default.key.key, |k| &k.key);
        let Some(doc) = docs.iter().find(|d| &d.key == key) else {
            if let Some(k) = q
                .doc
                .as_ref()
                .filter(|_| !decls.iter().any(|d| &d.key.key == key))
            {
                diags.push(unknown_key(k, &decls));
            }
            continue;
        };
        let n = normalize(&q.text);
        if find_chars(&doc.norm.chars, &n.chars).is_none() {
            diags.push(not_found(q, &n, doc));
        }
    }
    diags
}

/// Every quote of the files: each clause's and each rule's 原文, in file order.
pub fn quotes(files: &[ast::File]) -> Vec<&ast::Quoted> {
    let mut out = Vec::new();
    for f in files {
        for c in &f.clauses {
            out.extend(c.text.as_ref());
            out.extend(c.rules.iter().filter_map(|r| r.text.as_ref()));
        }
    }
    out
}

/// Where each pair of adjacent characters occurs in a text.
pub type Pairs = HashMap<(char, char), Vec<usize>>;

/// The index of every pair of adjacent characters of `doc`.
pub fn pairs(doc: &[char]) -> Pairs {
    let mut at = Pairs::new();
    for (i, w) in doc.windows(2).enumerate() {
        at.entry((w[0], w[1])).or_default().push(i);
    }
    at
}

/// The start (in normalised characters) of the passage of a document (given by its
/// [`pairs`]) that best matches `quote`: the alignment shared by the most character pairs of
/// the quote; ties go to the earliest passage.
pub fn closest(at: &Pairs, quote: &[char]) -> Option<usize> {
    if quote.len() < 2 {
        return None;
    }
    // Bounded work whatever the input: at most 400 pairs of the quote, and pairs that occur more
    // than 2,000 times in the document (noise, runs) do not vote.
    let mut votes: HashMap<isize, usize> = HashMap::new();
    for (j, w) in quote.windows(2).enumerate().take(400) {
        let found = at.get(&(w[0], w[1])).filter(|v| v.len() <= 2000);
        for &i in found.into_iter().flatten() {
            *votes.entry(i as isize - j as isize).or_default() += 1;
        }
    }
    let best = votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    Some(best.0.max(0) as usize)
}

fn not_found(q: &ast::Quoted, n: &Normalized, doc: &Document) -> Diag {
    let mut d = Diag::error(
        "E0260",
        format!("原文在出处 `{}` 中找不到", doc.path),
        format!("quote not found in its source `{}`", doc.path),
    )
    .at(
        q.span,
        "这段原文与出处文件不符",
        "this quote does not occur in the cited document",
    );
    match closest(&doc.pairs, &n.chars) {
        Some(start) => {
            let end = (start + n.chars.len()).min(doc.norm.chars.len());
            let diff = (0..n.chars.len())
                .find(|&k| doc.norm.chars.get(start + k) != Some(&n.chars[k]))
                .unwrap_or(0);
            let (a, b) = doc.norm.original_range(start, end).unwrap_or((0, 0));
            let passage = shown(&doc.text[a..b]);
            let line = doc.line_of(a);
            let got = n.chars.get(diff).copied().unwrap_or(' ');
            let want = doc.norm.chars.get(start + diff).copied().unwrap_or(' ');
            d = d.help(
                format!("最接近的一段（{} 第{line}行）：「{passage}」；第{}字处原文为「{want}」，引文为「{got}」", doc.path, diff + 1),
                format!("closest passage ({} line {line}): 「{passage}」; at character {} the source has 「{want}」, the quote 「{got}」", doc.path, diff + 1),
            );
        }
        None => {
            d = d.help(
                "逐字引用出处中的原文（标点、繁简、全半角不计）",
                "quote the cited document word for word (punctuation runs, script and width aside)",
            )
        }
    }
    d
}

/// A passage as shown in a hint: whitespace runs as one space, repeated punctuation once.
fn shown(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if out.ends_with(c) && !c.is_alphanumeric() {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

fn unknown_key(k: &ast::Ident, decls: &[&ast::SourceDecl]) -> Diag {
    let keys: Vec<&str> = decls.iter().map(|d| d.key.text.as_str()).collect();
    Diag::error(
        "E0261",
        format!("没有名为 `{}` 的出处", k.text),
        format!("no 出处 named `{}`", k.text),
    )
    .at(
        k.span,
        "未在规则集头部声明",
        "not declared in the ruleset header",
    )
    .maybe_help(crate::diagnostics::did_you_mean(&fold(&k.text), keys))
}

fn no_marker(decl: &ast::SourceDecl, m: &ast::Quoted) -> Diag {
    Diag::error(
        "E0261",
        format!("出处 `{}` 中找不到「{}」", decl.path, m.text),
        format!("「{}」 not found in the source `{}`", m.text, decl.path),
    )
    .at(m.span, "文件中没有这段文字", "the file has no such text")
    .help(
        "自「…」 至「…」 写出处文件中确实出现的文字，用来截取所引的部分",
        "自「…」 and 至「…」 name texts that occur in the file, to cut the cited part",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitive_input_is_searched_in_bounded_work() {
        let doc: Vec<char> = std::iter::repeat_n('甲', 200_000).chain(['乙']).collect();
        let quote: Vec<char> = std::iter::repeat_n('甲', 5_000).chain(['丙']).collect();
        assert_eq!(find_chars(&doc, &quote), None);
        assert_eq!(find_chars(&doc, &quote[..5_000]), Some(0));
        assert_eq!(find_chars(&doc, &['甲', '乙']), Some(199_999));
        // The pair 甲甲 occurs too often to vote: no passage is proposed.
        assert_eq!(closest(&pairs(&doc), &quote), None);
    }

    #[test]
    fn markers_cut_the_document_whatever_its_noise() {
        let span = crate::span::Span::new(crate::span::FileId::default(), 0, 0);
        let q = |t: &str| ast::Quoted {
            text: t.into(),
            doc: None,
            span,
        };
        let decl = ast::SourceDecl {
            key: ast::Ident {
                text: "甲".into(),
                key: "甲".into(),
                span,
            },
            path: "x".into(),
            from: Some(q("篇二，，")),
            to: Some(q("篇三")),
            split: None,
            span,
        };
        let whole = "篇一\n正文一\n篇二,,,,,,\n正文二\n篇三\n正文三";
        let d = Document::new(&decl, whole).unwrap();
        assert_eq!(d.text, "篇二,,,,,,\n正文二\n");
        assert_eq!(d.first_line, 3);
        let bad = ast::SourceDecl {
            to: Some(q("篇九")),
            ..decl
        };
        assert_eq!(Document::new(&bad, whole).unwrap_err().code, "E0261");
    }

    #[test]
    fn the_closest_passage_is_the_best_aligned_one() {
        let doc: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯".chars().collect();
        let quote: Vec<char> = "己庚辛X癸子".chars().collect();
        assert_eq!(closest(&pairs(&doc), &quote), Some(5));
    }
}
