#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The current × target matrix and saved segments against small hand-checked data,
//! with their filters.
mod common;

use chrono::NaiveDate;
use common::{memory_db, now, persona, step};
use successmap_core::model::{
    CellRef, CustomerInput, CustomerQuery, HealthBand, MatrixCell, NpsBand, PlacementSource,
    SegmentFilter, StepId,
};
use successmap_core::ops;

fn cell(
    current: Option<StepId>,
    target: Option<StepId>,
    customers: u32,
    arr: i64,
    regression: bool,
) -> MatrixCell {
    MatrixCell {
        current_step_id: current,
        target_step_id: target,
        customers,
        arr_cents: arr,
        regression,
    }
}

#[test]
fn the_matrix_counts_customers_and_arr_per_current_and_target_step() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let q = persona(&mut db, "Q");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let c = step(&mut db, &p, "C");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    // (current, target, ARR, health, NPS, owner, renewal in days)
    let rows = [
        (
            Some(a.id),
            Some(b.id),
            100,
            Some(80),
            Some(40),
            "Maya",
            Some(10),
        ),
        (
            Some(a.id),
            Some(b.id),
            200,
            Some(30),
            Some(-10),
            "Ravi",
            Some(200),
        ),
        (
            Some(b.id),
            Some(c.id),
            400,
            Some(50),
            Some(10),
            "Maya",
            None,
        ),
        (Some(c.id), Some(a.id), 800, None, None, "", Some(-5)),
        (Some(b.id), None, 1600, Some(90), Some(60), "Ravi", Some(30)),
        (None, None, 3200, Some(10), None, "Maya", None),
    ];
    for (i, (current, target, arr, health, nps, owner, renewal)) in rows.into_iter().enumerate() {
        let mut input = CustomerInput::named(&format!("C{i}"), p.id);
        input.current_step_id = current;
        input.target_step_id = target;
        input.arr_cents = Some(arr);
        input.health = health;
        input.nps = nps;
        input.owner = owner.into();
        input.renewal_date = renewal.map(|d| today + chrono::Duration::days(d));
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
    }
    let mut other = CustomerInput::named("Elsewhere", q.id);
    other.arr_cents = Some(5);
    db.write(|tx| ops::customers::create(tx, &other, PlacementSource::Created, now()))
        .unwrap();

    let all = db
        .read(|conn| ops::segments::matrix(conn, &SegmentFilter::default(), today))
        .unwrap();
    assert_eq!(all.len(), 2);
    let m = &all[0];
    assert_eq!(
        (m.persona_name.as_str(), m.customers, m.arr_cents),
        ("P", 6, 6300)
    );
    assert_eq!(
        m.cells,
        vec![
            cell(Some(a.id), Some(b.id), 2, 300, false),
            cell(Some(b.id), Some(c.id), 1, 400, false),
            cell(Some(b.id), None, 1, 1600, false),
            cell(Some(c.id), Some(a.id), 1, 800, true),
            cell(None, None, 1, 3200, false),
        ]
    );
    assert_eq!((all[1].customers, all[1].arr_cents), (1, 5));

    let one = |filter: SegmentFilter| {
        let filter = SegmentFilter {
            persona_id: Some(p.id),
            ..filter
        };
        let m = db
            .read(|conn| ops::segments::matrix(conn, &filter, today))
            .unwrap();
        assert_eq!(m.len(), 1);
        // Each cell's segment list holds exactly the customers the cell counts.
        for c in &m[0].cells {
            let q = CustomerQuery::segment(
                &filter,
                Some(CellRef {
                    current_step_id: c.current_step_id,
                    target_step_id: c.target_step_id,
                }),
            );
            let page = db
                .read(|conn| ops::customers::page(conn, &q, today, 0, 500))
                .unwrap();
            let arr: i64 = page.rows.iter().filter_map(|r| r.customer.arr_cents).sum();
            assert_eq!((page.total, arr), (c.customers, c.arr_cents), "{filter:?}");
        }
        m[0].cells
            .iter()
            .map(|c| (c.customers, c.arr_cents))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        one(SegmentFilter {
            owner: Some("Maya".into()),
            ..Default::default()
        }),
        [(1, 100), (1, 400), (1, 3200)]
    );
    assert_eq!(
        one(SegmentFilter {
            owner: Some(String::new()),
            ..Default::default()
        }),
        [(1, 800)]
    );
    assert_eq!(
        one(SegmentFilter {
            min_arr_cents: Some(200),
            max_arr_cents: Some(800),
            ..Default::default()
        }),
        [(1, 200), (1, 400), (1, 800)]
    );
    assert_eq!(
        one(SegmentFilter {
            health_band: Some(HealthBand::AtRisk),
            ..Default::default()
        }),
        [(1, 200), (1, 3200)]
    );
    assert_eq!(
        one(SegmentFilter {
            nps_band: Some(NpsBand::Positive),
            ..Default::default()
        }),
        [(1, 100), (1, 1600)]
    );
    assert_eq!(
        one(SegmentFilter {
            nps_band: Some(NpsBand::Unknown),
            ..Default::default()
        }),
        [(1, 800), (1, 3200)]
    );
    assert_eq!(
        one(SegmentFilter {
            renewal_within_days: Some(30),
            ..Default::default()
        }),
        [(1, 100), (1, 1600)],
        "from today up to 30 days ahead; past renewals are not upcoming"
    );
    assert_eq!(
        one(SegmentFilter {
            owner: Some("Ravi".into()),
            health_band: Some(HealthBand::Healthy),
            ..Default::default()
        }),
        [(1, 1600)],
        "filters combine"
    );
}

#[test]
fn a_cell_lists_exactly_its_customers_unplaced_and_untargeted_included() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    for (name, current, target) in [
        ("ab", Some(a.id), Some(b.id)),
        ("a-", Some(a.id), None),
        ("--", None, None),
        ("ab2", Some(a.id), Some(b.id)),
    ] {
        let mut input = CustomerInput::named(name, p.id);
        input.current_step_id = current;
        input.target_step_id = target;
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
    }
    let names = |cell: CellRef| {
        let q = CustomerQuery {
            cell: Some(cell),
            ..CustomerQuery::default()
        };
        let page = db
            .read(|c| ops::customers::page(c, &q, common::today(), 0, 50))
            .unwrap();
        page.rows
            .into_iter()
            .map(|r| r.customer.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(CellRef {
            current_step_id: Some(a.id),
            target_step_id: Some(b.id)
        }),
        ["ab", "ab2"]
    );
    assert_eq!(
        names(CellRef {
            current_step_id: Some(a.id),
            target_step_id: None
        }),
        ["a-"]
    );
    assert_eq!(
        names(CellRef {
            current_step_id: None,
            target_step_id: None
        }),
        ["--"]
    );
}

#[test]
fn saved_segments_keep_a_filter_and_a_cell_and_report_their_size_now() {
    use successmap_core::model::SavedSegmentInput;
    use successmap_core::CoreError;
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let q = persona(&mut db, "Q");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let spare = step(&mut db, &p, "Spare");
    let elsewhere = step(&mut db, &q, "Elsewhere");
    for (name, current, target, arr, owner) in [
        ("ab big", Some(a.id), Some(b.id), 900, "Maya"),
        ("ab small", Some(a.id), Some(b.id), 100, "Maya"),
        ("ab other owner", Some(a.id), Some(b.id), 500, "Ravi"),
        ("b", Some(b.id), None, 50, "Maya"),
    ] {
        let mut input = CustomerInput::named(name, p.id);
        input.current_step_id = current;
        input.target_step_id = target;
        input.arr_cents = Some(arr);
        input.owner = owner.into();
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
    }
    let maya_big = SegmentFilter {
        persona_id: Some(p.id),
        owner: Some("Maya".into()),
        min_arr_cents: Some(500),
        ..Default::default()
    };
    let save = |db: &mut successmap_core::Db, name: &str, filter: &SegmentFilter, cell| {
        db.edit(format!("Save segment {name}"), |tx| {
            ops::segments::save(
                tx,
                &SavedSegmentInput {
                    name: name.into(),
                    filter: filter.clone(),
                    cell,
                    quadrant: None,
                },
                now(),
            )
        })
    };
    let ab = Some(CellRef {
        current_step_id: Some(a.id),
        target_step_id: Some(b.id),
    });
    let saved = save(&mut db, "  Maya's big pilots ", &maya_big, ab).unwrap();
    assert_eq!(saved.name, "Maya's big pilots");
    save(
        &mut db,
        "All of P",
        &SegmentFilter {
            persona_id: Some(p.id),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    let spare_cell = Some(CellRef {
        current_step_id: Some(spare.id),
        target_step_id: None,
    });
    save(
        &mut db,
        "On the spare step",
        &SegmentFilter {
            persona_id: Some(p.id),
            ..Default::default()
        },
        spare_cell,
    )
    .unwrap();

    // Refused: a taken name (any case), a cell without its persona, a step of another map,
    // ARR bounds the wrong way round; nothing is saved by a refusal.
    assert!(matches!(
        save(&mut db, "MAYA'S BIG PILOTS", &maya_big, None),
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        save(&mut db, "No persona", &SegmentFilter::default(), ab),
        Err(CoreError::Invalid { .. })
    ));
    let foreign = Some(CellRef {
        current_step_id: Some(elsewhere.id),
        target_step_id: None,
    });
    assert!(matches!(
        save(
            &mut db,
            "Foreign",
            &SegmentFilter {
                persona_id: Some(p.id),
                ..Default::default()
            },
            foreign
        ),
        Err(CoreError::Invalid { .. })
    ));
    let reversed = SegmentFilter {
        min_arr_cents: Some(10),
        max_arr_cents: Some(5),
        ..Default::default()
    };
    assert!(matches!(
        save(&mut db, "Reversed", &reversed, None),
        Err(CoreError::Invalid { .. })
    ));

    let today = common::today();
    let sizes = |db: &successmap_core::Db| {
        db.read(|c| ops::segments::list_saved(c, today))
            .unwrap()
            .into_iter()
            .map(|s| {
                (
                    s.segment.name,
                    s.customers,
                    s.arr_cents,
                    s.cell_label,
                    s.problem,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sizes(&db),
        vec![
            ("All of P".to_string(), 4, 1550, None, None),
            (
                "Maya's big pilots".to_string(),
                1,
                900,
                Some("1. A → 2. B".to_string()),
                None
            ),
            (
                "On the spare step".to_string(),
                0,
                0,
                Some("3. Spare → No target".to_string()),
                None
            ),
        ]
    );

    // The size is the size now: another big customer of Maya's in the cell counts.
    let mut late = CustomerInput::named("late", p.id);
    late.current_step_id = Some(a.id);
    late.target_step_id = Some(b.id);
    late.arr_cents = Some(700);
    late.owner = "Maya".into();
    db.write(|tx| ops::customers::create(tx, &late, PlacementSource::Created, now()))
        .unwrap();
    assert_eq!(sizes(&db)[1].1, 2);

    // A deleted step leaves the segment in the list, with the reason and no customers.
    db.write(|tx| ops::steps::delete(tx, spare.id, now()))
        .unwrap();
    assert_eq!(
        sizes(&db)[2],
        (
            "On the spare step".to_string(),
            0,
            0,
            None,
            Some("a step of its cell was deleted".to_string())
        )
    );

    // Saving is an edit like any other: undo removes the segment, redo brings it back.
    let before = sizes(&db).len();
    save(&mut db, "Temporary", &SegmentFilter::default(), None).unwrap();
    assert_eq!(sizes(&db).len(), before + 1);
    db.undo().unwrap();
    assert_eq!(sizes(&db).len(), before);

    // Renamed and re-filtered in place; found again by name, case-insensitively.
    db.edit("Edit segment", |tx| {
        ops::segments::update(
            tx,
            saved.id,
            &SavedSegmentInput {
                name: "Big pilots".into(),
                filter: SegmentFilter {
                    owner: None,
                    ..maya_big.clone()
                },
                cell: ab,
                quadrant: None,
            },
            now(),
        )
    })
    .unwrap();
    let found = db
        .read(|c| successmap_core::db::segments::by_name(c, "big PILOTS"))
        .unwrap()
        .unwrap();
    let query = db
        .read(|c| ops::segments::query_of(c, &found))
        .unwrap()
        .unwrap();
    let page = db
        .read(|c| ops::customers::page(c, &query, today, 0, 50))
        .unwrap();
    let mut names: Vec<_> = page.rows.into_iter().map(|r| r.customer.name).collect();
    names.sort();
    assert_eq!(names, ["ab big", "ab other owner", "late"]);

    // A quadrant of success vs satisfaction is saved and counted the same way.
    use successmap_core::model::{ProgressBasis, Quadrant, QuadrantRef, SatisfactionMeasure};
    let unhappy = QuadrantRef {
        basis: ProgressBasis::Map,
        measure: SatisfactionMeasure::Nps,
        quadrant: Quadrant::Neither,
    };
    db.edit("Save segment", |tx| {
        ops::segments::save(
            tx,
            &SavedSegmentInput {
                name: "Stuck and unhappy".into(),
                filter: SegmentFilter::default(),
                cell: None,
                quadrant: Some(unhappy),
            },
            now(),
        )
    })
    .unwrap();
    let listed = db
        .read(|c| ops::segments::list_saved(c, today))
        .unwrap()
        .into_iter()
        .find(|s| s.segment.name == "Stuck and unhappy")
        .unwrap();
    assert_eq!(listed.segment.quadrant, Some(unhappy));
    assert_eq!(
        listed.quadrant_label.as_deref(),
        Some("Neither successful nor satisfied (NPS; progress along the map)")
    );
    // No customer here has an NPS: nobody is in any quadrant.
    assert_eq!((listed.customers, listed.arr_cents), (0, 0));
}
