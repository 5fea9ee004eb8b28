//! Progression along a persona's map, from the placement history.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::{customers, personas, placements, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{PersonaId, ProgressionView, SegmentFilter, StepId, StepProgress};
use crate::time;

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
