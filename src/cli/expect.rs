//! Whole-evaluation expectations for `guize test`: a ruleset directory may hold `预期/NAME.txt`,
//! the verdicts the ruleset gave on a named fact set, one instance a line. `guize test` evaluates
//! again and lists every verdict that moved; `--accept` writes the new verdicts (the snapshot
//! workflow without Rust). `--facts DIR --as-of DATE --accept` creates a new expectation.
//!
//! File format (UTF-8, `#` comments):
//! ```text
//! 事实 examples/demo
//! 截至 2024-12-31
//! (三).监督谈话	2023-01-01~2023-12-31	P014	违反
//! ```
//! The fact path is relative to the expectation file's directory or any directory above it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ArgMatches;

use super::Output;
use crate::eval::Config;
use crate::examples::word_of;
use crate::ir;
use crate::span::SourceMap;

/// One expectation file, parsed.
struct Expectation {
    path: PathBuf,
    facts: String,
    as_of: chrono::NaiveDate,
    /// (rule, period, subject) → status word.
    verdicts: BTreeMap<(String, String, String), String>,
}

/// Checks (or with `--accept` records) every expectation of the ruleset `arg`. Returns whether
/// any verdict moved (and was not accepted); `Err` on an unreadable file.
pub fn run(arg: &str, rs: &ir::Ruleset, m: &ArgMatches, out: &Output) -> Result<bool, ()> {
    let accept = m.get_flag("accept");
    let Some(dir) = ruleset_dir(arg) else {
        return Ok(false);
    };
    let mut files = existing(&dir.join("预期"));
    if let (Some(facts), Some(date)) = (m.get_one::<String>("facts"), m.get_one::<String>("as-of"))
    {
        let Some(as_of) = crate::text::parse_date(date) else {
            out.eprintln(format!(
                "{}",
                out.t("--as-of 日期无效", "invalid --as-of date")
            ));
            return Err(());
        };
        let name = Path::new(facts)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let path = dir.join("预期").join(format!("{name}.txt"));
        if !files.iter().any(|e| e.path == path) {
            files.push(Expectation {
                path,
                facts: facts.clone(),
                as_of,
                verdicts: BTreeMap::new(),
            });
        }
    }
    let mut moved_any = false;
    for e in files {
        let now = evaluate(rs, &e, out)?;
        let moved = moves(&e.verdicts, &now);
        let shown = e.path.display();
        if moved.is_empty() {
            out.println(format!(
                "  ✓ {} {shown}（{} {}）",
                out.t("预期", "expectation"),
                now.len(),
                out.t("个结论未变", "verdicts unchanged")
            ));
            continue;
        }
        out.println(format!(
            "  {} {} {shown}：{} {}",
            if accept { "↻" } else { "✗" },
            out.t("预期", "expectation"),
            moved.len(),
            out.t("个结论变动", "verdicts moved")
        ));
        for line in moved.iter().take(50) {
            out.println(format!("      {line}"));
        }
        if moved.len() > 50 {
            out.println(format!("      … {}", moved.len() - 50));
        }
        if accept {
            write(&e, &now).map_err(|err| out.eprintln(format!("{}: {err}", e.path.display())))?;
            out.println(format!(
                "      {}",
                out.t(
                    "已记录新的预期（--accept）",
                    "new expectation recorded (--accept)"
                )
            ));
        } else {
            moved_any = true;
            out.println(format!(
                "      {}",
                out.t(
                    "若变动是有意的，运行 `guize test 规则集 --accept` 记录新的预期",
                    "if intended, run `guize test RULESET --accept` to record it"
                )
            ));
        }
    }
    Ok(moved_any)
}

fn ruleset_dir(arg: &str) -> Option<PathBuf> {
    let p = PathBuf::from(arg);
    let p = if p.exists() {
        p
    } else {
        Path::new("rulesets").join(arg)
    };
    if p.is_dir() {
        Some(p)
    } else {
        p.parent().map(Path::to_path_buf)
    }
}

/// The expectation files of a directory, sorted by name.
fn existing(dir: &Path) -> Vec<Expectation> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    paths.into_iter().filter_map(|p| parse(&p)).collect()
}

fn parse(path: &Path) -> Option<Expectation> {
    let text = std::fs::read_to_string(path).ok()?;
    let (mut facts, mut as_of, mut verdicts) = (None, None, BTreeMap::new());
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(f) = line.strip_prefix("事实") {
            facts = Some(f.trim().to_string());
        } else if let Some(d) = line.strip_prefix("截至") {
            as_of = crate::text::parse_date(d.trim());
        } else {
            let cells: Vec<&str> = line.split('\t').collect();
            if let [rule, period, subject, status] = cells[..] {
                verdicts.insert((rule.into(), period.into(), subject.into()), status.into());
            }
        }
    }
    Some(Expectation {
        path: path.to_path_buf(),
        facts: facts?,
        as_of: as_of?,
        verdicts,
    })
}

type Verdicts = BTreeMap<(String, String, String), String>;

/// Evaluates the ruleset on the expectation's facts.
fn evaluate(rs: &ir::Ruleset, e: &Expectation, out: &Output) -> Result<Verdicts, ()> {
    let dir = e.path.parent().unwrap_or(Path::new("."));
    let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let found = start
        .ancestors()
        .map(|d| d.join(&e.facts))
        .find(|p| p.exists());
    let Some(path) = found else {
        out.eprintln(format!(
            "{}: {} {}",
            e.path.display(),
            out.t("找不到事实", "facts not found:"),
            e.facts
        ));
        return Err(());
    };
    let mut sources = SourceMap::new();
    let (facts, diags) = crate::facts::load(&path, &rs.vocab, &mut sources);
    if diags.iter().any(|d| d.is_error()) {
        out.diags(&diags, &sources);
        return Err(());
    }
    let outcome = crate::evaluate(rs, &facts, &Config { as_of: e.as_of });
    let mut v = Verdicts::new();
    for i in &outcome.instances {
        let who = i.subject.person.map_or_else(
            || facts.units[i.subject.unit as usize].id.clone(),
            |p| facts.people[p as usize].id.clone(),
        );
        let key = (
            rs.rules[i.rule].id.clone(),
            format!("{}~{}", i.period.start, i.period.end),
            who,
        );
        v.insert(key, word_of(i.status).to_string());
    }
    Ok(v)
}

/// Every verdict that moved: `(三).监督谈话 2023-01-01~2023-12-31 P014：违反 → 已履行`, new and
/// vanished instances included, in key order.
fn moves(old: &Verdicts, new: &Verdicts) -> Vec<String> {
    let keys: std::collections::BTreeSet<_> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (a, b) = (old.get(k), new.get(k));
            (a != b).then(|| {
                format!(
                    "{} {} {}：{} → {}",
                    k.0,
                    k.1,
                    k.2,
                    a.map_or("（无）", String::as_str),
                    b.map_or("（无）", String::as_str)
                )
            })
        })
        .collect()
}

fn write(e: &Expectation, v: &Verdicts) -> std::io::Result<()> {
    let mut s = format!(
        "# guize test 的预期结论：规则集在这些事实上的每个实例（规则、期间、对象、结论）。\n# 由 `guize test --accept` 写入；结论变动时 `guize test` 逐条列出。\n事实 {}\n截至 {}\n",
        e.facts, e.as_of
    );
    for ((rule, period, subject), status) in v {
        s.push_str(&format!("{rule}\t{period}\t{subject}\t{status}\n"));
    }
    if let Some(d) = e.path.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(&e.path, s)
}
