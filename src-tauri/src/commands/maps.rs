use successmap_core::model::{MapView, PersonaId};
use successmap_core::ops;
use tauri::State;

use crate::error::AppError;
use crate::workspace::Workspace;

/// A persona's success map with KPIs, vehicles, moves and customer figures.
#[tauri::command]
#[specta::specta]
pub fn get_map(ws: State<'_, Workspace>, persona_id: PersonaId) -> Result<MapView, AppError> {
    ws.with(|db| db.read(|c| ops::maps::view(c, persona_id)))
}
