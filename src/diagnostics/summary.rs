//! Diagnostics at volume: a fact set with 100,000 duplicate rows must not print 100,000
//! renderings. For each code the first `max_per_code` (in file order) are shown in full, then one
//! line per code says how many more there are; `--quiet` keeps errors only; the complete list can
//! be written as JSON lines (`--diagnostics FILE`), one object per diagnostic.

use std::collections::BTreeMap;

use serde_json::json;

use super::{sorted, Diag, Lang, Severity};
use crate::span::SourceMap;

/// How many diagnostics of one code are shown in full by default.
pub const DEFAULT_MAX_PER_CODE: usize = 10;

/// What to show.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Diagnostics of one code shown in full.
    pub max_per_code: usize,
    /// Errors only (warnings and advice are counted in the JSON lines, not shown).
    pub quiet: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_per_code: DEFAULT_MAX_PER_CODE,
            quiet: false,
        }
    }
}

/// The diagnostics to render in full, in file order, and per code (in code order) how many
/// were left out of how many.
pub fn select(diags: &[Diag], limits: Limits) -> (Vec<Diag>, Vec<(&'static str, usize, usize)>) {
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut shown = Vec::new();
    for d in sorted(diags) {
        if limits.quiet && d.severity != Severity::Error {
            continue;
        }
        let n = seen.entry(d.code).or_insert(0);
        *n += 1;
        if *n <= limits.max_per_code {
            shown.push(d.clone());
        }
    }
    let left: Vec<(&'static str, usize, usize)> = seen
        .into_iter()
        .filter(|&(_, n)| n > limits.max_per_code)
        .map(|(c, n)| (c, n - limits.max_per_code, n))
        .collect();
    (shown, left)
}

/// One line per code with diagnostics left out.
pub fn left_out_lines(left: &[(&'static str, usize, usize)], lang: Lang, file: bool) -> String {
    let mut out = String::new();
    for &(code, more, total) in left {
        let what = super::codes::CODES
            .iter()
            .find(|c| c.code == code)
            .map(|c| match lang {
                Lang::Zh => c.zh,
                Lang::En => c.en,
            })
            .unwrap_or_default();
        out.push_str(&match (lang, file) {
            (Lang::Zh, true) => format!("{code} {what}：另有 {more} 条未显示（共 {total} 条，完整列表已写入 --diagnostics 文件）\n"),
            (Lang::Zh, false) => format!("{code} {what}：另有 {more} 条未显示（共 {total} 条；--max-diagnostics 调整显示条数，--diagnostics 文件 得到完整列表）\n"),
            (Lang::En, true) => format!("{code} {what}: {more} more not shown ({total} in all; the full list is in the --diagnostics file)\n"),
            (Lang::En, false) => format!("{code} {what}: {more} more not shown ({total} in all; --max-diagnostics N shows more, --diagnostics FILE writes them all)\n"),
        });
    }
    out
}

/// One diagnostic as a JSON object on one line: code, severity, message, file, line, column
/// (in characters), help.
pub fn json_line(d: &Diag, sources: &SourceMap, lang: Lang) -> String {
    let place = d.span.map(|s| {
        let f = sources.get(s.file);
        let (line, col) = f.line_col(s.start as usize);
        (f.name.clone(), line, col)
    });
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "advice",
    };
    json!({
        "code": d.code,
        "severity": severity,
        "message": d.message.get(lang),
        "file": place.as_ref().map(|p| p.0.clone()),
        "line": place.as_ref().map(|p| p.1),
        "column": place.as_ref().map(|p| p.2),
        "help": d.help.as_ref().map(|h| h.get(lang)),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warn(n: usize) -> Vec<Diag> {
        (0..n)
            .map(|i| Diag::warning("W0401", format!("重复 {i}"), format!("dup {i}")))
            .collect()
    }

    #[test]
    fn the_first_of_each_code_are_shown_and_the_rest_counted() {
        let mut diags = warn(25);
        diags.push(Diag::error("E0401", "错", "bad"));
        let (shown, left) = select(&diags, Limits::default());
        assert_eq!(shown.len(), 11);
        assert_eq!(left, vec![("W0401", 15, 25)]);
        let quiet = Limits {
            quiet: true,
            ..Limits::default()
        };
        let (shown, left) = select(&diags, quiet);
        assert_eq!(shown.len(), 1);
        assert!(left.is_empty());
        let lines = left_out_lines(&[("W0401", 15, 25)], Lang::Zh, false);
        assert!(lines.starts_with("W0401 重复事件：另有 15 条未显示（共 25 条"));
    }
}
