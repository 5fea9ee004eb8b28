use successmap_core::model::{
    CustomerId, CustomerKpiValue, KpiLevel, KpiValueInput, PersonaId, SuggestionsView,
};
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// How many suggestions a list shows (all are counted, and all are accepted).
const LISTED: usize = 200;

/// The KPIs of a customer's map with the customer's values.
#[tauri::command]
#[specta::specta]
pub async fn customer_kpi_values(
    ws: State<'_, OpenWorkspace>,
    customer_id: CustomerId,
) -> Result<Vec<CustomerKpiValue>, AppError> {
    ws.run(move |ws| reads::customer_kpi_values(ws, customer_id))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_customer_kpi_values(
    ws: State<'_, OpenWorkspace>,
    customer_id: CustomerId,
    values: Vec<KpiValueInput>,
) -> Result<(), AppError> {
    ws.run(move |ws| edits::set_customer_kpi_values(ws, customer_id, &values, now()))
        .await
}

/// Customers of a persona placed elsewhere than their KPI values suggest.
#[tauri::command]
#[specta::specta]
pub async fn placement_suggestions(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    level: KpiLevel,
) -> Result<SuggestionsView, AppError> {
    ws.run(move |ws| reads::placement_suggestions(ws, persona_id, level, LISTED))
        .await
}

/// Moves every such customer to its suggested step, as one edit; returns how many moved.
#[tauri::command]
#[specta::specta]
pub async fn accept_suggestions(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    level: KpiLevel,
) -> Result<u32, AppError> {
    ws.run(move |ws| edits::accept_suggestions(ws, persona_id, level, now()))
        .await
}
