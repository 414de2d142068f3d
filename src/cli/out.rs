//! Every write to stdout and stderr goes through [`Output`]'s methods here, never `print!` or
//! `eprint!` (they panic when the stream cannot be written: `> /dev/full`, a full disk, a closed
//! pipe). A failed write is remembered and the stream is not written again; when the subcommand
//! returns, [`Output::finish`] reports E0024 on stderr (if stderr still takes it) and turns the
//! exit code into 1. A new subcommand uses `out.println`, `out.eprintln`, `out.stdout_bytes` and
//! `out.diags`, and needs nothing else.

use std::cell::RefCell;
use std::fmt::Display;
use std::io::Write;

use super::{Exit, Output};
use crate::diagnostics::{render, Diag, Lang, Style};
use crate::span::SourceMap;

/// Which standard stream failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// The first failed write of a run, if any.
#[derive(Debug, Default)]
pub struct Failures(RefCell<Vec<(Stream, std::io::ErrorKind, String)>>);

impl Failures {
    fn failed(&self, s: Stream) -> bool {
        self.0.borrow().iter().any(|(x, _, _)| *x == s)
    }
}

/// Writes `bytes` to `stream` and flushes it.
fn write(stream: Stream, bytes: &[u8]) -> std::io::Result<()> {
    match stream {
        Stream::Stdout => {
            let mut w = std::io::stdout().lock();
            w.write_all(bytes).and_then(|()| w.flush())
        }
        Stream::Stderr => {
            let mut w = std::io::stderr().lock();
            w.write_all(bytes).and_then(|()| w.flush())
        }
    }
}

impl Output {
    /// An output in `lang` with diagnostics drawn in `style`.
    pub fn new(lang: Lang, style: Style) -> Output {
        Output {
            lang,
            style,
            limits: crate::diagnostics::summary::Limits::default(),
            all_diags: super::quiet::Collector::off(),
            failures: Failures::default(),
        }
    }

    fn put(&self, stream: Stream, bytes: &[u8]) -> bool {
        if self.failures.failed(stream) {
            return false;
        }
        match write(stream, bytes) {
            Ok(()) => true,
            Err(e) => {
                self.failures
                    .0
                    .borrow_mut()
                    .push((stream, e.kind(), e.to_string()));
                false
            }
        }
    }

    /// Writes `text` to stdout (a failure is remembered, see [`Output::finish`]).
    pub fn print(&self, text: impl Display) {
        self.put(Stream::Stdout, text.to_string().as_bytes());
    }

    /// Writes `text` and a newline to stdout.
    pub fn println(&self, text: impl Display) {
        self.put(Stream::Stdout, format!("{text}\n").as_bytes());
    }

    /// Writes bytes (a report) to stdout.
    pub fn stdout_bytes(&self, bytes: &[u8]) {
        self.put(Stream::Stdout, bytes);
    }

    /// Writes `text` to stderr.
    pub fn eprint(&self, text: impl Display) {
        self.put(Stream::Stderr, text.to_string().as_bytes());
    }

    /// Writes `text` and a newline to stderr.
    pub fn eprintln(&self, text: impl Display) {
        self.put(Stream::Stderr, format!("{text}\n").as_bytes());
    }

    /// Prints diagnostics on stderr: for each code the first few in full, then a line per code
    /// with the count of the rest (`--max-diagnostics`); errors only with `--quiet`. Every
    /// diagnostic also goes to the `--diagnostics` file, if one was asked for.
    pub fn diags(&self, diags: &[Diag], sources: &SourceMap) {
        use crate::diagnostics::summary;
        self.all_diags.add(diags, sources, self.lang);
        let (shown, left) = summary::select(diags, self.limits);
        if !shown.is_empty() {
            self.put(
                Stream::Stderr,
                render(&shown, sources, self.lang, self.style).as_bytes(),
            );
        }
        let rest = summary::left_out_lines(&left, self.lang, self.all_diags.is_on());
        if !rest.is_empty() {
            self.put(Stream::Stderr, rest.as_bytes());
        }
    }

    /// Whether some write failed.
    pub fn write_failed(&self) -> bool {
        !self.failures.0.borrow().is_empty()
    }

    /// The exit code after the subcommand returned `exit`: 1 if a write failed (reported as
    /// E0024 on stderr, when stderr can still be written), else `exit`.
    pub fn finish(&self, exit: Exit) -> Exit {
        let failures = self.failures.0.borrow().clone();
        let Some((stream, kind, err)) = failures.first() else {
            return exit;
        };
        if !self.failures.failed(Stream::Stderr) {
            let d = write_error(*stream, *kind, err);
            // Whatever happens to this last write, the exit code says it.
            let _ = write(
                Stream::Stderr,
                render(&[d], &SourceMap::new(), self.lang, self.style).as_bytes(),
            );
        }
        match exit {
            Exit::Usage => Exit::Usage,
            _ => Exit::InputErrors,
        }
    }
}

/// E0024: a standard stream could not be written.
pub fn write_error(stream: Stream, kind: std::io::ErrorKind, err: &str) -> Diag {
    use std::io::ErrorKind as K;
    let (zh, en) = match stream {
        Stream::Stdout => ("标准输出", "standard output"),
        Stream::Stderr => ("标准错误", "standard error"),
    };
    let why = match kind {
        K::StorageFull => "设备上没有空间".to_string(),
        K::BrokenPipe => "管道的另一端已关闭".to_string(),
        K::PermissionDenied => "没有写入权限".to_string(),
        _ => err.to_string(),
    };
    Diag::error(
        "E0024",
        format!("无法写入{zh}：{why}（{err}）"),
        format!("cannot write to {en}: {err}"),
    )
    .help(
        "输出未写完：检查磁盘空间，或管道的另一端是否提前关闭",
        "the output is incomplete: check the disk space, or whether the other end of the pipe closed early",
    )
}
