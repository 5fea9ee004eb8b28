//! `customer`: customer accounts and their place on their persona's map.
//!
//! Reading and writing one customer here; the list and segment queries (filters,
//! sorting, quadrants) in [`query`]; the import's bulk upsert in [`imported`]. Every
//! write keeps the matrix summary (`segment_cell`) in step.

pub mod imported;
mod query;
pub mod search;

pub use query::*;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use crate::db::segment_cells::{self, Counted};
use crate::error::{CoreError, CoreResult};

use crate::model::{
    Customer, CustomerChip, CustomerId, CustomerInput, CustomerRow, MapId, PersonaId, StepId,
};
use crate::time;

const COLUMNS: &str =
    "c.id, c.external_id, c.name, c.persona_id, c.current_step_id, c.target_step_id,
        c.arr_cents, c.health, c.nps, c.csat, c.owner, c.renewal_date, c.notes";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let renewal: Option<String> = row.get(11)?;
    let renewal_date = match renewal {
        None => None,
        Some(text) => Some(time::date_from_stored(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(11, rusqlite::types::Type::Text, Box::new(e))
        })?),
    };
    Ok(Customer {
        id: row.get(0)?,
        external_id: row.get(1)?,
        name: row.get(2)?,
        persona_id: row.get(3)?,
        current_step_id: row.get(4)?,
        target_step_id: row.get(5)?,
        arr_cents: row.get(6)?,
        health: row.get(7)?,
        nps: row.get(8)?,
        csat: row.get(9)?,
        owner: row.get(10)?,
        renewal_date,
        notes: row.get(12)?,
    })
}

fn duplicate_external_id(external_id: Option<&str>) -> impl FnOnce() -> String + '_ {
    move || {
        format!(
            "another customer already has the external id \"{}\"",
            external_id.unwrap_or_default()
        )
    }
}

/// The values of a new customer row: what the form and the import both insert.
pub(crate) struct NewRow<'a> {
    pub external_id: Option<&'a str>,
    pub name: &'a str,
    pub persona_id: PersonaId,
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    pub arr_cents: Option<i64>,
    pub health: Option<i32>,
    pub nps: Option<i32>,
    pub csat: Option<f64>,
    pub owner: &'a str,
    pub renewal_date: Option<NaiveDate>,
    pub notes: &'a str,
}

impl<'a> NewRow<'a> {
    fn of(c: &'a CustomerInput) -> NewRow<'a> {
        NewRow {
            external_id: c.external_id.as_deref(),
            name: &c.name,
            persona_id: c.persona_id,
            current_step_id: c.current_step_id,
            target_step_id: c.target_step_id,
            arr_cents: c.arr_cents,
            health: c.health,
            nps: c.nps,
            csat: c.csat,
            owner: &c.owner,
            renewal_date: c.renewal_date,
            notes: &c.notes,
        }
    }

    /// Where the row counts in the current × target matrix.
    pub(crate) fn counted(&self) -> Counted {
        Counted {
            persona_id: self.persona_id,
            current_step_id: self.current_step_id,
            target_step_id: self.target_step_id,
            arr_cents: self.arr_cents,
        }
    }
}

impl NewRow<'_> {
    /// Runs `f` with the row's values bound as ?1…?12 and `now` as ?13, for the insert
    /// and the update alike.
    fn with_params<T>(&self, now: &str, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        let renewal = self.renewal_date.map(time::date_to_stored);
        f(&[
            &self.external_id,
            &self.name,
            &self.persona_id,
            &self.current_step_id,
            &self.target_step_id,
            &self.arr_cents,
            &self.health,
            &self.nps,
            &self.csat,
            &self.owner,
            &renewal,
            &self.notes,
            &now,
        ])
    }
}

/// Inserts a row; the caller keeps the matrix summary up to date.
pub(crate) fn insert_row(conn: &Connection, r: &NewRow<'_>, now: &str) -> CoreResult<CustomerId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO customer (external_id, name, persona_id, current_step_id, target_step_id,
                               arr_cents, health, nps, csat, owner, renewal_date, notes,
                               created_at, updated_at, current_since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13,
                 CASE WHEN ?4 IS NOT NULL THEN ?13 END)",
    )?;
    r.with_params(now, |values| stmt.execute(values))
        .map_err(|e| super::unique_violation(e, duplicate_external_id(r.external_id)))?;
    Ok(CustomerId(conn.last_insert_rowid()))
}

/// Inserts a validated customer.
pub fn insert(conn: &Connection, c: &CustomerInput, now: &str) -> CoreResult<CustomerId> {
    let row = NewRow::of(c);
    let id = insert_row(conn, &row, now)?;
    segment_cells::record(conn, None, Some(row.counted()))?;
    Ok(id)
}

/// Where customer `id` counts in the matrix now (`None`: no such customer).
fn counted(conn: &Connection, id: CustomerId) -> CoreResult<Option<Counted>> {
    Ok(conn
        .prepare_cached(
            "SELECT persona_id, current_step_id, target_step_id, arr_cents FROM customer WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Counted {
                persona_id: r.get(0)?,
                current_step_id: r.get(1)?,
                target_step_id: r.get(2)?,
                arr_cents: r.get(3)?,
            })
        })
        .optional()?)
}

pub fn update(conn: &Connection, id: CustomerId, c: &CustomerInput, now: &str) -> CoreResult<()> {
    let before = counted(conn, id)?;
    let row = NewRow::of(c);
    let changed = row
        .with_params(now, |values| {
            let mut values = values.to_vec();
            values.push(&id);
            conn.execute(
                "UPDATE customer SET external_id = ?1, name = ?2, persona_id = ?3,
                        current_step_id = ?4, target_step_id = ?5, arr_cents = ?6, health = ?7,
                        nps = ?8, csat = ?9, owner = ?10, renewal_date = ?11, notes = ?12,
                        updated_at = ?13
                  WHERE id = ?14",
                values.as_slice(),
            )
        })
        .map_err(|e| super::unique_violation(e, duplicate_external_id(row.external_id)))?;
    if changed == 0 {
        return Err(CoreError::not_found(CustomerId::ENTITY, id.0));
    }
    segment_cells::record(conn, before, Some(row.counted()))
}

pub fn delete(conn: &Connection, id: CustomerId) -> CoreResult<()> {
    let before = counted(conn, id)?;
    let changed = conn.execute("DELETE FROM customer WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(CustomerId::ENTITY, id.0));
    }
    segment_cells::record(conn, before, None)
}

pub fn get(conn: &Connection, id: CustomerId) -> CoreResult<Customer> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM customer c WHERE c.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(CustomerId::ENTITY, id.0))
}

/// A customer with the names the list shows.
pub fn row(conn: &Connection, id: CustomerId) -> CoreResult<CustomerRow> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS}, p.name, cs.title, ts.title, cs.position, ts.position
               FROM customer c
               JOIN persona p ON p.id = c.persona_id
               LEFT JOIN step cs ON cs.id = c.current_step_id
               LEFT JOIN step ts ON ts.id = c.target_step_id
              WHERE c.id = ?1"
        ),
        [id],
        |r| {
            Ok(CustomerRow {
                customer: from_row(r)?,
                persona_name: r.get(13)?,
                current_step_title: r.get(14)?,
                target_step_title: r.get(15)?,
                current_step_position: r.get(16)?,
                target_step_position: r.get(17)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(CustomerId::ENTITY, id.0))
}

/// Sets a customer's current and target step.
pub fn set_steps(
    conn: &Connection,
    id: CustomerId,
    current: Option<StepId>,
    target: Option<StepId>,
    now: &str,
) -> CoreResult<()> {
    let Some(before) = counted(conn, id)? else {
        return Err(CoreError::not_found(CustomerId::ENTITY, id.0));
    };
    conn.prepare_cached(
        "UPDATE customer SET current_step_id = ?2, target_step_id = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, current, target, now])?;
    let after = Counted {
        current_step_id: current,
        target_step_id: target,
        ..before
    };
    segment_cells::record(conn, Some(before), Some(after))
}

/// How many customers stand on, or aim at, a step.
pub fn count_on_step(conn: &Connection, step_id: StepId) -> CoreResult<(u32, u32)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM customer WHERE current_step_id = ?1),
                (SELECT count(*) FROM customer WHERE target_step_id = ?1)",
        [step_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn count_for_persona(conn: &Connection, persona_id: PersonaId) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM customer WHERE persona_id = ?1",
        [persona_id],
        |r| r.get(0),
    )?)
}

pub fn count(conn: &Connection) -> CoreResult<u32> {
    Ok(conn.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?)
}

/// The largest customers (by ARR, the newest first among equals: the order the
/// (current step, ARR) index gives) on a step, for the map's chips.
pub fn chips_on_step(
    conn: &Connection,
    step_id: StepId,
    limit: u32,
) -> CoreResult<Vec<CustomerChip>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, arr_cents, health, target_step_id FROM customer
          WHERE current_step_id = ?1
          ORDER BY arr_cents DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![step_id, limit], |r| {
        Ok(CustomerChip {
            id: r.get(0)?,
            name: r.get(1)?,
            arr_cents: r.get(2)?,
            health: r.get(3)?,
            target_step_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per step of a map: (step, customers on it, customers aiming at it, ARR on it).
pub fn step_figures(conn: &Connection, map_id: MapId) -> CoreResult<Vec<(StepId, u32, u32, i64)>> {
    // One pass over each index: (current step, ARR) for count and sum, target step for aims.
    let mut on: HashMap<StepId, (u32, i64)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.current_step_id, count(*), ifnull(sum(c.arr_cents), 0)
           FROM customer c WHERE c.current_step_id IN (SELECT id FROM step WHERE map_id = ?1)
          GROUP BY c.current_step_id",
    )?;
    let mut rows = stmt.query([map_id])?;
    while let Some(r) = rows.next()? {
        on.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
    }
    let mut aiming: HashMap<StepId, u32> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.target_step_id, count(*)
           FROM customer c WHERE c.target_step_id IN (SELECT id FROM step WHERE map_id = ?1)
          GROUP BY c.target_step_id",
    )?;
    let mut rows = stmt.query([map_id])?;
    while let Some(r) = rows.next()? {
        aiming.insert(r.get(0)?, r.get(1)?);
    }
    let mut stmt =
        conn.prepare_cached("SELECT id FROM step WHERE map_id = ?1 ORDER BY position")?;
    let steps = stmt.query_map([map_id], |r| r.get::<_, StepId>(0))?;
    steps
        .map(|id| {
            let id = id?;
            let (count, arr) = on.get(&id).copied().unwrap_or_default();
            Ok((id, count, aiming.get(&id).copied().unwrap_or_default(), arr))
        })
        .collect()
}

pub fn count_unplaced(conn: &Connection, persona_id: PersonaId) -> CoreResult<u32> {
    Ok(conn.query_row(
        // `+persona_id`: walk the (few) unplaced rows of the current-step index, not a
        // persona's every customer.
        "SELECT count(*) FROM customer WHERE +persona_id = ?1 AND current_step_id IS NULL",
        [persona_id],
        |r| r.get(0),
    )?)
}

pub fn owners(conn: &Connection) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT owner FROM customer WHERE owner <> '' ORDER BY owner COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A customer with its current and target step.
pub type CustomerSteps = (CustomerId, Option<StepId>, Option<StepId>);

/// (customer, current step, target step) of every customer of a persona.
pub fn placements_of_persona(
    conn: &Connection,
    persona_id: PersonaId,
) -> CoreResult<Vec<CustomerSteps>> {
    let mut stmt = conn.prepare(
        "SELECT id, current_step_id, target_step_id FROM customer WHERE persona_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([persona_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// (customer, name, current step) of every customer of a persona.
pub fn names_and_steps_of_persona(
    conn: &Connection,
    persona_id: PersonaId,
) -> CoreResult<Vec<(CustomerId, String, Option<StepId>)>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, current_step_id FROM customer WHERE persona_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([persona_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Gives every customer of `from` to `to`, unplaced (steps belong to a persona's map).
pub fn move_to_persona(
    conn: &Connection,
    from: PersonaId,
    to: PersonaId,
    now: &str,
) -> CoreResult<()> {
    conn.execute(
        "UPDATE customer SET persona_id = ?2, current_step_id = NULL, target_step_id = NULL,
                current_since = NULL, updated_at = ?3
          WHERE persona_id = ?1",
        params![from, to, now],
    )?;
    segment_cells::recount_persona(conn, from)?;
    segment_cells::recount_persona(conn, to)
}

pub fn delete_for_persona(conn: &Connection, persona_id: PersonaId) -> CoreResult<()> {
    conn.execute("DELETE FROM customer WHERE persona_id = ?1", [persona_id])?;
    segment_cells::recount_persona(conn, persona_id)
}

/// The customer with this external id (as the CRM calls it), if any.
pub fn id_by_external_id(conn: &Connection, external_id: &str) -> CoreResult<Option<CustomerId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM customer WHERE external_id = ?1",
            [external_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The customers standing on a step, and those aiming at it.
pub fn ids_on_step(
    conn: &Connection,
    step_id: StepId,
) -> CoreResult<(Vec<CustomerId>, Vec<CustomerId>)> {
    let ids = |column: &str| -> CoreResult<Vec<CustomerId>> {
        let mut stmt = conn.prepare(&format!(
            "SELECT id FROM customer WHERE {column} = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([step_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok((ids("current_step_id")?, ids("target_step_id")?))
}
