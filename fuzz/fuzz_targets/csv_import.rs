//! Any bytes as a CSV export: reading never panics, lines only grow, and checking the
//! rows against a workspace (the import's validation) never panics either.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    successmap_core::import::fuzzing::csv(data);
});
