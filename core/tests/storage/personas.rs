//! `persona`: personas ordered by position, each joined with its one map.

use rusqlite::ffi::SQLITE_CONSTRAINT_CHECK;
use rusqlite::Connection;
use successmap_core::db::personas::{self, PersonaValues};
use successmap_core::db::{kpis, maps, steps};
use successmap_core::model::{KpiDirection, KpiInput, KpiKind, MapId, Persona, PersonaId, StepId};
use successmap_core::{CoreResult, Db};

use crate::common::memory_db;
use crate::{
    add_customer, assert_conflict, assert_foreign_key_refused, assert_not_found, count,
    customer_input, sqlite_code, stamp,
};

fn values<'a>(name: &'a str, goals: &'a [String]) -> PersonaValues<'a> {
    PersonaValues {
        name,
        description: "",
        success_definition: "",
        goals,
        revenue_share: None,
        color: "#3b5bdb",
    }
}

/// A persona and its map, written the way `ops::personas::create` writes them.
fn insert(conn: &Connection, name: &str) -> CoreResult<(PersonaId, MapId)> {
    let id = personas::insert(conn, &values(name, &[]), &stamp())?;
    let map = maps::insert(conn, id, &format!("{name} map"), &stamp())?;
    Ok((id, map))
}

fn names(db: &Db) -> Vec<(String, i32)> {
    db.read(personas::list)
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.position))
        .collect()
}

#[test]
fn every_column_of_a_persona_survives_a_round_trip() {
    let mut db = memory_db();
    let goals = vec!["Ship a house".to_string(), "Ünïcode “goal”".to_string()];
    let (id, map_id) = db
        .write(|tx| {
            let id = personas::insert(
                tx,
                &PersonaValues {
                    name: "Home architect",
                    description: "Designs houses",
                    success_definition: "A built house",
                    goals: &goals,
                    revenue_share: Some(12.75),
                    color: "#e8590c",
                },
                &stamp(),
            )?;
            Ok((id, maps::insert(tx, id, "Architect map", &stamp())?))
        })
        .unwrap();
    assert_eq!(
        db.read(|c| personas::get(c, id)).unwrap(),
        Persona {
            id,
            map_id,
            name: "Home architect".into(),
            description: "Designs houses".into(),
            success_definition: "A built house".into(),
            goals,
            revenue_share: Some(12.75),
            color: "#e8590c".into(),
            position: 0,
        }
    );
    let bare = db.write(|tx| insert(tx, "Bare")).unwrap().0;
    let bare = db.read(|c| personas::get(c, bare)).unwrap();
    assert_eq!(
        (bare.goals.len(), bare.revenue_share, bare.position),
        (0, None, 1)
    );
}

#[test]
fn an_update_replaces_every_value_and_keeps_the_position() {
    let mut db = memory_db();
    db.write(|tx| insert(tx, "First")).unwrap();
    let (id, _) = db.write(|tx| insert(tx, "Draft")).unwrap();
    let goals = vec!["Grow".to_string()];
    db.write(|tx| {
        personas::update(
            tx,
            id,
            &PersonaValues {
                name: "Industrial architect",
                description: "Factories",
                success_definition: "Running plant",
                goals: &goals,
                revenue_share: Some(0.5),
                color: "#2f9e44",
            },
            &crate::stamp_after(5),
        )
    })
    .unwrap();
    let p = db.read(|c| personas::get(c, id)).unwrap();
    assert_eq!(
        (
            p.name.as_str(),
            p.description.as_str(),
            p.success_definition.as_str(),
            p.goals,
            p.revenue_share,
            p.color.as_str(),
            p.position
        ),
        (
            "Industrial architect",
            "Factories",
            "Running plant",
            goals,
            Some(0.5),
            "#2f9e44",
            1
        )
    );
    let stored: (String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT created_at, updated_at FROM persona WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(stored, (stamp(), crate::stamp_after(5)));
}

#[test]
fn personas_are_listed_by_position_and_a_new_one_goes_after_the_last() {
    let mut db = memory_db();
    let ids: Vec<PersonaId> = ["Zeta", "Alpha", "Mid"]
        .into_iter()
        .map(|name| db.write(|tx| insert(tx, name)).unwrap().0)
        .collect();
    assert_eq!(db.read(personas::count).unwrap(), 3);
    // Deleting one leaves a gap; positions are not renumbered.
    db.write(|tx| personas::delete(tx, ids[1])).unwrap();
    db.write(|tx| insert(tx, "Last")).unwrap();
    assert_eq!(
        names(&db),
        [
            ("Zeta".to_string(), 0),
            ("Mid".to_string(), 2),
            ("Last".to_string(), 3)
        ]
    );
}

#[test]
fn a_persona_name_is_unique_ignoring_case() {
    let mut db = memory_db();
    db.write(|tx| insert(tx, "Architect")).unwrap();
    let (other, _) = db.write(|tx| insert(tx, "Builder")).unwrap();
    assert_conflict(
        db.write(|tx| insert(tx, "ARCHITECT")),
        "a persona named \"ARCHITECT\" already exists",
    );
    assert_conflict(
        db.write(|tx| personas::update(tx, other, &values("architect", &[]), &stamp())),
        "\"architect\"",
    );
    // A blank name is refused by the schema itself.
    assert_eq!(
        sqlite_code(db.write(|tx| personas::insert(tx, &values("   ", &[]), &stamp()))),
        SQLITE_CONSTRAINT_CHECK
    );
    assert_eq!(
        names(&db),
        [("Architect".to_string(), 0), ("Builder".to_string(), 1)]
    );
}

#[test]
fn a_missing_persona_or_map_is_not_found() {
    let mut db = memory_db();
    assert_not_found(db.read(|c| personas::get(c, PersonaId(7))), "persona", 7);
    assert_not_found(
        db.write(|tx| personas::update(tx, PersonaId(7), &values("X", &[]), &stamp())),
        "persona",
        7,
    );
    assert_not_found(
        db.write(|tx| personas::delete(tx, PersonaId(7))),
        "persona",
        7,
    );
    assert_not_found(db.read(|c| personas::id_of_map(c, MapId(9))), "map", 9);
    let (id, map) = db.write(|tx| insert(tx, "Found")).unwrap();
    assert_eq!(db.read(|c| personas::id_of_map(c, map)).unwrap(), id);
}

#[test]
fn a_deleted_persona_takes_its_map_steps_and_kpis_with_it() {
    let mut db = memory_db();
    let (id, map) = db.write(|tx| insert(tx, "Doomed")).unwrap();
    let (keep, keep_map) = db.write(|tx| insert(tx, "Kept")).unwrap();
    let (step, kept_step) = db
        .write(|tx| {
            let s = steps::insert(tx, map, 0, "Start", "")?;
            kpis::insert(
                tx,
                s,
                &KpiInput {
                    name: "Logins".into(),
                    unit: "".into(),
                    direction: KpiDirection::HigherIsBetter,
                    kind: KpiKind::Success,
                    entry_level: 1.0,
                    good_level: 2.0,
                    best_level: 3.0,
                },
            )?;
            Ok((s, steps::insert(tx, keep_map, 0, "Start", "")?))
        })
        .unwrap();
    db.write(|tx| personas::delete(tx, id)).unwrap();
    assert_not_found(db.read(|c| maps::get(c, map)), "map", map.0);
    assert_not_found(db.read(|c| steps::get(c, step)), "step", step.0);
    assert_eq!(
        db.read(|c| Ok(count(c, "SELECT count(*) FROM kpi")))
            .unwrap(),
        0
    );
    assert_eq!(
        db.read(|c| steps::get(c, kept_step)).unwrap().map_id,
        keep_map
    );
    assert_eq!(db.read(|c| personas::get(c, keep)).unwrap().name, "Kept");
}

#[test]
fn a_persona_that_still_has_customers_cannot_be_deleted() {
    let mut db = memory_db();
    let (id, _) = db.write(|tx| insert(tx, "Busy")).unwrap();
    add_customer(&mut db, &customer_input("Acme", id, None, None, None));
    assert_foreign_key_refused(db.write(|tx| personas::delete(tx, id)));
    assert_eq!(db.read(|c| personas::get(c, id)).unwrap().name, "Busy");
}

#[test]
fn summaries_count_steps_and_placed_and_unplaced_customers_with_their_arr() {
    let mut db = memory_db();
    let (a, a_map) = db.write(|tx| insert(tx, "A")).unwrap();
    let (b, _) = db.write(|tx| insert(tx, "B")).unwrap();
    let (s1, _s2): (StepId, StepId) = db
        .write(|tx| {
            Ok((
                steps::insert(tx, a_map, 0, "One", "")?,
                steps::insert(tx, a_map, 1, "Two", "")?,
            ))
        })
        .unwrap();
    add_customer(
        &mut db,
        &customer_input("On", a, Some(s1), None, Some(10_000)),
    );
    add_customer(
        &mut db,
        &customer_input("Off", a, None, Some(s1), Some(2_500)),
    );
    add_customer(&mut db, &customer_input("No ARR", a, None, None, None));
    let figures: Vec<_> = db
        .read(personas::list_summaries)
        .unwrap()
        .into_iter()
        .map(|s| (s.persona.id, s.step_count, s.customer_count, s.arr_cents))
        .collect();
    assert_eq!(figures, [(a, 2, 3, 12_500), (b, 0, 0, 0)]);
}
