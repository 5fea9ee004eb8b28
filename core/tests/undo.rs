#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::{memory_db, now, step_titles};
use successmap_core::model::{
    AttachmentTarget, CustomerInput, KpiDirection, KpiInput, KpiKind, PersonaInput,
    PlacementSource, StepInput, VehicleInput, VehicleKind,
};
use successmap_core::{db, ops, Db};

fn add_persona(db: &mut Db, name: &str) -> successmap_core::model::Persona {
    db.edit(format!("Create persona {name}"), |tx| {
        ops::personas::create(tx, &PersonaInput::named(name), now())
    })
    .unwrap()
}

fn add_step(
    db: &mut Db,
    map_id: successmap_core::model::MapId,
    title: &str,
) -> successmap_core::model::Step {
    db.edit(format!("Add step {title}"), |tx| {
        ops::steps::add(
            tx,
            map_id,
            &StepInput {
                title: title.into(),
                outcome: String::new(),
                notes: None,
            },
            None,
            now(),
        )
    })
    .unwrap()
}

fn count(db: &Db, table: &str) -> i64 {
    db.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn undoing_a_new_persona_removes_it_with_its_map_and_redo_brings_it_back() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "Home architect");
    assert_eq!(
        db.undo_state().undo_label.as_deref(),
        Some("Create persona Home architect")
    );
    assert_eq!(
        db.undo().unwrap().as_deref(),
        Some("Create persona Home architect")
    );
    assert_eq!((count(&db, "persona"), count(&db, "success_map")), (0, 0));
    assert_eq!(
        db.undo_state().redo_label.as_deref(),
        Some("Create persona Home architect")
    );
    db.redo().unwrap();
    let list = db.read(ops::personas::list).unwrap();
    assert_eq!(list[0].persona, p, "the same persona, same ids, comes back");
}

#[test]
fn undo_walks_back_edit_by_edit_and_redo_forward() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    for title in ["A", "B", "C"] {
        add_step(&mut db, p.map_id, title);
    }
    db.undo().unwrap();
    db.undo().unwrap();
    assert_eq!(step_titles(&db, &p), ["A"]);
    db.redo().unwrap();
    assert_eq!(step_titles(&db, &p), ["A", "B"]);
}

#[test]
fn a_new_edit_after_undo_discards_what_could_be_redone() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    add_step(&mut db, p.map_id, "A");
    db.undo().unwrap();
    add_step(&mut db, p.map_id, "B");
    assert_eq!(db.undo_state().redo_label, None);
    assert_eq!(db.redo().unwrap(), None);
}

#[test]
fn undoing_a_reorder_restores_every_position() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    let a = add_step(&mut db, p.map_id, "A");
    add_step(&mut db, p.map_id, "B");
    add_step(&mut db, p.map_id, "C");
    db.edit("Move step A", |tx| ops::steps::reorder(tx, a.id, 2, now()))
        .unwrap();
    assert_eq!(step_titles(&db, &p), ["B", "C", "A"]);
    db.undo().unwrap();
    assert_eq!(step_titles(&db, &p), ["A", "B", "C"]);
    db.redo().unwrap();
    assert_eq!(step_titles(&db, &p), ["B", "C", "A"]);
}

#[test]
fn undoing_a_step_delete_brings_back_its_kpis_and_vehicles() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    let a = add_step(&mut db, p.map_id, "A");
    let b = add_step(&mut db, p.map_id, "B");
    let kpi = KpiInput {
        name: "Order value".into(),
        unit: "$".into(),
        direction: KpiDirection::HigherIsBetter,
        kind: KpiKind::Success,
        entry_level: 50.0,
        good_level: 100.0,
        best_level: 200.0,
    };
    db.edit("Add KPI", |tx| ops::kpis::add(tx, a.id, &kpi))
        .unwrap();
    let v = db
        .edit("Create vehicle", |tx| {
            ops::vehicles::create(
                tx,
                &VehicleInput {
                    kind: VehicleKind::Training,
                    custom_kind: None,
                    name: "Bootcamp".into(),
                    description: String::new(),
                    owner: String::new(),
                    link: String::new(),
                    effort: String::new(),
                },
            )
        })
        .unwrap();
    db.edit("Attach", |tx| {
        ops::vehicles::attach(
            tx,
            v.id,
            AttachmentTarget::Move {
                from_step_id: a.id,
                to_step_id: b.id,
            },
        )
    })
    .unwrap();
    let before = db.read(|c| ops::maps::detail(c, p.id)).unwrap();

    db.edit("Delete step A", |tx| ops::steps::delete(tx, a.id, now()))
        .unwrap();
    assert_eq!(
        (count(&db, "kpi"), count(&db, "vehicle_attachment")),
        (0, 1),
        "the KPI goes with the step; the vehicle of A → B stays, on B"
    );
    db.undo().unwrap();
    assert_eq!(db.read(|c| ops::maps::detail(c, p.id)).unwrap(), before);
}

#[test]
fn undoing_a_kpi_edit_restores_its_levels() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    let a = add_step(&mut db, p.map_id, "A");
    let mut kpi = KpiInput {
        name: "Days to value".into(),
        unit: "days".into(),
        direction: KpiDirection::LowerIsBetter,
        kind: KpiKind::Success,
        entry_level: 60.0,
        good_level: 30.0,
        best_level: 14.0,
    };
    let k = db
        .edit("Add KPI", |tx| ops::kpis::add(tx, a.id, &kpi))
        .unwrap();
    kpi.best_level = 7.0;
    db.edit("Edit KPI", |tx| ops::kpis::update(tx, k.id, &kpi))
        .unwrap();
    db.undo().unwrap();
    assert_eq!(
        db.read(|c| db::kpis::get(c, k.id)).unwrap().best_level,
        14.0
    );
}

#[test]
fn undoing_a_move_of_a_customer_also_removes_its_history_entry() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "P");
    let a = add_step(&mut db, p.map_id, "A");
    let b = add_step(&mut db, p.map_id, "B");
    let mut input = CustomerInput::named("Acme", p.id);
    input.current_step_id = Some(a.id);
    let c = db
        .edit("Add customer", |tx| {
            ops::customers::create(tx, &input, PlacementSource::Edit, now())
        })
        .unwrap();
    input.current_step_id = Some(b.id);
    db.edit("Move Acme", |tx| {
        ops::customers::update(tx, c.id, &input, PlacementSource::Drag, now())
    })
    .unwrap();
    assert_eq!(
        db.read(|conn| ops::customers::placements(conn, c.id))
            .unwrap()
            .len(),
        2
    );
    db.undo().unwrap();
    assert_eq!(
        db.read(|conn| db::customers::get(conn, c.id))
            .unwrap()
            .current_step_id,
        Some(a.id)
    );
    assert_eq!(
        db.read(|conn| ops::customers::placements(conn, c.id))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_refused_edit_records_nothing_to_undo() {
    let mut db = memory_db();
    add_persona(&mut db, "P");
    let refused = db.edit("Create persona p", |tx| {
        ops::personas::create(tx, &PersonaInput::named("p"), now())
    });
    assert!(refused.is_err());
    assert_eq!(
        db.undo_state().undo_label.as_deref(),
        Some("Create persona P")
    );
}

#[test]
fn a_write_that_is_not_recorded_clears_the_history() {
    let mut db = memory_db();
    add_persona(&mut db, "P");
    db.write(|tx| ops::workspace::rename(tx, "Renamed"))
        .unwrap();
    assert_eq!(
        db.undo_state(),
        db::undo::UndoState {
            undo_label: None,
            redo_label: None,
            notice: None
        }
    );
    assert_eq!(db.undo().unwrap(), None);
}

#[test]
fn there_is_nothing_to_undo_in_a_fresh_workspace() {
    let mut db = memory_db();
    assert_eq!(db.undo().unwrap(), None);
    assert_eq!(db.redo().unwrap(), None);
}

#[test]
fn the_undo_stack_reports_the_bytes_it_holds() {
    let mut db = memory_db();
    assert_eq!(db.undo_bytes(), 0);
    add_persona(&mut db, "Held");
    assert!(db.undo_bytes() > 0);
}

/// Deleting a step sets the placement history's references to it to NULL (a foreign
/// key's action); redoing the deletion makes that change again before the recorded
/// update of those rows comes up, which must not count as a conflict.
#[test]
fn a_step_delete_with_placement_history_undoes_and_redoes() {
    let mut db = memory_db();
    let p = add_persona(&mut db, "Ops lead");
    let pilot = add_step(&mut db, p.map_id, "Pilot");
    let scale = add_step(&mut db, p.map_id, "Scale");
    let c = db
        .edit("Add customer", |tx| {
            ops::customers::create(
                tx,
                &CustomerInput {
                    current_step_id: Some(pilot.id),
                    ..CustomerInput::named("Acme", p.id)
                },
                PlacementSource::Created,
                now(),
            )
        })
        .unwrap();
    db.edit("Move", |tx| {
        ops::customers::place(
            tx,
            &[c.id],
            successmap_core::model::PlacementMove::Current { step_id: scale.id },
            PlacementSource::Drag,
            now(),
        )
    })
    .unwrap();
    db.edit("Delete step Pilot", |tx| {
        ops::steps::delete(tx, pilot.id, now())
    })
    .unwrap();
    let nulls = |db: &Db| {
        db.read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM placement WHERE to_current_step_id IS NULL AND from_current_step_id IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap()
    };
    let after_delete = (count(&db, "step"), nulls(&db));
    assert_eq!(db.undo().unwrap().as_deref(), Some("Delete step Pilot"));
    assert_eq!(count(&db, "step"), 2);
    assert_eq!(db.redo().unwrap().as_deref(), Some("Delete step Pilot"));
    assert_eq!((count(&db, "step"), nulls(&db)), after_delete);
    assert_eq!(db.undo().unwrap().as_deref(), Some("Delete step Pilot"));
    assert_eq!(step_titles(&db, &p), vec!["Pilot", "Scale"]);
}
