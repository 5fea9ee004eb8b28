//! Tauri commands: thin adapters. Each takes ids or DTOs and makes one call into the
//! core's edit or read API on the open workspace; the error is mapped for IPC. No rules
//! and no labels live here. Every command touching the workspace is an `async fn` whose
//! core call runs on the blocking pool (`OpenWorkspace::run`): off the main thread, and
//! off the async runtime's workers, so a long read never holds up the window or an edit.

pub mod customers;
pub mod evidence;
pub mod import;
pub mod kpis;
pub mod maps;
pub mod personas;
pub mod present;
pub mod segments;
pub mod steps;
pub mod undo;
pub mod vehicles;
pub mod versions;
pub mod workspace;

/// The clock, read at the edge: the core takes "now" as an argument.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Today in the user's time zone (renewal windows, stalled days).
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
