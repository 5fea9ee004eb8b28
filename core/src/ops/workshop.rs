//! Workshop notes: ideas and decisions a facilitator captures on a step or a move while
//! presenting a map. They stay with the map afterwards (listed on the map screen) and
//! are undone like any edit.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::workshop_notes;
use crate::error::{CoreError, CoreResult};
use crate::model::{WorkshopNote, WorkshopNoteId, WorkshopNoteInput};
use crate::ops::vehicles::check_target;
use crate::{time, validate};

/// Notes an idea or decision on a step or on the move between two consecutive steps.
pub fn add(
    conn: &Connection,
    input: &WorkshopNoteInput,
    now: DateTime<Utc>,
) -> CoreResult<WorkshopNote> {
    let text = validate::text("text", "The note", &input.text)?;
    if text.is_empty() {
        return Err(CoreError::invalid(
            "text",
            "write the idea or decision first",
        ));
    }
    let map_id = check_target(conn, input.target)?;
    let checked = WorkshopNoteInput {
        text,
        ..input.clone()
    };
    let id = workshop_notes::insert(conn, map_id, &checked, &time::to_stored(now))?;
    workshop_notes::get(conn, id)
}

pub fn delete(conn: &Connection, id: WorkshopNoteId) -> CoreResult<()> {
    workshop_notes::delete(conn, id)
}
