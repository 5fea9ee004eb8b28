//! `persona`: the personas of the workspace, ordered by `position`.

use rusqlite::{Connection, OptionalExtension, Row, ToSql};

use crate::db::segment_cells;
use crate::error::{CoreError, CoreResult};
use crate::model::{MapId, Persona, PersonaId, PersonaSummary};

/// Validated values of a persona row (see `ops::personas` for the rules).
pub struct PersonaValues<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub success_definition: &'a str,
    pub goals: &'a [String],
    pub revenue_share: Option<f64>,
    pub color: &'a str,
}

const SELECT: &str = "SELECT p.id, m.id, p.name, p.description, p.success_definition, p.goals_json,
        p.revenue_share, p.color, p.position
   FROM persona p JOIN success_map m ON m.persona_id = p.id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Persona> {
    let goals_json: String = row.get(5)?;
    let goals: Vec<String> = serde_json::from_str(&goals_json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Persona {
        id: row.get(0)?,
        map_id: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        success_definition: row.get(4)?,
        goals,
        revenue_share: row.get(6)?,
        color: row.get(7)?,
        position: row.get(8)?,
    })
}

/// Runs `f` with the stored form of a persona's values bound as ?1…?6 and `now` as
/// ?7, by insert and update alike.
fn with_stored<T>(
    values: &PersonaValues<'_>,
    now: &str,
    f: impl FnOnce(&[&dyn ToSql]) -> rusqlite::Result<T>,
) -> CoreResult<T> {
    let goals = goals_json(values)?;
    f(&[
        &values.name,
        &values.description,
        &values.success_definition,
        &goals,
        &values.revenue_share,
        &values.color,
        &now,
    ])
    .map_err(|e| super::unique_violation(e, duplicate_name(values)))
}

fn goals_json(values: &PersonaValues<'_>) -> CoreResult<String> {
    serde_json::to_string(values.goals)
        .map_err(|e| CoreError::Corrupt(format!("goals cannot be stored: {e}")))
}

fn duplicate_name<'a>(values: &'a PersonaValues<'_>) -> impl FnOnce() -> String + 'a {
    move || format!("a persona named \"{}\" already exists", values.name)
}

pub fn insert(conn: &Connection, values: &PersonaValues<'_>, now: &str) -> CoreResult<PersonaId> {
    with_stored(values, now, |params| {
        conn.execute(
            "INSERT INTO persona (name, description, success_definition, goals_json,
                                  revenue_share, color, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     (SELECT ifnull(max(position) + 1, 0) FROM persona), ?7, ?7)",
            params,
        )
    })?;
    Ok(PersonaId(conn.last_insert_rowid()))
}

pub fn update(
    conn: &Connection,
    id: PersonaId,
    values: &PersonaValues<'_>,
    now: &str,
) -> CoreResult<()> {
    let changed = with_stored(values, now, |params| {
        let mut params = params.to_vec();
        params.push(&id);
        conn.execute(
            "UPDATE persona SET name = ?1, description = ?2, success_definition = ?3,
                    goals_json = ?4, revenue_share = ?5, color = ?6, updated_at = ?7
              WHERE id = ?8",
            params.as_slice(),
        )
    })?;
    if changed == 0 {
        return Err(CoreError::not_found(PersonaId::ENTITY, id.0));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: PersonaId) -> CoreResult<()> {
    let changed = conn.execute("DELETE FROM persona WHERE id = ?1", [id])?;
    if changed == 0 {
        return Err(CoreError::not_found(PersonaId::ENTITY, id.0));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: PersonaId) -> CoreResult<Persona> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found(PersonaId::ENTITY, id.0))
}

pub fn list(conn: &Connection) -> CoreResult<Vec<Persona>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY p.position, p.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Personas with their step count, customer count and ARR, in list order.
pub fn list_summaries(conn: &Connection) -> CoreResult<Vec<PersonaSummary>> {
    let personas = list(conn)?;
    // Customers and ARR per persona from the kept matrix (`segment_cell`, a few rows per
    // persona), not from the customers: at a million customers, well under a millisecond
    // instead of tens.
    let mut steps = conn.prepare_cached("SELECT count(*) FROM step WHERE map_id = ?1")?;
    personas
        .into_iter()
        .map(|persona| {
            let step_count: u32 = steps.query_row([persona.map_id], |r| r.get(0))?;
            let (customer_count, arr_cents) =
                segment_cells::sum(conn, Some(persona.id), None, None)?;
            Ok(PersonaSummary {
                persona,
                step_count,
                customer_count,
                arr_cents,
            })
        })
        .collect()
}

pub fn count(conn: &Connection) -> CoreResult<u32> {
    Ok(conn.query_row("SELECT count(*) FROM persona", [], |r| r.get(0))?)
}

/// The persona of a map.
pub fn id_of_map(conn: &Connection, map_id: MapId) -> CoreResult<PersonaId> {
    conn.query_row(
        "SELECT persona_id FROM success_map WHERE id = ?1",
        [map_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found(MapId::ENTITY, map_id.0))
}
