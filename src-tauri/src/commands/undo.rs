use successmap_core::edits::{self, UndoState, UndoStep};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// What the undo and redo buttons say (answers while a long edit runs).
#[tauri::command]
#[specta::specta]
pub async fn undo_state(ws: State<'_, OpenWorkspace>) -> Result<UndoState, AppError> {
    ws.run(move |ws| ws.undo_state()).await
}

/// Reverts the last edit.
#[tauri::command]
#[specta::specta]
pub async fn undo(ws: State<'_, OpenWorkspace>) -> Result<UndoStep, AppError> {
    ws.run(edits::undo).await
}

/// Applies the last undone edit again.
#[tauri::command]
#[specta::specta]
pub async fn redo(ws: State<'_, OpenWorkspace>) -> Result<UndoStep, AppError> {
    ws.run(edits::redo).await
}
