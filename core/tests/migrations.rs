#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use std::path::PathBuf;

use successmap_core::db::migrations::{self, MIGRATIONS};
use successmap_core::{ops, CoreError, Db};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

#[test]
fn every_migration_applies_in_order_and_leaves_a_consistent_schema() {
    let db = common::memory_db();
    db.read(|c| {
        assert_eq!(migrations::current_version(c)?, MIGRATIONS.len() as i64);
        let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(integrity, "ok");
        let fk_problems: i64 =
            c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        assert_eq!(fk_problems, 0);
        Ok(())
    })
    .unwrap();
}

#[test]
fn migration_files_are_numbered_and_explain_themselves() {
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:04}_", index + 1)),
            "{name} is out of sequence"
        );
        let first = sql.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("-- "),
            "{name} must start with a comment saying why"
        );
    }
}

#[test]
fn pragmas_are_set_on_every_connection() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("w.db")).unwrap();
    db.read(|c| {
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        let timeout: i64 = c.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        assert_eq!(sync, 1, "NORMAL");
        assert!(timeout >= 1000);
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_missing_file_is_created_with_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/w.db");
    let db = Db::open(&path).unwrap();
    assert!(db.was_created());
    assert!(path.exists());
    drop(db);
    let again = Db::open(&path).unwrap();
    assert!(!again.was_created());
}

#[test]
fn a_workspace_made_by_the_first_schema_opens_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    let db = Db::open(&path).unwrap();
    let info = db.read(|c| ops::workspace::info(c, None)).unwrap();
    assert_eq!(info.name, "Fixture workspace v1");
    assert_eq!(info.schema_version as usize, MIGRATIONS.len());
    assert_eq!(info.persona_count, 1);
    assert_eq!(info.customer_count, 1);
    let personas = db.read(ops::personas::list).unwrap();
    assert_eq!(personas[0].persona.goals, vec!["Goal one", "Goal two"]);
    assert_eq!(personas[0].persona.revenue_share, Some(42.5));
    let view = db
        .read(|c| ops::maps::detail(c, personas[0].persona.id))
        .unwrap();
    assert_eq!(view.steps.len(), 2);
    assert_eq!(view.steps[0].customer_count, 1);
    assert_eq!(view.moves[0].vehicles[0].vehicle.name, "Fixture training");
    let history = db
        .read(|c| ops::customers::placements(c, successmap_core::model::CustomerId(1)))
        .unwrap();
    assert_eq!(history.len(), 1);
    // The kept matrix (0005) is filled from the customers already there.
    let matrix = db
        .read(|c| {
            ops::segments::matrix(
                c,
                &successmap_core::model::SegmentFilter::default(),
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            )
        })
        .unwrap();
    assert_eq!(matrix[0].customers, 1);
    assert_eq!(
        matrix[0].cells[0].current_step_id,
        Some(view.steps[0].step.id)
    );
}

#[test]
fn a_workspace_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Db::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    match Db::open(&path) {
        Err(CoreError::WorkspaceTooNew { found: 99, .. }) => {}
        other => panic!("expected WorkspaceTooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_database_of_another_program_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let err = Db::open(&path).err().expect("refused");
    assert!(matches!(err, CoreError::NotAWorkspace { .. }), "{err}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1, "nothing was added to the foreign database");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_a_readable_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "just some text, not a database at all, long enough to have a header",
    )
    .unwrap();
    let err = Db::open(&path).err().expect("refused");
    assert!(
        err.to_string().contains("not a Successmap workspace")
            || err.to_string().contains("not a database"),
        "{err}"
    );
}

/// Migration 0011 fills each customer's `current_since` from the history it already has:
/// the latest entry onto its current step, else its creation; nothing without a step.
#[test]
fn current_since_is_backfilled_from_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (index, (_, sql)) in MIGRATIONS.iter().enumerate().take(10).skip(1) {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", (index + 1) as i64)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO customer (name, persona_id, current_step_id, created_at, updated_at)
               SELECT 'Never moved', persona_id, current_step_id, '2026-02-01T00:00:00.000Z',
                      '2026-02-01T00:00:00.000Z' FROM customer WHERE id = 1;
             INSERT INTO customer (name, persona_id, created_at, updated_at)
               SELECT 'Unplaced', persona_id, '2026-02-01T00:00:00.000Z',
                      '2026-02-01T00:00:00.000Z' FROM customer WHERE id = 1;
             INSERT INTO placement (customer_id, from_current_step_id, to_current_step_id, at, source)
               SELECT 1, NULL, current_step_id, '2026-12-20T05:06:07.000Z', 'import'
                 FROM customer WHERE id = 1;
             INSERT INTO placement (customer_id, from_current_step_id, to_current_step_id,
                                    from_target_step_id, to_target_step_id, at, source)
               SELECT 1, current_step_id, current_step_id, NULL, current_step_id,
                      '2027-01-01T00:00:00.000Z', 'edit' FROM customer WHERE id = 1;",
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let since: Vec<(String, Option<String>)> = db
        .read(|c| {
            let mut stmt = c.prepare("SELECT name, current_since FROM customer ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(
        since[1..],
        [
            (
                "Never moved".to_string(),
                Some("2026-02-01T00:00:00.000Z".to_string())
            ),
            ("Unplaced".to_string(), None),
        ]
    );
    // Its latest entry onto the step, not the later change of its target only.
    assert_eq!(since[0].1.as_deref(), Some("2026-12-20T05:06:07.000Z"));
}

/// Migration 0012 indexes the customers a workspace already has for search.
#[test]
fn customers_of_an_older_workspace_are_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    let names: Vec<String> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM customer ORDER BY id")
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.collect::<Result<_, _>>().unwrap()
    };
    assert!(!names.is_empty(), "the fixture has customers");
    let db = Db::open(&path).unwrap();
    for name in &names {
        let q = successmap_core::model::CustomerQuery {
            search: name.to_uppercase(),
            ..Default::default()
        };
        let found = db
            .read(|c| successmap_core::db::customers::count_matching(c, &q, common::today()))
            .unwrap();
        assert!(found >= 1, "{name} is found");
    }
    db.read(|c| {
        c.execute(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)",
            [],
        )?;
        Ok(())
    })
    .unwrap();
}
