//! Diagnostics: one [`Diag`] type for every stage, rendered with miette in Chinese or English.
//!
//! Stages build `Diag`s with both languages filled in ([`Text`]); only rendering picks one,
//! so the core never needs to know the user's language. Every code is listed in [`codes`].

pub mod codes;
mod excerpt;
pub mod summary;

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::span::{SourceMap, Span};
use excerpt::Excerpt;

/// The language of everything shown to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English (`--lang en`).
    En,
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A message from its Chinese and English forms.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The form for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks the run (exit code 1).
    Error,
    /// Shown, does not block.
    Warning,
    /// Information only.
    Advice,
}

/// One problem found in a rule file or a fact file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    /// Stable code from [`codes::CODES`] (`E0101` …).
    pub code: &'static str,
    /// Error, warning or advice.
    pub severity: Severity,
    /// The one-line message.
    pub message: Text,
    /// Where, if anywhere.
    pub span: Option<Span>,
    /// The label on the span.
    pub label: Option<Text>,
    /// What to do about it.
    pub help: Option<Text>,
    /// Further places that explain the problem (the earlier declaration …).
    pub related: Vec<(Span, Text)>,
}

impl Diag {
    fn new(
        code: &'static str,
        severity: Severity,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diag {
        Diag {
            code,
            severity,
            message: Text::new(zh, en),
            span: None,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// An error.
    pub fn error(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Diag {
        Diag::new(code, Severity::Error, zh, en)
    }

    /// A warning.
    pub fn warning(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Diag {
        Diag::new(code, Severity::Warning, zh, en)
    }

    /// Puts the primary label on `span`.
    pub fn at(mut self, span: Span, zh: impl Into<String>, en: impl Into<String>) -> Diag {
        self.span = Some(span);
        self.label = Some(Text::new(zh, en));
        self
    }

    /// Adds help.
    pub fn help(mut self, zh: impl Into<String>, en: impl Into<String>) -> Diag {
        self.help = Some(Text::new(zh, en));
        self
    }

    /// Adds help only when there is some.
    pub fn maybe_help(self, help: Option<Text>) -> Diag {
        match help {
            Some(h) => Diag {
                help: Some(h),
                ..self
            },
            None => self,
        }
    }

    /// Adds a secondary label.
    pub fn related(mut self, span: Span, zh: impl Into<String>, en: impl Into<String>) -> Diag {
        self.related.push((span, Text::new(zh, en)));
        self
    }

    /// Whether this diagnostic blocks the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "did you mean" help for a name, when a close candidate exists.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    let cands: Vec<&str> = candidates.into_iter().collect();
    if let Some(s) = crate::text::suggest(name, cands.iter().copied()) {
        return Some(Text::new(
            format!("您是否想写 `{s}`？"),
            format!("did you mean `{s}`?"),
        ));
    }
    if cands.is_empty() {
        return None;
    }
    let mut shown: Vec<&str> = cands.iter().take(12).copied().collect();
    shown.sort_unstable();
    let list = shown
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join("、");
    let more = if cands.len() > 12 { "……" } else { "" };
    Some(Text::new(
        format!("可用的有：{list}{more}"),
        format!("available: {}{more}", list.replace('、', ", ")),
    ))
}

/// How diagnostics are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Boxes and colours, for a terminal.
    Fancy,
    /// Boxes, no colour: stable text for snapshots and pipes.
    Plain,
}

/// Renders every diagnostic, sorted by file and position, as one text.
pub fn render(diags: &[Diag], sources: &SourceMap, lang: Lang, style: Style) -> String {
    let theme = match style {
        Style::Fancy => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in sorted(diags) {
        let shown = Shown::new(d, sources, lang);
        if handler.render_report(&mut out, &shown).is_err() {
            out.push_str(&format!("{}: {}\n", d.code, d.message.get(lang)));
        }
    }
    out
}

/// Diagnostics in a stable order: by file, position, then code.
pub fn sorted(diags: &[Diag]) -> Vec<&Diag> {
    let mut v: Vec<&Diag> = diags.iter().collect();
    v.sort_by_key(|d| (d.span.map(|s| (s.file, s.start, s.end)), d.code));
    v
}

/// A line of a message, label or help longer than this many characters is shown with its middle
/// cut (a name quoted from a 70,000-character line would otherwise fill a screen per diagnostic).
const TEXT_MAX: usize = 400;

/// `s` with ASCII control characters shown as `?` and each line longer than [`TEXT_MAX`]
/// characters cut in the middle (`…(+N)…`).
fn clip(s: &str) -> String {
    s.split('\n').map(clip_line).collect::<Vec<_>>().join("\n")
}

fn clip_line(s: &str) -> String {
    let n = s.chars().count();
    if n <= TEXT_MAX {
        return s.chars().map(excerpt::visible).collect();
    }
    let head: String = s
        .chars()
        .take(TEXT_MAX - 100)
        .map(excerpt::visible)
        .collect();
    let tail: String = s.chars().skip(n - 60).map(excerpt::visible).collect();
    format!("{head}…(+{})…{tail}", n - (TEXT_MAX - 100) - 60)
}

/// A [`Diag`] made ready for miette in one language.
struct Shown {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Option<CharColumns>,
}

impl Shown {
    fn new(d: &Diag, sources: &SourceMap, lang: Lang) -> Shown {
        let mut labels = Vec::new();
        let mut source = None;
        if let Some(span) = d.span {
            let file = sources.get(span.file);
            let related: Vec<&(Span, Text)> = d
                .related
                .iter()
                .filter(|(s, _)| s.file == span.file)
                .collect();
            // Only the lines around the labels are handed to miette, long lines cut to windows
            // around the labels (excerpt.rs): rendering stays linear in the number of
            // diagnostics, and no label lies past the 65,535 columns miette can pad to.
            let all: Vec<Span> = std::iter::once(span)
                .chain(related.iter().map(|(s, _)| *s))
                .collect();
            let points: Vec<usize> = all
                .iter()
                .flat_map(|s| [s.start as usize, s.end as usize])
                .collect();
            let ranges: Vec<std::ops::Range<usize>> = all
                .iter()
                .map(|s| s.start as usize..s.end as usize)
                .collect();
            let ex = Excerpt::new(file, &points, &ranges);
            let shift = |s: Span| {
                let a = ex.offset(s.start as usize);
                let b = ex.offset(s.end as usize).max(a);
                SourceSpan::new(a.into(), b - a)
            };
            let label = d.label.as_ref().map(|l| clip(l.get(lang)));
            labels.push(LabeledSpan::new_primary_with_span(label, shift(span)));
            for (s, t) in related {
                labels.push(LabeledSpan::new_with_span(
                    Some(clip(t.get(lang))),
                    shift(*s),
                ));
            }
            source = Some(CharColumns {
                name: file.name.clone(),
                excerpt: ex,
            });
        }
        Shown {
            code: d.code,
            severity: d.severity,
            message: clip(d.message.get(lang)),
            help: d.help.as_ref().map(|h| clip(h.get(lang))),
            labels,
            source,
        }
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// A named source whose columns are counted in characters (miette counts bytes), so the
/// `file:line:column` in a rendered diagnostic is what an editor shows for Chinese text.
struct CharColumns {
    name: String,
    /// The lines around the labels, long lines cut (their columns are still the file's).
    excerpt: Excerpt,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.excerpt.text.as_str().read_span(
            span,
            context_lines_before,
            context_lines_after,
        )?;
        let column = self.excerpt.column(inner.span().offset());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.excerpt.first_line,
            column,
            inner.line_count(),
        )))
    }
}
