//! `customer`: customer accounts and their place on their persona's map.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{CoreError, CoreResult};
use crate::model::{Customer, CustomerId, CustomerInput, CustomerRow, MapId, PersonaId, StepId};
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

fn duplicate_external_id(c: &CustomerInput) -> impl FnOnce() -> String + '_ {
    move || {
        format!(
            "another customer already has the external id \"{}\"",
            c.external_id.as_deref().unwrap_or_default()
        )
    }
}

/// Inserts a validated customer.
pub fn insert(conn: &Connection, c: &CustomerInput, now: &str) -> CoreResult<CustomerId> {
    conn.execute(
        "INSERT INTO customer (external_id, name, persona_id, current_step_id, target_step_id,
                               arr_cents, health, nps, csat, owner, renewal_date, notes,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            c.external_id,
            c.name,
            c.persona_id,
            c.current_step_id,
            c.target_step_id,
            c.arr_cents,
            c.health,
            c.nps,
            c.csat,
            c.owner,
            c.renewal_date.map(time::date_to_stored),
            c.notes,
            now
        ],
    )
    .map_err(|e| super::unique_violation(e, duplicate_external_id(c)))?;
    Ok(CustomerId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: CustomerId, c: &CustomerInput, now: &str) -> CoreResult<()> {
    let changed = conn
        .execute(
            "UPDATE customer SET external_id = ?2, name = ?3, persona_id = ?4, current_step_id = ?5,
                    target_step_id = ?6, arr_cents = ?7, health = ?8, nps = ?9, csat = ?10,
                    owner = ?11, renewal_date = ?12, notes = ?13, updated_at = ?14
              WHERE id = ?1",
            params![
                id,
                c.external_id,
                c.name,
                c.persona_id,
                c.current_step_id,
                c.target_step_id,
                c.arr_cents,
                c.health,
                c.nps,
                c.csat,
                c.owner,
                c.renewal_date.map(time::date_to_stored),
                c.notes,
                now
            ],
        )
        .map_err(|e| super::unique_violation(e, duplicate_external_id(c)))?;
    if changed == 0 {
        return Err(CoreError::not_found(CustomerId::ENTITY, id.0));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: CustomerId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM customer WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(CustomerId::ENTITY, id.0));
    }
    Ok(())
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

/// Per step of a map: (step, customers on it, customers aiming at it, ARR on it).
pub fn step_figures(conn: &Connection, map_id: MapId) -> CoreResult<Vec<(StepId, u32, u32, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT s.id,
                (SELECT count(*) FROM customer c WHERE c.current_step_id = s.id),
                (SELECT count(*) FROM customer c WHERE c.target_step_id = s.id),
                (SELECT ifnull(sum(arr_cents), 0) FROM customer c WHERE c.current_step_id = s.id)
           FROM step s WHERE s.map_id = ?1",
    )?;
    let rows = stmt.query_map([map_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_unplaced(conn: &Connection, persona_id: PersonaId) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM customer WHERE persona_id = ?1 AND current_step_id IS NULL",
        [persona_id],
        |r| r.get(0),
    )?)
}

/// A page of customers by name, optionally of one persona, with display names.
pub fn page(
    conn: &Connection,
    persona_id: Option<PersonaId>,
    offset: u32,
    limit: u32,
) -> CoreResult<(u32, Vec<CustomerRow>)> {
    let total: u32 = conn.query_row(
        "SELECT count(*) FROM customer WHERE ?1 IS NULL OR persona_id = ?1",
        [persona_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, p.name, cs.title, ts.title
           FROM customer c
           JOIN persona p ON p.id = c.persona_id
           LEFT JOIN step cs ON cs.id = c.current_step_id
           LEFT JOIN step ts ON ts.id = c.target_step_id
          WHERE ?1 IS NULL OR c.persona_id = ?1
          ORDER BY c.name COLLATE NOCASE, c.id
          LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![persona_id, limit, offset], |r| {
        Ok(CustomerRow {
            customer: from_row(r)?,
            persona_name: r.get(13)?,
            current_step_title: r.get(14)?,
            target_step_title: r.get(15)?,
        })
    })?;
    Ok((total, rows.collect::<Result<_, _>>()?))
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

/// Gives every customer of `from` to `to`, unplaced (steps belong to a persona's map).
pub fn move_to_persona(
    conn: &Connection,
    from: PersonaId,
    to: PersonaId,
    now: &str,
) -> CoreResult<()> {
    conn.execute(
        "UPDATE customer SET persona_id = ?2, current_step_id = NULL, target_step_id = NULL, updated_at = ?3
          WHERE persona_id = ?1",
        params![from, to, now],
    )?;
    Ok(())
}

pub fn delete_for_persona(conn: &Connection, persona_id: PersonaId) -> CoreResult<()> {
    conn.execute("DELETE FROM customer WHERE persona_id = ?1", [persona_id])?;
    Ok(())
}
