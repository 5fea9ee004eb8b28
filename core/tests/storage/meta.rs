//! `workspace_meta`: key/value facts about the workspace.

use successmap_core::db::meta;

use crate::common::memory_db;
use crate::count;

#[test]
fn a_key_never_set_reads_as_none() {
    let db = memory_db();
    assert_eq!(db.read(|c| meta::get(c, meta::NAME)).unwrap(), None);
    assert_eq!(db.read(|c| meta::get(c, "no such key")).unwrap(), None);
}

#[test]
fn a_value_reads_back_exactly_as_it_was_set() {
    let mut db = memory_db();
    let name = "  Ünïcode “Workspace” 🚀  ";
    db.write(|tx| meta::set(tx, meta::NAME, name)).unwrap();
    db.write(|tx| meta::set(tx, meta::CREATED_AT, "")).unwrap();
    assert_eq!(
        db.read(|c| meta::get(c, meta::NAME)).unwrap().as_deref(),
        Some(name)
    );
    assert_eq!(
        db.read(|c| meta::get(c, meta::CREATED_AT))
            .unwrap()
            .as_deref(),
        Some("")
    );
}

#[test]
fn setting_a_key_again_replaces_its_value_and_keeps_one_row() {
    let mut db = memory_db();
    db.write(|tx| meta::set(tx, meta::NAME, "First")).unwrap();
    db.write(|tx| meta::set(tx, meta::NAME, "Second")).unwrap();
    db.write(|tx| meta::set(tx, "other", "Untouched")).unwrap();
    assert_eq!(
        db.read(|c| meta::get(c, meta::NAME)).unwrap().as_deref(),
        Some("Second")
    );
    assert_eq!(
        db.read(|c| meta::get(c, "other")).unwrap().as_deref(),
        Some("Untouched")
    );
    let rows = db
        .read(|c| {
            Ok(count(
                c,
                "SELECT count(*) FROM workspace_meta WHERE key = 'name'",
            ))
        })
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn keys_are_case_sensitive() {
    let mut db = memory_db();
    db.write(|tx| meta::set(tx, "Name", "Upper")).unwrap();
    db.write(|tx| meta::set(tx, "name", "lower")).unwrap();
    assert_eq!(
        db.read(|c| meta::get(c, "Name")).unwrap().as_deref(),
        Some("Upper")
    );
    assert_eq!(
        db.read(|c| meta::get(c, "name")).unwrap().as_deref(),
        Some("lower")
    );
}
