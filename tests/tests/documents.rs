#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The workspace as a document: New, Close, Open Recent and Save a copy from the File
//! menu, the file's name in the window title, undo through the Edit menu, and the last
//! workspace opened again at the next start. Run with `make e2e`.
//!
//! WebDriver cannot reach a native menu, so the menu is driven by its accelerators, sent
//! through the X server (xdotool) as a keyboard would: GTK hands them to the menu, which
//! sends the item to the page, the menu's one path. Items without a key (an Open Recent
//! entry) are reached through the same action on the start screen.

use std::path::Path;

use successmap_e2e::{app_pid, press_in_window, window_titles, App, Launch};

/// Personas stored in the workspace file, read by another connection.
fn personas_in(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM persona ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

async fn menu_keys(pid: u32, keys: &str) {
    press_in_window(pid, keys).unwrap();
}

async fn title_is(pid: u32, title: &str) {
    App::eventually(&format!("the window title {title:?}"), || async {
        let titles = window_titles(pid);
        if titles.iter().any(|t| t == title) {
            Ok(())
        } else {
            Err(format!("the window titles are {titles:?}"))
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn new_close_open_recent_and_save_a_copy_through_the_file_menu() {
    let sandbox = tempfile::tempdir().unwrap();
    let team = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&team)).await;
    app.create_persona("Operations lead").await;
    let pid = app_pid(&team).expect("the app runs");
    title_is(pid, "team.successmap — Successmap").await;

    // File ▸ New workspace… (Ctrl+N): a name typed without extension gets `.successmap`.
    menu_keys(pid, "ctrl+n").await;
    app.wait_for("[data-testid=new-workspace-dialog]").await;
    let fresh = sandbox.path().join("fresh.successmap");
    app.fill_save_path(
        "[data-testid=new-workspace-path]",
        &sandbox.path().join("fresh").display().to_string(),
    )
    .await;
    app.screenshot("new-workspace").await;
    app.click("[data-testid=new-workspace-save]").await;
    app.wait_for_text("[data-testid=workspace-name]", "fresh")
        .await;
    app.wait_for("[data-testid=personas-empty]").await;
    title_is(pid, "fresh.successmap — Successmap").await;
    assert!(fresh.is_file(), "the new workspace is a file of its own");
    // The other workspace was closed whole: its file alone holds its persona.
    assert_eq!(personas_in(&team), ["Operations lead"]);

    // An edit in the new workspace, undone through Edit ▸ Undo (Ctrl+Z): its history
    // starts with this file.
    app.create_persona("Field engineer").await;
    app.wait_for_undo("Create persona “Field engineer”").await;
    app.click("[data-testid=sidebar-personas] button").await;
    menu_keys(pid, "ctrl+z").await;
    app.wait_for("[data-testid=personas-empty]").await;

    // File ▸ Close workspace (Ctrl+W): the start screen lists both, newest first.
    menu_keys(pid, "ctrl+w").await;
    app.wait_for("[data-testid=start-screen]").await;
    title_is(pid, "Successmap").await;
    app.wait_for_texts("[data-testid=recent-item] .recent-name", &["fresh", "team"])
        .await;
    app.screenshot("start-screen").await;
    // Open Recent: the first workspace again, as it was.
    app.click("[data-testid=recent-item]:nth-child(2) .recent-open")
        .await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Operations lead")
        .await;
    title_is(pid, "team.successmap — Successmap").await;

    // File ▸ Save a copy… (Ctrl+Shift+S), then open the copy.
    menu_keys(pid, "ctrl+shift+s").await;
    let copy = sandbox.path().join("handout.successmap");
    app.fill_save_path("[data-testid=copy-path]", &copy.display().to_string())
        .await;
    app.click("[data-testid=copy-save]").await;
    app.wait_for("[data-testid=copy-done]").await;
    app.click("[data-testid=copy-done-action]").await;
    app.wait_for_text("[data-testid=status-path]", &copy.display().to_string())
        .await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Operations lead")
        .await;
    title_is(pid, "handout.successmap — Successmap").await;
    app.quit().await;

    // The next start without a file named opens the last workspace used.
    let app = App::start(sandbox.path(), Launch::default()).await;
    app.wait_for_text("[data-testid=status-path]", &copy.display().to_string())
        .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recent_file_that_is_not_a_workspace_is_explained_and_the_open_one_stays() {
    let sandbox = tempfile::tempdir().unwrap();
    let team = sandbox.path().join("team.successmap");
    let notes = sandbox.path().join("notes.successmap");
    // Opened once as a workspace, then replaced by something else.
    let app = App::start(sandbox.path(), Launch::workspace(&notes)).await;
    app.close_window(&notes).await;
    std::fs::write(&notes, "not a workspace\n".repeat(50)).unwrap();
    let app = App::start(sandbox.path(), Launch::workspace(&team)).await;
    app.create_persona("Operations lead").await;
    let pid = app_pid(&team).expect("the app runs");
    menu_keys(pid, "ctrl+w").await;
    app.wait_for("[data-testid=start-screen]").await;
    app.click("[data-testid=recent-item]:nth-child(2) .recent-open")
        .await;
    let error = app.wait_for("[data-testid=start-error]").await;
    let text = app.text_of(&error).await;
    assert!(text.contains("is not a Successmap workspace"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "not a workspace\n".repeat(50),
        "the file was left as it was"
    );
    // The workspace that works opens from the same list.
    app.click("[data-testid=recent-item]:nth-child(1) .recent-open")
        .await;
    app.wait_for_text("[data-testid=sidebar-personas] button", "Operations lead")
        .await;
    app.quit().await;
}

/// Ctrl+Z reaches the menu's Undo through GTK before the page: in a text field it still
/// undoes the typing, never the last edit of the workspace.
#[tokio::test(flavor = "multi_thread")]
async fn ctrl_z_in_a_text_field_undoes_the_typing_not_the_last_edit() {
    let sandbox = tempfile::tempdir().unwrap();
    let team = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&team)).await;
    app.create_persona("Operations lead").await;
    app.wait_for_undo("Create persona “Operations lead”").await;
    let pid = app_pid(&team).expect("the app runs");

    app.click("[data-testid=new-persona]").await;
    let field = app
        .wait_for("[data-testid=persona-form] input[name=name]")
        .await;
    field.send_keys("Field engineer").await.unwrap();
    menu_keys(pid, "ctrl+z").await;
    App::eventually("the field's typing to be undone", || async {
        let value = field.prop("value").await.map_err(|e| e.to_string())?;
        if value.as_deref() == Some("Field engineer") {
            Err("the field still holds what was typed".to_string())
        } else {
            Ok(())
        }
    })
    .await;
    // The workspace's last edit is still there, and still the one to undo.
    app.wait_for_undo("Create persona “Operations lead”").await;
    assert_eq!(
        app.texts("[data-testid=sidebar-personas] button").await,
        ["Operations lead"]
    );
    app.quit().await;
}

/// The window comes back with the size it was left at (kept in the app's config folder).
#[tokio::test(flavor = "multi_thread")]
async fn the_window_comes_back_with_the_size_it_was_left_at() {
    use successmap_e2e::{resize_window, window_size};
    let sandbox = tempfile::tempdir().unwrap();
    let team = sandbox.path().join("team.successmap");
    let app = App::start(sandbox.path(), Launch::workspace(&team)).await;
    let pid = app_pid(&team).expect("the app runs");
    // The session can exist a moment before the window manager shows the window.
    let first = App::eventually("the window to be shown", || async {
        window_size(pid).ok_or_else(|| "no visible window yet".to_string())
    })
    .await;
    let wanted = (first.0 - 200, first.1 - 120);
    resize_window(pid, wanted.0, wanted.1).unwrap();
    App::eventually("the window to take its new size", || async {
        match window_size(pid) {
            Some(size) if size == wanted => Ok(()),
            other => Err(format!("the window is {other:?}")),
        }
    })
    .await;
    app.close_window(&team).await;

    let app = App::start(sandbox.path(), Launch::workspace(&team)).await;
    let pid = app_pid(&team).expect("the app runs again");
    App::eventually("the window to open at the size it was left at", || async {
        match window_size(pid) {
            Some(size) if size == wanted => Ok(()),
            other => Err(format!("the window is {other:?}, not {wanted:?}")),
        }
    })
    .await;
    app.quit().await;
}
