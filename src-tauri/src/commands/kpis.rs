use successmap_core::edits;
use successmap_core::model::{Kpi, KpiId, KpiInput, StepId};
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// Adds a KPI to a step; levels must follow its direction.
#[tauri::command]
#[specta::specta]
pub async fn add_kpi(
    ws: State<'_, OpenWorkspace>,
    step_id: StepId,
    input: KpiInput,
) -> Result<Kpi, AppError> {
    ws.run(move |ws| edits::add_kpi(ws, step_id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_kpi(
    ws: State<'_, OpenWorkspace>,
    id: KpiId,
    input: KpiInput,
) -> Result<Kpi, AppError> {
    ws.run(move |ws| edits::update_kpi(ws, id, &input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_kpi(ws: State<'_, OpenWorkspace>, id: KpiId) -> Result<(), AppError> {
    ws.run(move |ws| edits::delete_kpi(ws, id)).await
}
