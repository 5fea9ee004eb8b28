//! Replays the fuzzing corpus (fuzz/corpus: the seeds, and every input the fuzzer kept
//! or found a fault with) through the same entry points as the fuzz targets, so that
//! what fuzzing found stays fixed without nightly Rust.

use std::path::PathBuf;

use successmap_core::import::fuzzing;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has inputs", dir.display());
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap_or_default();
            (f, bytes)
        })
        .collect()
}

#[test]
fn the_csv_corpus_reads_and_validates_without_a_fault() {
    for (_, bytes) in inputs("csv_import") {
        fuzzing::csv(&bytes);
    }
}

#[test]
fn the_xlsx_corpus_opens_without_a_fault() {
    for (_, bytes) in inputs("xlsx_table") {
        fuzzing::xlsx(&bytes);
    }
}

#[test]
fn the_values_corpus_parses_without_a_fault() {
    for (_, bytes) in inputs("values") {
        fuzzing::values(&bytes);
    }
}
