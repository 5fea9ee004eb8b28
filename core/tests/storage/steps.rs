//! `step`: the ordered steps of a map.

use rusqlite::ffi::SQLITE_CONSTRAINT_CHECK;
use successmap_core::db::{attachments, kpis, steps, vehicles};
use successmap_core::model::{
    AttachmentTarget, KpiDirection, KpiInput, KpiKind, MapId, Step, StepId, VehicleInput,
    VehicleKind,
};
use successmap_core::Db;

use crate::common::{memory_db, persona};
use crate::{
    add_customer, assert_conflict, assert_foreign_key_refused, assert_not_found, count,
    customer_input, sqlite_code,
};

fn add(db: &mut Db, map: MapId, position: i32, title: &str) -> StepId {
    db.write(|tx| steps::insert(tx, map, position, title, ""))
        .unwrap()
}

fn titles(db: &Db, map: MapId) -> Vec<(String, i32)> {
    db.read(|c| steps::list_for_map(c, map))
        .unwrap()
        .into_iter()
        .map(|s| (s.title, s.position))
        .collect()
}

#[test]
fn every_column_of_a_step_survives_a_round_trip() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let id = db
        .write(|tx| steps::insert(tx, p.map_id, 3, "Onboarded", "Ünïcode “outcome”\nline 2"))
        .unwrap();
    assert_eq!(
        db.read(|c| steps::get(c, id)).unwrap(),
        Step {
            id,
            map_id: p.map_id,
            position: 3,
            title: "Onboarded".into(),
            outcome: "Ünïcode “outcome”\nline 2".into(),
            notes: String::new(),
        }
    );
    db.write(|tx| steps::update_text(tx, id, "Activated", ""))
        .unwrap();
    let s = db.read(|c| steps::get(c, id)).unwrap();
    assert_eq!(
        (s.title.as_str(), s.outcome.as_str(), s.position),
        ("Activated", "", 3)
    );
}

#[test]
fn a_maps_steps_are_listed_by_position_then_id_and_only_its_own() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let other = persona(&mut db, "Builder");
    add(&mut db, p.map_id, 2, "Third");
    let first = add(&mut db, p.map_id, 0, "First");
    add(&mut db, p.map_id, 1, "Second");
    add(&mut db, other.map_id, 0, "Elsewhere");
    assert_eq!(
        titles(&db, p.map_id),
        [
            ("First".to_string(), 0),
            ("Second".to_string(), 1),
            ("Third".to_string(), 2)
        ]
    );
    // set_position moves a step; equal positions fall back to insertion (id) order.
    db.write(|tx| steps::set_position(tx, first, 2)).unwrap();
    assert_eq!(
        titles(&db, p.map_id),
        [
            ("Second".to_string(), 1),
            ("Third".to_string(), 2),
            ("First".to_string(), 2)
        ]
    );
    assert_eq!(titles(&db, other.map_id), [("Elsewhere".to_string(), 0)]);
}

#[test]
fn a_step_title_is_unique_within_its_map_ignoring_case() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let other = persona(&mut db, "Builder");
    add(&mut db, p.map_id, 0, "Onboarded");
    let second = add(&mut db, p.map_id, 1, "Trained");
    assert_conflict(
        db.write(|tx| steps::insert(tx, p.map_id, 2, "ONBOARDED", "")),
        "this map already has a step titled \"ONBOARDED\"",
    );
    assert_conflict(
        db.write(|tx| steps::update_text(tx, second, "onboarded", "")),
        "\"onboarded\"",
    );
    // Another map may use the same title.
    add(&mut db, other.map_id, 0, "Onboarded");
    // The schema refuses a blank title and a negative position.
    assert_eq!(
        sqlite_code(db.write(|tx| steps::insert(tx, p.map_id, 2, "  ", ""))),
        SQLITE_CONSTRAINT_CHECK
    );
    assert_eq!(
        sqlite_code(db.write(|tx| steps::insert(tx, p.map_id, -1, "Negative", ""))),
        SQLITE_CONSTRAINT_CHECK
    );
    assert_eq!(
        titles(&db, p.map_id),
        [("Onboarded".to_string(), 0), ("Trained".to_string(), 1)]
    );
}

#[test]
fn a_missing_step_is_not_found() {
    let mut db = memory_db();
    assert_not_found(db.read(|c| steps::get(c, StepId(5))), "step", 5);
    assert_not_found(
        db.write(|tx| steps::update_text(tx, StepId(5), "X", "")),
        "step",
        5,
    );
    assert_not_found(db.write(|tx| steps::delete(tx, StepId(5))), "step", 5);
}

#[test]
fn a_step_a_customer_stands_on_or_aims_at_cannot_be_deleted() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let on = add(&mut db, p.map_id, 0, "On");
    let aimed = add(&mut db, p.map_id, 1, "Aimed at");
    add_customer(
        &mut db,
        &customer_input("Acme", p.id, Some(on), Some(aimed), None),
    );
    for step in [on, aimed] {
        assert_foreign_key_refused(db.write(|tx| steps::delete(tx, step)));
    }
    assert_eq!(titles(&db, p.map_id).len(), 2);
}

#[test]
fn a_deleted_step_takes_its_kpis_and_every_attachment_on_or_into_it() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = add(&mut db, p.map_id, 0, "A");
    let b = add(&mut db, p.map_id, 1, "B");
    let c = add(&mut db, p.map_id, 2, "C");
    db.write(|tx| {
        let v = vehicles::insert(
            tx,
            &VehicleInput {
                kind: VehicleKind::Training,
                custom_kind: None,
                name: "Course".into(),
                description: String::new(),
                owner: String::new(),
                link: String::new(),
                effort: String::new(),
            },
        )?;
        attachments::insert(tx, v, AttachmentTarget::Step { step_id: b })?;
        attachments::insert(
            tx,
            v,
            AttachmentTarget::Move {
                from_step_id: a,
                to_step_id: b,
            },
        )?;
        attachments::insert(
            tx,
            v,
            AttachmentTarget::Move {
                from_step_id: b,
                to_step_id: c,
            },
        )?;
        attachments::insert(tx, v, AttachmentTarget::Step { step_id: c })?;
        for step in [b, c] {
            kpis::insert(
                tx,
                step,
                &KpiInput {
                    name: "Logins".into(),
                    unit: String::new(),
                    direction: KpiDirection::HigherIsBetter,
                    kind: KpiKind::Success,
                    entry_level: 1.0,
                    good_level: 2.0,
                    best_level: 3.0,
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    db.write(|tx| steps::delete(tx, b)).unwrap();
    let left = db
        .read(|conn| attachments::list_for_map(conn, p.map_id))
        .unwrap();
    let targets: Vec<_> = left.into_iter().map(|(a, _)| a.target).collect();
    assert_eq!(targets, [AttachmentTarget::Step { step_id: c }]);
    assert_eq!(
        db.read(|conn| kpis::list_for_step(conn, c)).unwrap().len(),
        1
    );
    assert_eq!(
        db.read(|conn| Ok(count(conn, "SELECT count(*) FROM kpi")))
            .unwrap(),
        1
    );
    assert_eq!(db.read(|conn| steps::get(conn, a)).unwrap().title, "A");
}
