//! Segments: who stands where on a persona's map and where they aim, as a current ×
//! target matrix of customer counts and ARR, aggregated in SQL (never row by row); saved
//! segments (`saved`), success vs satisfaction (`satisfaction`) and progression along
//! the map from the placement history (`progression`) over the same filters.

mod progression;
mod satisfaction;
mod saved;

pub use progression::progression;
pub use satisfaction::satisfaction;
pub use saved::{delete, list_saved, query_of, save, update};

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::{customers, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{MatrixCell, PersonaMatrix, SegmentFilter};

/// The matrix of every persona (or of `filter.persona_id` alone), in persona order;
/// cells ordered by current step then target step, "not placed" and "no target" last.
pub fn matrix(
    conn: &Connection,
    filter: &SegmentFilter,
    today: NaiveDate,
) -> CoreResult<Vec<PersonaMatrix>> {
    let mut by_persona: HashMap<_, Vec<_>> = HashMap::new();
    for (persona, current, target, count, arr) in customers::matrix_cells(conn, filter, today)? {
        by_persona
            .entry(persona)
            .or_default()
            .push((current, target, count, arr));
    }
    let mut out = Vec::new();
    for persona in personas::list(conn)? {
        if filter.persona_id.is_some_and(|p| p != persona.id) {
            continue;
        }
        let map_steps = steps::list_for_map(conn, persona.map_id)?;
        let position: HashMap<_, _> = map_steps.iter().map(|s| (s.id, s.position)).collect();
        let rank = |step: Option<_>| {
            step.and_then(|s| position.get(&s).copied())
                .unwrap_or(i32::MAX)
        };
        let mut cells: Vec<MatrixCell> = by_persona
            .remove(&persona.id)
            .unwrap_or_default()
            .into_iter()
            .map(|(current, target, customers, arr_cents)| MatrixCell {
                current_step_id: current,
                target_step_id: target,
                customers,
                arr_cents,
                regression: current.is_some() && target.is_some() && rank(target) < rank(current),
            })
            .collect();
        cells.sort_by_key(|c| (rank(c.current_step_id), rank(c.target_step_id)));
        out.push(PersonaMatrix {
            persona_id: persona.id,
            persona_name: persona.name,
            customers: cells.iter().map(|c| c.customers).sum(),
            arr_cents: cells.iter().map(|c| c.arr_cents).sum(),
            steps: map_steps,
            cells,
        });
    }
    Ok(out)
}

/// The longest renewal window a filter may ask for, in days (ten years).
pub const RENEWAL_DAYS_MAX: u32 = 3650;

/// Checks a filter: its persona exists, ARR bounds are not negative and in order, the
/// renewal window is 1 to [`RENEWAL_DAYS_MAX`] days.
pub fn check_filter(conn: &Connection, filter: &SegmentFilter) -> CoreResult<()> {
    if let Some(p) = filter.persona_id {
        personas::get(conn, p)?;
    }
    for bound in [filter.min_arr_cents, filter.max_arr_cents]
        .into_iter()
        .flatten()
    {
        if bound < 0 {
            return Err(CoreError::invalid(
                "filter",
                "ARR bounds cannot be negative",
            ));
        }
    }
    if let (Some(lo), Some(hi)) = (filter.min_arr_cents, filter.max_arr_cents) {
        if lo > hi {
            return Err(CoreError::invalid(
                "filter",
                "the lower ARR bound is above the upper one",
            ));
        }
    }
    if filter
        .renewal_within_days
        .is_some_and(|d| d == 0 || d > RENEWAL_DAYS_MAX)
    {
        return Err(CoreError::invalid(
            "filter",
            format!("the renewal window is 1 to {RENEWAL_DAYS_MAX} days"),
        ));
    }
    Ok(())
}
