//! `vehicle_attachment`: vehicles on a step or on the move between two steps.

use rusqlite::ffi::SQLITE_CONSTRAINT_CHECK;
use successmap_core::db::{attachments, vehicles};
use successmap_core::model::{
    AttachmentId, AttachmentTarget, MapId, StepId, VehicleId, VehicleInput, VehicleKind,
};
use successmap_core::Db;

use crate::common::{memory_db, persona, step};
use crate::{assert_conflict, assert_not_found, sqlite_code};

fn vehicle(db: &mut Db, name: &str) -> VehicleId {
    db.write(|tx| {
        vehicles::insert(
            tx,
            &VehicleInput {
                kind: VehicleKind::Community,
                custom_kind: None,
                name: name.to_string(),
                description: format!("{name} description"),
                owner: "Dana".to_string(),
                link: String::new(),
                effort: String::new(),
            },
        )
    })
    .unwrap()
}

fn on(step_id: StepId) -> AttachmentTarget {
    AttachmentTarget::Step { step_id }
}

fn between(from_step_id: StepId, to_step_id: StepId) -> AttachmentTarget {
    AttachmentTarget::Move {
        from_step_id,
        to_step_id,
    }
}

fn attach(db: &mut Db, v: VehicleId, target: AttachmentTarget) -> AttachmentId {
    db.write(|tx| attachments::insert(tx, v, target)).unwrap()
}

/// (attachment, vehicle, target) of a map, as listed.
fn listed(db: &Db, map: MapId) -> Vec<(AttachmentId, VehicleId, AttachmentTarget)> {
    db.read(|c| attachments::list_for_map(c, map))
        .unwrap()
        .into_iter()
        .map(|(a, v)| {
            assert_eq!(a.id, v.attachment_id);
            assert_eq!(a.vehicle_id, v.vehicle.id);
            (a.id, a.vehicle_id, a.target)
        })
        .collect()
}

#[test]
fn a_maps_attachments_list_in_order_with_their_vehicles_and_no_other_maps() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let other = persona(&mut db, "Builder");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let elsewhere = step(&mut db, &other, "Elsewhere").id;
    let forum = vehicle(&mut db, "Forum");
    let course = vehicle(&mut db, "Course");
    let first = attach(&mut db, course, between(a, b));
    let second = attach(&mut db, forum, on(b));
    attach(&mut db, forum, on(elsewhere));
    assert_eq!(
        listed(&db, p.map_id),
        [(first, course, between(a, b)), (second, forum, on(b))]
    );
    let (_, attached) = db
        .read(|c| attachments::list_for_map(c, p.map_id))
        .unwrap()
        .remove(1);
    assert_eq!(
        attached.vehicle,
        db.read(|c| vehicles::get(c, forum)).unwrap()
    );
}

#[test]
fn a_vehicle_is_attached_at_most_once_to_the_same_place() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let v = vehicle(&mut db, "Forum");
    attach(&mut db, v, on(a));
    attach(&mut db, v, between(a, b));
    attach(&mut db, v, between(b, a));
    attach(&mut db, v, on(b));
    for target in [on(a), between(a, b)] {
        assert_conflict(
            db.write(|tx| attachments::insert(tx, v, target)),
            "this vehicle is already attached there",
        );
    }
    // Another vehicle may go to the same place.
    let other = vehicle(&mut db, "Course");
    attach(&mut db, other, on(a));
    assert_eq!(listed(&db, p.map_id).len(), 5);
}

#[test]
fn a_move_from_a_step_to_itself_is_refused() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let v = vehicle(&mut db, "Forum");
    assert_eq!(
        sqlite_code(db.write(|tx| attachments::insert(tx, v, between(a, a)))),
        SQLITE_CONSTRAINT_CHECK
    );
    let id = attach(&mut db, v, on(a));
    assert_eq!(
        sqlite_code(db.write(|tx| attachments::retarget(tx, id, between(a, a)))),
        SQLITE_CONSTRAINT_CHECK
    );
    assert_eq!(listed(&db, p.map_id), [(id, v, on(a))]);
}

#[test]
fn retargeting_moves_an_attachment_and_keeps_its_id() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let v = vehicle(&mut db, "Forum");
    let id = attach(&mut db, v, on(a));
    db.write(|tx| attachments::retarget(tx, id, between(a, b)))
        .unwrap();
    assert_eq!(listed(&db, p.map_id), [(id, v, between(a, b))]);
    db.write(|tx| attachments::retarget(tx, id, on(b))).unwrap();
    assert_eq!(listed(&db, p.map_id), [(id, v, on(b))]);
}

#[test]
fn retargeting_onto_a_place_the_vehicle_already_has_drops_the_moved_attachment() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let b = step(&mut db, &p, "B").id;
    let v = vehicle(&mut db, "Forum");
    let stays = attach(&mut db, v, on(b));
    let moved = attach(&mut db, v, between(a, b));
    db.write(|tx| attachments::retarget(tx, moved, on(b)))
        .unwrap();
    assert_eq!(listed(&db, p.map_id), [(stays, v, on(b))]);
}

#[test]
fn a_missing_attachment_cannot_be_deleted() {
    let mut db = memory_db();
    let p = persona(&mut db, "Architect");
    let a = step(&mut db, &p, "A").id;
    let v = vehicle(&mut db, "Forum");
    let id = attach(&mut db, v, on(a));
    db.write(|tx| attachments::delete(tx, id)).unwrap();
    assert_not_found(
        db.write(|tx| attachments::delete(tx, id)),
        "attachment",
        id.0,
    );
    assert!(listed(&db, p.map_id).is_empty());
}
