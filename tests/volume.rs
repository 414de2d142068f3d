//! The volume path of the fact store (README, 大规模事实): a 事件 table read in chunks on several
//! threads, and a large table keeping only the kinds the rules read, must give what the plain
//! path gives. The knobs `GUIZE_CHUNK_BYTES` and `GUIZE_LARGE_EVENTS_BYTES` make the demo take
//! the volume path.

use std::process::Command;

use serde_json::Value;

fn run(args: &[&str], env: &[(&str, &str)]) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_guize"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("the binary runs");
    (out.stdout, out.stderr)
}

/// The demo fact sets with the ruleset each is made for.
const DEMOS: &[(&str, &str)] = &[
    ("rulesets/安徽省措施", "examples/demo"),
    ("rulesets/吉安县", "examples/demo/吉安县"),
    ("rulesets/十个必严", "examples/demo/十个必严"),
];

fn eval(rs: &str, facts: &str, format: &str, env: &[(&str, &str)]) -> (Vec<u8>, Vec<u8>) {
    run(
        &[
            "eval",
            rs,
            facts,
            "--as-of",
            "2024-12-31",
            "--format",
            format,
        ],
        env,
    )
}

/// Chunks of 700 bytes read on one thread and on two: the same bytes on stdout and stderr as
/// one chunk, in every format.
#[test]
fn chunks_and_threads_change_nothing() {
    for (rs, facts) in DEMOS {
        for format in ["json", "table"] {
            let whole = eval(rs, facts, format, &[]);
            for threads in ["1", "2"] {
                let env = [("GUIZE_CHUNK_BYTES", "700"), ("RAYON_NUM_THREADS", threads)];
                let split = eval(rs, facts, format, &env);
                assert!(
                    split == whole,
                    "{rs} on {facts} ({format}) differs when read in chunks on {threads} thread(s)"
                );
            }
        }
    }
}

/// Keeping only the kinds the rules read gives the same instances, summary and skipped rules;
/// every row is still accounted for (the event count includes the rows not kept).
#[test]
fn keeping_only_the_kinds_read_gives_the_same_verdicts() {
    for (rs, facts) in DEMOS {
        let json = |env: &[(&str, &str)]| -> Value {
            let (out, err) = eval(rs, facts, "json", env);
            serde_json::from_slice(&out).unwrap_or_else(|e| {
                panic!("{rs}: no JSON ({e}): {}", String::from_utf8_lossy(&err))
            })
        };
        let full = json(&[]);
        let lazy = json(&[("GUIZE_LARGE_EVENTS_BYTES", "0")]);
        for key in ["instances", "summary", "skipped_rules"] {
            assert_eq!(full[key], lazy[key], "{rs}: `{key}` differs");
        }
        let n = |v: &Value, k: &str| v["facts"][k].as_u64().unwrap_or(0);
        let dups = |v: &Value| v["facts"]["duplicates"].as_array().map_or(0, Vec::len) as u64;
        assert_eq!(
            n(&full, "events") + dups(&full),
            n(&lazy, "events") + dups(&lazy),
            "{rs}: rows of 事件 lost"
        );
        assert!(!full["instances"].as_array().unwrap().is_empty());
    }
}

/// A table with quoted cells holding line breaks and commas, ragged rows and bad rows, read in
/// chunks of every size from 1 byte on: the same diagnostics (stderr) and facts as one chunk.
#[test]
fn quoted_line_breaks_survive_any_chunk_size() {
    let dir = std::env::temp_dir().join(format!("guize-volume-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("单位.csv"),
        "编号,名称,类别,上级\nC,市委,党委,\nA,甲镇,党委,C\n",
    )
    .unwrap();
    std::fs::write(dir.join("人员.csv"), "编号,姓名\nP1,张\nP2,李\n").unwrap();
    std::fs::write(
        dir.join("任职.csv"),
        "人员,单位,职务,起始\nP1,C,一把手,2020-01-01\nP2,A,一把手,2020-01-01\n",
    )
    .unwrap();
    let events = "编号,日期,类型,单位,主体,对象\n\
        E1,2021-03-01,监督谈话,C,P1,P2\n\
        \"E2\",2021-04-01,\"监督\n谈话\",C,P1,P2\n\
        E3,2021-05-01,监督谈话,\"C,\",P1,P2\n\
        E4,2021-13-01,监督谈话,C,P1\n\
        E5,2022-03-01,监督谈话,C,\"P1\",\"P2、\"\"A\"\"\"\n\
        E6,2022-03-01,监督谈话,C,P1,P2\n\
        E6,2022-05-01,监督谈话,C,P9,P2\n\
        E7,2023-03-01,监督谈话,C,P1,\"P2\n\"\n";
    std::fs::write(dir.join("事件.csv"), events).unwrap();
    let rs = "rulesets/安徽省措施";
    let d = dir.to_str().unwrap();
    let args = ["eval", rs, d, "--as-of", "2024-12-31", "--skip-bad-rows"];
    let whole = run(&args, &[]);
    assert!(
        String::from_utf8_lossy(&whole.1).contains("E0410"),
        "the ragged row is reported"
    );
    for size in (1..events.len()).step_by(7) {
        let size = size.to_string();
        let split = run(
            &args,
            &[("GUIZE_CHUNK_BYTES", &size), ("RAYON_NUM_THREADS", "2")],
        );
        assert!(
            split == whole,
            "chunks of {size} bytes: {}\n---\n{}",
            String::from_utf8_lossy(&split.1),
            String::from_utf8_lossy(&whole.1)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
