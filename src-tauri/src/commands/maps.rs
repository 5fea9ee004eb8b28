use successmap_core::model::{MapDetail, PersonaId};
use successmap_core::reads;
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// A persona's success map with KPIs, vehicles, moves and customer figures.
#[tauri::command(async)]
#[specta::specta]
pub fn get_map(ws: State<'_, OpenWorkspace>, persona_id: PersonaId) -> Result<MapDetail, AppError> {
    ws.with(|ws| reads::map(ws, persona_id))
}
