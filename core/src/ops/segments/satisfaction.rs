//! Success vs satisfaction: customers placed by progress on their map against NPS or
//! CSAT, aggregated per point, and the four quadrants.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::{customers, personas, steps};
use crate::error::CoreResult;
use crate::model::{
    past_successful_share, ProgressBasis, Quadrant, QuadrantFigure, QuadrantRef,
    SatisfactionMeasure, SatisfactionPoint, SatisfactionView, SegmentFilter, StepId,
};

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
                    label: quadrant.name().to_string(),
                    segment_label: QuadrantRef {
                        basis,
                        measure,
                        quadrant,
                    }
                    .label(),
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
