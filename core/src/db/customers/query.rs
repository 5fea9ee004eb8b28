//! The customer list's and the segments' queries: one SQL condition builder for every
//! filter (persona, step, owner, bands, ARR, renewal window, stalled days, quadrant),
//! sorting, paging, counting and grouping.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;

use super::{from_row, COLUMNS};
use crate::db::segment_cells::{self, MatrixRow};
use crate::error::CoreResult;
use crate::model::{
    CustomerQuery, CustomerRow, CustomerSort, PersonaId, ProgressBasis, QuadrantRef, SegmentFilter,
    StepId, SUCCESSFUL_ALONG_MAP,
};
use crate::time;

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
    /// it, kept in `current_since` by `db::placements`).
    fn stalled(&mut self, t: &str, days: u32, today: NaiveDate) {
        let cutoff = today - chrono::Duration::days(i64::from(days.min(36_500)));
        self.add(
            &format!("{t}current_step_id IS NOT NULL AND {t}current_since < ?"),
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
        let (sql, values) = super::search::clause(search);
        w.add(&sql, values);
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

/// The search of a query that narrows by nothing else (trimmed, not empty).
fn search_only(q: &CustomerQuery) -> Option<&str> {
    let plain = CustomerQuery {
        search: q.search.clone(),
        sort: q.sort,
        descending: q.descending,
        ..CustomerQuery::default()
    };
    let search = q.search.trim();
    (*q == plain && !search.is_empty()).then_some(search)
}

/// How many customers a query matches.
pub fn count_matching(conn: &Connection, q: &CustomerQuery, today: NaiveDate) -> CoreResult<u32> {
    if let Some((count, _)) = size_from_cells(conn, q)? {
        return Ok(count);
    }
    if let Some(search) = search_only(q) {
        if let Some(count) = super::search::count(conn, search)? {
            return Ok(count);
        }
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
    // A search that many customers match, in name order: walking the name index and
    // keeping the matches finds the first page after a few hundred entries, where
    // fetching every match to sort it reads them all (a quarter of a million customers:
    // 150 ms against a few).
    let by_name = match search_only(q) {
        Some(search) if q.sort == CustomerSort::Name => {
            let matches = super::search::count(conn, search)?.unwrap_or(0);
            let (all, _) = segment_cells::sum(conn, None, None, None)?;
            u64::from(matches) * 32 > u64::from(all)
        }
        _ => false,
    };
    let hint = if by_name {
        "INDEXED BY customer_by_name"
    } else {
        ""
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, p.name, cs.title, ts.title, cs.position, ts.position
           FROM (SELECT c.id FROM customer c {hint} {order_joins} {clause} {order} LIMIT ?{} OFFSET ?{n}) page
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
        return segment_cells::all(conn, filter.persona_id);
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
