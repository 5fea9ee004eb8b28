//! What the CLI's test binaries share: running `successmap` as a user runs it.
#![allow(dead_code)] // each test binary uses what it needs

use std::path::Path;
use std::process::{Command, Output};

/// `successmap --workspace WORKSPACE ARGS…`, run to its end.
pub fn successmap(workspace: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_successmap"))
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .output()
        .expect("the successmap binary runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}
