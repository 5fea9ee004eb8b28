use successmap_core::model::WorkspaceInfo;
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
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
