use std::path::Path;

use successmap_core::model::{
    Customer, CustomerDetail, CustomerId, CustomerInput, CustomerPage, CustomerQuery,
    PlacementMove, PlacementSource,
};
use successmap_core::{edits, reads};
use tauri::State;

use super::{now, today};
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// A page of the customers a query matches.
#[tauri::command(async)]
#[specta::specta]
pub fn list_customers(
    ws: State<'_, OpenWorkspace>,
    query: CustomerQuery,
    offset: u32,
    limit: u32,
) -> Result<CustomerPage, AppError> {
    ws.with(|ws| reads::customer_page(ws, &query, today(), offset, limit))
}

/// A customer with its names and placement history.
#[tauri::command(async)]
#[specta::specta]
pub fn get_customer(
    ws: State<'_, OpenWorkspace>,
    id: CustomerId,
) -> Result<CustomerDetail, AppError> {
    ws.with(|ws| reads::customer(ws, id))
}

/// Owners named on customers, for the owner filter.
#[tauri::command(async)]
#[specta::specta]
pub fn customer_owners(ws: State<'_, OpenWorkspace>) -> Result<Vec<String>, AppError> {
    ws.with(reads::owners)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_customer(
    ws: State<'_, OpenWorkspace>,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.with(|ws| edits::create_customer(ws, &input, now()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_customer(
    ws: State<'_, OpenWorkspace>,
    id: CustomerId,
    input: CustomerInput,
) -> Result<Customer, AppError> {
    ws.with(|ws| edits::update_customer(ws, id, &input, now()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_customer(ws: State<'_, OpenWorkspace>, id: CustomerId) -> Result<(), AppError> {
    ws.with(|ws| edits::delete_customer(ws, id))
}

/// Moves customers to a step, or sets their target, as one undoable edit. `source` is
/// how the user did it: "drag", "bulk" (many selected in the list) or "edit" (a menu).
#[tauri::command(async)]
#[specta::specta]
pub fn place_customers(
    ws: State<'_, OpenWorkspace>,
    ids: Vec<CustomerId>,
    placement: PlacementMove,
    source: PlacementSource,
) -> Result<u32, AppError> {
    ws.with(|ws| edits::place_customers(ws, &ids, placement, source, now()))
}

/// Writes the customers a query matches to a CSV file; returns how many.
#[tauri::command(async)]
#[specta::specta]
pub fn export_customers(
    ws: State<'_, OpenWorkspace>,
    query: CustomerQuery,
    path: String,
) -> Result<u32, AppError> {
    ws.with(|ws| reads::export_customers_to(ws, &query, today(), Path::new(&path)))
}
