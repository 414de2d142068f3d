//! The `guize` binary: dispatches to [`guize::cli`].

fn main() -> std::process::ExitCode {
    guize::cli::run(std::env::args().skip(1).collect()).into()
}
