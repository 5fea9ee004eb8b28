//! `placement`: the history of customers' current and target steps.

use rusqlite::{params, Connection, Row};

use crate::db::parse_enum;
use crate::error::CoreResult;
use crate::model::{CustomerId, Placement, PlacementEntry, PlacementId, PlacementSource, StepId};
use crate::time;

/// A change to record: previous and new current and target steps.
pub struct PlacementChange {
    pub customer_id: CustomerId,
    pub from_current: Option<StepId>,
    pub to_current: Option<StepId>,
    pub from_target: Option<StepId>,
    pub to_target: Option<StepId>,
}

impl PlacementChange {
    /// True when neither the current nor the target step changes.
    pub fn is_none(&self) -> bool {
        self.from_current == self.to_current && self.from_target == self.to_target
    }
}

/// Records a change of a customer's steps in its placement history: the one writer of
/// that history, for edits, rules and imports alike. A "change" that changes nothing is
/// not recorded (returns `None`). Called once the customer's row holds the change: a new
/// current step also sets the customer's `current_since` (see [`refresh_since`]).
pub fn record(
    conn: &Connection,
    change: &PlacementChange,
    at: &str,
    source: PlacementSource,
) -> CoreResult<Option<PlacementId>> {
    let id = insert(conn, change, at, source)?;
    if id.is_some() && change.from_current != change.to_current {
        refresh_since(conn, change.customer_id)?;
    }
    Ok(id)
}

/// [`record`] for a customer inserted in the same transaction with `at` as its creation
/// time: its `current_since` is already right (the insert sets it to `at`), so the first
/// entry of its history does not look it up again (a million-row import inserts a
/// million of these).
pub fn record_first(
    conn: &Connection,
    change: &PlacementChange,
    at: &str,
    source: PlacementSource,
) -> CoreResult<Option<PlacementId>> {
    insert(conn, change, at, source)
}

/// Sets a customer's `current_since` from its history: the time of the latest entry that
/// moved it onto its current step, or its creation time when the history has none; NULL
/// when it has no current step. The one place this rule is written in Rust (migration
/// 0011 wrote it once in SQL for existing workspaces).
pub fn refresh_since(conn: &Connection, customer_id: CustomerId) -> CoreResult<()> {
    conn.prepare_cached(
        "UPDATE customer SET current_since = CASE WHEN current_step_id IS NULL THEN NULL
            ELSE coalesce(
              (SELECT max(p.at) FROM placement p
                WHERE p.customer_id = customer.id
                  AND p.to_current_step_id = customer.current_step_id
                  AND p.from_current_step_id IS NOT p.to_current_step_id),
              created_at) END
          WHERE id = ?1",
    )?
    .execute([customer_id])?;
    Ok(())
}

fn insert(
    conn: &Connection,
    change: &PlacementChange,
    at: &str,
    source: PlacementSource,
) -> CoreResult<Option<PlacementId>> {
    if change.is_none() {
        return Ok(None);
    }
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
    Ok(Some(PlacementId(conn.last_insert_rowid())))
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

/// A customer's history with step titles, newest first.
pub fn entries_for_customer(
    conn: &Connection,
    customer_id: CustomerId,
) -> CoreResult<Vec<PlacementEntry>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.at, p.source,
                p.from_current_step_id IS NOT p.to_current_step_id,
                p.from_target_step_id IS NOT p.to_target_step_id,
                fc.title, tc.title, ft.title, tt.title
           FROM placement p
           LEFT JOIN step fc ON fc.id = p.from_current_step_id
           LEFT JOIN step tc ON tc.id = p.to_current_step_id
           LEFT JOIN step ft ON ft.id = p.from_target_step_id
           LEFT JOIN step tt ON tt.id = p.to_target_step_id
          WHERE p.customer_id = ?1
          ORDER BY p.at DESC, p.id DESC",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        let at: String = r.get(1)?;
        let source: String = r.get(2)?;
        Ok(PlacementEntry {
            id: r.get(0)?,
            at: time::from_stored(&at).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            source: parse_enum(&source, "placement source", PlacementSource::parse)?,
            current_changed: r.get(3)?,
            target_changed: r.get(4)?,
            from_current: r.get(5)?,
            to_current: r.get(6)?,
            from_target: r.get(7)?,
            to_target: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One change of a customer's current step.
#[derive(Debug, Clone)]
pub struct StepChange {
    pub customer_id: CustomerId,
    /// Stored timestamp text (sorts as time).
    pub at: String,
    pub from: Option<StepId>,
    pub to: Option<StepId>,
}

/// Calls `f` with every change of current step of the customers a segment filter keeps,
/// by customer then time. Changes of the target only are left out.
///
/// When the filter keeps a large share of the customers, the history is read in one
/// sequential pass and sorted in memory: looking up each customer's entries through the
/// index and having SQLite sort them took three times as long at a million customers
/// (README, "A million customers").
pub fn for_each_step_change(
    conn: &Connection,
    filter: &crate::model::SegmentFilter,
    today: chrono::NaiveDate,
    f: &mut dyn FnMut(StepChange),
) -> CoreResult<()> {
    let (clause, values) = crate::db::customers::segment_clause(filter, today);
    let mut kept: Vec<i64> = Vec::new();
    {
        let mut stmt = conn.prepare(&format!("SELECT c.id FROM customer c {clause}"))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            kept.push(r.get(0)?);
        }
    }
    if kept.is_empty() {
        return Ok(());
    }
    let all: i64 = conn
        .prepare_cached("SELECT ifnull(max(id), 0) FROM customer")?
        .query_row([], |r| r.get(0))?;
    if (kept.len() as i64) < all / 16 {
        // A narrow segment: its customers' entries through the index.
        let joiner = if clause.is_empty() { "WHERE" } else { "AND" };
        let mut stmt = conn.prepare(&format!(
            "SELECT p.customer_id, p.at, p.from_current_step_id, p.to_current_step_id
               FROM customer c JOIN placement p ON p.customer_id = c.id
              {clause} {joiner} p.from_current_step_id IS NOT p.to_current_step_id
              ORDER BY p.customer_id, p.at, p.id"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            f(StepChange {
                customer_id: r.get(0)?,
                at: r.get(1)?,
                from: r.get(2)?,
                to: r.get(3)?,
            });
        }
        return Ok(());
    }
    // Which customers are kept, as one bit per customer id (ids are dense: 128 KB at a
    // million), else a sorted list.
    let bits = (all < 1 << 28).then(|| {
        let mut bits = vec![0u64; (all as usize >> 6) + 1];
        for &id in &kept {
            if let Ok(i) = usize::try_from(id) {
                bits[i >> 6] |= 1 << (i & 63);
            }
        }
        bits
    });
    kept.sort_unstable();
    let is_kept = |id: i64| match (&bits, usize::try_from(id)) {
        (Some(bits), Ok(i)) => bits.get(i >> 6).is_some_and(|w| w & (1 << (i & 63)) != 0),
        _ => kept.binary_search(&id).is_ok(),
    };
    // (customer, at, entry id, from, to)
    type Entry = (i64, String, i64, Option<StepId>, Option<StepId>);
    let mut changes: Vec<Entry> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT customer_id, at, id, from_current_step_id, to_current_step_id FROM placement
          WHERE from_current_step_id IS NOT to_current_step_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let customer: i64 = r.get(0)?;
        if is_kept(customer) {
            changes.push((customer, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
        }
    }
    changes.sort_unstable_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    for (customer, at, _, from, to) in changes {
        f(StepChange {
            customer_id: CustomerId(customer),
            at,
            from,
            to,
        });
    }
    Ok(())
}

/// Removes one entry of the history (an import's first sighting of a customer that a
/// stage history from its CRM replaces).
pub fn delete(conn: &Connection, id: PlacementId) -> CoreResult<()> {
    let customer = customer_of(conn, id)?;
    conn.prepare_cached("DELETE FROM placement WHERE id = ?1")?
        .execute([id])?;
    match customer {
        Some(customer) => refresh_since(conn, customer),
        None => Ok(()),
    }
}

fn customer_of(conn: &Connection, id: PlacementId) -> CoreResult<Option<CustomerId>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT customer_id FROM placement WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Sets the step an entry says the customer came from (once a stage history tells it).
pub fn set_from_current(
    conn: &Connection,
    id: PlacementId,
    from: Option<StepId>,
) -> CoreResult<()> {
    conn.prepare_cached("UPDATE placement SET from_current_step_id = ?2 WHERE id = ?1")?
        .execute(params![id, from])?;
    match customer_of(conn, id)? {
        Some(customer) => refresh_since(conn, customer),
        None => Ok(()),
    }
}
