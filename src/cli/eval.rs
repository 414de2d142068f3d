//! `guize eval RULESET FACTS`.

use clap::ArgMatches;

use super::{Exit, Output};

/// Runs `eval`.
pub fn run(_m: &ArgMatches, _out: &Output) -> Exit {
    Exit::Done
}
