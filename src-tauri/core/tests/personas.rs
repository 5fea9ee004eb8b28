#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::{memory_db, now, persona};
use successmap_core::model::{CustomerInput, PersonaInput, PlacementSource};
use successmap_core::{ops, CoreError};

#[test]
fn a_new_persona_gets_an_empty_map_and_a_palette_colour() {
    let mut db = memory_db();
    let p = persona(&mut db, "  Home architect  ");
    assert_eq!(p.name, "Home architect");
    assert!(p.color.starts_with('#'));
    let view = db.read(|c| ops::maps::view(c, p.id)).unwrap();
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
    let err = db.write(|tx| ops::personas::delete(tx, p.id)).unwrap_err();
    assert!(err.to_string().contains("1 customer;"), "{err}");
    assert_eq!(db.read(ops::personas::list).unwrap().len(), 1);
}

#[test]
fn deleting_a_persona_without_customers_removes_its_map_and_steps() {
    let mut db = memory_db();
    let p = persona(&mut db, "Short-lived");
    common::step(&mut db, &p, "Only step");
    db.write(|tx| ops::personas::delete(tx, p.id)).unwrap();
    let steps: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM step", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(steps, 0);
}
