//! `customer`: customer accounts and their place on their persona's map.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::db::segment_cells::{self, CellDeltas, Counted};
use crate::error::{CoreError, CoreResult};
use rusqlite::types::Value;

use crate::model::{
    Customer, CustomerChip, CustomerId, CustomerInput, CustomerQuery, CustomerRow, CustomerSort,
    MapId, PersonaId, ProgressBasis, QuadrantRef, SegmentFilter, StepId, SUCCESSFUL_ALONG_MAP,
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
    segment_cells::record(conn, None, Some(counted_input(c)))?;
    Ok(CustomerId(conn.last_insert_rowid()))
}

fn counted_input(c: &CustomerInput) -> Counted {
    Counted {
        persona_id: c.persona_id,
        current_step_id: c.current_step_id,
        target_step_id: c.target_step_id,
        arr_cents: c.arr_cents,
    }
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
    segment_cells::record(conn, before, Some(counted_input(c)))
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

/// The largest customers (by ARR, then name) on a step, for the map's chips.
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

/// A band of a score column: within its inclusive range, or no score at all (`None`).
fn band_clause(column: &str, range: Option<(i32, i32)>) -> String {
    match range {
        None => format!("{column} IS NULL"),
        Some((lo, hi)) => format!("{column} BETWEEN {lo} AND {hi}"),
    }
}

/// WHERE conditions over `customer` and the values they bind, built once for the
/// matrix and the lists so that a segment's list and its matrix cell always agree.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    /// Adds a condition whose `?` placeholders (in order) bind `values`.
    fn add(&mut self, sql: &str, values: impl IntoIterator<Item = Value>) {
        let mut out = String::with_capacity(sql.len() + 4);
        let mut values = values.into_iter();
        for ch in sql.chars() {
            if ch == '?' {
                self.values.push(values.next().unwrap_or(Value::Null));
                out.push_str(&format!("?{}", self.values.len()));
            } else {
                out.push(ch);
            }
        }
        self.clauses.push(out);
    }

    /// The filters of a segment on columns of `customer` named `{t}column`.
    fn segment(&mut self, t: &str, f: &SegmentFilter, today: NaiveDate) {
        if let Some(p) = f.persona_id {
            self.add(&format!("{t}persona_id = ?"), [Value::Integer(p.0)]);
        }
        if let Some(owner) = &f.owner {
            self.add(&format!("{t}owner = ?"), [Value::Text(owner.clone())]);
        }
        if let Some(min) = f.min_arr_cents {
            self.add(&format!("{t}arr_cents >= ?"), [Value::Integer(min)]);
        }
        if let Some(max) = f.max_arr_cents {
            self.add(&format!("{t}arr_cents <= ?"), [Value::Integer(max)]);
        }
        if let Some(band) = f.health_band {
            self.add(&band_clause(&format!("{t}health"), band.range()), []);
        }
        if let Some(band) = f.nps_band {
            self.add(&band_clause(&format!("{t}nps"), band.range()), []);
        }
        if let Some(days) = f.renewal_within_days {
            // At most a century ahead: no overflow whatever the caller sends.
            let until = today + chrono::Duration::days(i64::from(days.min(36_500)));
            self.add(
                &format!("{t}renewal_date BETWEEN ? AND ?"),
                [
                    Value::Text(time::date_to_stored(today)),
                    Value::Text(time::date_to_stored(until)),
                ],
            );
        }
        if let Some(days) = f.stalled_days {
            self.stalled(t, days, today);
        }
    }

    /// Customers on their current step since before `today - days` (the day they entered
    /// it: their latest history entry onto that step, else when they were created).
    fn stalled(&mut self, t: &str, days: u32, today: NaiveDate) {
        let cutoff = today - chrono::Duration::days(i64::from(days.min(36_500)));
        self.add(
            &format!(
                "{t}current_step_id IS NOT NULL AND coalesce(
                   (SELECT max(p.at) FROM placement p
                     WHERE p.customer_id = {t}id AND p.to_current_step_id = {t}current_step_id
                       AND p.from_current_step_id IS NOT p.to_current_step_id),
                   {t}created_at) < ?"
            ),
            [Value::Text(time::date_to_stored(cutoff))],
        );
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Steps far enough along their map to count as successful: step n of N with
/// n ≥ N × [`SUCCESSFUL_ALONG_MAP`] (the rule of `model::past_successful_share`).
fn past_successful_share_sql() -> String {
    format!(
        "SELECT s.id FROM step s
         WHERE (s.position + 1) >= {SUCCESSFUL_ALONG_MAP:?}
             * (SELECT count(*) FROM step t WHERE t.map_id = s.map_id)"
    )
}
/// (current, target) pairs of one map where the current step is the target or beyond.
const TARGET_REACHED: &str = "SELECT a.id, b.id FROM step a
     JOIN step b ON b.map_id = a.map_id AND a.position >= b.position";

/// The customers of one quadrant of success vs satisfaction (`customer c`); the same
/// rules as `ops::segments::satisfaction` counts by.
fn quadrant_clause(q: QuadrantRef) -> String {
    let past_halfway = past_successful_share_sql();
    let success = match (q.basis, q.quadrant.successful()) {
        (ProgressBasis::Map, true) => format!("c.current_step_id IN ({past_halfway})"),
        (ProgressBasis::Map, false) => {
            format!("(c.current_step_id IS NULL OR c.current_step_id NOT IN ({past_halfway}))")
        }
        (ProgressBasis::Target, true) => {
            format!("(c.current_step_id, c.target_step_id) IN ({TARGET_REACHED})")
        }
        (ProgressBasis::Target, false) => format!(
            "c.target_step_id IS NOT NULL AND (c.current_step_id IS NULL
                OR (c.current_step_id, c.target_step_id) NOT IN ({TARGET_REACHED}))"
        ),
    };
    let column = q.measure.column();
    let from = q.measure.satisfied_from();
    let satisfaction = if q.quadrant.satisfied() {
        format!("c.{column} >= {from}")
    } else {
        format!("c.{column} < {from}")
    };
    format!("{success} AND {satisfaction}")
}

/// (persona, current step, target step, score as `f64::to_bits`) → (customers, ARR in cents).
pub type ScoreGroups =
    HashMap<(PersonaId, Option<StepId>, Option<StepId>, Option<u64>), (u32, i64)>;

/// The customers `filter` keeps, counted per persona, current step, target step and
/// exact score of `column`; added up in Rust from one pass over the rows, without
/// SQLite's sorter.
pub fn score_groups(
    conn: &Connection,
    filter: &SegmentFilter,
    today: NaiveDate,
    column: &str,
) -> CoreResult<ScoreGroups> {
    let mut w = Conditions::default();
    w.segment("c.", filter, today);
    let mut stmt = conn.prepare(&format!(
        "SELECT c.persona_id, c.current_step_id, c.target_step_id, c.{column}, c.arr_cents
           FROM customer c {}",
        w.sql()
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(w.values))?;
    let mut groups = ScoreGroups::new();
    while let Some(r) = rows.next()? {
        let score: Option<f64> = r.get(3)?;
        let key = (r.get(0)?, r.get(1)?, r.get(2)?, score.map(f64::to_bits));
        let arr: Option<i64> = r.get(4)?;
        let entry = groups.entry(key).or_default();
        entry.0 += 1;
        entry.1 += arr.unwrap_or(0);
    }
    Ok(groups)
}

/// The WHERE clause and values of a segment filter over `customer c`, for other tables'
/// queries that join the customers a segment keeps.
pub(crate) fn segment_clause(filter: &SegmentFilter, today: NaiveDate) -> (String, Vec<Value>) {
    let mut w = Conditions::default();
    w.segment("c.", filter, today);
    (w.sql(), w.values)
}

/// The WHERE clause and its values for a query (columns of `customer c`).
fn filter(q: &CustomerQuery, today: NaiveDate) -> (String, Vec<Value>) {
    let mut w = Conditions::default();
    let search = q.search.trim();
    if !search.is_empty() {
        let escaped = search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = Value::Text(format!("%{escaped}%"));
        w.add(
            "(c.name LIKE ? ESCAPE '\\' OR c.external_id LIKE ? ESCAPE '\\')",
            [pattern.clone(), pattern],
        );
    }
    w.segment("c.", &q.segment_filter(), today);
    if let Some(s) = q.current_step_id {
        w.add("c.current_step_id = ?", [Value::Integer(s.0)]);
    }
    if let Some(quadrant) = q.quadrant {
        w.add(&quadrant_clause(quadrant), []);
    }
    if let Some(cell) = q.cell {
        let step = |s: Option<StepId>| s.map_or(Value::Null, |s| Value::Integer(s.0));
        w.add(
            "c.current_step_id IS ? AND c.target_step_id IS ?",
            [step(cell.current_step_id), step(cell.target_step_id)],
        );
    }
    (w.sql(), w.values)
}

fn order_by(q: &CustomerQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    // Missing values sort last whichever the direction. SQLite sorts NULL first, so
    // descending needs no extra key, and an index on the column can give the order.
    let nulls_last = |column: &str| {
        if q.descending {
            format!("{column} DESC")
        } else {
            format!("{column} IS NULL, {column} ASC")
        }
    };
    let key = match q.sort {
        CustomerSort::Name => format!("c.name COLLATE NOCASE {dir}"),
        CustomerSort::Arr => nulls_last("c.arr_cents"),
        CustomerSort::Health => nulls_last("c.health"),
        CustomerSort::RenewalDate => nulls_last("c.renewal_date"),
        CustomerSort::Persona => format!("p.position {dir}, c.name COLLATE NOCASE"),
        CustomerSort::CurrentStep => format!("cs.position IS NULL, p.position, cs.position {dir}"),
    };
    format!("ORDER BY {key}, c.id {dir}")
}

/// The count and ARR of a query from the kept matrix, when the query narrows by persona,
/// current step or matrix cell only (the matrix's own keys).
fn size_from_cells(conn: &Connection, q: &CustomerQuery) -> CoreResult<Option<(u32, i64)>> {
    let plain = CustomerQuery {
        persona_id: q.persona_id,
        current_step_id: q.current_step_id,
        cell: q.cell,
        sort: q.sort,
        descending: q.descending,
        ..CustomerQuery::default()
    };
    if *q != plain {
        return Ok(None);
    }
    let (current, target) = match (q.cell, q.current_step_id) {
        (Some(cell), None) => (Some(cell.current_step_id), Some(cell.target_step_id)),
        (None, Some(step)) => (Some(Some(step)), None),
        (None, None) => (None, None),
        (Some(_), Some(_)) => return Ok(None),
    };
    segment_cells::sum(conn, q.persona_id, current, target).map(Some)
}

/// How many customers a query matches.
pub fn count_matching(conn: &Connection, q: &CustomerQuery, today: NaiveDate) -> CoreResult<u32> {
    if let Some((count, _)) = size_from_cells(conn, q)? {
        return Ok(count);
    }
    let (clause, values) = filter(q, today);
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM customer c {clause}"),
        rusqlite::params_from_iter(values),
        |r| r.get(0),
    )?)
}

/// How many customers a query matches and their ARR (cents).
pub fn size_matching(
    conn: &Connection,
    q: &CustomerQuery,
    today: NaiveDate,
) -> CoreResult<(u32, i64)> {
    if let Some(size) = size_from_cells(conn, q)? {
        return Ok(size);
    }
    let (clause, values) = filter(q, today);
    Ok(conn.query_row(
        &format!("SELECT count(*), ifnull(sum(c.arr_cents), 0) FROM customer c {clause}"),
        rusqlite::params_from_iter(values),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Calls `f` with the customers a query matches, in its order, from `offset` on
/// (`limit`: at most so many), with the names the list and exports show.
pub fn for_each_matching(
    conn: &Connection,
    q: &CustomerQuery,
    today: NaiveDate,
    offset: u32,
    limit: Option<u32>,
    f: &mut dyn FnMut(CustomerRow) -> CoreResult<()>,
) -> CoreResult<()> {
    let (clause, mut values) = filter(q, today);
    values.push(Value::Integer(limit.map_or(-1, i64::from)));
    values.push(Value::Integer(i64::from(offset)));
    let n = values.len();
    // The page's ids first, from as narrow a scan as the order allows (for the default
    // order, the name index alone), then the page's rows with their names: rows skipped
    // by OFFSET never touch the table or the joins.
    let order_joins = match q.sort {
        CustomerSort::Persona => "JOIN persona p ON p.id = c.persona_id",
        CustomerSort::CurrentStep => {
            "JOIN persona p ON p.id = c.persona_id LEFT JOIN step cs ON cs.id = c.current_step_id"
        }
        _ => "",
    };
    let order = order_by(q);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, p.name, cs.title, ts.title, cs.position, ts.position
           FROM (SELECT c.id FROM customer c {order_joins} {clause} {order} LIMIT ?{} OFFSET ?{n}) page
           JOIN customer c ON c.id = page.id
           JOIN persona p ON p.id = c.persona_id
           LEFT JOIN step cs ON cs.id = c.current_step_id
           LEFT JOIN step ts ON ts.id = c.target_step_id
          {order}",
        n - 1
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        f(CustomerRow {
            customer: from_row(r)?,
            persona_name: r.get(13)?,
            current_step_title: r.get(14)?,
            target_step_title: r.get(15)?,
            current_step_position: r.get(16)?,
            target_step_position: r.get(17)?,
        })?;
    }
    Ok(())
}

/// Distinct owners, for the owner filter.
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
        "UPDATE customer SET persona_id = ?2, current_step_id = NULL, target_step_id = NULL, updated_at = ?3
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

/// The hash `ExistingCustomer` keeps of a text.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// External id → customer, for every customer that has one.
pub fn external_index(conn: &Connection) -> CoreResult<HashMap<String, ExistingCustomer>> {
    // NOT INDEXED: one pass over the table in storage order; through the external-id
    // index every row would be a random lookup.
    let mut stmt = conn.prepare(
        "SELECT external_id, id, persona_id, current_step_id, target_step_id, name, arr_cents,
                health, nps, csat, owner, renewal_date, notes
           FROM customer NOT INDEXED WHERE external_id IS NOT NULL",
    )?;
    let mut index = HashMap::new();
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
    let mut stmt = conn.prepare_cached(
        "INSERT INTO customer (external_id, name, persona_id, current_step_id, target_step_id,
                               arr_cents, health, nps, csat, owner, renewal_date, notes,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?;
    stmt.execute(params![
        c.external_id,
        c.name,
        c.persona_id,
        c.current_step_id.flatten(),
        c.target_step_id.flatten(),
        c.arr_cents.flatten(),
        c.health.flatten(),
        c.nps.flatten(),
        c.csat.flatten(),
        c.owner.unwrap_or_default(),
        c.renewal_date.flatten().map(time::date_to_stored),
        c.notes.unwrap_or_default(),
        now
    ])
    .map_err(|e| {
        super::unique_violation(e, || {
            format!(
                "another customer already has the external id \"{}\"",
                c.external_id.unwrap_or_default()
            )
        })
    })?;
    deltas.add(Counted {
        persona_id: c.persona_id,
        current_step_id: c.current_step_id.flatten(),
        target_step_id: c.target_step_id.flatten(),
        arr_cents: c.arr_cents.flatten(),
    });
    Ok(CustomerId(conn.last_insert_rowid()))
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

/// (persona, current step, target step, customers, ARR in cents).
pub type MatrixRow = (PersonaId, Option<StepId>, Option<StepId>, u32, i64);

/// Customers and ARR per (persona, current step, target step) among those `filter`
/// keeps; `today` anchors "renewal within N days". Without filters (a persona or
/// none), read from the kept summary; with filters, counted from the customers.
pub fn matrix_cells(
    conn: &Connection,
    filter: &SegmentFilter,
    today: NaiveDate,
) -> CoreResult<Vec<MatrixRow>> {
    let unfiltered = SegmentFilter {
        persona_id: filter.persona_id,
        ..SegmentFilter::default()
    };
    if *filter == unfiltered {
        return super::segment_cells::all(conn, filter.persona_id);
    }
    let mut w = Conditions::default();
    w.segment("c.", filter, today);
    let (clause, values) = (w.sql(), w.values);
    let mut stmt = conn.prepare(&format!(
        "SELECT c.persona_id, c.current_step_id, c.target_step_id, count(*),
                ifnull(sum(c.arr_cents), 0)
           FROM customer c {clause}
          GROUP BY persona_id, current_step_id, target_step_id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
