//! Segments: who stands where on a persona's map and where they aim, as a current ×
//! target matrix of customer counts and ARR, aggregated in SQL (never row by row).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::db::segments as db_segments;
use crate::db::{customers, personas, placements, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    past_successful_share, CustomerQuery, MatrixCell, PersonaId, PersonaMatrix, ProgressBasis,
    ProgressionView, Quadrant, QuadrantFigure, QuadrantRef, SatisfactionMeasure, SatisfactionPoint,
    SatisfactionView, SavedSegment, SavedSegmentInput, SegmentFilter, SegmentId, SegmentSummary,
    StepId, StepProgress,
};
use crate::{time, validate};

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

/// A quadrant in words: "Satisfied, not successful (NPS; progress along the map)".
pub fn quadrant_label(q: QuadrantRef) -> String {
    let which = match q.quadrant {
        Quadrant::SuccessfulSatisfied => "Successful and satisfied",
        Quadrant::SuccessfulNotSatisfied => "Successful, not satisfied",
        Quadrant::SatisfiedNotSuccessful => "Satisfied, not successful",
        Quadrant::Neither => "Neither successful nor satisfied",
    };
    let measure = match q.measure {
        SatisfactionMeasure::Nps => "NPS",
        SatisfactionMeasure::Csat => "CSAT",
    };
    let basis = match q.basis {
        ProgressBasis::Map => "progress along the map",
        ProgressBasis::Target => "progress to the target",
    };
    format!("{which} ({measure}; {basis})")
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
                    quadrant_label: segment.quadrant.map(quadrant_label),
                    segment,
                    customers,
                    arr_cents,
                    persona_name,
                    cell_label,
                    problem: None,
                }
            }
            Err(problem) => SegmentSummary {
                quadrant_label: segment.quadrant.map(quadrant_label),
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

/// Success vs satisfaction of the customers `filter` keeps: points aggregated per
/// (progress, score), and the quadrants' counts and ARR. Progress and the thresholds
/// follow [`ProgressBasis`] and [`SatisfactionMeasure`]; a quadrant's customers are
/// listed by a query with `CustomerQuery::quadrant`, under the same rules.
pub fn satisfaction(
    conn: &Connection,
    filter: &SegmentFilter,
    basis: ProgressBasis,
    measure: SatisfactionMeasure,
    today: NaiveDate,
) -> CoreResult<SatisfactionView> {
    // Position of every step and the length of its map.
    let mut place: HashMap<StepId, (i32, i32)> = HashMap::new();
    for persona in personas::list(conn)? {
        let map_steps = steps::list_for_map(conn, persona.map_id)?;
        let len = map_steps.len() as i32;
        for s in map_steps {
            place.insert(s.id, (s.position, len));
        }
    }
    let groups = customers::score_groups(conn, filter, today, measure.column())?;
    let satisfied_from = measure.satisfied_from();
    let mut points: HashMap<(u64, i64), SatisfactionPoint> = HashMap::new();
    let mut quadrants: HashMap<Quadrant, (u32, i64)> = HashMap::new();
    let (mut without_score, mut without_target) = (0, 0);
    for ((_, current, target, score), (count, arr)) in groups {
        let Some(score) = score else {
            without_score += count;
            continue;
        };
        let current = current.and_then(|s| place.get(&s).copied());
        let (progress, successful) = match basis {
            ProgressBasis::Map => match current {
                None => (0.0, false),
                Some((position, len)) => (
                    f64::from(position + 1) / f64::from(len.max(1)),
                    past_successful_share(position, len),
                ),
            },
            ProgressBasis::Target => {
                let Some((target, _)) = target.and_then(|s| place.get(&s).copied()) else {
                    without_target += count;
                    continue;
                };
                match current {
                    None => (0.0, false),
                    Some((position, _)) => (
                        (f64::from(position + 1) / f64::from(target + 1)).min(1.0),
                        position >= target,
                    ),
                }
            }
        };
        // The exact score decides the quadrant (as the quadrant's SQL does); points are
        // drawn per tenth.
        let exact = f64::from_bits(score);
        let quadrant = Quadrant::of(successful, exact >= satisfied_from);
        let score = (exact * 10.0).round() / 10.0;
        let q = quadrants.entry(quadrant).or_default();
        q.0 += count;
        q.1 += arr;
        let point = points
            .entry((progress.to_bits(), (score * 10.0).round() as i64))
            .or_insert(SatisfactionPoint {
                progress,
                score,
                customers: 0,
                arr_cents: 0,
            });
        point.customers += count;
        point.arr_cents += arr;
    }
    let mut points: Vec<SatisfactionPoint> = points.into_values().collect();
    points.sort_by(|a, b| {
        a.progress
            .total_cmp(&b.progress)
            .then(a.score.total_cmp(&b.score))
    });
    Ok(SatisfactionView {
        basis,
        measure,
        points,
        quadrants: Quadrant::ALL
            .iter()
            .map(|&quadrant| {
                let (customers, arr_cents) = quadrants.get(&quadrant).copied().unwrap_or_default();
                QuadrantFigure {
                    quadrant,
                    customers,
                    arr_cents,
                }
            })
            .collect(),
        successful_from: basis.successful_from(),
        satisfied_from,
        score_min: measure.range().0,
        score_max: measure.range().1,
        successful_rule: basis.rule(),
        satisfied_rule: measure.rule(),
        without_score,
        without_target,
    })
}

/// Progression of a persona's customers that `filter` keeps, from their placement
/// history: per step, the median days spent there before moving on; within
/// [`period_from`, `period_to`] (whole days, both included), how many moved forward,
/// backward or not at all; and how many have been on their step for more than
/// `stalled_days` (the same rule as `SegmentFilter::stalled_days`, so "stalled" opens
/// as a segment of exactly those customers).
pub fn progression(
    conn: &Connection,
    filter: &SegmentFilter,
    persona_id: PersonaId,
    period_from: NaiveDate,
    period_to: NaiveDate,
    stalled_days: u32,
    today: NaiveDate,
) -> CoreResult<ProgressionView> {
    if period_to < period_from {
        return Err(CoreError::invalid(
            "period",
            "the period ends before it begins",
        ));
    }
    let persona = personas::get(conn, persona_id)?;
    let map_steps = steps::list_for_map(conn, persona.map_id)?;
    let position: HashMap<StepId, i32> = map_steps.iter().map(|s| (s.id, s.position)).collect();
    let filter = SegmentFilter {
        persona_id: Some(persona_id),
        ..filter.clone()
    };
    // Timestamps are stored as RFC 3339 text, so day bounds compare as text.
    let start = time::date_to_stored(period_from);
    let end = period_to
        .checked_add_days(chrono::Days::new(1))
        .map(time::date_to_stored)
        .ok_or_else(|| CoreError::invalid("period", "the period ends too far ahead"))?;

    #[derive(Default)]
    struct Tally {
        stays: Vec<f64>,
        forward: u32,
        backward: u32,
        stayed: u32,
    }
    let mut tally: HashMap<StepId, Tally> = HashMap::new();
    // Per customer, walking its changes in time order.
    struct Walk {
        customer: Option<crate::model::CustomerId>,
        on: Option<(StepId, String)>,
        at_start: Option<StepId>,
        moved_in_period: bool,
    }
    let mut walk = Walk {
        customer: None,
        on: None,
        at_start: None,
        moved_in_period: false,
    };
    let finish = |walk: &Walk, tally: &mut HashMap<StepId, Tally>| {
        if let (Some(step), false) = (walk.at_start, walk.moved_in_period) {
            tally.entry(step).or_default().stayed += 1;
        }
    };
    let days_between = |from: &str, to: &str| -> Option<f64> {
        let a = time::from_stored(from).ok()?;
        let b = time::from_stored(to).ok()?;
        Some((b - a).num_seconds() as f64 / 86_400.0)
    };
    placements::for_each_step_change(conn, &filter, today, &mut |change| {
        if walk.customer != Some(change.customer_id) {
            finish(&walk, &mut tally);
            walk = Walk {
                customer: Some(change.customer_id),
                on: None,
                at_start: None,
                moved_in_period: false,
            };
        }
        let in_period = change.at >= start && change.at < end;
        if change.at < start {
            walk.at_start = change.to;
        }
        if let (Some((from, since)), Some(to)) = (&walk.on, change.to) {
            if Some(*from) == change.from && to != *from {
                if let Some(days) = days_between(since, &change.at) {
                    tally.entry(*from).or_default().stays.push(days);
                }
            }
        }
        if in_period {
            walk.moved_in_period = true;
            if let (Some(from), Some(to)) = (change.from, change.to) {
                if let (Some(a), Some(b)) = (position.get(&from), position.get(&to)) {
                    let t = tally.entry(from).or_default();
                    if b > a {
                        t.forward += 1;
                    } else if b < a {
                        t.backward += 1;
                    }
                }
            }
        }
        walk.on = change.to.map(|s| (s, change.at.clone()));
    })?;
    finish(&walk, &mut tally);

    // Stalled now, by the same rule the segment filter applies.
    let stalled_filter = SegmentFilter {
        stalled_days: Some(stalled_days),
        ..filter.clone()
    };
    let mut stalled_on: HashMap<StepId, u32> = HashMap::new();
    for (_, current, _, count, _) in customers::matrix_cells(conn, &stalled_filter, today)? {
        if let Some(step) = current {
            *stalled_on.entry(step).or_default() += count;
        }
    }
    let rows = map_steps
        .iter()
        .map(|s| {
            let t = tally.remove(&s.id).unwrap_or_default();
            let mut stays = t.stays;
            stays.sort_by(f64::total_cmp);
            let median = match stays.len() {
                0 => None,
                n if n % 2 == 1 => Some(stays[n / 2]),
                n => Some((stays[n / 2 - 1] + stays[n / 2]) / 2.0),
            };
            StepProgress {
                step_id: s.id,
                median_days: median,
                moved_on: stays.len() as u32,
                forward: t.forward,
                backward: t.backward,
                stayed: t.stayed,
                stalled: stalled_on.get(&s.id).copied().unwrap_or(0),
            }
        })
        .collect::<Vec<_>>();
    Ok(ProgressionView {
        persona_id,
        stalled: rows.iter().map(|r| r.stalled).sum(),
        steps: map_steps,
        rows,
        period_from,
        period_to,
        stalled_days,
    })
}
