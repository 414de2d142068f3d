//! The progress bar: drawn on a terminal for a large fact set, never when stderr is a pipe.
//! `GUIZE_PROGRESS_BYTES=0` makes any fact set count as large.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_guize");
const ARGS: &str = "eval rulesets/安徽省措施 examples/demo --as-of 2024-12-31 --format json";

#[test]
fn silent_when_stderr_is_not_a_terminal() {
    let out = Command::new(BIN)
        .args(ARGS.split(' '))
        .env("GUIZE_PROGRESS_BYTES", "0")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("读取事实") && !stderr.contains('\r'),
        "{stderr}"
    );
}

#[test]
fn drawn_on_a_terminal_and_cleared() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let cmd = format!("{BIN} {ARGS} > /dev/null");
    let run = |bytes: &str| {
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env("GUIZE_PROGRESS_BYTES", bytes)
            .output()
            .expect("script(1) from util-linux");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let shown = run("0");
    assert!(
        shown.contains("读取事实") && shown.contains("/3"),
        "{shown}"
    );
    assert!(
        shown.contains("\u{1b}[2K"),
        "the bar clears its line: {shown}"
    );
    let small = run("1000000000");
    assert!(
        !small.contains("读取事实"),
        "small fact sets show no bar: {small}"
    );
}
