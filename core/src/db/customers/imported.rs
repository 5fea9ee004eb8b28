//! The import's upsert of customers: every stored customer by external id (hashed
//! texts, to compare a re-imported row without holding a million names), and the
//! insert or partial update of an imported row, with its matrix change collected for
//! one write of the summary at the end.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use super::{insert_row, NewRow};
use crate::db::segment_cells::{CellDeltas, Counted};
use crate::error::CoreResult;
use crate::model::{CustomerId, PersonaId, StepId};
use crate::time;

/// What an import needs to know about a customer it matches by external id: its
/// placement, and its values (texts as hashes) to tell an unchanged row without writing.
#[derive(Debug, Clone)]
pub struct ExistingCustomer {
    pub id: CustomerId,
    pub persona_id: PersonaId,
    pub current_step_id: Option<StepId>,
    pub target_step_id: Option<StepId>,
    pub name: u64,
    pub arr_cents: Option<i64>,
    pub health: Option<i32>,
    pub nps: Option<i32>,
    pub csat: Option<f64>,
    pub owner: u64,
    /// Of the stored `YYYY-MM-DD` text, or of "" when there is none.
    pub renewal_date: u64,
    pub notes: u64,
}

/// How the import hashes texts and external ids: foldhash (several times faster than
/// the standard SipHash on short texts), seeded at random once per process so that a
/// file cannot be made to collide on purpose.
pub type FastState = foldhash::fast::RandomState;

/// External id → what an import needs of that customer.
pub type ExternalIndex = HashMap<String, ExistingCustomer, FastState>;

/// The hash `ExistingCustomer` keeps of a text (the same for the same text within a
/// process).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    static STATE: std::sync::OnceLock<FastState> = std::sync::OnceLock::new();
    STATE.get_or_init(FastState::default).hash_one(text)
}

/// External id → customer, for every customer that has one.
pub fn external_index(conn: &Connection) -> CoreResult<ExternalIndex> {
    let customers: i64 = conn.query_row(
        "SELECT ifnull(sum(customers), 0) FROM segment_cell",
        [],
        |r| r.get(0),
    )?;
    // NOT INDEXED: one pass over the table in storage order; through the external-id
    // index every row would be a random lookup.
    let mut stmt = conn.prepare(
        "SELECT external_id, id, persona_id, current_step_id, target_step_id, name, arr_cents,
                health, nps, csat, owner, renewal_date, notes
           FROM customer NOT INDEXED WHERE external_id IS NOT NULL",
    )?;
    let mut index =
        ExternalIndex::with_capacity_and_hasher(customers.max(0) as usize, FastState::default());
    let mut rows = stmt.query([])?;
    let text = |r: &Row<'_>, i: usize| -> rusqlite::Result<u64> {
        Ok(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Text(t) => {
                text_hash(std::str::from_utf8(t).unwrap_or_default())
            }
            _ => text_hash(""),
        })
    };
    while let Some(r) = rows.next()? {
        index.insert(
            r.get::<_, String>(0)?,
            ExistingCustomer {
                id: r.get(1)?,
                persona_id: r.get(2)?,
                current_step_id: r.get(3)?,
                target_step_id: r.get(4)?,
                name: text(r, 5)?,
                arr_cents: r.get(6)?,
                health: r.get(7)?,
                nps: r.get(8)?,
                csat: r.get(9)?,
                owner: text(r, 10)?,
                renewal_date: text(r, 11)?,
                notes: text(r, 12)?,
            },
        );
    }
    Ok(index)
}

/// Validated values of an imported row; `None` in an outer option: the file has no
/// such column (a new customer gets the default, an existing one keeps its value).
pub struct ImportedCustomer<'a> {
    pub external_id: Option<&'a str>,
    pub name: &'a str,
    pub persona_id: PersonaId,
    pub current_step_id: Option<Option<StepId>>,
    pub target_step_id: Option<Option<StepId>>,
    pub arr_cents: Option<Option<i64>>,
    pub health: Option<Option<i32>>,
    pub nps: Option<Option<i32>>,
    pub csat: Option<Option<f64>>,
    pub owner: Option<&'a str>,
    pub renewal_date: Option<Option<NaiveDate>>,
    pub notes: Option<&'a str>,
}

/// Inserts an imported row; its place in the matrix is added to `deltas` (written by
/// the caller once the import is done).
pub fn insert_imported(
    conn: &Connection,
    c: &ImportedCustomer<'_>,
    now: &str,
    deltas: &mut CellDeltas,
) -> CoreResult<CustomerId> {
    let row = NewRow {
        external_id: c.external_id,
        name: c.name,
        persona_id: c.persona_id,
        current_step_id: c.current_step_id.flatten(),
        target_step_id: c.target_step_id.flatten(),
        arr_cents: c.arr_cents.flatten(),
        health: c.health.flatten(),
        nps: c.nps.flatten(),
        csat: c.csat.flatten(),
        owner: c.owner.unwrap_or_default(),
        renewal_date: c.renewal_date.flatten(),
        notes: c.notes.unwrap_or_default(),
    };
    let id = insert_row(conn, &row, now)?;
    deltas.add(row.counted());
    Ok(id)
}

/// Writes the given columns of an imported row onto customer `before` when any differs;
/// returns whether anything changed. A change of its place in the matrix goes to `deltas`.
pub fn update_imported(
    conn: &Connection,
    before: &ExistingCustomer,
    c: &ImportedCustomer<'_>,
    now: &str,
    deltas: &mut CellDeltas,
) -> CoreResult<bool> {
    let id = before.id;
    let mut columns: Vec<(&str, Value)> = vec![
        ("name", Value::Text(c.name.to_string())),
        ("persona_id", c.persona_id.0.into()),
    ];
    let opt = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    if let Some(v) = c.current_step_id {
        columns.push(("current_step_id", opt(v.map(|s| s.0))));
    }
    if let Some(v) = c.target_step_id {
        columns.push(("target_step_id", opt(v.map(|s| s.0))));
    }
    if let Some(v) = c.arr_cents {
        columns.push(("arr_cents", opt(v)));
    }
    if let Some(v) = c.health {
        columns.push(("health", opt(v.map(i64::from))));
    }
    if let Some(v) = c.nps {
        columns.push(("nps", opt(v.map(i64::from))));
    }
    if let Some(v) = c.csat {
        columns.push(("csat", v.map_or(Value::Null, Value::Real)));
    }
    if let Some(v) = c.owner {
        columns.push(("owner", Value::Text(v.to_string())));
    }
    if let Some(v) = c.renewal_date {
        columns.push((
            "renewal_date",
            v.map_or(Value::Null, |d| time::date_to_stored(d).into()),
        ));
    }
    if let Some(v) = c.notes {
        columns.push(("notes", Value::Text(v.to_string())));
    }
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{name} = ?{}", i + 3))
        .collect();
    let differs: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{name} IS NOT ?{}", i + 3))
        .collect();
    let sql = format!(
        "UPDATE customer SET {}, updated_at = ?2 WHERE id = ?1 AND ({})",
        sets.join(", "),
        differs.join(" OR ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut values: Vec<Value> = vec![Value::Integer(id.0), Value::Text(now.to_string())];
    values.extend(columns.into_iter().map(|(_, v)| v));
    let changed = stmt.execute(rusqlite::params_from_iter(values))? > 0;
    if changed {
        let was = Counted {
            persona_id: before.persona_id,
            current_step_id: before.current_step_id,
            target_step_id: before.target_step_id,
            arr_cents: before.arr_cents,
        };
        deltas.change(
            was,
            Counted {
                persona_id: c.persona_id,
                current_step_id: c.current_step_id.unwrap_or(was.current_step_id),
                target_step_id: c.target_step_id.unwrap_or(was.target_step_id),
                arr_cents: c.arr_cents.unwrap_or(was.arr_cents),
            },
        );
    }
    Ok(changed)
}

/// A customer as a stage history file names it.
#[derive(Debug, Clone)]
pub struct CustomerKey {
    pub id: CustomerId,
    pub persona_id: PersonaId,
    pub external_id: Option<String>,
    pub name: String,
}

/// Every customer's id, persona, external id and name, in storage order.
pub fn keys(conn: &Connection) -> CoreResult<Vec<CustomerKey>> {
    let mut stmt =
        conn.prepare("SELECT id, persona_id, external_id, name FROM customer NOT INDEXED")?;
    let rows = stmt.query_map([], |r| {
        Ok(CustomerKey {
            id: r.get(0)?,
            persona_id: r.get(1)?,
            external_id: r.get(2)?,
            name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
