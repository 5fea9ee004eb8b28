#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The workspace file survives: closing leaves the file alone complete, a panic midway
//! is rolled back, migrations keep a copy of the file as it was, and read-only opens
//! create, migrate and write nothing.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use common::now;
use successmap_core::db::migrations::{self, MIGRATIONS};
use successmap_core::model::PersonaInput;
use successmap_core::workspace::INTERRUPTED_NOTICE;
use successmap_core::{edits, reads, CoreError, Db, NewFile, Workspace};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn closing_leaves_the_whole_workspace_in_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.successmap");
    let ws = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    for name in ["Ops lead", "Architect", "Owner"] {
        edits::create_persona(&ws, &PersonaInput::named(name), now()).unwrap();
    }
    // While open, the recent edits live in the write-ahead log.
    assert!(companion(&path, "-wal").exists());
    assert!(ws.close().unwrap(), "the log was emptied");
    assert_eq!(files_in(dir.path()), vec!["team.successmap"]);
    assert!(matches!(reads::personas(&ws), Err(CoreError::Closed)));
    assert!(matches!(
        edits::create_persona(&ws, &PersonaInput::named("Late"), now()),
        Err(CoreError::Closed)
    ));

    // Only the file is copied (as a user mails it): every edit is in it.
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("copy.successmap");
    std::fs::copy(&path, &copy).unwrap();
    let opened = Workspace::open_read_only(&copy).unwrap();
    assert_eq!(reads::personas(&opened).unwrap().len(), 3);
}

#[test]
fn a_workspace_dropped_without_closing_is_whole_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.successmap");
    let ws = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    reads::personas(&ws).unwrap();
    drop(ws);
    assert_eq!(files_in(dir.path()), vec!["team.successmap"]);
}

#[test]
fn a_big_write_ahead_log_is_cut_back_after_a_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("w.db")).unwrap();
    let limit: i64 = db
        .read(|c| Ok(c.query_row("PRAGMA journal_size_limit", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(limit, 64 * 1024 * 1024);
}

#[test]
fn a_panic_while_writing_is_rolled_back_and_editing_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.successmap"), NewFile::Empty, now()).unwrap();
    edits::create_persona(&ws, &PersonaInput::named("Kept"), now()).unwrap();
    let result: Result<(), CoreError> = ws.write("a faulty edit", |db| {
        db.write(|tx| {
            tx.execute(
                "UPDATE persona SET name = 'Half-written' WHERE name = 'Kept'",
                [],
            )?;
            panic!("a fault midway");
        })
    });
    let err = result.unwrap_err();
    assert!(matches!(err, CoreError::Fault(_)), "{err:?}");
    assert!(err.to_string().contains("a fault midway"), "{err}");
    let personas = reads::personas(&ws).unwrap();
    assert_eq!(
        personas[0].persona.name, "Kept",
        "the change was rolled back"
    );
    // The next edit works, after the history was cleared with a word why.
    let state = ws.undo_state().unwrap();
    assert_eq!(state.undo_label, None);
    assert_eq!(state.notice.as_deref(), Some(INTERRUPTED_NOTICE));
    edits::create_persona(&ws, &PersonaInput::named("Next"), now()).unwrap();
    let state = ws.undo_state().unwrap();
    assert_eq!(state.undo_label.as_deref(), Some("Create persona “Next”"));
    assert_eq!(state.notice, None);
    edits::undo(&ws).unwrap();
    assert_eq!(reads::personas(&ws).unwrap().len(), 1);
}

#[test]
fn migrating_keeps_a_copy_of_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.successmap");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    drop(Db::open(&path).unwrap());
    let latest = MIGRATIONS.len();
    let copy = dir.path().join(format!("old.before-v{latest}.successmap"));
    let version = |p: &Path| -> i64 {
        let conn = rusqlite::Connection::open(p).unwrap();
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&copy), 1, "the copy is the file before migrating");
    assert_eq!(version(&path), latest as i64);
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let name: String = conn
        .query_row(
            "SELECT value FROM workspace_meta WHERE key = 'name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "Fixture workspace v1");
    drop(conn);

    // Opening the migrated file again makes no copy; an old file again makes a second
    // copy and keeps the first.
    drop(Db::open(&path).unwrap());
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    drop(Db::open(&path).unwrap());
    assert!(dir
        .path()
        .join(format!("old.before-v{latest} (2).successmap"))
        .exists());
    assert_eq!(version(&copy), 1);
}

#[test]
fn two_processes_opening_an_old_file_at_once_both_get_it_migrated_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    let together = Arc::new(Barrier::new(2));
    let openers: Vec<_> = (0..2)
        .map(|_| {
            let (path, together) = (path.clone(), together.clone());
            std::thread::spawn(move || {
                together.wait();
                Db::open(&path).map(|db| db.read(migrations::current_version).unwrap())
            })
        })
        .collect();
    for opener in openers {
        assert_eq!(opener.join().unwrap().unwrap(), MIGRATIONS.len() as i64);
    }
    let db = Db::open(&path).unwrap();
    let customers: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(customers, 1);
}

#[test]
fn reading_an_old_file_read_only_changes_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.successmap");
    std::fs::copy(fixture("workspace-v1.db"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let ws = Workspace::open_read_only(&path).unwrap();
    let info = reads::info(&ws).unwrap();
    assert_eq!(info.name, "Fixture workspace v1");
    assert_eq!(info.customer_count, 1);
    assert!(matches!(
        edits::create_persona(&ws, &PersonaInput::named("No"), now()),
        Err(CoreError::Invalid { .. })
    ));
    drop(ws);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "not a byte changed"
    );
    assert_eq!(files_in(dir.path()), vec!["old.successmap"]);
}

#[test]
fn a_read_only_open_of_a_missing_file_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.successmap");
    let err = Workspace::open_read_only(&path).err().unwrap();
    assert!(matches!(err, CoreError::NoWorkspace { .. }), "{err:?}");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_current_file_is_read_in_place_and_left_without_companions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.successmap");
    {
        let ws = Workspace::open(&path, NewFile::Demo, now()).unwrap();
        ws.close().unwrap();
    }
    let ws = Workspace::open_read_only(&path).unwrap();
    assert_eq!(reads::info(&ws).unwrap().persona_count, 3);
    let copy = dir.path().join("copy.successmap");
    reads::backup_to(&ws, &copy, successmap_core::files::Replace::No).unwrap();
    drop(ws);
    assert_eq!(
        files_in(dir.path()),
        vec!["copy.successmap", "team.successmap"]
    );
    let copied = Workspace::open_read_only(&copy).unwrap();
    assert_eq!(reads::info(&copied).unwrap().customer_count, 36);
}

#[test]
fn the_workspace_file_is_never_an_export_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.successmap");
    let ws = Workspace::open(&path, NewFile::Demo, now()).unwrap();
    for target in [
        path.clone(),
        companion(&path, "-wal"),
        companion(&path, "-shm"),
    ] {
        let err = reads::export_customers_to(
            &ws,
            &Default::default(),
            common::today(),
            &target,
            successmap_core::files::Replace::Yes,
        )
        .unwrap_err();
        assert!(err.to_string().contains("the open workspace"), "{err}");
        let err = reads::backup_to(&ws, &target, successmap_core::files::Replace::Yes).unwrap_err();
        assert!(err.to_string().contains("the open workspace"), "{err}");
    }
    assert_eq!(reads::info(&ws).unwrap().customer_count, 36);
}

/// Two programs on one file (here two workspaces, as the app and the CLI would hold it):
/// the first notices the second's change, and its undo history is dropped with a word
/// why rather than applied over the other's changes.
#[test]
fn a_change_by_another_program_is_noticed_and_undo_never_applies_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.successmap");
    let app = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    let cli = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    edits::create_persona(&app, &PersonaInput::named("Ops lead"), now()).unwrap();
    assert!(
        !app.changed_elsewhere().unwrap(),
        "its own edit is not news"
    );
    assert!(cli.changed_elsewhere().unwrap(), "the other sees it");
    assert!(!cli.changed_elsewhere().unwrap(), "and only once");

    edits::create_persona(&cli, &PersonaInput::named("Architect"), now()).unwrap();
    assert!(app.changed_elsewhere().unwrap());
    let state = app.undo_state().unwrap();
    assert_eq!(state.undo_label, None);
    assert_eq!(
        state.notice.as_deref(),
        Some(successmap_core::db::CHANGED_ELSEWHERE_NOTICE)
    );
    assert_eq!(edits::undo(&app).unwrap().label, None);
    assert_eq!(reads::personas(&app).unwrap().len(), 2);

    // An undo that comes before the next look is refused the same way.
    edits::create_persona(&app, &PersonaInput::named("Owner"), now()).unwrap();
    edits::create_persona(&cli, &PersonaInput::named("Sponsor"), now()).unwrap();
    assert_eq!(edits::undo(&app).unwrap().label, None);
    assert_eq!(reads::personas(&app).unwrap().len(), 4);
}
