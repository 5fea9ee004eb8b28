//! Any bytes as an XLSX workbook: opening and reading never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    successmap_core::import::fuzzing::xlsx(data);
});
