//! Source locations: every AST node, IR item, fact row and diagnostic carries a [`Span`].
//!
//! Spans are byte ranges into a file of the [`SourceMap`]; lines and columns are computed
//! only when a location is shown, and columns are counted in characters (not bytes).

use std::fmt;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `[start, end)` in one source file.
///
/// Locations never affect equality of the nodes that carry them: types holding a span
/// compare their content only (see `ast` and `ir`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span of `file` from byte `start` to byte `end`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span is empty.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}-{}", self.file.0, self.start, self.end)
    }
}

/// The text of a source file: owned, or a UTF-8 file mapped into memory (a large fact file,
/// whose pages the reader gives back once read: see [`SourceFile::release`]).
#[derive(Clone)]
pub enum SourceText {
    /// Read and decoded.
    Owned(String),
    /// Mapped; the text is `map[start..]` (after a BOM), checked to be UTF-8 when mapped.
    Mapped {
        /// The mapping.
        map: std::sync::Arc<memmap2::Mmap>,
        /// Where the text starts.
        start: usize,
    },
}

impl std::ops::Deref for SourceText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            SourceText::Owned(s) => s,
            // SAFETY: checked to be UTF-8 when the mapping was made (`SourceMap::add_mapped`),
            // and the mapping is read-only.
            SourceText::Mapped { map, start } => unsafe {
                std::str::from_utf8_unchecked(&map[*start..])
            },
        }
    }
}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SourceText({} bytes)", self.len())
    }
}

impl From<String> for SourceText {
    fn from(s: String) -> SourceText {
        SourceText::Owned(s)
    }
}

impl From<&str> for SourceText {
    fn from(s: &str) -> SourceText {
        SourceText::Owned(s.to_string())
    }
}

/// Gives the whole pages inside `range` of a read-only mapping back to the system (they are read
/// from the file again if touched).
pub fn release_pages(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    const PAGE: usize = 4096;
    let from = range.start.div_ceil(PAGE) * PAGE;
    let to = (range.end / PAGE * PAGE).min(map.len());
    if to > from {
        // SAFETY: the mapping is private and read-only: dropped pages are read back from the
        // file when touched again, so no reference sees different bytes.
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
        };
    }
}

/// One loaded source file (a rule file or a fact file).
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path as the user gave it).
    pub name: String,
    /// The text, as read (decoded to UTF-8).
    pub text: SourceText,
    /// Line starts found so far: a location is computed by scanning only as far as it lies, so
    /// a large fact file with a few diagnostics near its start is never scanned whole.
    lines: std::sync::Mutex<LineIndex>,
}

/// The line starts of a prefix of a text.
#[derive(Debug, Clone, Default)]
struct LineIndex {
    /// Byte offsets of line starts in `text[..scanned]` (the first is 0).
    starts: Vec<usize>,
    /// How far the text has been scanned.
    scanned: usize,
}

impl Clone for SourceFile {
    fn clone(&self) -> SourceFile {
        let lines = self.lines.lock().map(|l| l.clone()).unwrap_or_default();
        SourceFile {
            name: self.name.clone(),
            text: self.text.clone(),
            lines: std::sync::Mutex::new(lines),
        }
    }
}

impl SourceFile {
    fn new(name: String, text: SourceText) -> SourceFile {
        SourceFile {
            name,
            text,
            lines: std::sync::Mutex::new(LineIndex {
                starts: vec![0],
                scanned: 0,
            }),
        }
    }

    /// Runs `f` on the line index scanned until `done` says it has enough (or the text ends),
    /// a piece at a time, giving a mapped file's pages back as it goes.
    fn with_lines<R>(
        &self,
        done: impl Fn(&LineIndex) -> bool,
        f: impl FnOnce(&LineIndex) -> R,
    ) -> R {
        const PIECE: usize = 1 << 20;
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let text = self.text.as_bytes();
        while lines.scanned < text.len() && !done(&lines) {
            let at = lines.scanned;
            let end = (at + PIECE).min(text.len());
            lines
                .starts
                .extend(memchr::memchr_iter(b'\n', &text[at..end]).map(|i| at + i + 1));
            lines.scanned = end;
            self.release(at..end);
        }
        f(&lines)
    }

    /// Tells the system that the bytes `range` of the text are not needed for now: the pages of
    /// a mapped file leave this process's memory (they stay in the page cache and come back if
    /// read again). Nothing for an owned text.
    pub fn release(&self, range: std::ops::Range<usize>) {
        if let SourceText::Mapped { map, start } = &self.text {
            release_pages(map, start + range.start..start + range.end);
        }
    }

    /// 1-based line and 1-based column in characters of byte offset `at`.
    pub fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let (line, start) = self.with_lines(
            |l| l.scanned > at,
            |l| {
                let line = l.starts.partition_point(|&s| s <= at) - 1;
                (line, l.starts[line])
            },
        );
        let col = self
            .text
            .get(start..at)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }

    /// Byte offset of the start of 1-based `line`.
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1);
        self.with_lines(
            |l| l.starts.len() > i,
            |l| l.starts.get(i).copied().unwrap_or(self.text.len()),
        )
    }
}

/// All source files of one run.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files
            .push(SourceFile::new(name.into(), SourceText::Owned(text.into())));
        FileId(self.files.len() as u32 - 1)
    }

    /// Adds a mapped file whose bytes from `start` on were checked to be UTF-8 (see
    /// [`SourceText::Mapped`]) and returns its id.
    pub fn add_mapped(
        &mut self,
        name: impl Into<String>,
        map: std::sync::Arc<memmap2::Mmap>,
        start: usize,
    ) -> FileId {
        debug_assert!(std::str::from_utf8(&map[start..]).is_ok());
        self.files.push(SourceFile::new(
            name.into(),
            SourceText::Mapped { map, start },
        ));
        FileId(self.files.len() as u32 - 1)
    }

    /// The file behind `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files with their ids.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The text under `span`.
    pub fn text(&self, span: Span) -> &str {
        let f = self.get(span.file);
        f.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// `file:line:column` of the start of `span` (column in characters).
    pub fn location(&self, span: Span) -> String {
        let f = self.get(span.file);
        let (l, c) = f.line_col(span.start as usize);
        format!("{}:{}:{}", f.name, l, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let mut sm = SourceMap::new();
        let f = sm.add("a", "规则集 甲\n  应当 每年\n");
        let file = sm.get(f);
        assert_eq!(file.line_col(0), (1, 1));
        let at = "规则集 甲\n  应当".len();
        assert_eq!(file.line_col(at), (2, 5));
        assert_eq!(sm.location(Span::new(f, at, at + 1)), "a:2:5");
    }
}
