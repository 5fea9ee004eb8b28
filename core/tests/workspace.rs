#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The workspace every client holds: the one open policy, reads that never wait for
//! the writer, and edits refused as busy while a long write runs.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::now;
use successmap_core::model::{PersonaInput, PlacementMove, PlacementSource, StepInput};
use successmap_core::{demo, edits, reads, CoreError, NewFile, Workspace};

fn file_workspace(dir: &tempfile::TempDir, name: &str) -> Workspace {
    Workspace::open(&dir.path().join(name), NewFile::Empty, now()).unwrap()
}

#[test]
fn a_missing_file_is_created_empty_and_named_after_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "acme.successmap");
    let info = reads::info(&ws).unwrap();
    assert_eq!((info.name.as_str(), info.persona_count), ("acme", 0));
    assert!(info.path.unwrap().ends_with("acme.successmap"));
}

#[test]
fn the_demo_fills_only_a_new_default_file_and_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("successmap.db");
    let ws = Workspace::open(&path, NewFile::Demo, now()).unwrap();
    let info = reads::info(&ws).unwrap();
    assert_eq!(
        (info.name.as_str(), info.persona_count),
        (demo::WORKSPACE_NAME, 3)
    );
    drop(ws);
    let again = Workspace::open(&path, NewFile::Demo, now()).unwrap();
    assert_eq!(reads::info(&again).unwrap().persona_count, 3);
}

#[test]
fn loading_the_demo_names_the_workspace_like_the_demo_and_refuses_a_filled_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "acme.successmap");
    let info = edits::load_demo(&ws, now()).unwrap();
    assert_eq!(info.name, demo::WORKSPACE_NAME);
    assert!(matches!(
        edits::load_demo(&ws, now()),
        Err(CoreError::Conflict(_))
    ));
}

#[test]
fn open_existing_neither_creates_a_missing_file_nor_takes_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.successmap");
    let err = Workspace::open_existing(&missing, now()).err().unwrap();
    assert!(matches!(err, CoreError::NoWorkspace { .. }), "{err:?}");
    assert!(!missing.exists(), "nothing was created");
    let empty = dir.path().join("notes.txt");
    std::fs::write(&empty, b"").unwrap();
    let err = Workspace::open_existing(&empty, now()).err().unwrap();
    assert!(err.to_string().contains("the file is empty"), "{err}");
    assert_eq!(std::fs::read(&empty).unwrap(), b"", "the file stays empty");
    let folder = Workspace::open_existing(dir.path(), now()).err().unwrap();
    assert!(
        matches!(folder, CoreError::NotAWorkspace { .. }),
        "{folder:?}"
    );
    drop(file_workspace(&dir, "acme.successmap"));
    let ws = Workspace::open_existing(&dir.path().join("acme.successmap"), now()).unwrap();
    assert_eq!(reads::info(&ws).unwrap().name, "acme");
}

#[test]
fn create_makes_an_empty_named_workspace_and_replaces_only_when_told() {
    use successmap_core::files::Replace;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Q3 workshop.successmap");
    Workspace::create(&path, None, Replace::No, now()).unwrap();
    let ws = Workspace::open_existing(&path, now()).unwrap();
    let info = reads::info(&ws).unwrap();
    assert_eq!((info.name.as_str(), info.persona_count), ("Q3 workshop", 0));
    edits::load_demo(&ws, now()).unwrap();
    ws.close().unwrap();
    let err = Workspace::create(&path, None, Replace::No, now())
        .err()
        .unwrap();
    assert!(matches!(err, CoreError::FileExists { .. }), "{err:?}");
    assert_eq!(
        reads::info(&Workspace::open_existing(&path, now()).unwrap())
            .unwrap()
            .persona_count,
        3,
        "refused: the old workspace is whole"
    );
    // The open workspace itself is never replaced, even when told.
    let open = Workspace::open_existing(&path, now()).unwrap();
    let err = Workspace::create(&path, open.path(), Replace::Yes, now())
        .err()
        .unwrap();
    assert!(err.to_string().contains("open workspace"), "{err}");
    open.close().unwrap();
    Workspace::create(&path, None, Replace::Yes, now()).unwrap();
    let fresh = Workspace::open_existing(&path, now()).unwrap();
    assert_eq!(reads::info(&fresh).unwrap().persona_count, 0);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("Q3 workshop.successmap"))
        .collect();
    assert!(names.is_empty(), "no temporary file is left: {names:?}");
}

#[test]
fn a_sqlite_file_of_another_program_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Workspace::open(&path, NewFile::Empty, now()).err().unwrap();
    assert!(matches!(err, CoreError::NotAWorkspace { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn an_edit_is_seen_by_the_next_read_and_undone_by_undo() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "w.successmap");
    edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    assert_eq!(reads::personas(&ws).unwrap().len(), 1);
    assert_eq!(
        ws.undo_state().unwrap().undo_label.as_deref(),
        Some("Create persona “Ops lead”")
    );
    let step = edits::undo(&ws).unwrap();
    assert_eq!(step.label.as_deref(), Some("Create persona “Ops lead”"));
    assert_eq!(reads::personas(&ws).unwrap().len(), 0);
    assert_eq!(
        step.state.redo_label.as_deref(),
        Some("Create persona “Ops lead”")
    );
}

#[test]
fn deletes_are_labelled_with_the_name_of_what_they_delete() {
    let ws = Workspace::in_memory().unwrap();
    let persona = edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    let step = edits::add_step(
        &ws,
        persona.map_id,
        &StepInput {
            title: "Pilot".into(),
            outcome: String::new(),
            notes: None,
        },
        None,
        now(),
    )
    .unwrap();
    edits::delete_step(&ws, step.id, now()).unwrap();
    assert_eq!(
        ws.undo_state().unwrap().undo_label.as_deref(),
        Some("Delete step “Pilot”")
    );
}

#[test]
fn placements_by_hand_are_drags_bulk_moves_or_edits_only() {
    let ws = Workspace::in_memory().unwrap();
    let err = edits::place_customers(
        &ws,
        &[],
        PlacementMove::Target { step_id: None },
        PlacementSource::Import,
        now(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::Invalid {
                field: Some("source"),
                ..
            }
        ),
        "{err:?}"
    );
}

/// Holds the writer until told to let go, as a long import does.
fn hold_writer(
    ws: &Workspace,
    activity: &str,
    release: mpsc::Receiver<()>,
    held: mpsc::Sender<()>,
) {
    ws.write(activity, |_db| {
        held.send(()).unwrap();
        release.recv().unwrap();
        Ok(())
    })
    .unwrap();
}

#[test]
fn reads_do_not_wait_for_a_long_write() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "w.successmap");
    edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    let (release_tx, release_rx) = mpsc::channel();
    let (held_tx, held_rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            hold_writer(
                &ws,
                "importing customers from “crm.csv”",
                release_rx,
                held_tx,
            )
        });
        held_rx.recv().unwrap();
        let started = Instant::now();
        assert_eq!(reads::personas(&ws).unwrap().len(), 1);
        assert_eq!(reads::info(&ws).unwrap().persona_count, 1);
        assert!(ws.undo_state().is_ok(), "the undo buttons answer too");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "reads answered while the writer was held"
        );
        release_tx.send(()).unwrap();
    });
}

#[test]
fn an_edit_during_a_long_write_is_refused_as_busy_and_works_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "w.successmap");
    let (release_tx, release_rx) = mpsc::channel();
    let (held_tx, held_rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            hold_writer(
                &ws,
                "importing customers from “crm.csv”",
                release_rx,
                held_tx,
            )
        });
        held_rx.recv().unwrap();
        assert_eq!(
            ws.activity().as_deref(),
            Some("importing customers from “crm.csv”")
        );
        let err = edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap_err();
        match err {
            CoreError::Busy { activity } => {
                assert_eq!(activity, "importing customers from “crm.csv”")
            }
            other => panic!("expected busy, got {other:?}"),
        }
        release_tx.send(()).unwrap();
    });
    assert_eq!(ws.activity(), None);
    edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    assert_eq!(reads::personas(&ws).unwrap().len(), 1);
}

#[test]
fn a_short_edit_waits_for_another_short_edit_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "w.successmap");
    std::thread::scope(|s| {
        let a = s.spawn(|| {
            for i in 0..20 {
                edits::create_persona(&ws, &PersonaInput::named(&format!("A{i}")), now()).unwrap();
            }
        });
        let b = s.spawn(|| {
            for i in 0..20 {
                edits::create_persona(&ws, &PersonaInput::named(&format!("B{i}")), now()).unwrap();
            }
        });
        a.join().unwrap();
        b.join().unwrap();
    });
    assert_eq!(reads::personas(&ws).unwrap().len(), 40);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_in_words_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = "these are someone's notes\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let err = Workspace::open(&path, NewFile::Empty, now()).err().unwrap();
    assert!(
        err.to_string()
            .ends_with("is not a Successmap workspace: the file is not a SQLite database"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
}

#[test]
fn a_read_sees_one_state_even_when_an_edit_commits_halfway_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(&dir, "w.successmap");
    edits::create_persona(&ws, &PersonaInput::named("Ops lead"), now()).unwrap();
    let (read_once, first_done) = mpsc::channel();
    let (edit_done, edited) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let ws = &ws;
        let reader = s.spawn(move || {
            ws.read(|c| {
                let count = |c: &rusqlite::Connection| -> rusqlite::Result<i64> {
                    c.query_row("SELECT count(*) FROM persona", [], |r| r.get(0))
                };
                let before = count(c)?;
                read_once.send(()).unwrap();
                edited.recv().unwrap();
                Ok((before, count(c)?))
            })
            .unwrap()
        });
        first_done.recv().unwrap();
        edits::create_persona(ws, &PersonaInput::named("Plant manager"), now()).unwrap();
        edit_done.send(()).unwrap();
        assert_eq!(
            reader.join().unwrap(),
            (1, 1),
            "the read's second look saw the same"
        );
    });
    assert_eq!(
        reads::personas(&ws).unwrap().len(),
        2,
        "the next read sees the edit"
    );
}

#[test]
fn opening_an_existing_workspace_takes_no_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.successmap");
    let app = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    edits::create_persona(&app, &PersonaInput::named("Ops lead"), now()).unwrap();
    // Another process in the middle of a write, as the app during an import.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let cli = Workspace::open(&path, NewFile::Empty, now()).unwrap();
    assert_eq!(reads::personas(&cli).unwrap().len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "opened without waiting"
    );
    other.execute_batch("ROLLBACK").unwrap();
}
