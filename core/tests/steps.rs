#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::{memory_db, now, persona, step, step_titles};
use successmap_core::model::{CustomerInput, PlacementSource, StepInput};
use successmap_core::{ops, CoreError};

#[test]
fn steps_are_appended_in_order_and_can_be_inserted_between_two() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    step(&mut db, &p, "One");
    step(&mut db, &p, "Three");
    db.write(|tx| {
        ops::steps::add(
            tx,
            p.map_id,
            &StepInput {
                title: "Two".into(),
                outcome: String::new(),
                notes: None,
            },
            Some(1),
            now(),
        )
    })
    .unwrap();
    assert_eq!(step_titles(&db, &p), ["One", "Two", "Three"]);
}

#[test]
fn reordering_a_step_keeps_positions_dense_and_customers_on_it() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    step(&mut db, &p, "B");
    step(&mut db, &p, "C");
    db.write(|tx| {
        let mut c = CustomerInput::named("Acme", p.id);
        c.current_step_id = Some(a.id);
        ops::customers::create(tx, &c, PlacementSource::Edit, now())
    })
    .unwrap();
    let steps = db
        .write(|tx| ops::steps::reorder(tx, a.id, 2, now()))
        .unwrap();
    let positions: Vec<_> = steps
        .iter()
        .map(|s| (s.title.as_str(), s.position))
        .collect();
    assert_eq!(positions, [("B", 0), ("C", 1), ("A", 2)]);
    let view = db.read(|c| ops::maps::detail(c, p.id)).unwrap();
    assert_eq!(view.steps[2].customer_count, 1);
}

#[test]
fn duplicate_step_titles_in_one_map_are_refused_but_allowed_across_maps() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let q = persona(&mut db, "Q");
    step(&mut db, &p, "Onboarded");
    let err = db
        .write(|tx| {
            ops::steps::add(
                tx,
                p.map_id,
                &StepInput {
                    title: "onboarded".into(),
                    outcome: String::new(),
                    notes: None,
                },
                None,
                now(),
            )
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err}");
    step(&mut db, &q, "Onboarded");
}

#[test]
fn deleting_a_step_with_customers_is_refused_with_a_clear_message() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "Pilot");
    let b = step(&mut db, &p, "Rollout");
    db.write(|tx| {
        let mut c = CustomerInput::named("Acme", p.id);
        c.current_step_id = Some(a.id);
        c.target_step_id = Some(b.id);
        ops::customers::create(tx, &c, PlacementSource::Edit, now())
    })
    .unwrap();
    let err = db
        .write(|tx| ops::steps::delete(tx, a.id, now()))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the step \"Pilot\" cannot be deleted: 1 customer is on it; move them to another step first"
    );
    let err = db
        .write(|tx| ops::steps::delete(tx, b.id, now()))
        .unwrap_err();
    assert!(
        err.to_string().contains("1 customer has it as target"),
        "{err}"
    );
    assert_eq!(step_titles(&db, &p), ["Pilot", "Rollout"]);
    let customers: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(customers, 1);
}

#[test]
fn the_database_itself_refuses_to_drop_customers_with_a_step() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "Pilot");
    db.write(|tx| {
        let mut c = CustomerInput::named("Acme", p.id);
        c.current_step_id = Some(a.id);
        ops::customers::create(tx, &c, PlacementSource::Edit, now())
    })
    .unwrap();
    let raw = db.write(|tx| Ok(tx.execute("DELETE FROM step WHERE id = ?1", [a.id])?));
    assert!(raw.is_err(), "foreign key RESTRICT must stop a raw delete");
}

#[test]
fn deleting_an_empty_step_closes_the_gap_in_positions() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    step(&mut db, &p, "C");
    db.write(|tx| ops::steps::delete(tx, b.id, now())).unwrap();
    let steps = db
        .read(|c| successmap_core::db::steps::list_for_map(c, p.map_id))
        .unwrap();
    let positions: Vec<_> = steps
        .iter()
        .map(|s| (s.title.as_str(), s.position))
        .collect();
    assert_eq!(positions, [("A", 0), ("C", 1)]);
}

#[test]
fn editing_a_step_changes_its_title_and_outcome() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "Old");
    let s = db
        .write(|tx| {
            ops::steps::update(
                tx,
                a.id,
                &StepInput {
                    title: "New".into(),
                    outcome: "Better".into(),
                    notes: None,
                },
                now(),
            )
        })
        .unwrap();
    assert_eq!((s.title.as_str(), s.outcome.as_str()), ("New", "Better"));
}

#[test]
fn presenter_notes_are_kept_and_an_edit_without_them_leaves_them() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let input = |notes: Option<&str>| StepInput {
        title: "Pilot".into(),
        outcome: "Live".into(),
        notes: notes.map(str::to_string),
    };
    let added = db
        .write(|tx| {
            ops::steps::add(
                tx,
                p.map_id,
                &input(Some(" Ask about the pilot \n")),
                None,
                now(),
            )
        })
        .unwrap();
    assert_eq!(added.notes, "Ask about the pilot");
    // An older caller that does not know notes leaves them as they are.
    let edited = db
        .write(|tx| ops::steps::update(tx, added.id, &input(None), now()))
        .unwrap();
    assert_eq!(edited.notes, "Ask about the pilot");
    let cleared = db
        .write(|tx| ops::steps::update(tx, added.id, &input(Some("")), now()))
        .unwrap();
    assert_eq!(cleared.notes, "");
}
