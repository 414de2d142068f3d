//! The hostile-input corpus: every entry under `tests/hostile/<class>/<entry>/` is run through
//! the `guize` binary and its outcome (exit code, stdout, stderr) compared with an insta snapshot
//! (`tests/snapshots/hostile__<class>__<entry>.snap`). No entry may panic or hang.
//!
//! An entry is a directory:
//! - `args`: the command line after `guize`, one argument per line (paths relative to the entry);
//! - its input files (rule files, a `facts/` directory …), copied to a fresh directory where the
//!   command runs, so an entry never writes into the repository;
//! - optionally `setup`, one directive per line:
//!   - `fifo PATH`: make a named pipe (git cannot hold one);
//!   - `expand TEMPLATE OUT`: write OUT from TEMPLATE, where a line `@repeat N` repeats the lines
//!     up to `@end` N times with `{i}` replaced by 0…N-1; `{spaces:N}` / `{chars:N:C}` give N
//!     spaces or N copies of C, `{seq:N:P:S}` gives P0 S P1 S … P(N-1) (huge inputs without huge
//!     files in git);
//!   - `stdout /dev/full`: stdout is `/dev/full` (every write fails);
//!   - `timeout SECONDS`: the run is killed and the test fails after this long (default 120).
//!
//! Fact-side entries are added the same way: a ruleset and a `facts/` directory (or file), with
//! `args` such as `eval`, `rules.guize`, `facts`, `--as-of`, `2024-12-31`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROOT: &str = "tests/hostile";
/// Output lines longer than this are cut in the snapshot; outputs longer than `MAX_LINES` too.
const MAX_CHARS: usize = 240;
const MAX_LINES: usize = 120;

fn entries() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut classes: Vec<PathBuf> = dir(Path::new(ROOT));
    classes.sort();
    for class in classes.into_iter().filter(|p| p.is_dir()) {
        let mut items = dir(&class);
        items.sort();
        for e in items.into_iter().filter(|p| p.join("args").is_file()) {
            let name = format!("{}__{}", file_name(&class), file_name(&e));
            out.push((name, e));
        }
    }
    out
}

fn dir(p: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(p)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for p in dir(from) {
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// `{spaces:N}` and `{chars:N:C}` in one line.
fn expand_line(line: &str, i: usize) -> String {
    let mut s = line.replace("{i}", &i.to_string());
    while let Some(at) = ["{spaces:", "{chars:", "{seq:"]
        .iter()
        .filter_map(|k| s.find(k))
        .min()
    {
        let end = at + s[at..].find('}').expect("unclosed {…} in a template");
        let parts: Vec<&str> = s[at + 1..end].split(':').collect();
        let n: usize = parts[1].parse().expect("a count in {…}");
        let piece = match parts[0] {
            "spaces" => " ".repeat(n),
            "seq" => (0..n)
                .map(|k| format!("{}{k}", parts[2]))
                .collect::<Vec<_>>()
                .join(parts[3]),
            _ => parts[2].repeat(n),
        };
        s.replace_range(at..=end, &piece);
    }
    s
}

fn expand(template: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = template.lines().collect();
    let mut k = 0;
    while k < lines.len() {
        if let Some(n) = lines[k].strip_prefix("@repeat ") {
            let n: usize = n.trim().parse().expect("@repeat N");
            let end = k + lines[k..].iter().position(|l| *l == "@end").expect("@end");
            for i in 0..n {
                for l in &lines[k + 1..end] {
                    out.push_str(&expand_line(l, i));
                    out.push('\n');
                }
            }
            k = end + 1;
        } else {
            out.push_str(&expand_line(lines[k], 0));
            out.push('\n');
            k += 1;
        }
    }
    out
}

struct Setup {
    stdout_full: bool,
    timeout: Duration,
}

fn setup(entry: &Path, work: &Path) -> Setup {
    let mut s = Setup {
        stdout_full: false,
        timeout: Duration::from_secs(120),
    };
    let text = std::fs::read_to_string(entry.join("setup")).unwrap_or_default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let w: Vec<&str> = line.split_whitespace().collect();
        match w.as_slice() {
            ["fifo", path] => {
                let ok = Command::new("mkfifo")
                    .arg(work.join(path))
                    .status()
                    .unwrap();
                assert!(ok.success(), "mkfifo {path}");
            }
            ["expand", from, to] => {
                let t = std::fs::read_to_string(work.join(from)).unwrap();
                std::fs::write(work.join(to), expand(&t)).unwrap();
                std::fs::remove_file(work.join(from)).unwrap();
            }
            ["stdout", "/dev/full"] => s.stdout_full = true,
            ["timeout", secs] => s.timeout = Duration::from_secs(secs.parse().unwrap()),
            _ => panic!("unknown setup line `{line}` in {}", entry.display()),
        }
    }
    s
}

/// The output as the snapshot shows it: long lines and long outputs cut, with a count.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for l in lines.iter().take(MAX_LINES) {
        let n = l.chars().count();
        if n > MAX_CHARS {
            let cut: String = l.chars().take(MAX_CHARS).collect();
            let _ = writeln!(out, "{cut}…（共 {n} 字符）");
        } else {
            let _ = writeln!(out, "{l}");
        }
    }
    if lines.len() > MAX_LINES {
        let _ = writeln!(out, "…（共 {} 行）", lines.len());
    }
    out
}

fn run(name: &str, entry: &Path) -> String {
    let work = std::env::temp_dir().join(format!("guize-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(entry, &work);
    let s = setup(entry, &work);
    let args: Vec<String> = std::fs::read_to_string(entry.join("args"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guize"));
    cmd.args(&args).current_dir(&work).env_remove("GUIZE_LANG");
    cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    if s.stdout_full {
        cmd.stdout(std::fs::File::create("/dev/full").unwrap());
    } else {
        cmd.stdout(Stdio::piped());
    }
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    // Read the pipes on threads so a large output cannot block the child.
    let out = child.stdout.take().map(|mut o| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut o, &mut v);
            v
        })
    });
    let mut err_pipe = child.stderr.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err_pipe, &mut v);
        v
    });
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > s.timeout {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&work);
            panic!("{name}: no result after {:?} (a hang)", s.timeout);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out.map(|h| h.join().unwrap()).unwrap_or_default();
    let stderr = err.join().unwrap();
    let _ = std::fs::remove_dir_all(&work);
    let stderr_text = String::from_utf8_lossy(&stderr);
    assert!(
        !stderr_text.contains("panicked"),
        "{name} panicked:\n{stderr_text}"
    );
    let mut snap = format!("args: {}\n", args.join(" "));
    if s.stdout_full {
        snap.push_str("stdout: /dev/full\n");
    }
    let _ = writeln!(snap, "exit: {:?}", status.code());
    let _ = write!(snap, "--- stdout\n{}", shown(&stdout));
    let _ = write!(snap, "--- stderr\n{}", shown(&stderr));
    snap
}

#[test]
fn hostile_inputs() {
    let all = entries();
    assert!(all.len() >= 20, "the corpus has {} entries", all.len());
    for (name, entry) in all {
        let snap = run(&name, &entry);
        insta::assert_snapshot!(name, snap);
    }
}

#[test]
fn templates_expand() {
    let t = "a{spaces:3}b\n@repeat 2\nx{i}{chars:2:字}\n@end\nz{seq:3:事:、}\n";
    assert_eq!(expand(t), "a   b\nx0字字\nx1字字\nz事0、事1、事2\n");
}

/// Every write to stdout or stderr goes through `cli::Output` (`src/cli/out.rs`), which turns a
/// failed write into E0024: `print!` and friends would panic on `> /dev/full`.
#[test]
fn no_print_macros_in_src() {
    fn walk(at: &Path, out: &mut Vec<PathBuf>) {
        for p in dir(at) {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["print!(", "println!(", "eprint!(", "eprintln!(", "dbg!("]
                .iter()
                .any(|m| code.contains(m))
            {
                found.push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "print macros outside cli/out.rs: {found:?}"
    );
}
