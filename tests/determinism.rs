//! Same input, byte-identical output: each run of the binary is a new process with new hash-map
//! seeds, so anything that lets hash order reach the output (a "did you mean" tie, a listing)
//! shows up as a difference between runs.

use std::process::Command;

fn run(args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .args(args)
        .output()
        .expect("the binary runs");
    (out.stdout, out.stderr)
}

fn same_every_time(args: &[&str]) {
    let first = run(args);
    for _ in 0..3 {
        assert!(
            run(args) == first,
            "output differs between runs of guize {args:?}"
        );
    }
}

#[test]
fn reports_are_byte_identical_across_runs() {
    for format in ["json", "table", "csv", "html"] {
        same_every_time(&[
            "eval",
            "rulesets/安徽省措施",
            "examples/demo",
            "--as-of",
            "2024-12-31",
            "--format",
            format,
        ]);
    }
    same_every_time(&["diff", "中央意见", "安徽省措施", "--format", "json"]);
}

#[test]
fn diagnostics_are_byte_identical_across_runs() {
    let cases = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases")).unwrap();
    let mut names: Vec<String> = cases
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("err_"))
        .collect();
    names.sort();
    assert!(names.len() > 10);
    for name in names {
        let dir = format!("tests/cases/{name}");
        same_every_time(&["check", &format!("{dir}/rules.guize")]);
        for facts in ["facts.json", "facts", "facts.xlsx"] {
            let path = format!("{dir}/{facts}");
            if std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(&path)
                .exists()
            {
                same_every_time(&[
                    "eval",
                    &format!("{dir}/rules.guize"),
                    &path,
                    "--as-of",
                    "2024-12-31",
                ]);
            }
        }
    }
}
