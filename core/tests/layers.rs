#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The layers, checked: the app's shell and the CLI reach the workspace only through
//! the core's edit and read API (`edits`, `reads`, `Workspace`), never its storage.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_shell_and_the_cli_use_only_the_edit_and_read_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join("src-tauri/src"), &mut files);
    rust_files(&root.join("cli/src"), &mut files);
    assert!(files.len() > 5, "the clients' sources were found");
    let forbidden = [
        "successmap_core::db",
        "successmap_core::ops",
        "successmap_core::Db",
        "rusqlite",
        "db::",
        "ops::",
    ];
    for file in files {
        let whole = std::fs::read_to_string(&file).unwrap();
        // A unit test below `#[cfg(test)]` may set up a state through SQLite itself
        // (another program's lock on the file); the client's own code may not.
        let text = whole.split("#[cfg(test)]").next().unwrap_or_default();
        // `Db`, the writer, as a word (also inside a grouped `use successmap_core::{…}`).
        let bytes = text.as_bytes();
        let word = |i: usize| {
            bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        for (at, _) in text.match_indices("Db") {
            assert!(
                word(at.wrapping_sub(1)) || word(at + 2),
                "{} uses `Db`: clients call core::edits and core::reads",
                file.display()
            );
        }
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{} uses `{word}`: clients call core::edits and core::reads",
                file.display()
            );
        }
    }
}
