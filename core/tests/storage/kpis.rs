//! `kpi`: a step's KPIs, appended in order, with three benchmark levels.

use rusqlite::ffi::SQLITE_CONSTRAINT_CHECK;
use successmap_core::db::kpis;
use successmap_core::model::{Kpi, KpiDirection, KpiId, KpiInput, KpiKind, StepId};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{assert_foreign_key_refused, assert_not_found, sqlite_code};

fn input(name: &str) -> KpiInput {
    KpiInput {
        name: name.to_string(),
        unit: "%".to_string(),
        direction: KpiDirection::HigherIsBetter,
        kind: KpiKind::Success,
        entry_level: 10.0,
        good_level: 50.0,
        best_level: 90.0,
    }
}

fn add(db: &mut Db, step: StepId, name: &str) -> KpiId {
    db.write(|tx| kpis::insert(tx, step, &input(name))).unwrap()
}

fn listed(db: &Db, step: StepId) -> Vec<(String, i32)> {
    db.read(|c| kpis::list_for_step(c, step))
        .unwrap()
        .into_iter()
        .map(|k| (k.name, k.position))
        .collect()
}

#[test]
fn every_column_of_a_kpi_survives_a_round_trip_fractions_included() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "Onboarded");
    let kpi = KpiInput {
        name: "Days to first “model”".into(),
        unit: "days".into(),
        direction: KpiDirection::LowerIsBetter,
        kind: KpiKind::Satisfaction,
        entry_level: 30.125,
        good_level: 0.1,
        best_level: -2.5e-3,
    };
    let id = db.write(|tx| kpis::insert(tx, s.id, &kpi)).unwrap();
    assert_eq!(
        db.read(|c| kpis::get(c, id)).unwrap(),
        Kpi {
            id,
            step_id: s.id,
            position: 0,
            name: "Days to first “model”".into(),
            unit: "days".into(),
            direction: KpiDirection::LowerIsBetter,
            kind: KpiKind::Satisfaction,
            entry_level: 30.125,
            good_level: 0.1,
            best_level: -2.5e-3,
        }
    );
}

#[test]
fn kpis_are_appended_after_the_last_of_their_own_step() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let first = add(&mut db, a.id, "First");
    add(&mut db, a.id, "Second");
    add(&mut db, b.id, "Other step");
    // A deletion leaves a gap: the next one still goes after the highest position.
    db.write(|tx| kpis::delete(tx, first)).unwrap();
    add(&mut db, a.id, "Third");
    assert_eq!(
        listed(&db, a.id),
        [("Second".to_string(), 1), ("Third".to_string(), 2)]
    );
    assert_eq!(listed(&db, b.id), [("Other step".to_string(), 0)]);
}

#[test]
fn an_update_replaces_the_values_but_keeps_the_step_and_position() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "A");
    add(&mut db, s.id, "First");
    let id = add(&mut db, s.id, "Second");
    let changed = KpiInput {
        name: "Renamed".into(),
        unit: "".into(),
        direction: KpiDirection::LowerIsBetter,
        kind: KpiKind::Satisfaction,
        entry_level: 3.5,
        good_level: 2.25,
        best_level: 1.0,
    };
    db.write(|tx| kpis::update(tx, id, &changed)).unwrap();
    let k = db.read(|c| kpis::get(c, id)).unwrap();
    assert_eq!(
        KpiInput {
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            kind: k.kind,
            entry_level: k.entry_level,
            good_level: k.good_level,
            best_level: k.best_level,
        },
        changed
    );
    assert_eq!((k.step_id, k.position), (s.id, 1));
}

#[test]
fn a_missing_kpi_is_not_found() {
    let mut db = memory_db();
    assert_not_found(db.read(|c| kpis::get(c, KpiId(3))), "KPI", 3);
    assert_not_found(
        db.write(|tx| kpis::update(tx, KpiId(3), &input("X"))),
        "KPI",
        3,
    );
    assert_not_found(db.write(|tx| kpis::delete(tx, KpiId(3))), "KPI", 3);
}

#[test]
fn a_kpi_needs_an_existing_step_and_a_name() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "A");
    assert_foreign_key_refused(db.write(|tx| kpis::insert(tx, StepId(999), &input("Orphan"))));
    assert_eq!(
        sqlite_code(db.write(|tx| kpis::insert(tx, s.id, &input(" ")))),
        SQLITE_CONSTRAINT_CHECK
    );
    assert!(listed(&db, s.id).is_empty());
}
