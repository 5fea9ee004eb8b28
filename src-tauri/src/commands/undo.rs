use successmap_core::edits::{self, UndoState, UndoStep};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// What the undo and redo buttons say (answers while a long edit runs).
#[tauri::command(async)]
#[specta::specta]
pub fn undo_state(ws: State<'_, OpenWorkspace>) -> Result<UndoState, AppError> {
    ws.with(|ws| ws.undo_state())
}

/// Reverts the last edit.
#[tauri::command(async)]
#[specta::specta]
pub fn undo(ws: State<'_, OpenWorkspace>) -> Result<UndoStep, AppError> {
    ws.with(edits::undo)
}

/// Applies the last undone edit again.
#[tauri::command(async)]
#[specta::specta]
pub fn redo(ws: State<'_, OpenWorkspace>) -> Result<UndoStep, AppError> {
    ws.with(edits::redo)
}
