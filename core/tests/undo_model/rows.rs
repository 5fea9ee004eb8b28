//! The workspace as rows: snapshots to compare, and what exists to pick from.

use super::*;

// The workspace as rows ----------------------------------------------------------------

/// Every table of the file (by name) with its rows as text, sorted. The search index is
/// left out: how FTS5 lays out its segments depends on the order of writes, so it is
/// checked against the customers instead (its integrity check, each snapshot).
pub(crate) type Snapshot = Vec<(String, Vec<String>)>;

pub(crate) fn show(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => format!("{r:?}"),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

pub(crate) fn snapshot(ws: &Workspace) -> Snapshot {
    ws.read(|c| {
        c.execute(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        let tables: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_schema
                  WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'customer\\_search%' ESCAPE '\\' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = c.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| r.get_ref(i).map(show))
                        .collect::<Result<_, _>>()?;
                    Ok(cells.join(" | "))
                })?
                .collect::<Result<_, _>>()?;
            rows.sort();
            out.push((table, rows));
        }
        Ok(out)
    })
    .unwrap()
}

/// The rows only one of two snapshots has, table by table (for failure messages).
pub(crate) fn difference(expected: &Snapshot, found: &Snapshot) -> String {
    let mut out = String::new();
    for (table, rows) in expected {
        let other = found
            .iter()
            .find(|(t, _)| t == table)
            .map_or(&[][..], |(_, r)| &r[..]);
        for row in rows.iter().filter(|r| !other.contains(r)) {
            out.push_str(&format!("\n  missing  {table}: {row}"));
        }
        for row in other.iter().filter(|r| !rows.contains(r)) {
            out.push_str(&format!("\n  extra    {table}: {row}"));
        }
    }
    out
}

/// A row of what exists: its id, what it belongs to (the map of a persona, step or KPI;
/// the persona of a customer) and its name.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) id: i64,
    pub(crate) of: i64,
    pub(crate) name: String,
}

pub(crate) const PERSONA_ROWS: &str = "SELECT p.id, m.id, p.name FROM persona p
                              JOIN success_map m ON m.persona_id = p.id ORDER BY p.id";
pub(crate) const STEP_ROWS: &str = "SELECT id, map_id, title FROM step ORDER BY map_id, position";
pub(crate) const KPI_ROWS: &str = "SELECT k.id, s.map_id, k.name FROM kpi k
                          JOIN step s ON s.id = k.step_id ORDER BY k.id";
pub(crate) const VEHICLE_ROWS: &str = "SELECT id, 0, name FROM vehicle ORDER BY id";
pub(crate) const ATTACHMENT_ROWS: &str = "SELECT id, 0, '' FROM vehicle_attachment ORDER BY id";
pub(crate) const CUSTOMER_ROWS: &str = "SELECT id, persona_id, name FROM customer ORDER BY id";
pub(crate) const SEGMENT_ROWS: &str = "SELECT id, 0, name FROM saved_segment ORDER BY id";
/// Steps no customer stands on or aims at that the placement history names.
pub(crate) const LEFT_STEP_ROWS: &str = "SELECT s.id, s.map_id, s.title FROM step s
     WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE s.id IN (c.current_step_id, c.target_step_id))
       AND EXISTS (SELECT 1 FROM placement p WHERE s.id IN (p.from_current_step_id,
                   p.to_current_step_id, p.from_target_step_id, p.to_target_step_id))
     ORDER BY s.id";

pub(crate) fn items(ws: &Workspace, sql: &str) -> Vec<Item> {
    ws.read(|c| {
        let mut stmt = c.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Item {
                id: r.get(0)?,
                of: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    })
    .unwrap()
}

/// The steps of a map, in order.
pub(crate) fn steps_of(ws: &Workspace, map: i64) -> Vec<Item> {
    items(ws, STEP_ROWS)
        .into_iter()
        .filter(|s| s.of == map)
        .collect()
}

/// The k-th of a list, modulo its length; `None` when it is empty.
pub(crate) fn pick<T: Clone>(list: &[T], k: usize) -> Option<T> {
    (!list.is_empty()).then(|| list[k % list.len()].clone())
}

pub(crate) fn step_on(steps: &[Item], k: Option<usize>) -> Option<StepId> {
    k.and_then(|k| pick(steps, k)).map(|s| StepId(s.id))
}
