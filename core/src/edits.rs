//! Every change a user makes to a workspace, from the app or the command line: each
//! function names the edit (the label the undo button shows), applies its rules, runs
//! it on the writer as one undoable step and returns what a screen needs. The Tauri
//! commands and the CLI subcommands are one call into this module each.
//!
//! Together with [`crate::reads`] this is the seam of the storage engine: nothing here
//! hands a client a connection, a transaction or an undo session.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};

pub use crate::db::undo::UndoState;
use crate::db::{customers, kpis, personas, segments, steps, vehicles, workshop_notes};
use crate::error::{CoreError, CoreResult};
use crate::import::{self, Control, Mode, Table};
use crate::model::{
    Attachment, AttachmentId, AttachmentTarget, Customer, CustomerId, CustomerInput,
    CustomersOnDelete, HistoryOptions, HistoryReport, ImportOptions, ImportReport, Kpi, KpiId,
    KpiInput, KpiLevel, KpiValueInput, MapId, MapVersion, MapVersionId, Persona, PersonaId,
    PersonaInput, PlacementMove, PlacementSource, RestoreMove, SavedSegment, SavedSegmentInput,
    SegmentId, Step, StepId, StepInput, Vehicle, VehicleId, VehicleInput, WorkshopNote,
    WorkshopNoteId, WorkshopNoteInput, WorkspaceInfo,
};
use crate::versions::template::MapTemplate;
use crate::workspace::Workspace;
use crate::{demo, ops, reads};

/// What the writer is said to be doing during an ordinary edit.
const SAVING: &str = "saving a change";

/// Runs `f` as one undoable edit labelled `label`.
fn edit<T>(
    ws: &Workspace,
    label: String,
    f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
) -> CoreResult<T> {
    ws.write(SAVING, |db| db.edit(label, f))
}

/// Like [`edit`], with a label worded from what is stored (the name of what is deleted).
fn edit_named<T>(
    ws: &Workspace,
    label: impl FnOnce(&Connection) -> CoreResult<String>,
    f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
) -> CoreResult<T> {
    ws.write(SAVING, |db| {
        let label = db.read(label)?;
        db.edit(label, f)
    })
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

// Workspace ---------------------------------------------------------------------------

/// Fills an empty workspace with the demo personas, maps and customers, and gives it
/// the demo's name. Not undoable (it clears the undo history).
pub fn load_demo(ws: &Workspace, now: DateTime<Utc>) -> CoreResult<WorkspaceInfo> {
    ws.write("loading the demo", |db| {
        db.write(|tx| {
            if !ops::workspace::is_empty(tx)? {
                return Err(CoreError::Conflict(
                    "the workspace already has personas; the demo only goes into an empty workspace"
                        .to_string(),
                ));
            }
            demo::build(tx, now)?;
            ops::workspace::rename(tx, demo::WORKSPACE_NAME)
        })
    })?;
    reads::info(ws)
}

/// What undo or redo did, and what the buttons say next.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UndoStep {
    /// The edit that was undone or redone; `None` when there was nothing to do.
    pub label: Option<String>,
    pub state: UndoState,
}

/// Reverts the last edit.
pub fn undo(ws: &Workspace) -> CoreResult<UndoStep> {
    let activity = match ws.undo_state()?.undo_label {
        Some(label) => format!("undoing “{label}”"),
        None => SAVING.to_string(),
    };
    ws.write(&activity, |db| {
        let label = db.undo()?;
        Ok(UndoStep {
            label,
            state: db.undo_state(),
        })
    })
}

/// Applies the last undone edit again.
pub fn redo(ws: &Workspace) -> CoreResult<UndoStep> {
    let activity = match ws.undo_state()?.redo_label {
        Some(label) => format!("redoing “{label}”"),
        None => SAVING.to_string(),
    };
    ws.write(&activity, |db| {
        let label = db.redo()?;
        Ok(UndoStep {
            label,
            state: db.undo_state(),
        })
    })
}

// Personas ----------------------------------------------------------------------------

pub fn create_persona(
    ws: &Workspace,
    input: &PersonaInput,
    now: DateTime<Utc>,
) -> CoreResult<Persona> {
    edit(
        ws,
        format!("Create persona “{}”", input.name.trim()),
        |tx| ops::personas::create(tx, input, now),
    )
}

pub fn update_persona(
    ws: &Workspace,
    id: PersonaId,
    input: &PersonaInput,
    now: DateTime<Utc>,
) -> CoreResult<Persona> {
    edit(
        ws,
        format!("Edit persona “{}”", input.name.trim()),
        |tx| ops::personas::update(tx, id, input, now),
    )
}

/// Deletes a persona and its map; `customers` says what happens to its customers.
pub fn delete_persona(
    ws: &Workspace,
    id: PersonaId,
    customers: CustomersOnDelete,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete persona “{}”", personas::get(c, id)?.name)),
        |tx| ops::personas::delete(tx, id, customers, now),
    )
}

// Steps -------------------------------------------------------------------------------

/// Adds a step at index `at` of the map (`None`: at the end).
pub fn add_step(
    ws: &Workspace,
    map_id: MapId,
    input: &StepInput,
    at: Option<u32>,
    now: DateTime<Utc>,
) -> CoreResult<Step> {
    edit(ws, format!("Add step “{}”", input.title.trim()), |tx| {
        ops::steps::add(tx, map_id, input, at, now)
    })
}

pub fn update_step(
    ws: &Workspace,
    id: StepId,
    input: &StepInput,
    now: DateTime<Utc>,
) -> CoreResult<Step> {
    edit(ws, format!("Edit step “{}”", input.title.trim()), |tx| {
        ops::steps::update(tx, id, input, now)
    })
}

/// Moves a step to index `to` of its map; returns the map's steps in their new order.
pub fn reorder_step(
    ws: &Workspace,
    id: StepId,
    to: u32,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Step>> {
    edit_named(
        ws,
        |c| Ok(format!("Move step “{}”", steps::get(c, id)?.title)),
        |tx| ops::steps::reorder(tx, id, to, now),
    )
}

/// Deletes a step; refused while customers stand on it or aim at it.
pub fn delete_step(ws: &Workspace, id: StepId, now: DateTime<Utc>) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete step “{}”", steps::get(c, id)?.title)),
        |tx| ops::steps::delete(tx, id, now),
    )
}

// KPIs --------------------------------------------------------------------------------

/// Adds a KPI to a step; its levels must follow its direction.
pub fn add_kpi(ws: &Workspace, step_id: StepId, input: &KpiInput) -> CoreResult<Kpi> {
    edit(ws, format!("Add KPI “{}”", input.name.trim()), |tx| {
        ops::kpis::add(tx, step_id, input)
    })
}

pub fn update_kpi(ws: &Workspace, id: KpiId, input: &KpiInput) -> CoreResult<Kpi> {
    edit(ws, format!("Edit KPI “{}”", input.name.trim()), |tx| {
        ops::kpis::update(tx, id, input)
    })
}

pub fn delete_kpi(ws: &Workspace, id: KpiId) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete KPI “{}”", kpis::get(c, id)?.name)),
        |tx| ops::kpis::delete(tx, id),
    )
}

// Vehicles ----------------------------------------------------------------------------

pub fn create_vehicle(ws: &Workspace, input: &VehicleInput) -> CoreResult<Vehicle> {
    edit(
        ws,
        format!("Create vehicle “{}”", input.name.trim()),
        |tx| ops::vehicles::create(tx, input),
    )
}

pub fn update_vehicle(ws: &Workspace, id: VehicleId, input: &VehicleInput) -> CoreResult<Vehicle> {
    edit(
        ws,
        format!("Edit vehicle “{}”", input.name.trim()),
        |tx| ops::vehicles::update(tx, id, input),
    )
}

/// Deletes a vehicle from the catalogue and from every map it was attached to.
pub fn delete_vehicle(ws: &Workspace, id: VehicleId) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete vehicle “{}”", vehicles::get(c, id)?.name)),
        |tx| ops::vehicles::delete(tx, id),
    )
}

/// Attaches a vehicle to a step or to the move between two consecutive steps.
pub fn attach_vehicle(
    ws: &Workspace,
    vehicle_id: VehicleId,
    target: AttachmentTarget,
) -> CoreResult<Attachment> {
    edit_named(
        ws,
        |c| Ok(format!("Attach “{}”", vehicles::get(c, vehicle_id)?.name)),
        |tx| ops::vehicles::attach(tx, vehicle_id, target),
    )
}

pub fn detach_vehicle(ws: &Workspace, id: AttachmentId) -> CoreResult<()> {
    edit(ws, "Remove a vehicle from the map".to_string(), |tx| {
        ops::vehicles::detach(tx, id)
    })
}

// Workshop notes ----------------------------------------------------------------------

/// Notes an idea or decision on a step or move ("Note idea “Pair new users…”").
pub fn add_workshop_note(
    ws: &Workspace,
    input: &WorkshopNoteInput,
    now: DateTime<Utc>,
) -> CoreResult<WorkshopNote> {
    edit(
        ws,
        format!(
            "Note {} “{}”",
            input.kind.as_str(),
            short_label(input.text.trim())
        ),
        |tx| ops::workshop::add(tx, input, now),
    )
}

pub fn delete_workshop_note(ws: &Workspace, id: WorkshopNoteId) -> CoreResult<()> {
    edit_named(
        ws,
        |c| {
            let note = workshop_notes::get(c, id)?;
            Ok(format!(
                "Delete {} “{}”",
                note.kind.as_str(),
                short_label(&note.text)
            ))
        },
        |tx| ops::workshop::delete(tx, id),
    )
}

/// At most 40 characters of a text for an edit's label, "…" where it was cut.
fn short_label(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= 40 && line.len() == text.len() {
        line.to_string()
    } else {
        let cut: String = line.chars().take(40).collect();
        format!("{}…", cut.trim_end())
    }
}

// Customers ---------------------------------------------------------------------------

pub fn create_customer(
    ws: &Workspace,
    input: &CustomerInput,
    now: DateTime<Utc>,
) -> CoreResult<Customer> {
    edit(
        ws,
        format!("Add customer “{}”", input.name.trim()),
        |tx| ops::customers::create(tx, input, PlacementSource::Created, now),
    )
}

pub fn update_customer(
    ws: &Workspace,
    id: CustomerId,
    input: &CustomerInput,
    now: DateTime<Utc>,
) -> CoreResult<Customer> {
    edit(
        ws,
        format!("Edit customer “{}”", input.name.trim()),
        |tx| ops::customers::update(tx, id, input, PlacementSource::Edit, now),
    )
}

pub fn delete_customer(ws: &Workspace, id: CustomerId) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete customer “{}”", customers::get(c, id)?.name)),
        |tx| ops::customers::delete(tx, id),
    )
}

/// Moves customers to a step, or sets their target, as one undoable edit. `source` is
/// how the user did it: a drag, a bulk action on selected rows, or a menu ("edit");
/// the other sources belong to imports and rules. Returns how many changed.
pub fn place_customers(
    ws: &Workspace,
    ids: &[CustomerId],
    placement: PlacementMove,
    source: PlacementSource,
    now: DateTime<Utc>,
) -> CoreResult<u32> {
    if !matches!(
        source,
        PlacementSource::Drag | PlacementSource::Bulk | PlacementSource::Edit
    ) {
        return Err(CoreError::invalid(
            "source",
            "a placement made by hand is a drag, a bulk move or an edit",
        ));
    }
    edit_named(
        ws,
        |c| ops::customers::placement_label(c, ids, placement),
        |tx| ops::customers::place(tx, ids, placement, source, now),
    )
}

/// Sets a customer's values of its map's KPIs.
pub fn set_customer_kpi_values(
    ws: &Workspace,
    customer_id: CustomerId,
    values: &[KpiValueInput],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    edit_named(
        ws,
        |c| {
            Ok(format!(
                "Edit KPI values of “{}”",
                customers::get(c, customer_id)?.name
            ))
        },
        |tx| ops::evidence::set_values(tx, customer_id, values, now),
    )
}

/// Moves every customer of the persona placed elsewhere than its KPI values suggest to
/// the suggested step, as one edit (history source "rule"); returns how many moved.
pub fn accept_suggestions(
    ws: &Workspace,
    persona_id: PersonaId,
    level: KpiLevel,
    now: DateTime<Utc>,
) -> CoreResult<u32> {
    ws.write(SAVING, |db| {
        // Computed once: the label counts the customers the edit moves.
        let listed = db
            .read(|c| ops::evidence::suggestions(c, persona_id, level, usize::MAX))?
            .suggestions;
        let label = format!(
            "Move {} to their suggested steps",
            plural(listed.len(), "customer", "customers")
        );
        db.edit(label, |tx| {
            if !listed.is_empty() {
                let map_id = personas::get(tx, persona_id)?.map_id;
                crate::versions::save_automatic(tx, map_id, "accepting suggested steps", now)?;
            }
            ops::evidence::move_to_suggested(tx, &listed, now)
        })
    })
}

// Saved segments ----------------------------------------------------------------------

pub fn save_segment(
    ws: &Workspace,
    input: &SavedSegmentInput,
    now: DateTime<Utc>,
) -> CoreResult<SavedSegment> {
    edit(
        ws,
        format!("Save segment “{}”", input.name.trim()),
        |tx| ops::segments::save(tx, input, now),
    )
}

pub fn update_segment(
    ws: &Workspace,
    id: SegmentId,
    input: &SavedSegmentInput,
    now: DateTime<Utc>,
) -> CoreResult<SavedSegment> {
    edit(
        ws,
        format!("Edit segment “{}”", input.name.trim()),
        |tx| ops::segments::update(tx, id, input, now),
    )
}

pub fn delete_segment(ws: &Workspace, id: SegmentId) -> CoreResult<()> {
    edit_named(
        ws,
        |c| Ok(format!("Delete segment “{}”", segments::get(c, id)?.name)),
        |tx| ops::segments::delete(tx, id),
    )
}

// Import ------------------------------------------------------------------------------

/// How an import writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportWrite {
    /// Keep the column choices for the next file with the same headers.
    pub remember_mapping: bool,
    /// Write nothing when any row is rejected.
    pub all_or_nothing: bool,
    /// Keep the import on the undo stack (the app). A one-shot client (the CLI) has no
    /// undo to offer, and a million-row import's change set takes hundreds of MB.
    pub undoable: bool,
}

/// Imports a stage history file (read from `file`) into the placement history as one
/// undoable edit; with `remember`, keeps the stage choices for the next file.
pub fn import_history(
    ws: &Workspace,
    file: &Path,
    table: &Table,
    options: &HistoryOptions,
    how: ImportWrite,
    control: Control<'_>,
    now: DateTime<Utc>,
) -> CoreResult<HistoryReport> {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let run = |tx: &Transaction<'_>| {
        let mut report = import::history::run(tx, table, options, Mode::Write { now }, control)?;
        let commit = !(how.all_or_nothing && report.rejected_rows > 0);
        report.written = commit;
        if commit && how.remember_mapping {
            import::history::remember_stages(tx, &options.stages)?;
        }
        Ok((report, commit))
    };
    ws.write(&format!("importing stage history from “{name}”"), |db| {
        if how.undoable {
            db.edit_if(format!("Import stage history from “{name}”"), run)
        } else {
            db.write_if(run)
        }
    })
}

/// Imports the valid rows of `table` (read from `file`) as one undoable edit; while it
/// runs, other edits are refused as busy ("importing customers from “crm.csv”").
pub fn import_customers(
    ws: &Workspace,
    file: &Path,
    table: &Table,
    options: &ImportOptions,
    how: ImportWrite,
    control: Control<'_>,
    now: DateTime<Utc>,
) -> CoreResult<ImportReport> {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let run = |tx: &Transaction<'_>| {
        let mut report = import::run(tx, table, options, Mode::Write { now }, control)?;
        let commit = !(how.all_or_nothing && report.rejected_rows > 0);
        report.written = commit;
        if commit && how.remember_mapping {
            import::remember_mapping(tx, &table.headers, &options.mapping)?;
        }
        Ok((report, commit))
    };
    ws.write(&format!("importing customers from “{name}”"), |db| {
        if how.undoable {
            db.edit_if(format!("Import customers from “{name}”"), run)
        } else {
            db.write_if(run)
        }
    })
}

// Map versions ------------------------------------------------------------------------

/// Saves the persona's map as it is now as a version named `name`, with `note`.
pub fn save_version(
    ws: &Workspace,
    persona: PersonaId,
    name: &str,
    note: &str,
    now: DateTime<Utc>,
) -> CoreResult<MapVersion> {
    edit(ws, format!("Save version “{}”", name.trim()), |tx| {
        let map_id = personas::get(tx, persona)?.map_id;
        crate::versions::save(tx, map_id, name, note, now)
    })
}

/// Restores a version of the persona's map (one undoable edit), moving the customers of
/// the steps it does not have as `moves` says; a version of the map as it was is saved
/// first.
pub fn restore_version(
    ws: &Workspace,
    persona: PersonaId,
    version: MapVersionId,
    moves: &[RestoreMove],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    edit_named(
        ws,
        |c| {
            Ok(format!(
                "Restore version “{}”",
                crate::db::map_versions::get(c, version)?.name
            ))
        },
        |tx| {
            let map_id = personas::get(tx, persona)?.map_id;
            crate::versions::restore(tx, map_id, version, moves, now)
        },
    )
}

// Map templates -----------------------------------------------------------------------

/// Creates a persona with the template's map (named `name`, else as the template says),
/// as one undoable edit: a refusal leaves nothing half-created.
pub fn import_map_template(
    ws: &Workspace,
    template: &MapTemplate,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<Persona> {
    let shown = name.unwrap_or(&template.persona.name).trim().to_string();
    edit(
        ws,
        format!("Create persona “{shown}” from a template"),
        |tx| crate::versions::template::import(tx, template, name, now),
    )
}
