#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Success vs satisfaction and progression along the map against small hand-checked
//! data, with their filters.
mod common;

use chrono::NaiveDate;
use common::{memory_db, now, persona, step};
use successmap_core::model::{CustomerInput, CustomerQuery, PlacementSource, SegmentFilter};
use successmap_core::ops;

#[test]
fn success_vs_satisfaction_counts_quadrants_by_map_or_target_and_lists_them() {
    use successmap_core::model::{
        ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure, SatisfactionView,
    };
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let [a, b, c, d] = ["A", "B", "C", "D"].map(|t| step(&mut db, &p, t).id);
    // (current, target, NPS, CSAT, ARR)
    let rows = [
        (Some(a), Some(c), Some(50), Some(90.0), 100),
        (Some(c), Some(b), Some(10), Some(85.0), 200),
        (Some(b), Some(b), Some(40), Some(70.0), 400),
        (None, Some(d), Some(-20), None, 800),
        (Some(d), None, None, Some(95.0), 1600),
        (Some(a), None, Some(30), Some(50.0), 3200),
        // Just under the CSAT threshold: not satisfied, though it rounds to 80.0.
        (Some(c), Some(b), Some(-5), Some(79.96), 6400),
    ];
    for (i, (current, target, nps, csat, arr)) in rows.into_iter().enumerate() {
        let mut input = CustomerInput::named(&format!("C{i}"), p.id);
        input.current_step_id = current;
        input.target_step_id = target;
        input.nps = nps;
        input.csat = csat;
        input.arr_cents = Some(arr);
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
    }
    let today = common::today();
    let filter = SegmentFilter {
        persona_id: Some(p.id),
        ..Default::default()
    };
    let view = |basis, measure| -> SatisfactionView {
        db.read(|conn| ops::segments::satisfaction(conn, &filter, basis, measure, today))
            .unwrap()
    };
    let figures = |v: &SatisfactionView| {
        v.quadrants
            .iter()
            .map(|q| (q.customers, q.arr_cents))
            .collect::<Vec<_>>()
    };
    // Quadrant order: successful+satisfied, successful only, satisfied only, neither.
    let map_nps = view(ProgressBasis::Map, SatisfactionMeasure::Nps);
    assert_eq!(
        figures(&map_nps),
        [(1, 400), (2, 6600), (2, 3300), (1, 800)]
    );
    // Each quadrant carries its name and the name a segment of it is saved under.
    let neither = &map_nps.quadrants[3];
    assert_eq!(neither.label, "Neither successful nor satisfied");
    assert_eq!(
        neither.segment_label,
        "Neither successful nor satisfied (NPS; progress along the map)"
    );
    assert_eq!((map_nps.without_score, map_nps.without_target), (1, 0));
    assert_eq!(
        map_nps
            .points
            .iter()
            .map(|pt| (pt.progress, pt.score, pt.customers))
            .collect::<Vec<_>>(),
        [
            (0.0, -20.0, 1),
            (0.25, 30.0, 1),
            (0.25, 50.0, 1),
            (0.5, 40.0, 1),
            (0.75, -5.0, 1),
            (0.75, 10.0, 1)
        ]
    );
    let target_nps = view(ProgressBasis::Target, SatisfactionMeasure::Nps);
    assert_eq!(
        figures(&target_nps),
        [(1, 400), (2, 6600), (1, 100), (1, 800)]
    );
    assert_eq!(
        (target_nps.without_score, target_nps.without_target),
        (1, 1)
    );
    let map_csat = view(ProgressBasis::Map, SatisfactionMeasure::Csat);
    assert_eq!(
        figures(&map_csat),
        [(2, 1800), (2, 6800), (1, 100), (1, 3200)]
    );
    assert_eq!(map_csat.without_score, 1);

    // Each quadrant, listed as a segment, holds exactly the customers it counts.
    for (basis, measure, v) in [
        (ProgressBasis::Map, SatisfactionMeasure::Nps, &map_nps),
        (ProgressBasis::Target, SatisfactionMeasure::Nps, &target_nps),
        (ProgressBasis::Map, SatisfactionMeasure::Csat, &map_csat),
    ] {
        for (quadrant, figure) in Quadrant::ALL.into_iter().zip(&v.quadrants) {
            let q = CustomerQuery {
                quadrant: Some(QuadrantRef {
                    basis,
                    measure,
                    quadrant,
                }),
                ..CustomerQuery::segment(&filter, None)
            };
            let size = db
                .read(|conn| successmap_core::db::customers::size_matching(conn, &q, today))
                .unwrap();
            assert_eq!(
                size,
                (figure.customers, figure.arr_cents),
                "{basis:?} {measure:?} {quadrant:?}"
            );
        }
    }
}

#[test]
fn progression_from_history_median_stays_moves_per_period_and_stalled_customers() {
    use chrono::{TimeZone, Utc};
    use successmap_core::model::PlacementMove;
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let [a, b, c] = ["A", "B", "C"].map(|t| step(&mut db, &p, t).id);
    let at = |m: u32, d: u32| Utc.with_ymd_and_hms(2026, m, d, 9, 0, 0).unwrap();
    let create = |db: &mut successmap_core::Db, name: &str, on, when| {
        let mut input = CustomerInput::named(name, p.id);
        input.current_step_id = Some(on);
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, when))
            .unwrap()
            .id
    };
    let mv = |db: &mut successmap_core::Db, id, to, when| {
        db.write(|tx| {
            ops::customers::place(
                tx,
                &[id],
                PlacementMove::Current { step_id: to },
                PlacementSource::Drag,
                when,
            )
        })
        .unwrap();
    };
    // X: A (10 days) → B (30 days) → C since 10 Sep.
    let x = create(&mut db, "X", a, at(8, 1));
    mv(&mut db, x, b, at(8, 11));
    mv(&mut db, x, c, at(9, 10));
    // Y: A (20 days) → B (30 days) → back to A since 21 Oct.
    let y = create(&mut db, "Y", a, at(9, 1));
    mv(&mut db, y, b, at(9, 21));
    mv(&mut db, y, a, at(10, 21));
    // Z: on B since 1 Nov; W: on A since 1 Jul, never moved.
    create(&mut db, "Z", b, at(11, 1));
    create(&mut db, "W", a, at(7, 1));

    let today = common::today();
    let view = |from: (u32, u32), to: (u32, u32)| {
        db.read(|conn| {
            ops::segments::progression(
                conn,
                &SegmentFilter::default(),
                p.id,
                NaiveDate::from_ymd_opt(2026, from.0, from.1).unwrap(),
                NaiveDate::from_ymd_opt(2026, to.0, to.1).unwrap(),
                60,
                today,
            )
        })
        .unwrap()
    };
    let september = view((9, 1), (9, 30));
    let rows: Vec<_> = september
        .rows
        .iter()
        .map(|r| {
            (
                r.median_days,
                r.moved_on,
                r.forward,
                r.backward,
                r.stayed,
                r.stalled,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some(15.0), 2, 1, 0, 1, 1),
            (Some(30.0), 2, 1, 0, 0, 0),
            (None, 0, 0, 0, 0, 1),
        ]
    );
    assert_eq!(september.stalled, 2);
    let october = view((10, 1), (10, 31));
    let moves: Vec<_> = october
        .rows
        .iter()
        .map(|r| (r.forward, r.backward, r.stayed))
        .collect();
    assert_eq!(moves, [(0, 0, 1), (0, 1, 0), (0, 0, 1)]);

    // "Stalled for more than 60 days" as a segment: exactly X (on C) and W (on A).
    let q = CustomerQuery::segment(
        &SegmentFilter {
            persona_id: Some(p.id),
            stalled_days: Some(60),
            ..Default::default()
        },
        None,
    );
    let page = db
        .read(|conn| ops::customers::page(conn, &q, today, 0, 50))
        .unwrap();
    let mut names: Vec<_> = page.rows.into_iter().map(|r| r.customer.name).collect();
    names.sort();
    assert_eq!(names, ["W", "X"]);
    assert!(db
        .read(|conn| ops::segments::progression(
            conn,
            &SegmentFilter::default(),
            p.id,
            today,
            today - chrono::Duration::days(1),
            60,
            today
        ))
        .is_err());
    // A period ending at the last day chrono knows is refused, not a crash.
    assert!(db
        .read(|conn| ops::segments::progression(
            conn,
            &SegmentFilter::default(),
            p.id,
            today,
            NaiveDate::MAX,
            60,
            today
        ))
        .is_err());
}

/// The progression walk reads the history of a wide segment in one pass and sorts it in
/// memory, and a narrow one through the index: both give every step change of exactly
/// the kept customers, by customer and then time, also where entries were written out
/// of time order (a stage history imported after later moves).
#[test]
fn step_changes_come_by_customer_and_time_for_wide_and_narrow_segments() {
    use successmap_core::db::placements;
    use successmap_core::model::{CustomerId, PlacementMove, StepId};
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let [a, b, c] = ["A", "B", "C"].map(|t| step(&mut db, &p, t).id);
    let mut ids = Vec::new();
    for i in 0..40 {
        let mut input = CustomerInput::named(&format!("C{i}"), p.id);
        input.current_step_id = Some(a);
        input.owner = if i == 7 { "Narrow" } else { "Wide" }.into();
        let made = db
            .write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
        ids.push(made.id);
    }
    // Moves written later but dated earlier come first in time.
    let moves: [(usize, StepId, i64); 5] =
        [(7, b, 30), (7, c, 10), (3, c, 20), (3, b, 5), (9, b, 1)];
    for (who, to, days) in moves {
        db.write(|tx| {
            ops::customers::place(
                tx,
                &[ids[who]],
                PlacementMove::Current { step_id: to },
                PlacementSource::Drag,
                now() + chrono::Duration::days(days),
            )
        })
        .unwrap();
    }
    let expected = |kept: &[CustomerId]| -> Vec<(CustomerId, String)> {
        let mut all = Vec::new();
        for &id in kept {
            let mut entries = db.read(|c| placements::list_for_customer(c, id)).unwrap();
            entries.retain(|e| e.from_current_step_id != e.to_current_step_id);
            entries.sort_by_key(|e| (e.at, e.id));
            all.extend(entries.into_iter().map(|e| (id, e.at.to_rfc3339())));
        }
        all.sort_by_key(|x| x.0);
        all
    };
    let walked = |filter: &SegmentFilter| -> Vec<(CustomerId, String)> {
        let mut seen = Vec::new();
        db.read(|c| {
            placements::for_each_step_change(c, filter, common::today(), &mut |change| {
                let at = successmap_core::time::from_stored(&change.at).unwrap();
                seen.push((change.customer_id, at.to_rfc3339()));
            })
        })
        .unwrap();
        seen
    };
    let wide = SegmentFilter {
        owner: Some("Wide".into()),
        ..SegmentFilter::default()
    };
    let wide_ids: Vec<_> = ids
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, _)| *i != 7)
        .map(|(_, id)| id)
        .collect();
    assert_eq!(walked(&wide), expected(&wide_ids));
    let narrow = SegmentFilter {
        owner: Some("Narrow".into()),
        ..SegmentFilter::default()
    };
    let got = walked(&narrow);
    assert_eq!(got, expected(&[ids[7]]));
    assert_eq!(
        got.len(),
        3,
        "placed on A, then C (day 10), then B (day 30)"
    );
}
