//! `vehicle`: the workspace's catalogue of success vehicles.

use rusqlite::ffi::SQLITE_CONSTRAINT_CHECK;
use successmap_core::db::{attachments, vehicles};
use successmap_core::model::{AttachmentTarget, Vehicle, VehicleId, VehicleInput, VehicleKind};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{assert_conflict, assert_not_found, sqlite_code};

fn input(kind: VehicleKind, name: &str) -> VehicleInput {
    VehicleInput {
        kind,
        custom_kind: (kind == VehicleKind::Custom).then(|| "Office hours".to_string()),
        name: name.to_string(),
        description: String::new(),
        owner: String::new(),
        link: String::new(),
        effort: String::new(),
    }
}

fn add(db: &mut Db, kind: VehicleKind, name: &str) -> VehicleId {
    db.write(|tx| vehicles::insert(tx, &input(kind, name)))
        .unwrap()
}

#[test]
fn every_column_of_a_vehicle_survives_a_round_trip() {
    let mut db = memory_db();
    let v = VehicleInput {
        kind: VehicleKind::Custom,
        custom_kind: Some("Office hours".into()),
        name: "Ask an “expert”".into(),
        description: "Weekly Q&A".into(),
        owner: "Dana".into(),
        link: "https://example.com/oh".into(),
        effort: "1h/week".into(),
    };
    let id = db.write(|tx| vehicles::insert(tx, &v)).unwrap();
    assert_eq!(
        db.read(|c| vehicles::get(c, id)).unwrap(),
        Vehicle {
            id,
            kind: VehicleKind::Custom,
            custom_kind: Some("Office hours".into()),
            name: "Ask an “expert”".into(),
            description: "Weekly Q&A".into(),
            owner: "Dana".into(),
            link: "https://example.com/oh".into(),
            effort: "1h/week".into(),
        }
    );
    // An update replaces every column, custom kind back to none included.
    let plain = VehicleInput {
        link: "https://example.com/course".into(),
        ..input(VehicleKind::Training, "Course")
    };
    db.write(|tx| vehicles::update(tx, id, &plain)).unwrap();
    let stored = db.read(|c| vehicles::get(c, id)).unwrap();
    assert_eq!(
        (
            stored.kind,
            stored.custom_kind,
            stored.name.as_str(),
            stored.description.as_str(),
            stored.owner.as_str(),
            stored.link.as_str()
        ),
        (
            VehicleKind::Training,
            None,
            "Course",
            "",
            "",
            "https://example.com/course"
        )
    );
}

#[test]
fn the_catalogue_is_listed_by_kind_text_then_name_ignoring_case() {
    let mut db = memory_db();
    add(&mut db, VehicleKind::Training, "b course");
    add(&mut db, VehicleKind::Training, "A course");
    add(&mut db, VehicleKind::Enablement, "Playbook");
    add(&mut db, VehicleKind::Custom, "Office hours");
    add(&mut db, VehicleKind::Community, "Forum");
    let listed: Vec<_> = db
        .read(vehicles::list)
        .unwrap()
        .into_iter()
        .map(|v| (v.kind, v.name))
        .collect();
    // Kinds sort by their stored text: community, custom, enablement, training.
    assert_eq!(
        listed,
        [
            (VehicleKind::Community, "Forum".to_string()),
            (VehicleKind::Custom, "Office hours".to_string()),
            (VehicleKind::Enablement, "Playbook".to_string()),
            (VehicleKind::Training, "A course".to_string()),
            (VehicleKind::Training, "b course".to_string()),
        ]
    );
}

#[test]
fn a_vehicle_name_is_unique_ignoring_case() {
    let mut db = memory_db();
    add(&mut db, VehicleKind::Training, "Course");
    let other = add(&mut db, VehicleKind::Community, "Forum");
    assert_conflict(
        db.write(|tx| vehicles::insert(tx, &input(VehicleKind::Enablement, "COURSE"))),
        "a vehicle named \"COURSE\" already exists",
    );
    assert_conflict(
        db.write(|tx| vehicles::update(tx, other, &input(VehicleKind::Community, "course"))),
        "\"course\"",
    );
    assert_eq!(db.read(vehicles::list).unwrap().len(), 2);
}

#[test]
fn a_custom_kind_is_named_exactly_when_the_kind_is_custom() {
    let mut db = memory_db();
    let unnamed_custom = VehicleInput {
        custom_kind: None,
        ..input(VehicleKind::Custom, "Unnamed")
    };
    let named_training = VehicleInput {
        custom_kind: Some("Bootcamp".into()),
        ..input(VehicleKind::Training, "Named")
    };
    for v in [unnamed_custom, named_training] {
        assert_eq!(
            sqlite_code(db.write(|tx| vehicles::insert(tx, &v))),
            SQLITE_CONSTRAINT_CHECK
        );
    }
    assert!(db.read(vehicles::list).unwrap().is_empty());
}

#[test]
fn a_missing_vehicle_is_not_found() {
    let mut db = memory_db();
    assert_not_found(db.read(|c| vehicles::get(c, VehicleId(4))), "vehicle", 4);
    assert_not_found(
        db.write(|tx| vehicles::update(tx, VehicleId(4), &input(VehicleKind::Training, "X"))),
        "vehicle",
        4,
    );
    assert_not_found(
        db.write(|tx| vehicles::delete(tx, VehicleId(4))),
        "vehicle",
        4,
    );
}

#[test]
fn a_deleted_vehicle_is_detached_everywhere() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let s = step(&mut db, &p, "Start");
    let gone = add(&mut db, VehicleKind::Training, "Gone");
    let kept = add(&mut db, VehicleKind::Training, "Kept");
    db.write(|tx| {
        attachments::insert(tx, gone, AttachmentTarget::Step { step_id: s.id })?;
        attachments::insert(tx, kept, AttachmentTarget::Step { step_id: s.id })
    })
    .unwrap();
    db.write(|tx| vehicles::delete(tx, gone)).unwrap();
    let left: Vec<_> = db
        .read(|c| attachments::list_for_map(c, p.map_id))
        .unwrap()
        .into_iter()
        .map(|(a, v)| (a.vehicle_id, v.vehicle.name))
        .collect();
    assert_eq!(left, [(kept, "Kept".to_string())]);
}
