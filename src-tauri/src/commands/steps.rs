use successmap_core::model::{MapId, Step, StepId, StepInput};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// Adds a step at index `at` of the map (`None`: at the end).
#[tauri::command]
#[specta::specta]
pub fn add_step(
    ws: State<'_, Workspace>,
    map_id: MapId,
    input: StepInput,
    at: Option<u32>,
) -> Result<Step, AppError> {
    ws.with(|db| {
        db.edit(format!("Add step “{}”", input.title.trim()), |tx| {
            ops::steps::add(tx, map_id, &input, at, super::now())
        })
    })
}

/// Changes a step's title and outcome.
#[tauri::command]
#[specta::specta]
pub fn update_step(
    ws: State<'_, Workspace>,
    id: StepId,
    input: StepInput,
) -> Result<Step, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit step “{}”", input.title.trim()), |tx| {
            ops::steps::update(tx, id, &input, super::now())
        })
    })
}

/// Moves a step to index `to` of its map; returns the map's steps in their new order.
#[tauri::command]
#[specta::specta]
pub fn reorder_step(ws: State<'_, Workspace>, id: StepId, to: u32) -> Result<Vec<Step>, AppError> {
    ws.with(|db| {
        let step = db.read(|c| db::steps::get(c, id))?;
        db.edit(format!("Move step “{}”", step.title), |tx| {
            ops::steps::reorder(tx, id, to, super::now())
        })
    })
}

/// Deletes a step; refused while customers stand on it or aim at it.
#[tauri::command]
#[specta::specta]
pub fn delete_step(ws: State<'_, Workspace>, id: StepId) -> Result<(), AppError> {
    ws.with(|db| {
        let step = db.read(|c| db::steps::get(c, id))?;
        db.edit(format!("Delete step “{}”", step.title), |tx| {
            ops::steps::delete(tx, id, super::now())
        })
    })
}
