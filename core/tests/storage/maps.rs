//! `success_map`: one map per persona.

use rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE;
use successmap_core::db::{maps, personas};
use successmap_core::model::{MapId, PersonaId, SuccessMap};
use successmap_core::Db;

use crate::common::memory_db;
use crate::{assert_foreign_key_refused, assert_not_found, sqlite_code, stamp, stamp_after};

fn bare_persona(db: &mut Db, name: &str) -> PersonaId {
    db.write(|tx| {
        personas::insert(
            tx,
            &personas::PersonaValues {
                name,
                description: "",
                success_definition: "",
                goals: &[],
                revenue_share: None,
                color: "#000000",
            },
            &stamp(),
        )
    })
    .unwrap()
}

fn times(db: &Db, id: MapId) -> (String, String) {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT created_at, updated_at FROM success_map WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })
    .unwrap()
}

#[test]
fn a_map_reads_back_with_its_persona_and_name() {
    let mut db = memory_db();
    let persona = bare_persona(&mut db, "Architect");
    let id = db
        .write(|tx| maps::insert(tx, persona, "Architect “journey”", &stamp()))
        .unwrap();
    assert_eq!(
        db.read(|c| maps::get(c, id)).unwrap(),
        SuccessMap {
            id,
            persona_id: persona,
            name: "Architect “journey”".into(),
        }
    );
    assert_eq!(times(&db, id), (stamp(), stamp()));
}

#[test]
fn a_persona_has_at_most_one_map_and_a_map_needs_a_persona() {
    let mut db = memory_db();
    let persona = bare_persona(&mut db, "Architect");
    db.write(|tx| maps::insert(tx, persona, "First", &stamp()))
        .unwrap();
    assert_eq!(
        sqlite_code(db.write(|tx| maps::insert(tx, persona, "Second", &stamp()))),
        SQLITE_CONSTRAINT_UNIQUE
    );
    assert_foreign_key_refused(db.write(|tx| maps::insert(tx, PersonaId(99), "Orphan", &stamp())));
}

#[test]
fn touching_a_map_changes_only_its_updated_time() {
    let mut db = memory_db();
    let a = bare_persona(&mut db, "A");
    let b = bare_persona(&mut db, "B");
    let map_a = db
        .write(|tx| maps::insert(tx, a, "A map", &stamp()))
        .unwrap();
    let map_b = db
        .write(|tx| maps::insert(tx, b, "B map", &stamp()))
        .unwrap();
    db.write(|tx| maps::touch(tx, map_a, &stamp_after(90)))
        .unwrap();
    assert_eq!(times(&db, map_a), (stamp(), stamp_after(90)));
    assert_eq!(times(&db, map_b), (stamp(), stamp()));
    assert_eq!(db.read(|c| maps::get(c, map_a)).unwrap().name, "A map");
}

#[test]
fn a_missing_map_is_not_found() {
    let db = memory_db();
    assert_not_found(db.read(|c| maps::get(c, MapId(42))), "map", 42);
}
