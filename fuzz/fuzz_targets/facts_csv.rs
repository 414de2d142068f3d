//! cargo-fuzz target: `guize::fuzzing::csv` must not panic on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    guize::fuzzing::csv(data);
});
