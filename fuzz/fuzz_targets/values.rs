//! Any text as a number, an amount of money, a date or a header.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    successmap_core::import::fuzzing::values(data);
});
