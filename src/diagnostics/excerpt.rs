//! The text handed to miette for one diagnostic: the lines around its labels, one excerpt line
//! per file line, each long line cut down to windows around the labels' ends.
//!
//! miette pads with `format!("{:width$}")`, which panics past 65,535 columns, and a
//! 70,000-character line is unreadable anyway: a line longer than [`LONG_LINE`] characters keeps
//! only [`CONTEXT`] characters either side of each label end, the rest shown as `…`. Lines far
//! from every label are left empty (they are never drawn, and copying them would make rendering
//! many diagnostics of a large file quadratic). The excerpt keeps the file's line numbering, and
//! [`Excerpt::column`] gives the true character column of an excerpt offset.

use std::ops::Range;

use crate::span::SourceFile;

/// A line longer than this (in characters) is shown in windows around the labels.
pub const LONG_LINE: usize = 400;
/// Characters kept on each side of a label end in a long line.
pub const CONTEXT: usize = 60;
/// At most this many windows per long line (each label has two ends).
const MAX_WINDOWS: usize = 32;
/// Lines kept before and after each label end (miette shows one of them).
const LINES_BEFORE: usize = 3;
const LINES_AFTER: usize = 3;
const ELLIPSIS: &str = "…";

/// One kept piece of a line: file bytes `file`, written at `text` in the excerpt, starting at
/// character column `col` (0-based) of its line.
#[derive(Debug, Clone)]
struct Piece {
    file: Range<usize>,
    text: usize,
    col: usize,
}

/// The excerpt of a file around a set of offsets.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// The excerpt, one line per file line from `first_line`.
    pub text: String,
    /// 0-based file line of the excerpt's first line.
    pub first_line: usize,
    pieces: Vec<Piece>,
}

impl Excerpt {
    /// The excerpt of `file` around the byte offsets `points` (label starts and ends), whose
    /// labels cover the byte ranges `spans`.
    pub fn new(file: &SourceFile, points: &[usize], spans: &[Range<usize>]) -> Excerpt {
        let len = file.text.len();
        let lines_total = file.line_col(len).0;
        let line_of = |at: usize| file.line_col(at.min(len)).0;
        let point_lines: Vec<usize> = points.iter().map(|&p| line_of(p)).collect();
        let span_lines: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| (line_of(s.start), line_of(s.end)))
            .collect();
        let lo = point_lines.iter().copied().min().unwrap_or(1);
        let hi = point_lines.iter().copied().max().unwrap_or(1);
        let first = lo.saturating_sub(LINES_BEFORE).max(1);
        let last = (hi + LINES_AFTER).min(lines_total);
        let mut ex = Excerpt {
            text: String::new(),
            first_line: first - 1,
            pieces: Vec::new(),
        };
        for line in first..=last {
            let near = point_lines
                .iter()
                .any(|&p| p + LINES_AFTER >= line && line + LINES_BEFORE >= p)
                || span_lines.iter().any(|&(a, b)| a <= line && line <= b);
            let start = file.line_start(line);
            let end = if line < lines_total {
                file.line_start(line + 1)
            } else {
                len
            };
            let content = file.text.get(start..end).unwrap_or("");
            let content = content.strip_suffix('\n').unwrap_or(content);
            let content = content.strip_suffix('\r').unwrap_or(content);
            if near {
                let here: Vec<usize> = points
                    .iter()
                    .filter(|&&p| p >= start && p <= start + content.len())
                    .map(|&p| p - start)
                    .collect();
                ex.push_line(start, content, &here);
            } else {
                ex.piece(start..start, "", 0);
            }
            if line < lines_total {
                ex.text.push('\n');
            }
        }
        ex
    }

    fn piece(&mut self, file: Range<usize>, text: &str, col: usize) {
        self.pieces.push(Piece {
            file,
            text: self.text.len(),
            col,
        });
        // An ASCII control character (a NUL …) is drawn as `?`: same bytes, same columns.
        self.text.extend(text.chars().map(visible));
    }

    /// One line: whole if short, else windows around `points` (byte offsets in the line).
    fn push_line(&mut self, start: usize, content: &str, points: &[usize]) {
        let chars: Vec<(usize, char)> = content.char_indices().collect();
        if chars.len() <= LONG_LINE {
            self.piece(start..start + content.len(), content, 0);
            return;
        }
        let byte = |c: usize| chars.get(c).map_or(content.len(), |&(b, _)| b);
        let char_of = |b: usize| chars.partition_point(|&(x, _)| x < b);
        let mut windows: Vec<(usize, usize)> = points
            .iter()
            .map(|&p| {
                let c = char_of(p);
                (c.saturating_sub(CONTEXT), (c + CONTEXT).min(chars.len()))
            })
            .collect();
        if windows.is_empty() {
            windows.push((0, CONTEXT));
        }
        windows.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in windows {
            let full = merged.len() == MAX_WINDOWS;
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ if full => break,
                _ => merged.push((a, b)),
            }
        }
        let mut shown = 0;
        for (a, b) in merged {
            if a > shown {
                self.text.push_str(ELLIPSIS);
            }
            let (ba, bb) = (byte(a), byte(b));
            self.piece(start + ba..start + bb, &content[ba..bb], a);
            shown = b;
        }
        if shown < chars.len() {
            self.text.push_str(ELLIPSIS);
        }
    }

    /// The excerpt offset of file offset `at` (an offset cut away maps to the end of the piece
    /// before it).
    pub fn offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.file.start <= at);
        let Some(p) = i.checked_sub(1).and_then(|i| self.pieces.get(i)) else {
            return 0;
        };
        p.text + at.min(p.file.end) - p.file.start
    }

    /// The 0-based character column in the file of excerpt offset `at`.
    pub fn column(&self, at: usize) -> usize {
        let line_start = self
            .text
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let i = self.pieces.partition_point(|p| p.text <= at);
        let (col, from) = match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) if p.text >= line_start => (p.col, p.text),
            _ => (0, line_start),
        };
        col + self.text.get(from..at).map_or(0, |s| s.chars().count())
    }
}

/// `c`, or `?` for an ASCII control character other than a tab.
pub fn visible(c: char) -> char {
    if c.is_ascii_control() && c != '\t' {
        '?'
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::SourceMap;

    fn file(text: &str) -> SourceMap {
        let mut sm = SourceMap::new();
        sm.add("f", text);
        sm
    }

    #[test]
    fn a_short_file_is_kept_whole() {
        let sm = file("甲\n乙丙\n丁\n");
        let f = sm.get(crate::span::FileId(0));
        let at = "甲\n乙".len();
        let ex = Excerpt::new(f, &[at], &[at..at]);
        assert_eq!(ex.text, "甲\n乙丙\n丁\n");
        assert_eq!(ex.first_line, 0);
        assert_eq!(ex.offset(at), at);
        assert_eq!(ex.column(at), 1);
    }

    #[test]
    fn a_long_line_keeps_windows_and_true_columns() {
        let text = format!("{}错{}\n", " ".repeat(70_000), "字".repeat(70_000));
        let sm = file(&text);
        let f = sm.get(crate::span::FileId(0));
        let at = 70_000;
        let ex = Excerpt::new(f, &[at, at + 3], &[at..at + 3]);
        assert!(
            ex.text.chars().count() < 2 * CONTEXT + 10,
            "{}",
            ex.text.len()
        );
        assert!(ex.text.starts_with('…') && ex.text.trim_end().ends_with('…'));
        let o = ex.offset(at);
        assert_eq!(&ex.text[o..o + 3], "错");
        assert_eq!(ex.column(o), 70_000);
    }

    #[test]
    fn lines_far_from_the_labels_are_empty() {
        let text: String = (0..100).map(|i| format!("第{i}行\n")).collect();
        let sm = file(&text);
        let f = sm.get(crate::span::FileId(0));
        let a = f.line_start(10);
        let b = f.line_start(90);
        let ex = Excerpt::new(f, &[a, b], &[a..a, b..b]);
        assert_eq!(ex.first_line, 6);
        let lines: Vec<&str> = ex.text.lines().collect();
        assert_eq!(lines[10 - 7], "第9行");
        assert_eq!(lines[50 - 7], "");
        assert_eq!(lines[90 - 7], "第89行");
        assert_eq!(
            &ex.text[ex.offset(b)..ex.offset(b) + "第89行".len()],
            "第89行"
        );
    }
}
