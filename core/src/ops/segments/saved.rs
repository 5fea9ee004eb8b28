//! Saved segments: a filter with a cell or a quadrant under a name, checked when saved,
//! described and counted again each time they are listed.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::db::segments as db_segments;
use crate::db::{customers, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    CustomerQuery, QuadrantRef, SavedSegment, SavedSegmentInput, SegmentId, SegmentSummary, StepId,
};
use crate::{time, validate};

use super::check_filter;

fn check_segment(conn: &Connection, input: &SavedSegmentInput) -> CoreResult<SavedSegmentInput> {
    let name = validate::name("name", "Segment name", &input.name)?;
    check_filter(conn, &input.filter)?;
    if let Some(cell) = input.cell {
        let Some(persona) = input.filter.persona_id else {
            return Err(CoreError::invalid(
                "cell",
                "a segment with a matrix cell needs its persona",
            ));
        };
        let map_id = personas::get(conn, persona)?.map_id;
        for step in [cell.current_step_id, cell.target_step_id]
            .into_iter()
            .flatten()
        {
            if steps::get(conn, step)?.map_id != map_id {
                return Err(CoreError::invalid(
                    "cell",
                    "the cell's steps are not on the persona's map",
                ));
            }
        }
    }
    Ok(SavedSegmentInput {
        name,
        filter: input.filter.clone(),
        cell: input.cell,
        quadrant: input.quadrant,
    })
}

/// Saves a new segment.
pub fn save(
    conn: &Connection,
    input: &SavedSegmentInput,
    now: DateTime<Utc>,
) -> CoreResult<SavedSegment> {
    let checked = check_segment(conn, input)?;
    let id = db_segments::insert(conn, &checked, &time::to_stored(now))?;
    db_segments::get(conn, id)
}

/// Replaces a saved segment's name, filter and cell.
pub fn update(
    conn: &Connection,
    id: SegmentId,
    input: &SavedSegmentInput,
    now: DateTime<Utc>,
) -> CoreResult<SavedSegment> {
    let checked = check_segment(conn, input)?;
    db_segments::update(conn, id, &checked, &time::to_stored(now))?;
    db_segments::get(conn, id)
}

pub fn delete(conn: &Connection, id: SegmentId) -> CoreResult<()> {
    db_segments::delete(conn, id)
}

/// The customers of a saved segment now, or why it cannot match what was saved (its
/// persona or a step of its cell was deleted since).
pub fn query_of(
    conn: &Connection,
    segment: &SavedSegment,
) -> CoreResult<Result<CustomerQuery, String>> {
    Ok(describe(conn, segment)?.map(|_| segment_query(segment)))
}

fn segment_query(segment: &SavedSegment) -> CustomerQuery {
    CustomerQuery {
        quadrant: segment.quadrant,
        ..CustomerQuery::segment(&segment.filter, segment.cell)
    }
}

/// (persona name, cell label) of a segment, or why it no longer resolves.
fn describe(
    conn: &Connection,
    segment: &SavedSegment,
) -> CoreResult<Result<(String, Option<String>), String>> {
    let Some(persona_id) = segment.filter.persona_id else {
        return Ok(Ok(("All personas".to_string(), None)));
    };
    let Some(persona) = personas::list(conn)?
        .into_iter()
        .find(|p| p.id == persona_id)
    else {
        return Ok(Err("its persona was deleted".to_string()));
    };
    let Some(cell) = segment.cell else {
        return Ok(Ok((persona.name, None)));
    };
    let map_steps = steps::list_for_map(conn, persona.map_id)?;
    let title = |step: Option<StepId>, none: &str| -> Option<String> {
        match step {
            None => Some(none.to_string()),
            Some(id) => map_steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| format!("{}. {}", s.position + 1, s.title)),
        }
    };
    match (
        title(cell.current_step_id, "Not placed"),
        title(cell.target_step_id, "No target"),
    ) {
        (Some(current), Some(target)) => {
            Ok(Ok((persona.name, Some(format!("{current} → {target}")))))
        }
        _ => Ok(Err("a step of its cell was deleted".to_string())),
    }
}

/// Every saved segment with its size now, by name.
pub fn list_saved(conn: &Connection, today: NaiveDate) -> CoreResult<Vec<SegmentSummary>> {
    let mut out = Vec::new();
    for segment in db_segments::list(conn)? {
        let summary = match describe(conn, &segment)? {
            Ok((persona_name, cell_label)) => {
                let query = segment_query(&segment);
                let (customers, arr_cents) = customers::size_matching(conn, &query, today)?;
                SegmentSummary {
                    quadrant_label: segment.quadrant.map(QuadrantRef::label),
                    segment,
                    customers,
                    arr_cents,
                    persona_name,
                    cell_label,
                    problem: None,
                }
            }
            Err(problem) => SegmentSummary {
                quadrant_label: segment.quadrant.map(QuadrantRef::label),
                segment,
                customers: 0,
                arr_cents: 0,
                persona_name: String::new(),
                cell_label: None,
                problem: Some(problem),
            },
        };
        out.push(summary);
    }
    Ok(out)
}
