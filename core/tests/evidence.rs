#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Evidence-based placement against small hand-checked data: KPI values, the suggested
//! step at each level, and accepting suggestions as one undoable edit.
mod common;

use common::{memory_db, now, persona, step};
use successmap_core::model::{
    CustomerInput, KpiDirection, KpiInput, KpiKind, KpiLevel, KpiValueInput, PlacementSource,
};
use successmap_core::{db, ops, CoreError};

#[test]
fn kpi_values_suggest_a_step_and_accepting_moves_customers_with_source_rule() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let other = persona(&mut db, "Other");
    let [a, _b, c, d] = ["A", "B", "C", "D"].map(|t| step(&mut db, &p, t).id);
    let foreign_step = step(&mut db, &other, "X").id;
    let kpi =
        |db: &mut successmap_core::Db, step, name: &str, direction, kind, levels: [f64; 3]| {
            db.write(|tx| {
                ops::kpis::add(
                    tx,
                    step,
                    &KpiInput {
                        name: name.into(),
                        unit: String::new(),
                        direction,
                        kind,
                        entry_level: levels[0],
                        good_level: levels[1],
                        best_level: levels[2],
                    },
                )
            })
            .unwrap()
            .id
        };
    use KpiDirection::{HigherIsBetter as Up, LowerIsBetter as Down};
    let a1 = kpi(&mut db, a, "a1", Up, KpiKind::Success, [10.0, 20.0, 30.0]);
    // A satisfaction KPI is not an exit criterion.
    let a_sat = kpi(
        &mut db,
        a,
        "a-sat",
        Up,
        KpiKind::Satisfaction,
        [90.0, 95.0, 99.0],
    );
    let c1 = kpi(&mut db, c, "c1", Down, KpiKind::Success, [60.0, 30.0, 14.0]);
    let c2 = kpi(&mut db, c, "c2", Up, KpiKind::Success, [1.0, 2.0, 3.0]);
    let d1 = kpi(
        &mut db,
        d,
        "d1",
        Up,
        KpiKind::Success,
        [100.0, 200.0, 300.0],
    );
    let foreign = kpi(
        &mut db,
        foreign_step,
        "x1",
        Up,
        KpiKind::Success,
        [1.0, 2.0, 3.0],
    );

    let create = |db: &mut successmap_core::Db, name: &str| {
        let mut input = CustomerInput::named(name, p.id);
        input.current_step_id = Some(a);
        db.write(|tx| ops::customers::create(tx, &input, PlacementSource::Created, now()))
            .unwrap()
            .id
    };
    let set =
        |db: &mut successmap_core::Db, id, values: &[(successmap_core::model::KpiId, f64)]| {
            let values: Vec<_> = values
                .iter()
                .map(|&(kpi_id, v)| KpiValueInput {
                    kpi_id,
                    value: Some(v),
                })
                .collect();
            db.edit("values", |tx| {
                ops::evidence::set_values(tx, id, &values, now())
            })
        };
    let u = create(&mut db, "U");
    let v = create(&mut db, "V");
    let w = create(&mut db, "W");
    create(&mut db, "X (no values)");
    set(
        &mut db,
        u,
        &[(a1, 25.0), (a_sat, 1.0), (c1, 20.0), (c2, 2.0), (d1, 50.0)],
    )
    .unwrap();
    set(&mut db, v, &[(a1, 5.0)]).unwrap();
    set(&mut db, w, &[(a1, 15.0)]).unwrap();
    // A KPI of another persona's map, and a value that is not a number, are refused.
    assert!(matches!(
        set(&mut db, u, &[(foreign, 1.0)]),
        Err(CoreError::Invalid { .. })
    ));
    assert!(matches!(
        set(&mut db, u, &[(a1, f64::NAN)]),
        Err(CoreError::Invalid { .. })
    ));

    let view = |db: &successmap_core::Db, level| {
        db.read(|conn| ops::evidence::suggestions(conn, p.id, level, 100))
            .unwrap()
    };
    let entry = view(&db, KpiLevel::Entry);
    assert_eq!(
        (
            entry.steps_with_criteria,
            entry.customers_with_values,
            entry.differing
        ),
        (3, 3, 1)
    );
    assert_eq!(
        entry
            .suggestions
            .iter()
            .map(|s| (
                s.customer_name.as_str(),
                s.current_step_id,
                s.suggested_step_id
            ))
            .collect::<Vec<_>>(),
        [("U", Some(a), c)],
        "U reaches A and C (B has no criteria), not D; W reaches only A, where it is"
    );
    assert_eq!(
        view(&db, KpiLevel::Good).suggestions[0].suggested_step_id,
        c
    );
    assert_eq!(
        view(&db, KpiLevel::Best).differing,
        0,
        "at best, U does not even reach A"
    );

    // A customer's values, in map order, with its KPIs.
    let values = db.read(|conn| ops::evidence::values_of(conn, u)).unwrap();
    assert_eq!(
        values
            .iter()
            .map(|v| (v.kpi.name.as_str(), v.value))
            .collect::<Vec<_>>(),
        [
            ("a1", Some(25.0)),
            ("a-sat", Some(1.0)),
            ("c1", Some(20.0)),
            ("c2", Some(2.0)),
            ("d1", Some(50.0))
        ]
    );

    // Accepting is one edit: U moves to C with history source "rule"; undo moves it back.
    let moved = db
        .edit("Accept suggestions", |tx| {
            ops::evidence::accept(tx, p.id, KpiLevel::Entry, now())
        })
        .unwrap();
    assert_eq!(moved, 1);
    assert_eq!(
        db.read(|conn| db::customers::get(conn, u))
            .unwrap()
            .current_step_id,
        Some(c)
    );
    let history = db.read(|conn| ops::customers::placements(conn, u)).unwrap();
    assert_eq!(history.last().unwrap().source, PlacementSource::Rule);
    assert_eq!(view(&db, KpiLevel::Entry).differing, 0);
    db.undo().unwrap();
    assert_eq!(
        db.read(|conn| db::customers::get(conn, u))
            .unwrap()
            .current_step_id,
        Some(a)
    );

    // Clearing a value takes it out of the evidence; deleting the KPI deletes its values.
    db.edit("clear", |tx| {
        ops::evidence::set_values(
            tx,
            u,
            &[KpiValueInput {
                kpi_id: c2,
                value: None,
            }],
            now(),
        )
    })
    .unwrap();
    assert_eq!(
        view(&db, KpiLevel::Entry).differing,
        0,
        "U now reaches A only"
    );
    db.write(|tx| ops::kpis::delete(tx, a1)).unwrap();
    let after = db.read(|conn| ops::evidence::values_of(conn, w)).unwrap();
    assert!(after.iter().all(|v| v.value.is_none()), "{after:?}");
}

#[test]
fn kpi_values_come_in_as_extra_columns_of_an_import() {
    use std::sync::atomic::AtomicBool;
    use successmap_core::import::{self, Control, Mode, Table};
    use successmap_core::model::ImportOptions;
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    persona(&mut db, "Q");
    let a = step(&mut db, &p, "A");
    let seats = db
        .write(|tx| {
            ops::kpis::add(
                tx,
                a.id,
                &KpiInput {
                    name: "Seats active".into(),
                    unit: String::new(),
                    direction: KpiDirection::HigherIsBetter,
                    kind: KpiKind::Success,
                    entry_level: 10.0,
                    good_level: 50.0,
                    best_level: 100.0,
                },
            )
        })
        .unwrap()
        .id;
    let run = |db: &mut successmap_core::Db, csv: &str| {
        let table = Table::from_csv_bytes(csv.as_bytes().to_vec()).unwrap();
        let (mapping, _) = db
            .read(|c| import::propose_mapping(c, &table.headers))
            .unwrap();
        let kpi_columns = db
            .read(|c| import::propose_kpi_columns(c, &table.headers, &mapping))
            .unwrap();
        let options = ImportOptions {
            mapping,
            kpi_columns,
            create_missing: false,
            default_persona_id: None,
            encoding: None,
        };
        let cancel = AtomicBool::new(false);
        db.edit("import", |tx| {
            import::run(
                tx,
                &table,
                &options,
                Mode::Write { now: now() },
                Control {
                    progress: &mut |_| {},
                    cancel: &cancel,
                },
            )
        })
        .unwrap()
    };
    let csv = "external_id,name,persona,current_step,seats ACTIVE\n\
               E1,One,P,A,60\n\
               E2,Two,P,A,\n\
               E3,Three,P,A,lots\n\
               E4,Four,Q,,5\n";
    let report = run(&mut db, csv);
    assert_eq!((report.new_customers, report.rejected_rows), (2, 2));
    let reasons: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (4, "Seats active \"lots\" is not a number"),
            (5, "the map of Q has no KPI \"Seats active\"")
        ]
    );
    let value_of = |db: &successmap_core::Db, ext: &str| {
        let id = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT id FROM customer WHERE external_id = ?1",
                    [ext],
                    |r| r.get::<_, successmap_core::model::CustomerId>(0),
                )?)
            })
            .unwrap();
        db.read(|c| db::customer_kpis::for_customer(c, id))
            .unwrap()
            .get(&seats)
            .copied()
    };
    assert_eq!(value_of(&db, "E1"), Some(60.0));
    assert_eq!(value_of(&db, "E2"), None, "an empty cell sets nothing");
    // The value is evidence at once: "One" has reached A at good level.
    let view = db
        .read(|c| ops::evidence::suggestions(c, p.id, KpiLevel::Good, 10))
        .unwrap();
    assert_eq!(view.customers_with_values, 1);

    // Again: nothing changes. A new value: that customer counts as updated.
    let again = run(
        &mut db,
        "external_id,name,persona,current_step,Seats active\nE1,One,P,A,60\n",
    );
    assert_eq!((again.updated_customers, again.unchanged_customers), (0, 1));
    let changed = run(
        &mut db,
        "external_id,name,persona,current_step,Seats active\nE1,One,P,A,75\n",
    );
    assert_eq!(
        (changed.updated_customers, changed.unchanged_customers),
        (1, 0)
    );
    assert_eq!(value_of(&db, "E1"), Some(75.0));
}
