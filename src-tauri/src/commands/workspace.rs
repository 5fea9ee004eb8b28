use successmap_core::model::WorkspaceInfo;
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::menu::{AppMenu, MenuState};
use crate::recent::{Recent, RecentWorkspace};
use crate::workspace::OpenWorkspace;

/// The open workspace: file, name, schema version and counts.
#[tauri::command]
#[specta::specta]
pub async fn workspace_info(ws: State<'_, OpenWorkspace>) -> Result<WorkspaceInfo, AppError> {
    ws.run(reads::info).await
}

/// Fills an empty workspace with the demo personas, maps and customers.
#[tauri::command]
#[specta::specta]
pub async fn load_demo(ws: State<'_, OpenWorkspace>) -> Result<WorkspaceInfo, AppError> {
    ws.run(move |ws| edits::load_demo(ws, now())).await
}

/// Writes a consistent copy of the open workspace to `path` (SQLite's `VACUUM INTO`
/// on a read snapshot; edits go on meanwhile). An existing file is replaced only with
/// `replace` (the UI asks first: error code `file_exists`).
#[tauri::command]
#[specta::specta]
pub async fn save_copy(
    ws: State<'_, OpenWorkspace>,
    path: String,
    replace: bool,
) -> Result<(), AppError> {
    ws.run(move |ws| {
        reads::backup_to(
            ws,
            std::path::Path::new(&path),
            successmap_core::files::Replace::from_force(replace),
        )
    })
    .await
}

/// True when another program changed the workspace since the last call: the UI then
/// reloads what it shows (the undo history was cleared, and says why).
#[tauri::command]
#[specta::specta]
pub async fn changed_elsewhere(ws: State<'_, OpenWorkspace>) -> Result<bool, AppError> {
    ws.run(|ws| ws.changed_elsewhere()).await
}

/// A path to offer for a file the user saves: `file_name` in their documents folder
/// (their home folder when there is none).
#[tauri::command]
#[specta::specta]
pub fn suggest_path(app: tauri::AppHandle, file_name: String) -> Result<String, AppError> {
    use tauri::Manager;
    let dir = app
        .path()
        .document_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| AppError::Internal {
            message: format!("no folder to suggest ({e})"),
        })?;
    let name = std::path::Path::new(&file_name)
        .file_name()
        .map_or_else(|| "export.csv".into(), |n| n.to_string_lossy().into_owned());
    Ok(dir.join(name).display().to_string())
}

/// Opens the workspace file at `path` in place of the open one (File ▸ Open…, Open
/// Recent). A file that is missing, not a workspace or from a newer Successmap is
/// refused with the reason, and the open workspace stays open. The undo history starts
/// fresh with the other file.
#[tauri::command]
#[specta::specta]
pub async fn open_workspace(
    app: tauri::AppHandle,
    path: String,
) -> Result<WorkspaceInfo, AppError> {
    let now = now();
    crate::document::switch(&app, path.into(), move |p| {
        successmap_core::Workspace::open_existing(p, now)
    })
    .await
}

/// Creates a new, empty workspace file at `path` and opens it (File ▸ New workspace…).
/// An existing file is replaced only with `replace` (error code `file_exists` first),
/// and never the open workspace.
#[tauri::command]
#[specta::specta]
pub async fn new_workspace(
    app: tauri::AppHandle,
    ws: State<'_, OpenWorkspace>,
    path: String,
    replace: bool,
) -> Result<WorkspaceInfo, AppError> {
    let now = now();
    let open = ws.path();
    crate::document::switch(&app, path.into(), move |p| {
        successmap_core::Workspace::create(
            p,
            open.as_deref(),
            successmap_core::files::Replace::from_force(replace),
            now,
        )?;
        successmap_core::Workspace::open_existing(p, now)
    })
    .await
}

/// Closes the open workspace (File ▸ Close workspace): the window shows the start screen.
#[tauri::command]
#[specta::specta]
pub async fn close_workspace(app: tauri::AppHandle) -> Result<(), AppError> {
    crate::document::close(&app).await;
    Ok(())
}

/// The workspaces opened last, newest first (File ▸ Open Recent, the start screen).
#[tauri::command]
#[specta::specta]
pub fn recent_workspaces(recent: State<'_, Recent>) -> Result<Vec<RecentWorkspace>, AppError> {
    Ok(recent.entries())
}

/// Takes a workspace off the recent list (the file itself is not touched).
#[tauri::command]
#[specta::specta]
pub fn forget_recent_workspace(
    app: tauri::AppHandle,
    recent: State<'_, Recent>,
    path: String,
) -> Result<Vec<RecentWorkspace>, AppError> {
    recent.remove(std::path::Path::new(&path));
    crate::document::refresh_recent(&app);
    Ok(recent.entries())
}

/// The UI's state, for the menu to enable what applies and name what Undo would do.
#[tauri::command]
#[specta::specta]
pub fn set_menu_state(menu: State<'_, AppMenu>, state: MenuState) -> Result<(), AppError> {
    menu.apply(state);
    Ok(())
}
