use successmap_core::edits;
use successmap_core::model::{Kpi, KpiId, KpiInput, StepId};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// Adds a KPI to a step; levels must follow its direction.
#[tauri::command(async)]
#[specta::specta]
pub fn add_kpi(
    ws: State<'_, OpenWorkspace>,
    step_id: StepId,
    input: KpiInput,
) -> Result<Kpi, AppError> {
    ws.with(|ws| edits::add_kpi(ws, step_id, &input))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_kpi(
    ws: State<'_, OpenWorkspace>,
    id: KpiId,
    input: KpiInput,
) -> Result<Kpi, AppError> {
    ws.with(|ws| edits::update_kpi(ws, id, &input))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_kpi(ws: State<'_, OpenWorkspace>, id: KpiId) -> Result<(), AppError> {
    ws.with(|ws| edits::delete_kpi(ws, id))
}
