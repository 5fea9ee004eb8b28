//! Steps of a success map: add (at the end or between two steps), edit, reorder, delete.
//!
//! Rules: titles are unique within a map (case-insensitive); a step that customers
//! stand on or aim at cannot be deleted until they are moved.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::{customers, maps, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, Step, StepId, StepInput};
use crate::ops::{positions, vehicles};
use crate::{time, validate};

/// A step's texts, checked.
struct StepText {
    title: String,
    outcome: String,
    notes: String,
}

/// The checked texts of `input`; notes it does not give stay `kept`.
fn check(input: &StepInput, kept: &str) -> CoreResult<StepText> {
    Ok(StepText {
        title: validate::name("title", "Step title", &input.title)?,
        outcome: validate::text("outcome", "Outcome", &input.outcome)?,
        notes: validate::text("notes", "Notes", input.notes.as_deref().unwrap_or(kept))?,
    })
}

fn write_order(conn: &Connection, map_id: MapId, order: &[StepId]) -> CoreResult<()> {
    let stored: Vec<(StepId, i32)> = steps::list_for_map(conn, map_id)?
        .into_iter()
        .map(|s| (s.id, s.position))
        .collect();
    for (id, position) in positions::changed_positions(&stored, order) {
        steps::set_position(conn, id, position)?;
    }
    Ok(())
}

/// Adds a step at index `at` (`None`: at the end).
pub fn add(
    conn: &Connection,
    map_id: MapId,
    input: &StepInput,
    at: Option<u32>,
    now: DateTime<Utc>,
) -> CoreResult<Step> {
    let text = check(input, "")?;
    maps::get(conn, map_id)?;
    let order: Vec<StepId> = steps::list_for_map(conn, map_id)?
        .iter()
        .map(|s| s.id)
        .collect();
    let end = order.len() as i32;
    let id = steps::insert(conn, map_id, end, &text.title, &text.outcome)?;
    if !text.notes.is_empty() {
        steps::set_notes(conn, id, &text.notes)?;
    }
    if let Some(at) = at {
        write_order(conn, map_id, &positions::insert_at(&order, id, at as usize))?;
        vehicles::keep_moves_consistent(conn, map_id)?;
    }
    maps::touch(conn, map_id, &time::to_stored(now))?;
    steps::get(conn, id)
}

pub fn update(
    conn: &Connection,
    id: StepId,
    input: &StepInput,
    now: DateTime<Utc>,
) -> CoreResult<Step> {
    let step = steps::get(conn, id)?;
    let text = check(input, &step.notes)?;
    steps::update_text(conn, id, &text.title, &text.outcome)?;
    steps::set_notes(conn, id, &text.notes)?;
    maps::touch(conn, step.map_id, &time::to_stored(now))?;
    steps::get(conn, id)
}

/// Moves a step to index `to` of its map.
pub fn reorder(
    conn: &Connection,
    id: StepId,
    to: u32,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Step>> {
    let step = steps::get(conn, id)?;
    let order: Vec<StepId> = steps::list_for_map(conn, step.map_id)?
        .iter()
        .map(|s| s.id)
        .collect();
    let from = order
        .iter()
        .position(|s| *s == id)
        .ok_or_else(|| CoreError::Corrupt(format!("step {id} is missing from its map")))?;
    write_order(
        conn,
        step.map_id,
        &positions::reorder(&order, from, to as usize),
    )?;
    vehicles::keep_moves_consistent(conn, step.map_id)?;
    maps::touch(conn, step.map_id, &time::to_stored(now))?;
    steps::list_for_map(conn, step.map_id)
}

/// Deletes a step and its KPIs and attachments; refused while customers are on it or aim at it.
pub fn delete(conn: &Connection, id: StepId, now: DateTime<Utc>) -> CoreResult<()> {
    let step = steps::get(conn, id)?;
    let (on, aiming) = customers::count_on_step(conn, id)?;
    if on + aiming > 0 {
        let mut parts = Vec::new();
        if on > 0 {
            parts.push(format!(
                "{on} customer{} on it",
                if on == 1 { " is" } else { "s are" }
            ));
        }
        if aiming > 0 {
            parts.push(format!(
                "{aiming} customer{} it as target",
                if aiming == 1 { " has" } else { "s have" }
            ));
        }
        return Err(CoreError::Conflict(format!(
            "the step \"{}\" cannot be deleted: {}; move them to another step first",
            step.title,
            parts.join(" and ")
        )));
    }
    vehicles::bridge_moves_around(conn, id, step.map_id)?;
    steps::delete(conn, id)?;
    let order: Vec<StepId> = steps::list_for_map(conn, step.map_id)?
        .iter()
        .map(|s| s.id)
        .collect();
    write_order(conn, step.map_id, &order)?;
    vehicles::keep_moves_consistent(conn, step.map_id)?;
    maps::touch(conn, step.map_id, &time::to_stored(now))?;
    Ok(())
}
