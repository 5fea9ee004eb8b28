use successmap_core::model::{MapDetail, PersonaId};
use successmap_core::reads;
use tauri::State;

use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// A persona's success map with KPIs, vehicles, moves and customer figures.
#[tauri::command]
#[specta::specta]
pub async fn get_map(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
) -> Result<MapDetail, AppError> {
    ws.run(move |ws| reads::map(ws, persona_id)).await
}
