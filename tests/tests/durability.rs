#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The workspace file in the real app: after quitting (closing the window, or a
//! SIGTERM as a logout sends), the file alone holds every edit; a change another
//! program makes while the app is open shows in the app, and undo never reverts it.

use std::path::{Path, PathBuf};
use std::process::Command;

use successmap_core::{reads, Workspace};
use successmap_e2e::{app_pid, cli_binary, process_runs, App, Launch};

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies only the workspace file (as a user mails it) and returns the personas in it.
fn personas_in_the_file_alone(path: &Path) -> Vec<String> {
    assert!(
        !companion(path, "-wal").exists(),
        "the write-ahead log was moved into the file and removed"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("mailed.successmap");
    std::fs::copy(path, &copy).unwrap();
    let ws = Workspace::open_read_only(&copy).unwrap();
    reads::personas(&ws)
        .unwrap()
        .into_iter()
        .map(|p| p.persona.name)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_leaves_every_edit_in_the_file_alone() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;
    app.create_persona("Site architect").await;
    app.wait_for_undo("Create persona “Site architect”").await;
    assert!(
        companion(&path, "-wal").exists(),
        "recent edits are in the log"
    );
    app.close_window(&path).await;
    assert_eq!(
        personas_in_the_file_alone(&path),
        vec!["Operations lead", "Site architect"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sigterm_closes_the_workspace_cleanly_too() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;
    app.wait_for_undo("Create persona “Operations lead”").await;
    let pid = app_pid(&path).expect("the app runs");
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    App::eventually("the app to end on SIGTERM", || async {
        if process_runs(pid) {
            Err(format!("{pid} runs"))
        } else {
            Ok(())
        }
    })
    .await;
    assert_eq!(personas_in_the_file_alone(&path), vec!["Operations lead"]);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_by_the_command_line_shows_in_the_open_app_and_is_not_undone_over() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;
    app.wait_for_undo("Create persona “Operations lead”").await;

    let csv = sandbox.path().join("crm.csv");
    std::fs::write(
        &csv,
        "Company,Persona,Stage\nAcme,Field engineer,Pilot\nBeta,Field engineer,Pilot\n",
    )
    .unwrap();
    let out = Command::new(cli_binary())
        .arg("--workspace")
        .arg(&path)
        .args(["import", "customers", "--create-missing"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // The app notices by itself: the new persona appears, and undo says why it is gone.
    app.wait_for_text("[data-testid=sidebar-personas] button", "Field engineer")
        .await;
    app.wait_for_text(
        "[data-testid=history-notice]",
        successmap_core::db::CHANGED_ELSEWHERE_NOTICE,
    )
    .await;
    app.wait_for_attr("[data-testid=undo]", "aria-label", "Undo")
        .await;
    app.screenshot("workspace-changed-elsewhere").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn save_a_copy_writes_the_whole_workspace_to_one_file_and_asks_before_replacing() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;
    let copy = sandbox.path().join("handout.successmap");
    app.click("[data-testid=open-save-copy]").await;
    app.fill_save_path("[data-testid=copy-path]", &copy.display().to_string())
        .await;
    app.click("[data-testid=copy-save]").await;
    app.wait_for_text(
        "[data-testid=copy-done]",
        &format!("Saved a copy to {}", copy.display()),
    )
    .await;
    app.screenshot("save-a-copy").await;
    // The copy is one complete file, while the app keeps the workspace open.
    assert!(!companion(&copy, "-wal").exists());
    assert_eq!(personas_in_the_file_alone(&copy), vec!["Operations lead"]);

    // Again to the same name: asked first.
    app.fill_save_path("[data-testid=copy-path]", &copy.display().to_string())
        .await;
    app.click("[data-testid=copy-save]").await;
    app.wait_for_text(
        "[data-testid=copy-exists]",
        &format!(
            "{} already exists. Replace it with this copy, or change the name.",
            copy.display()
        ),
    )
    .await;
    app.quit().await;
}

/// A second launch on a workspace that is already open hands over to the running app
/// (which comes to the front) and ends, so two windows never edit one file.
#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_on_the_same_workspace_hands_over_to_the_running_app() {
    let sandbox = tempfile::tempdir().unwrap();
    let path = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&path)).await;
    app.create_persona("Operations lead").await;
    let first = app_pid(&path).expect("the first app runs");
    let second = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        tokio::process::Command::new(successmap_e2e::app_binary())
            .arg("--workspace")
            .arg(&path)
            .env("XDG_DATA_HOME", sandbox.path().join("data"))
            .env("XDG_CONFIG_HOME", sandbox.path().join("config"))
            .output(),
    )
    .await
    .expect("the second launch ends by itself")
    .unwrap();
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("is open in a running Successmap"), "{said}");
    assert!(process_runs(first), "the first app still runs");
    app.wait_for_text("[data-testid=sidebar-personas] button", "Operations lead")
        .await;
    app.quit().await;
}
