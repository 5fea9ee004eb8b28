//! Customers: create, edit, delete, and place on their persona's map.
//!
//! Rules: current and target steps belong to the map of the customer's persona;
//! every change of either is written to the placement history with its source.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::db::placements::{self, PlacementChange};
use crate::db::{customers, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    Customer, CustomerDetail, CustomerId, CustomerInput, CustomerPage, CustomerQuery, PersonaId,
    Placement, PlacementMove, PlacementSource, StepId,
};
use crate::validate::Figure;
use crate::{time, validate};

fn check_step(
    conn: &Connection,
    persona_id: PersonaId,
    step_id: Option<StepId>,
    field: &'static str,
) -> CoreResult<()> {
    let Some(step_id) = step_id else {
        return Ok(());
    };
    let persona = personas::get(conn, persona_id)?;
    let step = steps::get(conn, step_id)?;
    if step.map_id != persona.map_id {
        return Err(CoreError::invalid(
            field,
            format!(
                "the step \"{}\" is not on the map of {}",
                step.title, persona.name
            ),
        ));
    }
    Ok(())
}

fn check(conn: &Connection, input: &CustomerInput) -> CoreResult<CustomerInput> {
    let name = validate::name("name", "Customer name", &input.name)?;
    let external_id = match &input.external_id {
        Some(e) if !e.trim().is_empty() => Some(validate::name("externalId", "External id", e)?),
        _ => None,
    };
    personas::get(conn, input.persona_id)
        .map_err(|_| CoreError::invalid("personaId", "choose an existing persona"))?;
    check_step(
        conn,
        input.persona_id,
        input.current_step_id,
        "currentStepId",
    )?;
    check_step(conn, input.persona_id, input.target_step_id, "targetStepId")?;
    if let Some(arr) = input.arr_cents {
        Figure::Arr.check(arr as f64, &crate::export::cents_text(arr))?;
    }
    if let Some(h) = input.health {
        Figure::Health.check(f64::from(h), &h.to_string())?;
    }
    if let Some(n) = input.nps {
        Figure::Nps.check(f64::from(n), &n.to_string())?;
    }
    if let Some(c) = input.csat {
        Figure::Csat.check(c, &c.to_string())?;
    }
    Ok(CustomerInput {
        external_id,
        name,
        owner: validate::text("owner", "Owner", &input.owner)?,
        notes: validate::text("notes", "Notes", &input.notes)?,
        ..input.clone()
    })
}

/// Creates a customer; its first placement is recorded with `source`.
pub fn create(
    conn: &Connection,
    input: &CustomerInput,
    source: PlacementSource,
    now: DateTime<Utc>,
) -> CoreResult<Customer> {
    let input = check(conn, input)?;
    let at = time::to_stored(now);
    let id = customers::insert(conn, &input, &at)?;
    let change = PlacementChange {
        customer_id: id,
        from_current: None,
        to_current: input.current_step_id,
        from_target: None,
        to_target: input.target_step_id,
    };
    placements::record_first(conn, &change, &at, source)?;
    customers::get(conn, id)
}

/// Replaces a customer's fields; a change of step is recorded with `source`.
pub fn update(
    conn: &Connection,
    id: CustomerId,
    input: &CustomerInput,
    source: PlacementSource,
    now: DateTime<Utc>,
) -> CoreResult<Customer> {
    let before = customers::get(conn, id)?;
    let input = check(conn, input)?;
    let at = time::to_stored(now);
    customers::update(conn, id, &input, &at)?;
    let change = PlacementChange {
        customer_id: id,
        from_current: before.current_step_id,
        to_current: input.current_step_id,
        from_target: before.target_step_id,
        to_target: input.target_step_id,
    };
    placements::record(conn, &change, &at, source)?;
    customers::get(conn, id)
}

pub fn delete(conn: &Connection, id: CustomerId) -> CoreResult<()> {
    customers::delete(conn, id)
}

/// A page of the customers a query matches.
pub fn page(
    conn: &Connection,
    query: &CustomerQuery,
    today: NaiveDate,
    offset: u32,
    limit: u32,
) -> CoreResult<CustomerPage> {
    let limit = limit.clamp(1, 500);
    let total = customers::count_matching(conn, query, today)?;
    let mut rows = Vec::with_capacity(limit as usize);
    customers::for_each_matching(conn, query, today, offset, Some(limit), &mut |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(CustomerPage {
        total,
        offset,
        rows,
    })
}

pub fn placements(conn: &Connection, id: CustomerId) -> CoreResult<Vec<Placement>> {
    customers::get(conn, id)?;
    placements::list_for_customer(conn, id)
}

/// A customer with its names and placement history.
pub fn detail(conn: &Connection, id: CustomerId) -> CoreResult<CustomerDetail> {
    Ok(CustomerDetail {
        row: customers::row(conn, id)?,
        placements: placements::entries_for_customer(conn, id)?,
    })
}

/// Moves customers to a new current step, or gives them a new target, in one edit;
/// each change goes to the history with `source`. Every step must be on the map of each
/// customer's persona. Returns how many customers changed.
pub fn place(
    conn: &Connection,
    ids: &[CustomerId],
    placement: PlacementMove,
    source: PlacementSource,
    now: DateTime<Utc>,
) -> CoreResult<u32> {
    if ids.is_empty() {
        return Err(CoreError::invalid("ids", "select at least one customer"));
    }
    let at = time::to_stored(now);
    let mut changed = 0;
    for &id in ids {
        let before = customers::get(conn, id)?;
        let (current, target) = match placement {
            PlacementMove::Current { step_id } => {
                check_step_for(conn, &before, step_id)?;
                (Some(step_id), before.target_step_id)
            }
            PlacementMove::Target { step_id } => {
                if let Some(step_id) = step_id {
                    check_step_for(conn, &before, step_id)?;
                }
                (before.current_step_id, step_id)
            }
        };
        if current == before.current_step_id && target == before.target_step_id {
            continue;
        }
        customers::set_steps(conn, id, current, target, &at)?;
        placements::record(
            conn,
            &PlacementChange {
                customer_id: id,
                from_current: before.current_step_id,
                to_current: current,
                from_target: before.target_step_id,
                to_target: target,
            },
            &at,
            source,
        )?;
        changed += 1;
    }
    Ok(changed)
}

fn check_step_for(conn: &Connection, customer: &Customer, step_id: StepId) -> CoreResult<()> {
    let persona = personas::get(conn, customer.persona_id)?;
    let step = steps::get(conn, step_id)?;
    if step.map_id != persona.map_id {
        return Err(CoreError::invalid(
            "stepId",
            format!(
                "{} is a {} customer; the step \"{}\" is on another persona's map",
                customer.name, persona.name, step.title
            ),
        ));
    }
    Ok(())
}

/// The undo label of a placement: "Move “Acme” to “Adopt”", "Set target of 3 customers to …".
pub fn placement_label(
    conn: &Connection,
    ids: &[CustomerId],
    placement: PlacementMove,
) -> CoreResult<String> {
    let who = match ids {
        [one] => format!("“{}”", customers::get(conn, *one)?.name),
        many => format!("{} customers", many.len()),
    };
    let step = |id| steps::get(conn, id).map(|s| s.title);
    Ok(match placement {
        PlacementMove::Current { step_id } => format!("Move {who} to “{}”", step(step_id)?),
        PlacementMove::Target { step_id: Some(id) } => {
            format!("Set target of {who} to “{}”", step(id)?)
        }
        PlacementMove::Target { step_id: None } => format!("Clear the target of {who}"),
    })
}
