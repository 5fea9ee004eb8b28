use successmap_core::model::{Kpi, KpiId, KpiInput, StepId};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// Adds a KPI to a step; levels must follow its direction.
#[tauri::command]
#[specta::specta]
pub fn add_kpi(
    ws: State<'_, Workspace>,
    step_id: StepId,
    input: KpiInput,
) -> Result<Kpi, AppError> {
    ws.with(|db| {
        db.edit(format!("Add KPI “{}”", input.name.trim()), |tx| {
            ops::kpis::add(tx, step_id, &input)
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn update_kpi(ws: State<'_, Workspace>, id: KpiId, input: KpiInput) -> Result<Kpi, AppError> {
    ws.with(|db| {
        db.edit(format!("Edit KPI “{}”", input.name.trim()), |tx| {
            ops::kpis::update(tx, id, &input)
        })
    })
}

#[tauri::command]
#[specta::specta]
pub fn delete_kpi(ws: State<'_, Workspace>, id: KpiId) -> Result<(), AppError> {
    ws.with(|db| {
        let kpi = db.read(|c| db::kpis::get(c, id))?;
        db.edit(format!("Delete KPI “{}”", kpi.name), |tx| {
            ops::kpis::delete(tx, id)
        })
    })
}
