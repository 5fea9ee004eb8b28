#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::{memory_db, persona, step};
use successmap_core::model::{
    AttachmentTarget, KpiDirection, KpiInput, KpiKind, StepInput, VehicleInput, VehicleKind,
};
use successmap_core::{ops, CoreError};

fn kpi(direction: KpiDirection, levels: [f64; 3]) -> KpiInput {
    KpiInput {
        name: "Average order value".into(),
        unit: "$".into(),
        direction,
        kind: KpiKind::Success,
        entry_level: levels[0],
        good_level: levels[1],
        best_level: levels[2],
    }
}

fn vehicle(kind: VehicleKind, name: &str) -> VehicleInput {
    VehicleInput {
        kind,
        custom_kind: (kind == VehicleKind::Custom).then(|| "Office hours".to_string()),
        name: name.into(),
        description: String::new(),
        owner: String::new(),
        link: String::new(),
        effort: String::new(),
    }
}

#[test]
fn a_kpi_keeps_its_three_levels() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let s = step(&mut db, &p, "S");
    let k = db
        .write(|tx| {
            ops::kpis::add(
                tx,
                s.id,
                &kpi(KpiDirection::HigherIsBetter, [50.0, 100.0, 200.0]),
            )
        })
        .unwrap();
    assert_eq!(
        (k.entry_level, k.good_level, k.best_level),
        (50.0, 100.0, 200.0)
    );
    let updated = db
        .write(|tx| {
            ops::kpis::update(
                tx,
                k.id,
                &kpi(KpiDirection::LowerIsBetter, [30.0, 14.0, 7.0]),
            )
        })
        .unwrap();
    assert_eq!(updated.direction, KpiDirection::LowerIsBetter);
    db.write(|tx| ops::kpis::delete(tx, k.id)).unwrap();
    let view = db.read(|c| ops::maps::detail(c, p.id)).unwrap();
    assert!(view.steps[0].kpis.is_empty());
}

#[test]
fn levels_against_the_direction_are_refused_at_the_offending_field() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let s = step(&mut db, &p, "S");
    let cases = [
        (
            KpiDirection::HigherIsBetter,
            [100.0, 50.0, 200.0],
            "goodLevel",
        ),
        (
            KpiDirection::HigherIsBetter,
            [50.0, 100.0, 80.0],
            "bestLevel",
        ),
        (KpiDirection::LowerIsBetter, [10.0, 20.0, 5.0], "goodLevel"),
        (
            KpiDirection::HigherIsBetter,
            [f64::NAN, 1.0, 2.0],
            "entryLevel",
        ),
    ];
    for (direction, levels, expected) in cases {
        match db
            .write(|tx| ops::kpis::add(tx, s.id, &kpi(direction, levels)))
            .unwrap_err()
        {
            CoreError::Invalid { field, .. } => assert_eq!(field, Some(expected)),
            other => panic!("{other}"),
        }
    }
}

#[test]
fn vehicles_of_every_kind_are_catalogued_and_custom_kinds_need_a_name() {
    let mut db = memory_db();
    for (kind, name) in [
        (VehicleKind::Training, "Bootcamp"),
        (VehicleKind::Community, "Circle"),
        (VehicleKind::Enablement, "Guide"),
        (VehicleKind::Custom, "Office hours"),
    ] {
        db.write(|tx| ops::vehicles::create(tx, &vehicle(kind, name)))
            .unwrap();
    }
    assert_eq!(db.read(ops::vehicles::list).unwrap().len(), 4);
    let mut nameless = vehicle(VehicleKind::Custom, "Other");
    nameless.custom_kind = None;
    assert!(db.write(|tx| ops::vehicles::create(tx, &nameless)).is_err());
    let dup = db.write(|tx| ops::vehicles::create(tx, &vehicle(VehicleKind::Training, "bootcamp")));
    assert!(matches!(dup, Err(CoreError::Conflict(_))));
}

#[test]
fn vehicles_attach_to_steps_and_to_moves_between_consecutive_steps_only() {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let a = step(&mut db, &p, "A");
    let b = step(&mut db, &p, "B");
    let c = step(&mut db, &p, "C");
    let v = db
        .write(|tx| ops::vehicles::create(tx, &vehicle(VehicleKind::Training, "Bootcamp")))
        .unwrap();
    db.write(|tx| ops::vehicles::attach(tx, v.id, AttachmentTarget::Step { step_id: a.id }))
        .unwrap();
    db.write(|tx| {
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
    let skip = db.write(|tx| {
        ops::vehicles::attach(
            tx,
            v.id,
            AttachmentTarget::Move {
                from_step_id: a.id,
                to_step_id: c.id,
            },
        )
    });
    assert!(matches!(skip, Err(CoreError::Invalid { .. })));
    let twice =
        db.write(|tx| ops::vehicles::attach(tx, v.id, AttachmentTarget::Step { step_id: a.id }));
    assert!(matches!(twice, Err(CoreError::Conflict(_))));

    let view = db.read(|conn| ops::maps::detail(conn, p.id)).unwrap();
    assert_eq!(view.steps[0].vehicles.len(), 1);
    assert_eq!(view.moves.len(), 2);
    assert_eq!(view.moves[0].vehicles.len(), 1);
    assert!(view.moves[1].vehicles.is_empty(), "B → C is a gap");

    let attachment = view.moves[0].vehicles[0].attachment_id;
    db.write(|tx| ops::vehicles::detach(tx, attachment))
        .unwrap();
    db.write(|tx| ops::vehicles::delete(tx, v.id)).unwrap();
    let view = db.read(|conn| ops::maps::detail(conn, p.id)).unwrap();
    assert!(
        view.steps[0].vehicles.is_empty(),
        "deleting a vehicle removes its attachments"
    );
}

fn move_names(
    db: &successmap_core::Db,
    persona: &successmap_core::model::Persona,
) -> Vec<(String, Vec<String>)> {
    let view = db.read(|c| ops::maps::detail(c, persona.id)).unwrap();
    let title = |id| {
        view.steps
            .iter()
            .find(|s| s.step.id == id)
            .unwrap()
            .step
            .title
            .clone()
    };
    let mut out: Vec<(String, Vec<String>)> = view
        .moves
        .iter()
        .map(|m| {
            (
                format!("{}→{}", title(m.from_step_id), title(m.to_step_id)),
                m.vehicles.iter().map(|v| v.vehicle.name.clone()).collect(),
            )
        })
        .collect();
    for s in &view.steps {
        if !s.vehicles.is_empty() {
            out.push((
                s.step.title.clone(),
                s.vehicles.iter().map(|v| v.vehicle.name.clone()).collect(),
            ));
        }
    }
    out
}

fn map_with_vehicle_on_first_move() -> (
    successmap_core::Db,
    successmap_core::model::Persona,
    Vec<successmap_core::model::Step>,
) {
    let mut db = memory_db();
    let p = persona(&mut db, "P");
    let steps: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|t| step(&mut db, &p, t))
        .collect();
    let v = db
        .write(|tx| ops::vehicles::create(tx, &vehicle(VehicleKind::Training, "Bootcamp")))
        .unwrap();
    db.write(|tx| {
        ops::vehicles::attach(
            tx,
            v.id,
            AttachmentTarget::Move {
                from_step_id: steps[0].id,
                to_step_id: steps[1].id,
            },
        )
    })
    .unwrap();
    (db, p, steps)
}

#[test]
fn a_vehicle_on_a_move_follows_the_move_leaving_its_first_step_when_steps_are_reordered() {
    let (mut db, p, steps) = map_with_vehicle_on_first_move();
    // A B C → B A C: the move A→B no longer exists; its vehicle goes to A→C.
    db.write(|tx| ops::steps::reorder(tx, steps[0].id, 1, common::now()))
        .unwrap();
    assert_eq!(
        move_names(&db, &p),
        [
            ("B→A".to_string(), vec![]),
            ("A→C".to_string(), vec!["Bootcamp".to_string()])
        ]
    );
}

#[test]
fn a_vehicle_whose_first_step_becomes_the_last_lands_on_that_step() {
    let (mut db, p, steps) = map_with_vehicle_on_first_move();
    db.write(|tx| ops::steps::reorder(tx, steps[0].id, 2, common::now()))
        .unwrap();
    assert_eq!(
        move_names(&db, &p),
        [
            ("B→C".to_string(), vec![]),
            ("C→A".to_string(), vec![]),
            ("A".to_string(), vec!["Bootcamp".to_string()])
        ]
    );
}

#[test]
fn inserting_a_step_inside_a_move_keeps_the_vehicle_on_the_move_out_of_its_first_step() {
    let (mut db, p, _steps) = map_with_vehicle_on_first_move();
    db.write(|tx| {
        ops::steps::add(
            tx,
            p.map_id,
            &StepInput {
                title: "A2".into(),
                outcome: String::new(),
                notes: None,
            },
            Some(1),
            common::now(),
        )
    })
    .unwrap();
    assert_eq!(
        move_names(&db, &p),
        [
            ("A→A2".to_string(), vec!["Bootcamp".to_string()]),
            ("A2→B".to_string(), vec![]),
            ("B→C".to_string(), vec![])
        ]
    );
}

#[test]
fn deleting_a_step_bridges_the_vehicles_of_its_two_moves() {
    let (mut db, p, steps) = map_with_vehicle_on_first_move();
    let circle = db
        .write(|tx| ops::vehicles::create(tx, &vehicle(VehicleKind::Community, "Circle")))
        .unwrap();
    db.write(|tx| {
        ops::vehicles::attach(
            tx,
            circle.id,
            AttachmentTarget::Move {
                from_step_id: steps[1].id,
                to_step_id: steps[2].id,
            },
        )
    })
    .unwrap();
    db.write(|tx| ops::steps::delete(tx, steps[1].id, common::now()))
        .unwrap();
    assert_eq!(
        move_names(&db, &p),
        [(
            "A→C".to_string(),
            vec!["Bootcamp".to_string(), "Circle".to_string()]
        )]
    );
}

#[test]
fn undoing_a_reorder_puts_the_vehicle_back_on_its_move() {
    let (mut db, p, steps) = map_with_vehicle_on_first_move();
    let before = move_names(&db, &p);
    db.edit("Move step A", |tx| {
        ops::steps::reorder(tx, steps[0].id, 2, common::now())
    })
    .unwrap();
    db.undo().unwrap();
    assert_eq!(move_names(&db, &p), before);
}
