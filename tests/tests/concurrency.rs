#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The app and the command-line tool on one workspace file at once: an import by one
//! while the other edits or exports. Nothing is corrupted or lost, and a write that
//! has to wait for the other program says so in words, never "internal error".

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use successmap_e2e::{cli_binary, App, Launch};

fn export(path: &Path, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "Record ID,Company,Persona,Stage,ARR").unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "C{i},Customer {i},Field engineer,Pilot,{}",
            100 + i % 900
        )
        .unwrap();
    }
}

fn check_file(path: &Path) -> (Vec<String>, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM persona ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    names.sort();
    let customers = conn
        .query_row("SELECT count(*) FROM customer", [], |r| r.get(0))
        .unwrap();
    (names, customers)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_edits_while_the_command_line_imports_and_nothing_is_lost() {
    const ROWS: usize = 300_000;
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let csv = sandbox.path().join("crm.csv");
    export(&csv, ROWS);
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;

    let mut import = Command::new(cli_binary())
        .arg("--workspace")
        .arg(&path)
        .args(["import", "customers", "--create-missing"])
        .arg(&csv)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // An edit in the app meanwhile: saved once the import lets go, or refused in words.
    app.click("[data-testid=new-persona]").await;
    app.fill(
        "[data-testid=persona-form] input[name=name]",
        "Site architect",
    )
    .await;
    app.click("[data-testid=persona-submit]").await;
    let outcome = App::eventually("the edit to be saved or refused as busy", || async {
        let saved = app.texts("[data-testid=sidebar-personas] button").await;
        if saved.iter().any(|t| t == "Site architect") {
            return Ok("saved");
        }
        let errors = app.texts("[role=alert]").await;
        if let Some(e) = errors.iter().find(|e| !e.is_empty()) {
            assert!(
                e.contains("another program is writing to this workspace"),
                "{e}"
            );
            return Ok("busy");
        }
        Err(format!("{saved:?}"))
    })
    .await;
    assert!(import.wait().unwrap().success());
    eprintln!("the edit during the import was {outcome}");
    if outcome == "busy" {
        app.screenshot("edit-while-another-program-imports").await;
        // The form is still open with what was typed: saving again works now.
        let submit = app.wait_for("[data-testid=persona-submit]").await;
        app.scroll_to(&submit).await;
        submit.click().await.unwrap();
        app.wait_for_text("[data-testid=sidebar-personas] button", "Site architect")
            .await;
    }
    // The imported customers show in the app without a restart.
    app.wait_for_text(
        "[data-testid=status-line-customers]",
        &format!("{} customers", fmt_thousands(ROWS)),
    )
    .await;
    app.close_window(&path).await;
    let (personas, customers) = check_file(&path);
    assert_eq!(
        personas,
        ["Field engineer", "Operations lead", "Site architect"]
    );
    assert_eq!(customers, ROWS as i64);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_command_line_exports_a_consistent_snapshot_while_the_app_imports() {
    const ROWS: usize = 200_000;
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let csv = sandbox.path().join("crm.csv");
    export(&csv, ROWS);
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.open("customers").await;
    app.click("[data-testid=open-import]").await;
    app.wait_for("[data-testid=import-path]")
        .await
        .send_keys(csv.display().to_string())
        .await
        .unwrap();
    app.click("[data-testid=import-read]").await;
    app.click("[data-testid=create-missing]").await;
    app.click("[data-testid=import-check]").await;
    app.wait_for("[data-testid=import-summary]").await;
    app.click("[data-testid=import-run]").await;

    // Exports while the app imports: each a whole file of the customers committed then.
    let out = sandbox.path().join("out.csv");
    let mut sizes = Vec::new();
    loop {
        let done = !app.texts("[data-testid=import-done]").await.is_empty();
        let status = Command::new(cli_binary())
            .arg("--workspace")
            .arg(&path)
            .args(["export", "customers", "--force", "--output"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(0), "{status:?}");
        let lines = std::fs::read_to_string(&out).unwrap().lines().count() - 1;
        assert!(lines == 0 || lines == ROWS, "{lines} customers exported");
        sizes.push(lines);
        if done {
            break;
        }
    }
    let before = sizes.iter().filter(|n| **n == 0).count();
    eprintln!(
        "{} exports during the import: {before} saw the workspace before it, {} after",
        sizes.len(),
        sizes.len() - before
    );
    assert_eq!(sizes.last(), Some(&ROWS));
    app.close_window(&path).await;
    assert_eq!(check_file(&path).1, ROWS as i64);
}

fn fmt_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
