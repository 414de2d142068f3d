//! A progress bar on stderr for fact sets large enough to take more than a second (by their size
//! on disk), silent when stderr is not a terminal (pipes, CI, tests).

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostics::Lang;

/// Fact sets from this many bytes on (or `GUIZE_PROGRESS_BYTES`) show a bar: about a second to
/// load and evaluate with a release build (measured: the demo scaled 100 times, 2.1 MB of CSV or
/// a 1.1 MB workbook, takes 0.9–1.1 s; README).
const THRESHOLD: u64 = 2 << 20;

/// The stages shown.
const STAGES: u64 = 3;

/// A progress bar, or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    lang: Lang,
    /// With `GUIZE_TIMING` set: when each stage began (printed to stderr at the end, for
    /// profiling; see BENCHMARKS.md).
    timing: Option<std::cell::RefCell<Vec<(&'static str, std::time::Instant)>>>,
}

impl Progress {
    /// A bar for the fact set at `facts`, if it is large and stderr is a terminal.
    pub fn start(facts: &Path, lang: Lang) -> Progress {
        let threshold = std::env::var("GUIZE_PROGRESS_BYTES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(THRESHOLD);
        let show = std::io::stderr().is_terminal() && size(facts) >= threshold;
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(STAGES), ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        let timing = std::env::var_os("GUIZE_TIMING")
            .map(|_| std::cell::RefCell::new(vec![("start", std::time::Instant::now())]));
        Progress { bar, lang, timing }
    }

    /// Moves to the next stage, named in both languages.
    pub fn stage(&self, zh: &str, en: &'static str) {
        if let Some(t) = &self.timing {
            t.borrow_mut().push((en, std::time::Instant::now()));
        }
        if let Some(b) = &self.bar {
            if b.message().is_empty() {
                b.set_position(0);
            } else {
                b.inc(1);
            }
            b.set_message(match self.lang {
                Lang::Zh => zh.to_string(),
                Lang::En => en.to_string(),
            });
        }
    }

    /// Removes the bar (before the report is written to stdout); timing goes on.
    pub fn clear(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    /// Runs `f` (which prints) with the bar hidden.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(t) = &self.timing {
            let t = t.borrow();
            let end = std::time::Instant::now();
            for (i, (name, at)) in t.iter().enumerate() {
                let next = t.get(i + 1).map_or(end, |x| x.1);
                // A profiling aid (GUIZE_TIMING): a failed write is of no consequence.
                let line = format!("timing: {name:<20} {:>8.3} s\n", (next - *at).as_secs_f64());
                let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
            }
        }
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Bytes of a fact file, or of the files of a fact directory.
fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| {
                d.filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        // A workbook is compressed: about half the size of the same facts as CSV.
        let xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            len.saturating_mul(2)
        } else {
            len
        }
    }
}
