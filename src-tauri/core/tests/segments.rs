#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The current × target matrix against small hand-checked data, with its filters.
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
