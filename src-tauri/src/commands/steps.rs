use successmap_core::edits;
use successmap_core::model::{MapId, Step, StepId, StepInput};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// Adds a step at index `at` of the map (`None`: at the end).
#[tauri::command]
#[specta::specta]
pub async fn add_step(
    ws: State<'_, OpenWorkspace>,
    map_id: MapId,
    input: StepInput,
    at: Option<u32>,
) -> Result<Step, AppError> {
    ws.run(move |ws| edits::add_step(ws, map_id, &input, at, now()))
        .await
}

/// Changes a step's title and outcome.
#[tauri::command]
#[specta::specta]
pub async fn update_step(
    ws: State<'_, OpenWorkspace>,
    id: StepId,
    input: StepInput,
) -> Result<Step, AppError> {
    ws.run(move |ws| edits::update_step(ws, id, &input, now()))
        .await
}

/// Moves a step to index `to` of its map; returns the map's steps in their new order.
#[tauri::command]
#[specta::specta]
pub async fn reorder_step(
    ws: State<'_, OpenWorkspace>,
    id: StepId,
    to: u32,
) -> Result<Vec<Step>, AppError> {
    ws.run(move |ws| edits::reorder_step(ws, id, to, now()))
        .await
}

/// Deletes a step; refused while customers stand on it or aim at it.
#[tauri::command]
#[specta::specta]
pub async fn delete_step(ws: State<'_, OpenWorkspace>, id: StepId) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_step(ws, id, now())).await
}
