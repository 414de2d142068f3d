//! A fuzz harness on the stable toolchain: seeded mutations of real inputs (the case corpus,
//! the rulesets, the demo in every form, the template) through the same entry points as the
//! cargo-fuzz targets in `fuzz/` (`guize::fuzzing`). A panic fails the test and the input is
//! saved under `target/fuzz-crashes/`.
//!
//! By default each target runs a fixed number of mutants (deterministic, a few seconds);
//! `GUIZE_FUZZ_SECS=60 cargo test --release --test fuzz_stable` runs each for 60 seconds instead
//! (`fuzz/run.sh` does that when nightly or cargo-fuzz is missing), with `GUIZE_FUZZ_SEED` to vary
//! the seed.

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 33) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b",",
    b"\"",
    b"\n",
    b"\r\n",
    b"\xFF",
    b"\x81\x30",
    b"\xEF\xBB\xBF",
    b"\xE4\xB8",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\",
    b"2024-02-29",
    b"2023/13/1",
    b"9999-12-31",
    b"0000-01-01",
    "、".as_bytes(),
    "；".as_bytes(),
    "年".as_bytes(),
    "一把手".as_bytes(),
    "离开岗位".as_bytes(),
    "是".as_bytes(),
    "「".as_bytes(),
    "」".as_bytes(),
    "应当".as_bytes(),
    "每年".as_bytes(),
    "日内".as_bytes(),
    b"<",
    b">",
    b"&amp;",
    b"<c r=\"ZZZ99999\">",
    b"t=\"s\"",
    b"<v>",
    b"</v>",
    b"1e308",
    b"-1",
    b"NaN",
    b"P1",
    b"A",
    b"E1",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let n = data.len();
        match rng.below(6) {
            0 if n > 0 => {
                let i = rng.below(n);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(n + 1);
                data.splice(i..i, t.iter().copied());
            }
            2 if n > 0 => {
                let i = rng.below(n);
                let j = (i + 1 + rng.below(16)).min(n);
                data.drain(i..j);
            }
            3 if n > 0 => {
                let i = rng.below(n);
                let j = (i + 1 + rng.below(64)).min(n);
                let piece: Vec<u8> = data[i..j].to_vec();
                let k = rng.below(n + 1);
                data.splice(k..k, piece);
            }
            4 => {
                let i = rng.below(n + 1);
                data.insert(i, rng.below(256) as u8);
            }
            _ if n > 0 => {
                let i = rng.below(n);
                data.truncate(i.max(1));
            }
            _ => data.push(b'x'),
        }
    }
}

/// Mutates one XML part of a zip (an xlsx), or sometimes the zip's bytes themselves.
fn mutate_xlsx(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(data.to_vec())) else {
        let mut d = data.to_vec();
        mutate(rng, &mut d);
        return d;
    };
    if rng.below(10) == 0 {
        let mut d = data.to_vec();
        mutate(rng, &mut d);
        return d;
    }
    let target = rng.below(zip.len());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = Vec::new();
        let _ = f.read_to_end(&mut content);
        if i == target {
            mutate(rng, &mut content);
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, opts).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn files(pattern_dir: &str, ext: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(pattern_dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p.display().to_string(), ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    match target {
        "rules" => {
            files("tests/cases", "guize", &mut found);
            files("rulesets", "guize", &mut found);
            files("fuzz/regressions/rules", "guize", &mut found);
        }
        "csv" => {
            files("tests/cases", "csv", &mut found);
            files("examples/demo", "csv", &mut found);
            files("examples/demo-gbk", "csv", &mut found);
            // The selector byte: the table named by the file stem.
            for (name, bytes) in &mut found {
                let stem = Path::new(name)
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                let sel = guize::facts::TABLES
                    .iter()
                    .position(|t| *t == stem)
                    .unwrap_or(0);
                bytes.insert(0, sel as u8);
            }
        }
        "xlsx" => {
            found.push((String::new(), std::fs::read("examples/demo.xlsx").unwrap()));
            files("tests/cases", "xlsx", &mut found);
            files("fuzz/regressions/facts_xlsx", "xlsx", &mut found);
            let mut sources = guize::span::SourceMap::new();
            let id = sources.add("r", guize::fuzzing::RULES);
            let rs = guize::check(&[guize::parse(&sources, id).0]).0;
            found.push((
                String::new(),
                guize::facts::template::template("t", &rs.vocab).unwrap(),
            ));
        }
        _ => files("tests/cases", "json", &mut found),
    }
    assert!(!found.is_empty(), "{target}: no seeds");
    found.into_iter().map(|(_, b)| b).collect()
}

fn run(target: &str, entry: fn(&[u8])) {
    let secs: Option<u64> = std::env::var("GUIZE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok());
    let seed: u64 = std::env::var("GUIZE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let mut rng = Rng((seed ^ (target.len() as u64).wrapping_mul(0x9E3779B97F4A7C15)) | 1);
    let seeds = seeds(target);
    // The seeds themselves first: earlier crashes (fuzz/regressions/) stay fixed.
    for s in &seeds {
        entry(s);
    }
    let start = Instant::now();
    let mut runs = 0usize;
    let default_runs = if target == "xlsx" { 60 } else { 300 };
    loop {
        let done = match secs {
            Some(s) => start.elapsed() >= Duration::from_secs(s),
            None => runs >= default_runs,
        };
        if done {
            break;
        }
        let base = &seeds[rng.below(seeds.len())];
        let input = if target == "xlsx" {
            mutate_xlsx(&mut rng, base)
        } else {
            let mut d = base.clone();
            mutate(&mut rng, &mut d);
            d
        };
        if catch_unwind(AssertUnwindSafe(|| entry(&input))).is_err() {
            let dir = Path::new("target/fuzz-crashes");
            std::fs::create_dir_all(dir).unwrap();
            let path = dir.join(format!("{target}-{seed}-{runs}"));
            std::fs::write(&path, &input).unwrap();
            panic!("{target}: input {} made it panic", path.display());
        }
        runs += 1;
    }
    eprintln!(
        "{target}: {runs} inputs in {:.1?}, no panic",
        start.elapsed()
    );
    assert!(runs > 0);
}

#[test]
fn the_fuzzing_vocabulary_checks_cleanly() {
    let mut sources = guize::span::SourceMap::new();
    let id = sources.add("r", guize::fuzzing::RULES);
    let (ast, mut d) = guize::parse(&sources, id);
    let (rs, d2) = guize::check(&[ast]);
    d.extend(d2);
    assert!(!d.iter().any(guize::diagnostics::Diag::is_error), "{d:?}");
    let decided = rs
        .vocab
        .events
        .iter()
        .find(|e| e.name.key == "集体决定")
        .unwrap();
    assert_eq!(decided.fields.len(), 6);
}

#[test]
fn fuzz_rules() {
    run("rules", guize::fuzzing::rules);
}

#[test]
fn fuzz_csv() {
    run("csv", guize::fuzzing::csv);
}

#[test]
fn fuzz_xlsx() {
    run("xlsx", guize::fuzzing::xlsx);
}

#[test]
fn fuzz_json() {
    run("json", guize::fuzzing::json);
}
