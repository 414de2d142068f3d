//! Between guize's byte offsets and diagnostics and the protocol's positions (lines and UTF-16
//! code units, as LSP counts by default) and diagnostics.

use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Uri,
};

use super::analysis::{path_uri, Analysis};
use crate::diagnostics::{Diag, Lang, Severity};
use crate::span::{SourceMap, Span};

/// The position of byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> Position {
    let at = floor_char(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

/// The byte offset of a position (clamped to its line and to the text).
pub fn offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The range of a byte range of `text`.
pub fn range(text: &str, r: Range<usize>) -> lsp_types::Range {
    lsp_types::Range::new(position(text, r.start), position(text, r.end))
}

/// Where a span is, as a location in its file.
pub fn location(sources: &SourceMap, span: Span) -> Option<Location> {
    let f = sources.get(span.file);
    let uri = Uri::from_str(&path_uri(Path::new(&f.name))).ok()?;
    Some(Location::new(
        uri,
        range(&f.text, span.start as usize..span.end as usize),
    ))
}

/// A guize diagnostic as the protocol's: code, severity, the message with its label and help.
pub fn diagnostic(d: &Diag, a: &Analysis, lang: Lang) -> lsp_types::Diagnostic {
    let text = a.text();
    let r = match d.span {
        Some(s) => range(text, s.start as usize..s.end as usize),
        None => lsp_types::Range::default(),
    };
    let mut message = d.message.get(lang).to_string();
    if let Some(label) = &d.label {
        message.push_str(match lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        });
        message.push_str(label.get(lang));
    }
    if let Some(help) = &d.help {
        message.push_str(match lang {
            Lang::Zh => "\n提示：",
            Lang::En => "\nhelp: ",
        });
        message.push_str(help.get(lang));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|(span, t)| {
            Some(DiagnosticRelatedInformation {
                location: location(&a.sources, *span)?,
                message: t.get(lang).to_string(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: r,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Advice => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("guize".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}
