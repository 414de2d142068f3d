//! Fitting the text table to a terminal: line breaking by display width (a Chinese character is
//! two columns) at the places Chinese and mixed text may break, and column widths shrunk until a
//! row fits.
//!
//! INVARIANT: a line never breaks inside a run of letters, digits or Chinese characters when a
//! break opportunity (space, `、，；：·~）` …) exists in the line's room, so a status such as
//! `已履行` or a name such as `朱永刚` stays whole; only a run longer than the whole column is cut.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether a line may break after `c`.
fn break_after(c: char) -> bool {
    matches!(
        c,
        ' ' | '、'
            | '，'
            | '；'
            | '：'
            | '·'
            | '~'
            | '）'
            | ')'
            | '。'
            | ','
            | ';'
            | '」'
            | '】'
            | '→'
    )
}

/// Whether a line may break before `c`.
fn break_before(c: char) -> bool {
    matches!(c, '（' | '(' | '「' | '【' | '⌈')
}

/// The text cut into pieces that may not be split further (each ends at a break opportunity).
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(p) = prev {
            if (break_after(p) || break_before(c)) && i > start {
                out.push(&s[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s` broken into lines of at most `width` display columns (at least one line).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    if s.width() <= width {
        return vec![s.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for piece in pieces(s) {
        if line.width() + piece.width() > width && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line = String::new();
        }
        let piece = if line.is_empty() {
            piece.trim_start()
        } else {
            piece
        };
        if piece.width() <= width - line.width() {
            line.push_str(piece);
            continue;
        }
        // A piece longer than the column: cut it by characters.
        for c in piece.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Column widths for rows whose natural widths are `natural`, shrunk to fit `total` columns
/// (`indent` before the first column, `gap` between columns): the widest column above its
/// minimum (`min`, per column) first; if the minimums are still too wide, any column, down to 4.
pub fn fit(
    natural: &[usize],
    total: usize,
    indent: usize,
    gap: usize,
    min: &[usize],
) -> Vec<usize> {
    let mut w = natural.to_vec();
    let room = |w: &[usize]| indent + w.iter().sum::<usize>() + gap * w.len().saturating_sub(1);
    for floor in [None, Some(4)] {
        while room(&w) > total {
            let widest = (0..w.len())
                .filter(|&c| w[c] > floor.unwrap_or_else(|| min.get(c).copied().unwrap_or(4)))
                .max_by_key(|&c| (w[c], std::cmp::Reverse(c)));
            match widest {
                Some(c) => w[c] -= 1,
                None => break,
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_punctuation_never_inside_a_word() {
        let s = "⌈10% × 37⌉ = 4 未覆盖：P010、P013、P014 已说明理由：E0001 已履行";
        for width in 8..40 {
            let lines = wrap(s, width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:?}"
            );
            assert_eq!(
                lines.concat().replace(' ', ""),
                s.replace(' ', ""),
                "{width}"
            );
            assert!(
                lines.iter().any(|l| l.contains("已履行")),
                "{width}: {lines:?}"
            );
        }
        assert_eq!(
            wrap("朱永刚(P013)·乙镇党委", 14),
            ["朱永刚(P013)·", "乙镇党委"]
        );
        assert_eq!(
            wrap("2021-01-01~2021-12-31", 12),
            ["2021-01-01~", "2021-12-31"]
        );
    }

    #[test]
    fn widths_shrink_the_widest_free_column_first() {
        assert_eq!(fit(&[10, 30, 8], 40, 2, 2, &[6, 6, 8]), [10, 16, 8]);
        assert_eq!(fit(&[10, 30, 8], 100, 2, 2, &[6, 6, 8]), [10, 30, 8]);
        // Below the minimums every column gives way, so the row still fits.
        assert_eq!(fit(&[10, 30, 8], 20, 2, 2, &[6, 6, 8]), [4, 5, 5]);
    }
}
