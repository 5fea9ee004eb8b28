//! `segment_cell`: the current × target matrix without filters, kept up to date by
//! every write to `customer` in the same transaction (see migration 0005).

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::CoreResult;
use crate::model::{PersonaId, StepId};

/// (persona, current step, target step, customers, ARR in cents).
pub type MatrixRow = (PersonaId, Option<StepId>, Option<StepId>, u32, i64);

fn step(key: i64) -> Option<StepId> {
    (key != 0).then_some(StepId(key))
}

fn key(step: Option<StepId>) -> i64 {
    step.map_or(0, |s| s.0)
}

/// Where a customer counts in the matrix, and with how much ARR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub persona_id: PersonaId,
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    pub arr_cents: Option<i64>,
}

/// Changes to the matrix, added up before they are written (an import writes each cell
/// once, not once per row).
#[derive(Debug, Default)]
pub struct CellDeltas(HashMap<(i64, i64, i64), (i64, i64)>);

impl CellDeltas {
    fn count(&mut self, c: Counted, sign: i64) {
        let entry = self
            .0
            .entry((
                c.persona_id.0,
                key(c.current_step_id),
                key(c.target_step_id),
            ))
            .or_default();
        entry.0 += sign;
        entry.1 += sign * c.arr_cents.unwrap_or(0);
    }

    /// A customer counted in its cell.
    pub fn add(&mut self, c: Counted) {
        self.count(c, 1);
    }

    /// A customer no longer counted in its cell.
    pub fn remove(&mut self, c: Counted) {
        self.count(c, -1);
    }

    /// A customer counted elsewhere (or with other ARR) than before.
    pub fn change(&mut self, before: Counted, after: Counted) {
        if before != after {
            self.remove(before);
            self.add(after);
        }
    }

    /// Writes the changes added up so far and forgets them; empty cells are removed.
    pub fn apply(&mut self, conn: &Connection) -> CoreResult<()> {
        let mut upsert = conn.prepare_cached(
            "INSERT INTO segment_cell (persona_id, current_key, target_key, customers, arr_cents)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (persona_id, current_key, target_key) DO UPDATE
                SET customers = customers + excluded.customers,
                    arr_cents = arr_cents + excluded.arr_cents",
        )?;
        let mut prune = conn.prepare_cached(
            "DELETE FROM segment_cell
              WHERE persona_id = ?1 AND current_key = ?2 AND target_key = ?3 AND customers <= 0",
        )?;
        for ((persona, current, target), (customers, arr)) in self.0.drain() {
            if customers == 0 && arr == 0 {
                continue;
            }
            upsert.execute(params![persona, current, target, customers, arr])?;
            if customers < 0 {
                prune.execute(params![persona, current, target])?;
            }
        }
        Ok(())
    }
}

/// Writes the change of one customer's place in the matrix.
pub fn record(
    conn: &Connection,
    before: Option<Counted>,
    after: Option<Counted>,
) -> CoreResult<()> {
    let mut deltas = CellDeltas::default();
    match (before, after) {
        (Some(b), Some(a)) => deltas.change(b, a),
        (Some(b), None) => deltas.remove(b),
        (None, Some(a)) => deltas.add(a),
        (None, None) => {}
    }
    deltas.apply(conn)
}

/// Counts one persona's cells again from its customers (after a change to all of them).
pub fn recount_persona(conn: &Connection, persona: PersonaId) -> CoreResult<()> {
    conn.execute("DELETE FROM segment_cell WHERE persona_id = ?1", [persona])?;
    conn.execute(
        "INSERT INTO segment_cell (persona_id, current_key, target_key, customers, arr_cents)
         SELECT persona_id, ifnull(current_step_id, 0), ifnull(target_step_id, 0), count(*),
                ifnull(sum(arr_cents), 0)
           FROM customer WHERE persona_id = ?1
          GROUP BY 1, 2, 3",
        [persona],
    )?;
    Ok(())
}

/// How many cells of the kept matrix differ from a fresh count of the customers, either
/// way (0: they agree). The check the crash tests run after every kill.
pub fn differences(conn: &Connection) -> CoreResult<i64> {
    let fresh = "SELECT persona_id, ifnull(current_step_id, 0), ifnull(target_step_id, 0), \
                 count(*), ifnull(sum(arr_cents), 0) FROM customer GROUP BY 1, 2, 3";
    let kept = "SELECT persona_id, current_key, target_key, customers, arr_cents FROM segment_cell";
    Ok(conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM ({fresh} EXCEPT {kept})) + \
                    (SELECT count(*) FROM ({kept} EXCEPT {fresh}))"
        ),
        [],
        |r| r.get(0),
    )?)
}

/// Customers and ARR of a persona (or all), on a current step (`Some(None)`: not
/// placed; `None`: any) aiming at a target step (likewise), from the kept cells.
pub fn sum(
    conn: &Connection,
    persona: Option<PersonaId>,
    current: Option<Option<StepId>>,
    target: Option<Option<StepId>>,
) -> CoreResult<(u32, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT ifnull(sum(customers), 0), ifnull(sum(arr_cents), 0) FROM segment_cell
          WHERE (?1 IS NULL OR persona_id = ?1) AND (?2 IS NULL OR current_key = ?2)
            AND (?3 IS NULL OR target_key = ?3)",
    )?;
    Ok(
        stmt.query_row(params![persona, current.map(key), target.map(key)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?,
    )
}

/// Customers and ARR per (persona, current step, target step), non-empty cells only;
/// one persona's when `persona` is given.
pub fn all(conn: &Connection, persona: Option<PersonaId>) -> CoreResult<Vec<MatrixRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT persona_id, current_key, target_key, customers, arr_cents
           FROM segment_cell WHERE ?1 IS NULL OR persona_id = ?1",
    )?;
    let rows = stmt.query_map([persona], |r| {
        Ok((
            r.get(0)?,
            step(r.get(1)?),
            step(r.get(2)?),
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
