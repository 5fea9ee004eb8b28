//! `placement`: the history of customers' current and target steps.

use rusqlite::{params, Connection, Row};

use crate::db::parse_enum;
use crate::error::CoreResult;
use crate::model::{CustomerId, Placement, PlacementId, PlacementSource, StepId};
use crate::time;

/// A change to record: previous and new current and target steps.
pub struct PlacementChange {
    pub customer_id: CustomerId,
    pub from_current: Option<StepId>,
    pub to_current: Option<StepId>,
    pub from_target: Option<StepId>,
    pub to_target: Option<StepId>,
}

pub fn insert(
    conn: &Connection,
    change: &PlacementChange,
    at: &str,
    source: PlacementSource,
) -> CoreResult<PlacementId> {
    conn.prepare_cached(
        "INSERT INTO placement (customer_id, from_current_step_id, to_current_step_id,
                                from_target_step_id, to_target_step_id, at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        change.customer_id,
        change.from_current,
        change.to_current,
        change.from_target,
        change.to_target,
        at,
        source.as_str()
    ])?;
    Ok(PlacementId(conn.last_insert_rowid()))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Placement> {
    let at: String = row.get(6)?;
    let source: String = row.get(7)?;
    Ok(Placement {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        from_current_step_id: row.get(2)?,
        to_current_step_id: row.get(3)?,
        from_target_step_id: row.get(4)?,
        to_target_step_id: row.get(5)?,
        at: time::from_stored(&at).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
        })?,
        source: parse_enum(&source, "placement source", PlacementSource::parse)?,
    })
}

/// A customer's history, oldest first.
pub fn list_for_customer(conn: &Connection, customer_id: CustomerId) -> CoreResult<Vec<Placement>> {
    let mut stmt = conn.prepare(
        "SELECT id, customer_id, from_current_step_id, to_current_step_id, from_target_step_id,
                to_target_step_id, at, source
           FROM placement WHERE customer_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([customer_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
