#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! `successmap import customers` with files made outside this project: the encoding
//! chosen with `--encoding`, columns chosen with `--column`, saved choices, and output
//! piped into a reader that stops early.

mod common;
use common::successmap;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/import/files")
        .join(name)
        .display()
        .to_string()
}

/// A workspace with the persona and steps the fixtures name.
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("w.successmap");
    let file = dir.join("setup.csv");
    std::fs::write(
        &file,
        "name,persona,current_step\nSeed,Architect,Onboard\nSeed 2,Architect,Adopt\n",
    )
    .unwrap();
    let out = successmap(
        &ws,
        &[
            "import",
            "customers",
            file.to_str().unwrap(),
            "--create-missing",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    ws
}

fn names(ws: &Path) -> Vec<String> {
    let out = successmap(ws, &["export", "customers"]);
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect()
}

#[test]
fn the_encoding_is_detected_said_and_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let file = fixture("windows-1251.csv");
    let out = successmap(&ws, &["import", "customers", &file, "--encoding", "cp1252"]);
    assert!(text(&out).contains("CSV, windows-1252 (Western European), semicolon-separated"));
    assert!(
        names(&ws).contains(&"ÎÎÎ Ðîìàøêà".to_string()),
        "read as asked"
    );

    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let out = successmap(&ws, &["import", "customers", &file]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("CSV, windows-1251 (Cyrillic), semicolon-separated"));
    assert!(names(&ws).contains(&"ООО Ромашка".to_string()));

    let out = successmap(
        &ws,
        &["import", "customers", &file, "--encoding", "klingon"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("unknown encoding \"klingon\"; use one of UTF-8"),
        "{}",
        text(&out)
    );
}

#[test]
fn columns_are_chosen_on_the_command_line_and_ambiguity_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let file = dir.path().join("crm.csv");
    std::fs::write(
        &file,
        "Record ID,Lifecycle Stage,Current step,Kunde,Typ\n1,customer,Onboard,Acme,Architect\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    // Neither the name nor the persona can be guessed from German headers.
    let out = successmap(&ws, &["import", "customers", file, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("choose the column that holds the customer name: add --column"),
        "{}",
        text(&out)
    );
    let out = successmap(
        &ws,
        &[
            "import",
            "customers",
            file,
            "--column",
            "Kunde=name",
            "--column",
            "typ=Persona",
        ],
    );
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("\"Kunde\" → Name (--column)"), "{said}");
    assert!(said.contains("\"Typ\" → Persona (--column)"), "{said}");
    assert!(
        said.contains(
            "Note: Current step: took \"Current step\"; \"Lifecycle Stage\" could be it too."
        ),
        "{said}"
    );
    assert!(said.contains("1 row: 1 valid, 0 rejected."), "{said}");
    assert!(
        said.contains("Architect: 1 new customer, 0 updated, 0 unchanged."),
        "{said}"
    );
    assert!(
        said.contains("Imported: 1 new customer, 0 updated"),
        "{said}"
    );

    // Choices saved by the app's wizard for these headers apply, and are said.
    let db = rusqlite::Connection::open(&ws).unwrap();
    db.execute(
        "INSERT OR REPLACE INTO workspace_meta (key, value) VALUES ('import.mapping', ?1)",
        [r#"{"kunde":"name","typ":"persona"}"#],
    )
    .unwrap();
    drop(db);
    let out = successmap(&ws, &["import", "customers", file, "--dry-run"]);
    let said = text(&out);
    assert!(said.contains("\"Kunde\" → Name (saved choice)"), "{said}");
    assert!(
        said.contains("Column choices saved in the app for these headers were used"),
        "{said}"
    );

    for (spec, wanted) in [
        (
            "Nope=name",
            "the file has no column \"Nope\"; its columns are \"Record ID\"",
        ),
        (
            "Kunde=shoe size",
            "unknown field \"shoe size\" for the column \"Kunde\"",
        ),
        (
            "Kunde",
            "\"Kunde\" is not a column choice; write it as \"HEADER=FIELD\"",
        ),
    ] {
        let out = successmap(&ws, &["import", "customers", file, "--column", spec]);
        assert_eq!(out.status.code(), Some(2), "{spec}");
        assert!(text(&out).contains(wanted), "{spec}: {}", text(&out));
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.successmap");
    assert!(successmap(&ws, &["demo"]).status.success());
    let file = fixture("shift_jis.csv");
    let commands: [&[&str]; 4] = [
        &["export", "customers"],
        &["stats"],
        &["segment", "--format", "json"],
        &[
            "import",
            "customers",
            &file,
            "--dry-run",
            "--create-missing",
        ],
    ];
    for args in commands {
        // The reader is gone before the command writes its first byte, as when `head -1`
        // has read its line.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_successmap"))
            .arg("--workspace")
            .arg(&ws)
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert!(out.status.success(), "{args:?}: {}", out.status);
    }
}

#[test]
fn a_crm_stage_history_is_imported_with_stage_choices_and_again_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let customers = dir.path().join("customers.csv");
    std::fs::write(
        &customers,
        "external_id,name,persona,current_step\nA-1,Acme,Architect,Adopt\n",
    )
    .unwrap();
    let out = successmap(&ws, &["import", "customers", customers.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let file = dir.path().join("history.csv");
    std::fs::write(
        &file,
        "Record ID,Lifecycle Stage,Date entered\nA-1,lead,2025-01-02\nA-1,customer,2025-02-03\n\
         A-1,Adopt,2025-06-01 09:30\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let args = [
        "import",
        "history",
        file,
        "--stage",
        "customer=Onboard",
        "--stage",
        "lead=ignore",
    ];
    let out = successmap(&ws, &args);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("\"Date entered\" → Date of the change"),
        "{said}"
    );
    assert!(
        said.contains("\"customer\" → Onboard (--stage): 1 row"),
        "{said}"
    );
    assert!(
        said.contains("\"Adopt\" → Adopt (same name): 1 row"),
        "{said}"
    );
    assert!(
        said.contains("\"lead\" → no step, left out (--stage): 1 row"),
        "{said}"
    );
    assert!(
        said.contains(
            "Imported: 2 new step changes in the history of 1 customer (0 already there)."
        ),
        "{said}"
    );
    let out = successmap(&ws, &args);
    assert!(text(&out)
        .contains("Imported: 0 new step changes in the history of 1 customer (2 already there)."));

    let out = successmap(
        &ws,
        &["import", "history", file, "--column", "Date entered=ignore"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("choose the column that holds the date of the change: add --column"),
        "{}",
        text(&out)
    );
}
