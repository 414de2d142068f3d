//! `guize fmt`: idempotent over every rule file of the project, meaning-preserving, canonical on
//! `rulesets/` (what CI checks), `--check` shows a diff and exits 1, files with errors are left
//! alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use guize::fmt::format;
use guize::span::SourceMap;

fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rule_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "guize") {
            out.push(p);
        }
    }
}

/// Every rule file of the case corpus (bases included) and of `rulesets/`.
fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rule_files(Path::new("tests/cases"), &mut files);
    rule_files(Path::new("rulesets"), &mut files);
    assert!(files.len() > 40, "the corpus is found: {}", files.len());
    files
}

/// The syntax tree without its spans, folded (so `（` and `(` compare equal), and the codes of
/// the syntax diagnostics.
fn parse(text: &str) -> (String, Vec<&'static str>) {
    let mut sources = SourceMap::new();
    let id = sources.add(
        "x.guize".to_string(),
        text.trim_start_matches('\u{feff}').to_string(),
    );
    let (ast, diags) = guize::parse(&sources, id);
    let debug = format!("{ast:?}");
    (
        guize::text::fold(&strip_spans(&debug)),
        diags.iter().map(|d| d.code).collect(),
    )
}

/// Removes every `N:N-N` (a span's Debug form).
fn strip_spans(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < s.len() {
        let digits = |mut j: usize| {
            let k = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            (j > k).then_some(j)
        };
        let span_end = digits(i)
            .filter(|&j| b.get(j) == Some(&b':'))
            .and_then(|j| digits(j + 1))
            .filter(|&j| b.get(j) == Some(&b'-'))
            .and_then(|j| digits(j + 1));
        match span_end {
            Some(j) if i == 0 || !b[i - 1].is_ascii_digit() => i = j,
            _ => {
                let c = s[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

#[test]
fn idempotent_and_meaning_preserving_over_the_corpus() {
    for f in corpus() {
        let text = std::fs::read_to_string(&f).unwrap();
        let once = format(&text);
        assert_eq!(
            format(&once),
            once,
            "fmt(fmt(x)) != fmt(x) for {}",
            f.display()
        );
        let (before, codes_before) = parse(&text);
        let (after, codes_after) = parse(&once);
        assert_eq!(
            codes_before,
            codes_after,
            "diagnostics changed for {}",
            f.display()
        );
        assert_eq!(before, after, "the syntax tree changed for {}", f.display());
    }
}

#[test]
fn messy_file_formats_to_the_reviewed_form() {
    let messy = std::fs::read_to_string("tests/fmt/messy.guize").unwrap();
    let want = std::fs::read_to_string("tests/fmt/messy.formatted.guize").unwrap();
    assert_ne!(messy, want);
    assert_eq!(format(&messy), want);
    assert_eq!(format(&want), want);
    // The same syntax tree (spans aside): only the layout changed.
    let (a, codes_a) = parse(&messy);
    let (b, codes_b) = parse(&want);
    assert!(
        codes_a.is_empty() && codes_b.is_empty(),
        "{codes_a:?} {codes_b:?}"
    );
    assert_eq!(a, b);
    assert_eq!(a.matches("Rule {").count(), 4, "{a}");
}

fn guize(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(args)
        .output()
        .unwrap()
}

/// What CI runs: the shipped rulesets are in canonical form.
#[test]
fn fmt_check_passes_on_rulesets() {
    let out = guize(&["fmt", "--check", "rulesets/"]);
    assert!(
        out.status.success(),
        "run `guize fmt rulesets/`:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_shows_a_diff_and_fmt_rewrites() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fmt_cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let file = dir.join("sub/规则.guize");
    let messy = std::fs::read_to_string("tests/fmt/messy.guize").unwrap();
    std::fs::write(&file, &messy).unwrap();
    let broken = dir.join("坏.guize");
    let bad = "规则集 坏\n条款 （一）\n  规则 甲：\n      应当 每年至少x次   谈话\n";
    std::fs::write(&broken, bad).unwrap();
    let d = dir.to_str().unwrap();

    let out = guize(&["fmt", "--check", d]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("\n-规则集安徽\n") && diff.contains("\n+规则集 安徽\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n 条款 第三条：标题\n"),
        "unchanged lines are context: {diff}"
    );
    assert!(diff.contains("+    应当 每年至少1次 监督谈话\n"), "{diff}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("E0102") && err.contains("2 个文件，1 个不合格式，1 个有错误未检查"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        messy,
        "--check writes nothing"
    );

    let out = guize(&["fmt", d]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken file is an input error"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string("tests/fmt/messy.formatted.guize").unwrap()
    );
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), bad, "left alone");

    let out = guize(&["fmt", "--check", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}
