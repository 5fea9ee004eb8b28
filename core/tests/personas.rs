#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::{memory_db, now, persona};
use successmap_core::model::{CustomerInput, CustomersOnDelete, PersonaInput, PlacementSource};
use successmap_core::{ops, CoreError};

#[test]
fn a_new_persona_gets_an_empty_map_and_a_palette_colour() {
    let mut db = memory_db();
    let p = persona(&mut db, "  Home architect  ");
    assert_eq!(p.name, "Home architect");
    assert!(p.color.starts_with('#'));
    let view = db.read(|c| ops::maps::detail(c, p.id)).unwrap();
    assert!(view.steps.is_empty());
    assert_eq!(view.map.persona_id, p.id);
}

#[test]
fn personas_are_listed_in_creation_order_with_their_figures() {
    let mut db = memory_db();
    let a = persona(&mut db, "B persona");
    persona(&mut db, "A persona");
    let s = common::step(&mut db, &a, "Start");
    db.write(|tx| {
        let mut c = CustomerInput::named("Acme", a.id);
        c.current_step_id = Some(s.id);
        c.arr_cents = Some(50_000);
        ops::customers::create(tx, &c, PlacementSource::Edit, now())
    })
    .unwrap();
    let list = db.read(ops::personas::list).unwrap();
    let names: Vec<_> = list.iter().map(|p| p.persona.name.as_str()).collect();
    assert_eq!(names, ["B persona", "A persona"]);
    assert_eq!(
        (
            list[0].step_count,
            list[0].customer_count,
            list[0].arr_cents
        ),
        (1, 1, 50_000)
    );
}

#[test]
fn editing_a_persona_stores_every_field() {
    let mut db = memory_db();
    let p = persona(&mut db, "Draft");
    let input = PersonaInput {
        name: "Industrial architect".into(),
        description: "Plants".into(),
        success_definition: "Designs reused across sites".into(),
        goals: vec!["Reuse".into(), "  ".into(), "Hand over".into()],
        revenue_share: Some(13.0),
        color: Some("#E8590C".into()),
    };
    let saved = db
        .write(|tx| ops::personas::update(tx, p.id, &input, now()))
        .unwrap();
    assert_eq!(saved.name, "Industrial architect");
    assert_eq!(
        saved.goals,
        vec!["Reuse", "Hand over"],
        "blank goals are dropped"
    );
    assert_eq!(saved.revenue_share, Some(13.0));
    assert_eq!(saved.color, "#e8590c");
}

#[test]
fn duplicate_names_are_refused_case_insensitively_and_nothing_is_written() {
    let mut db = memory_db();
    persona(&mut db, "Home architect");
    let err = db
        .write(|tx| ops::personas::create(tx, &PersonaInput::named("HOME ARCHITECT"), now()))
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err}");
    assert_eq!(db.read(ops::personas::list).unwrap().len(), 1);
}

#[test]
fn bad_revenue_shares_and_blank_names_are_refused_at_their_field() {
    let mut db = memory_db();
    let mut input = PersonaInput::named("Valid");
    input.revenue_share = Some(120.0);
    match db
        .write(|tx| ops::personas::create(tx, &input, now()))
        .unwrap_err()
    {
        CoreError::Invalid { field, .. } => assert_eq!(field, Some("revenueShare")),
        other => panic!("{other}"),
    }
    match db
        .write(|tx| ops::personas::create(tx, &PersonaInput::named(" "), now()))
        .unwrap_err()
    {
        CoreError::Invalid { field, .. } => assert_eq!(field, Some("name")),
        other => panic!("{other}"),
    }
    assert!(db.read(ops::personas::list).unwrap().is_empty());
}

#[test]
fn a_persona_with_customers_cannot_be_deleted() {
    let mut db = memory_db();
    let p = persona(&mut db, "Keeps customers");
    db.write(|tx| {
        ops::customers::create(
            tx,
            &CustomerInput::named("Acme", p.id),
            PlacementSource::Edit,
            now(),
        )
    })
    .unwrap();
    let err = db
        .write(|tx| ops::personas::delete(tx, p.id, CustomersOnDelete::Keep, now()))
        .unwrap_err();
    assert!(err.to_string().contains("1 customer;"), "{err}");
    assert_eq!(db.read(ops::personas::list).unwrap().len(), 1);
}

#[test]
fn deleting_a_persona_without_customers_removes_its_map_and_steps() {
    let mut db = memory_db();
    let p = persona(&mut db, "Short-lived");
    common::step(&mut db, &p, "Only step");
    db.write(|tx| ops::personas::delete(tx, p.id, CustomersOnDelete::Keep, now()))
        .unwrap();
    let steps: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM step", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(steps, 0);
}

fn placed_customer(
    db: &mut successmap_core::Db,
    persona: &successmap_core::model::Persona,
    name: &str,
) -> successmap_core::model::Customer {
    let step = common::step(db, persona, &format!("{name} step"));
    db.write(|tx| {
        let mut c = CustomerInput::named(name, persona.id);
        c.current_step_id = Some(step.id);
        c.target_step_id = Some(step.id);
        ops::customers::create(tx, &c, PlacementSource::Edit, now())
    })
    .unwrap()
}

#[test]
fn deleting_a_persona_can_move_its_customers_to_another_unplaced_with_history() {
    let mut db = memory_db();
    let gone = persona(&mut db, "Retired persona");
    let keeper = persona(&mut db, "Keeper");
    let c = placed_customer(&mut db, &gone, "Acme");
    db.write(|tx| {
        ops::personas::delete(
            tx,
            gone.id,
            CustomersOnDelete::MoveTo {
                persona_id: keeper.id,
            },
            now(),
        )
    })
    .unwrap();
    let moved = db
        .read(|conn| successmap_core::db::customers::get(conn, c.id))
        .unwrap();
    assert_eq!(
        (
            moved.persona_id,
            moved.current_step_id,
            moved.target_step_id
        ),
        (keeper.id, None, None)
    );
    let history = db
        .read(|conn| ops::customers::placements(conn, c.id))
        .unwrap();
    assert_eq!(history.len(), 2, "the unplacing is part of the history");
    assert_eq!(history[1].to_current_step_id, None);
    let names: Vec<_> = db
        .read(ops::personas::list)
        .unwrap()
        .into_iter()
        .map(|p| p.persona.name)
        .collect();
    assert_eq!(names, ["Keeper"]);
}

#[test]
fn deleting_a_persona_can_delete_its_customers_when_asked_to() {
    let mut db = memory_db();
    let gone = persona(&mut db, "Retired persona");
    placed_customer(&mut db, &gone, "Acme");
    db.write(|tx| ops::personas::delete(tx, gone.id, CustomersOnDelete::Delete, now()))
        .unwrap();
    let customers: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(customers, 0);
}

#[test]
fn customers_cannot_be_moved_to_the_persona_being_deleted() {
    let mut db = memory_db();
    let gone = persona(&mut db, "Retired persona");
    placed_customer(&mut db, &gone, "Acme");
    let err = db
        .write(|tx| {
            ops::personas::delete(
                tx,
                gone.id,
                CustomersOnDelete::MoveTo {
                    persona_id: gone.id,
                },
                now(),
            )
        })
        .unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }), "{err}");
    assert_eq!(db.read(ops::personas::list).unwrap().len(), 1);
}

#[test]
fn undoing_a_persona_delete_brings_back_its_map_and_its_customers_where_they_were() {
    let mut db = memory_db();
    let gone = persona(&mut db, "Retired persona");
    let keeper = persona(&mut db, "Keeper");
    let c = placed_customer(&mut db, &gone, "Acme");
    let before = db
        .read(|conn| successmap_core::db::customers::get(conn, c.id))
        .unwrap();
    db.edit("Delete persona", |tx| {
        ops::personas::delete(
            tx,
            gone.id,
            CustomersOnDelete::MoveTo {
                persona_id: keeper.id,
            },
            now(),
        )
    })
    .unwrap();
    db.undo().unwrap();
    assert_eq!(
        db.read(|conn| successmap_core::db::customers::get(conn, c.id))
            .unwrap(),
        before
    );
    assert_eq!(
        db.read(|conn| ops::customers::placements(conn, c.id))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(db.read(ops::personas::list).unwrap().len(), 2);
}
