//! Workshop notes: ideas and decisions captured on a step or a move while presenting,
//! kept with the map, undone like any edit.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::now;
use successmap_core::model::{
    AttachmentTarget, NoteKind, PersonaId, PersonaInput, Step, StepId, StepInput, WorkshopNoteInput,
};
use successmap_core::{edits, reads, CoreError, Workspace};

fn map_with_steps(ws: &Workspace, persona: &str, titles: &[&str]) -> (PersonaId, Vec<Step>) {
    let persona = edits::create_persona(ws, &PersonaInput::named(persona), now()).unwrap();
    let steps = titles
        .iter()
        .map(|t| {
            edits::add_step(
                ws,
                persona.map_id,
                &StepInput {
                    title: t.to_string(),
                    outcome: String::new(),
                    notes: None,
                },
                None,
                now(),
            )
            .unwrap()
        })
        .collect();
    (persona.id, steps)
}

fn note(target: AttachmentTarget, kind: NoteKind, text: &str) -> WorkshopNoteInput {
    WorkshopNoteInput {
        target,
        kind,
        text: text.to_string(),
    }
}

#[test]
fn notes_on_steps_and_moves_are_kept_with_the_map_and_undone() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, steps) = map_with_steps(&ws, "Studio lead", &["Pilot", "Rollout", "Standard"]);
    let on_step = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Step {
                step_id: steps[0].id,
            },
            NoteKind::Idea,
            "  Pair new users with a buddy <b>now</b>  ",
        ),
        now(),
    )
    .unwrap();
    assert_eq!(on_step.text, "Pair new users with a buddy <b>now</b>");
    let on_move = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Move {
                from_step_id: steps[1].id,
                to_step_id: steps[2].id,
            },
            NoteKind::Decision,
            "Write a rollout playbook by March",
        ),
        now(),
    )
    .unwrap();
    let map = reads::map(&ws, persona).unwrap();
    assert_eq!(map.workshop_notes, vec![on_step.clone(), on_move.clone()]);
    assert_eq!(
        edits::undo(&ws).unwrap().label.as_deref(),
        Some("Note decision “Write a rollout playbook by March”")
    );
    assert_eq!(
        reads::map(&ws, persona).unwrap().workshop_notes,
        vec![on_step.clone()]
    );
    edits::redo(&ws).unwrap();
    assert_eq!(reads::map(&ws, persona).unwrap().workshop_notes.len(), 2);

    edits::delete_workshop_note(&ws, on_move.id).unwrap();
    assert_eq!(
        reads::map(&ws, persona).unwrap().workshop_notes,
        vec![on_step.clone()]
    );
    edits::undo(&ws).unwrap();
    assert_eq!(reads::map(&ws, persona).unwrap().workshop_notes.len(), 2);

    // A step's notes go with it.
    edits::delete_step(&ws, steps[0].id, now()).unwrap();
    assert_eq!(
        reads::map(&ws, persona).unwrap().workshop_notes,
        vec![on_move]
    );
}

#[test]
fn a_note_needs_words_and_a_real_place() {
    let ws = Workspace::in_memory().unwrap();
    let (_, steps) = map_with_steps(&ws, "Studio lead", &["Pilot", "Rollout", "Standard"]);
    let empty = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Step {
                step_id: steps[0].id,
            },
            NoteKind::Idea,
            "   ",
        ),
        now(),
    )
    .unwrap_err();
    assert!(
        matches!(
            empty,
            CoreError::Invalid {
                field: Some("text"),
                ..
            }
        ),
        "{empty}"
    );
    let skipping = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Move {
                from_step_id: steps[0].id,
                to_step_id: steps[2].id,
            },
            NoteKind::Idea,
            "Skip the rollout",
        ),
        now(),
    )
    .unwrap_err();
    assert!(
        skipping
            .to_string()
            .contains("not a move between consecutive steps"),
        "{skipping}"
    );
    let (_, others) = map_with_steps(&ws, "Ops manager", &["Elsewhere"]);
    let across = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Move {
                from_step_id: steps[2].id,
                to_step_id: others[0].id,
            },
            NoteKind::Idea,
            "Across maps",
        ),
        now(),
    );
    assert!(across.is_err());
    let gone = edits::add_workshop_note(
        &ws,
        &note(
            AttachmentTarget::Step {
                step_id: StepId(9999),
            },
            NoteKind::Idea,
            "Nowhere",
        ),
        now(),
    )
    .unwrap_err();
    assert!(matches!(gone, CoreError::NotFound { .. }), "{gone}");
}
