//! Personas: create (with its empty success map), edit, delete, list.
//!
//! Rules: names are unique (case-insensitive) and at most 120 characters; revenue
//! share is a percentage 0–100; a persona that still has customers cannot be deleted
//! (they would be lost), the user must move or delete them first.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::{customers, maps, personas, placements};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    CustomersOnDelete, Persona, PersonaId, PersonaInput, PersonaSummary, PlacementSource,
};
use crate::{time, validate};

/// Colours given to new personas in turn, chosen to stay distinct in light and dark themes.
pub const PALETTE: &[&str] = &[
    "#3b5bdb", "#0c8599", "#e8590c", "#9c36b5", "#2f9e44", "#c2255c", "#5f3dc4", "#e67700",
];

struct Checked {
    name: String,
    description: String,
    success_definition: String,
    goals: Vec<String>,
    revenue_share: Option<f64>,
    color: Option<String>,
}

fn check(input: &PersonaInput) -> CoreResult<Checked> {
    let name = validate::name("name", "Persona name", &input.name)?;
    let description = validate::text("description", "Description", &input.description)?;
    let success_definition = validate::text(
        "successDefinition",
        "Definition of success",
        &input.success_definition,
    )?;
    let mut goals = Vec::new();
    for goal in &input.goals {
        let goal = validate::text("goals", "A goal", goal)?;
        if goal.chars().count() > validate::NAME_MAX * 2 {
            return Err(CoreError::invalid(
                "goals",
                format!("a goal is limited to {} characters", validate::NAME_MAX * 2),
            ));
        }
        if !goal.is_empty() {
            goals.push(goal);
        }
    }
    let revenue_share = match input.revenue_share {
        None => None,
        Some(share) => Some(validate::in_range(
            "revenueShare",
            "Revenue share",
            share,
            0.0,
            100.0,
        )?),
    };
    let color = match &input.color {
        None => None,
        Some(c) => Some(validate::color("color", c)?),
    };
    Ok(Checked {
        name,
        description,
        success_definition,
        goals,
        revenue_share,
        color,
    })
}

/// Creates a persona and its (empty) success map.
pub fn create(conn: &Connection, input: &PersonaInput, now: DateTime<Utc>) -> CoreResult<Persona> {
    let checked = check(input)?;
    let now = time::to_stored(now);
    let color = match checked.color {
        Some(c) => c,
        None => PALETTE[personas::count(conn)? as usize % PALETTE.len()].to_string(),
    };
    let id = personas::insert(
        conn,
        &personas::PersonaValues {
            name: &checked.name,
            description: &checked.description,
            success_definition: &checked.success_definition,
            goals: &checked.goals,
            revenue_share: checked.revenue_share,
            color: &color,
        },
        &now,
    )?;
    maps::insert(conn, id, &format!("{} success map", checked.name), &now)?;
    personas::get(conn, id)
}

pub fn update(
    conn: &Connection,
    id: PersonaId,
    input: &PersonaInput,
    now: DateTime<Utc>,
) -> CoreResult<Persona> {
    let checked = check(input)?;
    let existing = personas::get(conn, id)?;
    let color = checked.color.unwrap_or(existing.color);
    personas::update(
        conn,
        id,
        &personas::PersonaValues {
            name: &checked.name,
            description: &checked.description,
            success_definition: &checked.success_definition,
            goals: &checked.goals,
            revenue_share: checked.revenue_share,
            color: &color,
        },
        &time::to_stored(now),
    )?;
    personas::get(conn, id)
}

/// Deletes a persona with its map. Its customers are never dropped silently: with
/// `Keep` the delete is refused while it has any; otherwise they are moved to another
/// persona (unplaced, with the change in their history) or deleted, as the user chose.
pub fn delete(
    conn: &Connection,
    id: PersonaId,
    customers_fate: CustomersOnDelete,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let persona = personas::get(conn, id)?;
    let count = customers::count_for_persona(conn, id)?;
    if count > 0 {
        match customers_fate {
            CustomersOnDelete::Keep => {
                return Err(CoreError::Conflict(format!(
                    "\"{}\" still has {count} customer{}; move them to another persona or delete them first",
                    persona.name,
                    if count == 1 { "" } else { "s" }
                )))
            }
            CustomersOnDelete::MoveTo { persona_id } => {
                if persona_id == id {
                    return Err(CoreError::invalid("personaId", "choose another persona to move the customers to"));
                }
                personas::get(conn, persona_id)
                    .map_err(|_| CoreError::invalid("personaId", "choose an existing persona"))?;
                let at = time::to_stored(now);
                for (customer_id, current, target) in customers::placements_of_persona(conn, id)? {
                    let change = placements::PlacementChange {
                        customer_id,
                        from_current: current,
                        to_current: None,
                        from_target: target,
                        to_target: None,
                    };
                    placements::record(conn, &change, &at, PlacementSource::Edit)?;
                }
                customers::move_to_persona(conn, id, persona_id, &at)?;
            }
            CustomersOnDelete::Delete => customers::delete_for_persona(conn, id)?,
        }
    }
    personas::delete(conn, id)
}

pub fn list(conn: &Connection) -> CoreResult<Vec<PersonaSummary>> {
    personas::list_summaries(conn)
}
