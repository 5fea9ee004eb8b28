//! Versions of a persona's map (save, list, preview, compare, restore) and map templates.

use std::path::Path;

use successmap_core::files::Replace;
use successmap_core::model::{
    MapComparison, MapContent, MapVersion, MapVersionId, Persona, PersonaId, RestoreMove,
    RestorePreview, VersionRef,
};
use successmap_core::versions::template::{GalleryTemplate, MapTemplate};
use successmap_core::{edits, reads};
use tauri::State;

use super::now;
use crate::error::AppError;
use crate::workspace::OpenWorkspace;

/// The saved versions of the persona's map, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_map_versions(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
) -> Result<Vec<MapVersion>, AppError> {
    ws.run(move |ws| reads::map_versions(ws, persona_id)).await
}

/// Saves the persona's map as it is now as a version (undoable).
#[tauri::command]
#[specta::specta]
pub async fn save_map_version(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    name: String,
    note: String,
) -> Result<MapVersion, AppError> {
    ws.run(move |ws| edits::save_version(ws, persona_id, &name, &note, now()))
        .await
}

/// What a saved version holds, for its read-only preview.
#[tauri::command]
#[specta::specta]
pub async fn map_version_content(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    version_id: MapVersionId,
) -> Result<MapContent, AppError> {
    ws.run(move |ws| reads::map_version_content(ws, persona_id, version_id))
        .await
}

/// Two states of the map (versions or now) and what changed from the first to the second.
#[tauri::command]
#[specta::specta]
pub async fn compare_map_versions(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    from: VersionRef,
    to: VersionRef,
) -> Result<MapComparison, AppError> {
    ws.run(move |ws| reads::compare_map_versions(ws, persona_id, from, to))
        .await
}

/// What restoring a version would do: steps that go, their customers, what is lost.
#[tauri::command]
#[specta::specta]
pub async fn restore_preview(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    version_id: MapVersionId,
) -> Result<RestorePreview, AppError> {
    ws.run(move |ws| reads::restore_preview(ws, persona_id, version_id))
        .await
}

/// Restores a version (one undoable edit); customers of the steps it does not have go
/// where `moves` says (refused, code `conflict`, while one has nowhere to go).
#[tauri::command]
#[specta::specta]
pub async fn restore_map_version(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    version_id: MapVersionId,
    moves: Vec<RestoreMove>,
) -> Result<(), AppError> {
    ws.run(move |ws| edits::restore_version(ws, persona_id, version_id, &moves, now()))
        .await
}

/// The built-in map templates offered when creating a persona.
#[tauri::command]
#[specta::specta]
pub async fn template_gallery() -> Result<Vec<GalleryTemplate>, AppError> {
    tauri::async_runtime::spawn_blocking(|| reads::template_gallery(now()))
        .await
        .map_err(|e| AppError::Internal {
            message: format!("the templates could not be listed ({e})"),
        })?
        .map_err(AppError::from)
}

/// Reads and checks a map template file (refused with the reason when it is not one).
#[tauri::command]
#[specta::specta]
pub async fn read_map_template(path: String) -> Result<MapTemplate, AppError> {
    tauri::async_runtime::spawn_blocking(move || reads::read_map_template(Path::new(&path)))
        .await
        .map_err(|e| AppError::Internal {
            message: format!("the template could not be read ({e})"),
        })?
        .map_err(AppError::from)
}

/// Creates a persona with the template's map (undoable; nothing is created when refused).
#[tauri::command]
#[specta::specta]
pub async fn import_map_template(
    ws: State<'_, OpenWorkspace>,
    template: MapTemplate,
    name: Option<String>,
) -> Result<Persona, AppError> {
    ws.run(move |ws| edits::import_map_template(ws, &template, name.as_deref(), now()))
        .await
}

/// Writes the persona's map as a template file; an existing file is replaced only with
/// `replace` (error code `file_exists` first).
#[tauri::command]
#[specta::specta]
pub async fn export_map_template(
    ws: State<'_, OpenWorkspace>,
    persona_id: PersonaId,
    path: String,
    replace: bool,
) -> Result<(), AppError> {
    ws.run(move |ws| {
        reads::export_map_template(
            ws,
            persona_id,
            Path::new(&path),
            Replace::from_force(replace),
        )
        .map(|_| ())
    })
    .await
}
