//! Tauri commands: thin adapters. Each takes ids or DTOs, makes one call into the
//! core on the open workspace, and maps the error. No rules live here.

pub mod customers;
pub mod evidence;
pub mod history;
pub mod import;
pub mod kpis;
pub mod maps;
pub mod personas;
pub mod segments;
pub mod steps;
pub mod vehicles;
pub mod workspace;

/// The clock, read at the edge: the core takes "now" as an argument.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
