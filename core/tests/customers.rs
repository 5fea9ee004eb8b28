#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use chrono::{Duration, NaiveDate};
use common::{memory_db, now, persona, step, today};
use successmap_core::model::{CustomerInput, CustomerQuery, PlacementSource};
use successmap_core::{ops, CoreError};

#[test]
fn a_customer_keeps_every_field() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let input = CustomerInput {
        external_id: Some("CRM-1".into()),
        name: "Acme".into(),
        persona_id: p.id,
        current_step_id: Some(a.id),
        target_step_id: Some(b.id),
        arr_cents: Some(1_234_500),
        health: Some(80),
        nps: Some(-20),
        csat: Some(91.5),
        owner: "Maya".into(),
        renewal_date: NaiveDate::from_ymd_opt(2027, 2, 28),
        notes: "Renews early".into(),
    };
    let c = db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap();
    let stored = db
        .read(|conn| successmap_core::db::customers::get(conn, c.id))
        .unwrap();
    assert_eq!(stored.external_id.as_deref(), Some("CRM-1"));
    assert_eq!(stored.arr_cents, Some(1_234_500));
    assert_eq!(stored.renewal_date, NaiveDate::from_ymd_opt(2027, 2, 28));
    assert_eq!(stored.csat, Some(91.5));
    let page = db
        .read(|conn| {
            ops::customers::page(
                conn,
                &CustomerQuery {
                    persona_id: Some(p.id),
                    ..Default::default()
                },
                today(),
                0,
                50,
            )
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].current_step_title.as_deref(), Some("A"));
    assert_eq!(page.rows[0].target_step_title.as_deref(), Some("B"));
    db.write(|tx| ops::customers::delete(tx, c.id)).unwrap();
    assert_eq!(
        db.read(|conn| ops::customers::page(conn, &CustomerQuery::default(), today(), 0, 50))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn moving_a_customer_records_history_with_time_and_source() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let mut input = CustomerInput::named("Acme", p.id);
    input.current_step_id = Some(a.id);
    let c = db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Import, now()))
        .unwrap();
    input.current_step_id = Some(b.id);
    let later = now() + Duration::days(3);
    db.write(|tx| ops::customers::update(tx, c.id, &input, PlacementSource::Drag, later))
        .unwrap();
    input.notes = "no placement change".into();
    db.write(|tx| ops::customers::update(tx, c.id, &input, PlacementSource::Edit, later))
        .unwrap();

    let history = db
        .read(|conn| ops::customers::placements(conn, c.id))
        .unwrap();
    assert_eq!(history.len(), 2, "a notes edit is not a placement");
    assert_eq!(history[0].source, PlacementSource::Import);
    assert_eq!(
        (
            history[1].from_current_step_id,
            history[1].to_current_step_id
        ),
        (Some(a.id), Some(b.id))
    );
    assert_eq!(history[1].at, later);
    assert_eq!(history[1].source, PlacementSource::Drag);
}

#[test]
fn steps_of_another_personas_map_are_refused() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let q = persona(&mut db, "Q");
    let foreign = step(&mut db, &q, "Elsewhere");
    let mut input = CustomerInput::named("Acme", p.id);
    input.current_step_id = Some(foreign.id);
    match db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap_err()
    {
        CoreError::Invalid { field, message } => {
            assert_eq!(field, Some("currentStepId"));
            assert!(message.contains("not on the map of P"), "{message}");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn external_ids_are_unique_and_figures_are_range_checked() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let mut input = CustomerInput::named("Acme", p.id);
    input.external_id = Some("X-1".into());
    db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap();
    input.name = "Other".into();
    assert!(matches!(
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now())),
        Err(CoreError::Conflict(_))
    ));
    input.external_id = Some("  ".into());
    input.health = Some(101);
    match db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap_err()
    {
        CoreError::Invalid { field, .. } => assert_eq!(field, Some("health")),
        other => panic!("{other}"),
    }
    input.health = None;
    input.nps = Some(-101);
    assert!(db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .is_err());
    input.nps = None;
    let c = db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap();
    assert_eq!(c.external_id, None, "a blank external id is stored as none");
}

#[test]
fn a_failed_edit_leaves_the_saved_customer_as_it_was() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let mut input = CustomerInput::named("Acme", p.id);
    input.arr_cents = Some(100);
    let c = db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Edit, now()))
        .unwrap();
    input.name = String::new();
    assert!(db
        .write(|tx| ops::customers::update(tx, c.id, &input, PlacementSource::Edit, now()))
        .is_err());
    let stored = db
        .read(|conn| successmap_core::db::customers::get(conn, c.id))
        .unwrap();
    assert_eq!(stored.name, "Acme");
}

#[test]
fn placing_many_customers_is_one_undoable_edit_with_history_per_customer() {
    use successmap_core::model::PlacementMove;
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let other = persona(&mut db, "Other");
    let elsewhere = step(&mut db, &other, "Elsewhere");
    let mut ids = Vec::new();
    for name in ["One", "Two"] {
        let mut input = CustomerInput::named(name, p.id);
        input.current_step_id = Some(a.id);
        ids.push(
            db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
                .unwrap()
                .id,
        );
    }
    let moved = db
        .edit("Move 2 customers", |tx| {
            ops::customers::place(
                tx,
                &ids,
                PlacementMove::Current { step_id: b.id },
                PlacementSource::Bulk,
                now(),
            )
        })
        .unwrap();
    assert_eq!(moved, 2);
    let target = db
        .edit("Target", |tx| {
            ops::customers::place(
                tx,
                &ids[..1],
                PlacementMove::Target {
                    step_id: Some(a.id),
                },
                PlacementSource::Drag,
                now(),
            )
        })
        .unwrap();
    assert_eq!(target, 1);
    let detail = db.read(|c| ops::customers::detail(c, ids[0])).unwrap();
    assert!(detail.row.is_regression(), "target A lies before current B");
    let sources: Vec<PlacementSource> = detail.placements.iter().map(|h| h.source).collect();
    assert_eq!(
        sources,
        vec![
            PlacementSource::Drag,
            PlacementSource::Bulk,
            PlacementSource::Created
        ]
    );
    assert_eq!(detail.placements[1].from_current.as_deref(), Some("A"));
    assert_eq!(detail.placements[1].to_current.as_deref(), Some("B"));
    assert!(detail.placements[1].current_changed && !detail.placements[1].target_changed);

    let refused = db.edit("x", |tx| {
        ops::customers::place(
            tx,
            &ids,
            PlacementMove::Current {
                step_id: elsewhere.id,
            },
            PlacementSource::Bulk,
            now(),
        )
    });
    assert!(matches!(refused, Err(CoreError::Invalid { .. })));

    db.undo().unwrap();
    db.undo().unwrap();
    let detail = db.read(|c| ops::customers::detail(c, ids[0])).unwrap();
    assert_eq!(detail.row.current_step_title.as_deref(), Some("A"));
    assert_eq!(
        detail.placements.len(),
        1,
        "undo removes the history entries too"
    );
    let label = db
        .read(|c| {
            ops::customers::placement_label(c, &ids, PlacementMove::Current { step_id: b.id })
        })
        .unwrap();
    assert_eq!(label, "Move 2 customers to “B”");
}

#[test]
fn the_list_searches_filters_sorts_and_pages() {
    use successmap_core::model::{CustomerSort, HealthBand};
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let q = persona(&mut db, "Q");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let rows = [
        ("delta", Some("CRM-4"), true, Some(400), Some(20), "Maya"),
        ("Alpha", Some("CRM-1"), true, None, Some(90), "Ravi"),
        ("charlie", None, false, Some(300), None, ""),
        ("Bravo 100%", Some("X_1"), true, Some(100), Some(55), "Maya"),
        ("echo", Some("CRM-5"), false, Some(500), Some(70), "Ravi"),
    ];
    // (name, external id, of persona P (else Q), ARR, health, owner)
    for (name, ext, of_p, arr, health, owner) in rows {
        let persona_id = if of_p { p.id } else { q.id };
        let mut input = CustomerInput::named(name, persona_id);
        input.external_id = ext.map(str::to_string);
        input.arr_cents = arr;
        input.health = health;
        input.owner = owner.into();
        if persona_id == p.id {
            input.current_step_id = Some(if name == "delta" { b.id } else { a.id });
        }
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap();
    }
    let names = |db: &successmap_core::Db,
                 query: CustomerQuery,
                 offset: u32,
                 limit: u32|
     -> (u32, Vec<String>) {
        let page = db
            .read(|c| ops::customers::page(c, &query, today(), offset, limit))
            .unwrap();
        (
            page.total,
            page.rows.into_iter().map(|r| r.customer.name).collect(),
        )
    };
    let all = CustomerQuery::default();
    assert_eq!(
        names(&db, all.clone(), 0, 50).1,
        ["Alpha", "Bravo 100%", "charlie", "delta", "echo"]
    );
    assert_eq!(
        names(&db, all.clone(), 1, 2),
        (5, vec!["Bravo 100%".to_string(), "charlie".to_string()])
    );
    let by_arr = CustomerQuery {
        sort: CustomerSort::Arr,
        descending: true,
        ..all.clone()
    };
    assert_eq!(
        names(&db, by_arr, 0, 50).1,
        ["echo", "delta", "charlie", "Bravo 100%", "Alpha"],
        "no ARR sorts last"
    );
    let search = CustomerQuery {
        search: "crm-".into(),
        ..all.clone()
    };
    assert_eq!(
        names(&db, search, 0, 50).1,
        ["Alpha", "delta", "echo"],
        "external ids, any case"
    );
    let literal = CustomerQuery {
        search: "100%".into(),
        ..all.clone()
    };
    assert_eq!(
        names(&db, literal, 0, 50).1,
        ["Bravo 100%"],
        "% is a character, not a wildcard"
    );
    let underscore = CustomerQuery {
        search: "x_".into(),
        ..all.clone()
    };
    assert_eq!(names(&db, underscore, 0, 50).1, ["Bravo 100%"]);
    let at_risk = CustomerQuery {
        health_band: Some(HealthBand::AtRisk),
        ..all.clone()
    };
    assert_eq!(names(&db, at_risk, 0, 50).1, ["delta"]);
    let unknown = CustomerQuery {
        health_band: Some(HealthBand::Unknown),
        ..all.clone()
    };
    assert_eq!(names(&db, unknown, 0, 50).1, ["charlie"]);
    let maya = CustomerQuery {
        owner: Some("Maya".into()),
        ..all.clone()
    };
    assert_eq!(names(&db, maya, 0, 50).1, ["Bravo 100%", "delta"]);
    let on_a = CustomerQuery {
        persona_id: Some(p.id),
        current_step_id: Some(a.id),
        ..all.clone()
    };
    assert_eq!(
        names(&db, on_a, 0, 50),
        (2, vec!["Alpha".to_string(), "Bravo 100%".to_string()])
    );
    let by_step = CustomerQuery {
        sort: CustomerSort::CurrentStep,
        ..all.clone()
    };
    let (_, ordered) = names(&db, by_step, 0, 50);
    assert_eq!(
        &ordered[..3],
        ["Alpha", "Bravo 100%", "delta"],
        "step A before B, unplaced last"
    );
    let by_persona = CustomerQuery {
        sort: CustomerSort::Persona,
        descending: true,
        ..all
    };
    assert_eq!(names(&db, by_persona, 0, 2).1, ["charlie", "echo"]);
}

#[test]
fn arr_above_ten_billion_is_refused_so_sums_cannot_overflow() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let mut input = CustomerInput::named("Huge", p.id);
    input.arr_cents = Some(1_000_000_000_001);
    assert!(matches!(
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now())),
        Err(CoreError::Invalid { .. })
    ));
    input.arr_cents = Some(1_000_000_000_000);
    assert!(db
        .write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
        .is_ok());
}
