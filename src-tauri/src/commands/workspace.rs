use successmap_core::model::WorkspaceInfo;
use successmap_core::{demo, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// The open workspace: file, name, schema version and counts.
#[tauri::command]
#[specta::specta]
pub fn workspace_info(ws: State<'_, Workspace>) -> Result<WorkspaceInfo, AppError> {
    ws.with(|db| ops::workspace::info(db))
}

/// Fills an empty workspace with the demo personas, maps and customers.
#[tauri::command]
#[specta::specta]
pub fn load_demo(ws: State<'_, Workspace>) -> Result<WorkspaceInfo, AppError> {
    ws.with(|db| {
        db.write(|tx| {
            demo::build(tx, super::now())?;
            ops::workspace::rename(tx, demo::WORKSPACE_NAME)
        })?;
        ops::workspace::info(db)
    })
}
