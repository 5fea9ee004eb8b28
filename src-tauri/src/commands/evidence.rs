use successmap_core::model::{
    CustomerId, CustomerKpiValue, KpiLevel, KpiValueInput, PersonaId, SuggestionsView,
};
use successmap_core::{db, ops};
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// How many suggestions a list shows (all are counted, and all are accepted).
const LISTED: usize = 200;

/// The KPIs of a customer's map with the customer's values.
#[tauri::command]
#[specta::specta]
pub fn customer_kpi_values(
    ws: State<'_, Workspace>,
    customer_id: CustomerId,
) -> Result<Vec<CustomerKpiValue>, AppError> {
    ws.with(|db| db.read(|c| ops::evidence::values_of(c, customer_id)))
}

#[tauri::command]
#[specta::specta]
pub fn set_customer_kpi_values(
    ws: State<'_, Workspace>,
    customer_id: CustomerId,
    values: Vec<KpiValueInput>,
) -> Result<(), AppError> {
    ws.with(|db| {
        let customer = db.read(|c| db::customers::get(c, customer_id))?;
        db.edit(format!("Edit KPI values of “{}”", customer.name), |tx| {
            ops::evidence::set_values(tx, customer_id, &values, super::now())
        })
    })
}

/// Customers of a persona placed elsewhere than their KPI values suggest.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn placement_suggestions(
    ws: State<'_, Workspace>,
    persona_id: PersonaId,
    level: KpiLevel,
) -> Result<SuggestionsView, AppError> {
    ws.with(|db| db.read(|c| ops::evidence::suggestions(c, persona_id, level, LISTED)))
}

/// Moves every such customer to its suggested step, as one edit; returns how many moved.
// Runs off the main thread: at a million customers it can take a moment.
#[tauri::command(async)]
#[specta::specta]
pub fn accept_suggestions(
    ws: State<'_, Workspace>,
    persona_id: PersonaId,
    level: KpiLevel,
) -> Result<u32, AppError> {
    ws.with(|db| {
        // Computed once: the edit's label names how many move, the edit moves them.
        let listed = db
            .read(|c| ops::evidence::suggestions(c, persona_id, level, usize::MAX))?
            .suggestions;
        let count = listed.len();
        db.edit(
            format!(
                "Move {count} customer{} to their suggested steps",
                if count == 1 { "" } else { "s" }
            ),
            |tx| ops::evidence::move_to_suggested(tx, &listed, super::now()),
        )
    })
}
