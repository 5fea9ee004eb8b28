use successmap_core::db::history::UndoState;
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// What undo or redo did, and what the buttons say next.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryStep {
    /// The edit that was undone or redone; `None` when there was nothing to do.
    pub label: Option<String>,
    pub state: UndoState,
}

#[tauri::command]
#[specta::specta]
pub fn undo_state(ws: State<'_, Workspace>) -> Result<UndoState, AppError> {
    ws.with(|db| Ok(db.undo_state()))
}

/// Reverts the last edit.
#[tauri::command]
#[specta::specta]
pub fn undo(ws: State<'_, Workspace>) -> Result<HistoryStep, AppError> {
    ws.with(|db| {
        let label = db.undo()?;
        Ok(HistoryStep {
            label,
            state: db.undo_state(),
        })
    })
}

/// Applies the last undone edit again.
#[tauri::command]
#[specta::specta]
pub fn redo(ws: State<'_, Workspace>) -> Result<HistoryStep, AppError> {
    ws.with(|db| {
        let label = db.redo()?;
        Ok(HistoryStep {
            label,
            state: db.undo_state(),
        })
    })
}
