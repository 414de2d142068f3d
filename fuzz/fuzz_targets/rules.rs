//! cargo-fuzz target: `guize::fuzzing::rules` must not panic on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guize::fuzzing::rules(data);
});
