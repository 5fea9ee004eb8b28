//! Versions of a success map: saved and restored exactly, compared change by change,
//! restored only once the customers of the steps that go have somewhere to go.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::now;
use successmap_core::model::{
    AttachmentTarget, ChangeKind, CustomerInput, KpiDirection, KpiInput, KpiKind, MapContent,
    PersonaId, PersonaInput, RestoreMove, Step, StepInput, VehicleInput, VehicleKind, VersionRef,
};
use successmap_core::{edits, reads, versions, CoreError, Workspace};

fn step_input(title: &str, outcome: &str) -> StepInput {
    StepInput {
        title: title.to_string(),
        outcome: outcome.to_string(),
        notes: None,
    }
}

fn kpi(name: &str, entry: f64, good: f64, best: f64) -> KpiInput {
    KpiInput {
        name: name.to_string(),
        unit: "%".to_string(),
        direction: KpiDirection::HigherIsBetter,
        kind: KpiKind::Success,
        entry_level: entry,
        good_level: good,
        best_level: best,
    }
}

/// A map Pilot → Rollout → Standard with KPIs, a vehicle on a step and one on a move.
fn map(ws: &Workspace) -> (PersonaId, Vec<Step>) {
    let persona = edits::create_persona(ws, &PersonaInput::named("Studio lead"), now()).unwrap();
    let steps: Vec<Step> = [
        ("Pilot", "One project runs on it"),
        ("Rollout", "Every team uses it"),
        ("Standard", "It is how we work"),
    ]
    .iter()
    .map(|(t, o)| edits::add_step(ws, persona.map_id, &step_input(t, o), None, now()).unwrap())
    .collect();
    edits::add_kpi(ws, steps[0].id, &kpi("Projects on it", 1.0, 2.0, 4.0)).unwrap();
    edits::add_kpi(ws, steps[1].id, &kpi("Teams active", 20.0, 50.0, 90.0)).unwrap();
    let webinar = edits::create_vehicle(ws, &vehicle("Onboarding webinar")).unwrap();
    let forum = edits::create_vehicle(ws, &vehicle("User forum")).unwrap();
    edits::attach_vehicle(
        ws,
        webinar.id,
        AttachmentTarget::Step {
            step_id: steps[0].id,
        },
    )
    .unwrap();
    edits::attach_vehicle(
        ws,
        forum.id,
        AttachmentTarget::Move {
            from_step_id: steps[1].id,
            to_step_id: steps[2].id,
        },
    )
    .unwrap();
    (persona.id, steps)
}

fn vehicle(name: &str) -> VehicleInput {
    VehicleInput {
        kind: VehicleKind::Training,
        custom_kind: None,
        name: name.to_string(),
        description: "An hour, live".to_string(),
        owner: "Ana".to_string(),
        link: String::new(),
        effort: String::new(),
    }
}

fn now_content(ws: &Workspace, persona: PersonaId) -> MapContent {
    reads::compare_map_versions(ws, persona, VersionRef::Now, VersionRef::Now)
        .unwrap()
        .to
}

/// Every kind of change, made to the map of [`map`].
fn change_everything(ws: &Workspace, persona: PersonaId, steps: &[Step]) {
    let map = now_content(ws, persona);
    edits::update_step(
        ws,
        steps[0].id,
        &step_input("Pilot project", "One project runs on it"),
        now(),
    )
    .unwrap();
    edits::update_step(
        ws,
        steps[1].id,
        &step_input("Rollout", "Most teams use it"),
        now(),
    )
    .unwrap();
    edits::reorder_step(ws, steps[2].id, 0, now()).unwrap();
    let teams = map.steps[1].kpis[0].id.unwrap();
    edits::update_kpi(ws, teams, &kpi("Teams active", 20.0, 60.0, 90.0)).unwrap();
    edits::delete_kpi(ws, map.steps[0].kpis[0].id.unwrap()).unwrap();
    edits::add_kpi(ws, steps[2].id, &kpi("Templates shared", 1.0, 5.0, 10.0)).unwrap();
    let detail = reads::map(ws, persona).unwrap();
    let webinar = &detail
        .steps
        .iter()
        .find(|s| s.step.id == steps[0].id)
        .unwrap()
        .vehicles[0];
    edits::detach_vehicle(ws, webinar.attachment_id).unwrap();
    edits::add_step(
        ws,
        detail.map.id,
        &step_input("Champion", "They teach others"),
        None,
        now(),
    )
    .unwrap();
}

#[test]
fn a_version_is_restored_exactly_and_the_restore_is_one_undoable_edit() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, steps) = map(&ws);
    let before = now_content(&ws, persona);
    let saved = edits::save_version(
        &ws,
        persona,
        "After the Q3 workshop",
        "Agreed in Lyon",
        now(),
    )
    .unwrap();
    assert_eq!((saved.step_count, saved.automatic), (3, false));
    assert_eq!(
        reads::map_version_content(&ws, persona, saved.id).unwrap(),
        before
    );
    change_everything(&ws, persona, &steps);
    let changed = now_content(&ws, persona);
    assert_ne!(changed, before);

    edits::restore_version(&ws, persona, saved.id, &[], now()).unwrap();
    assert_eq!(
        now_content(&ws, persona),
        before,
        "ids, texts, KPIs and vehicles as saved"
    );
    // The map as it was before the restore was kept as an automatic version.
    let list = reads::map_versions(&ws, persona).unwrap();
    let automatic = list.iter().find(|v| v.automatic).unwrap();
    assert_eq!(automatic.name, "Before restoring “After the Q3 workshop”");
    assert_eq!(
        reads::map_version_content(&ws, persona, automatic.id).unwrap(),
        changed
    );

    let undone = edits::undo(&ws).unwrap();
    assert_eq!(
        undone.label.as_deref(),
        Some("Restore version “After the Q3 workshop”")
    );
    assert_eq!(now_content(&ws, persona), changed);
    assert_eq!(reads::map_versions(&ws, persona).unwrap().len(), 1);
}

#[test]
fn the_comparison_names_every_kind_of_change_with_old_and_new_values() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, steps) = map(&ws);
    let saved = edits::save_version(&ws, persona, "v1", "", now()).unwrap();
    change_everything(&ws, persona, &steps);
    let comparison = reads::compare_map_versions(
        &ws,
        persona,
        VersionRef::Saved { id: saved.id },
        VersionRef::Now,
    )
    .unwrap();
    assert_eq!(
        (comparison.from_label.as_str(), comparison.to_label.as_str()),
        ("v1", "Now")
    );
    let lines: Vec<&str> = comparison.changes.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        lines,
        [
            "~ step “Standard” moved from position 3 to 1",
            "+ KPI “Templates shared” added to “Standard” (entry 1, good 5, best-in-class 10 %)",
            "~ step “Pilot” renamed to “Pilot project”",
            "- KPI “Projects on it” removed from “Pilot project” (was entry 1, good 2, best-in-class 4 %)",
            "- vehicle “Onboarding webinar” detached from “Pilot project”",
            "~ outcome of “Rollout”: “Every team uses it” → “Most teams use it”",
            "~ KPI Teams active · good level on “Rollout”: “50” → “60”",
            "+ vehicle “User forum” attached to “Rollout”",
            "- vehicle “User forum” detached from the move after “Rollout”",
            "+ step “Champion” added at position 4",
        ]
    );
    let kinds: Vec<ChangeKind> = comparison.changes.iter().map(|c| c.kind).collect();
    assert!(kinds.contains(&ChangeKind::StepMoved));
    // The forum was on the move Rollout → Standard; Standard moved first, so that move
    // is gone and the map kept the vehicle on Rollout.
    assert!(!comparison.changes[7].on_move);
    assert!(comparison.changes[8].on_move);

    // Between a version and itself: nothing.
    let same = reads::compare_map_versions(
        &ws,
        persona,
        VersionRef::Saved { id: saved.id },
        VersionRef::Saved { id: saved.id },
    )
    .unwrap();
    assert!(same.changes.is_empty());
    // The other way round, what was added is removed.
    let back = versions::diff(&comparison.to, &comparison.from);
    assert!(back.iter().any(|c| c.text == "- step “Champion” removed"));
}

#[test]
fn a_restore_that_removes_steps_with_customers_waits_until_they_have_somewhere_to_go() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, steps) = map(&ws);
    let saved = edits::save_version(&ws, persona, "Three steps", "", now()).unwrap();
    let map_id = reads::map(&ws, persona).unwrap().map.id;
    let champion = edits::add_step(&ws, map_id, &step_input("Champion", ""), None, now()).unwrap();
    let mut input = CustomerInput::named("Atelier Nord", persona);
    input.current_step_id = Some(champion.id);
    input.target_step_id = Some(champion.id);
    let nord = edits::create_customer(&ws, &input, now()).unwrap();
    let mut input = CustomerInput::named("Bureau Sud", persona);
    input.current_step_id = Some(steps[0].id);
    input.target_step_id = Some(champion.id);
    let sud = edits::create_customer(&ws, &input, now()).unwrap();

    let preview = reads::restore_preview(&ws, persona, saved.id).unwrap();
    assert_eq!(preview.removed.len(), 1);
    assert_eq!(
        (
            preview.removed[0].title.as_str(),
            preview.removed[0].on_count,
            preview.removed[0].aiming_count
        ),
        ("Champion", 1, 2)
    );
    assert_eq!(
        preview
            .steps
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        ["Pilot", "Rollout", "Standard"]
    );

    let err = edits::restore_version(&ws, persona, saved.id, &[], now()).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("\"Champion\""), "{err}");
    assert_eq!(
        reads::map(&ws, persona).unwrap().steps.len(),
        4,
        "nothing changed"
    );
    assert!(reads::map_versions(&ws, persona)
        .unwrap()
        .iter()
        .all(|v| !v.automatic));

    let moves = [RestoreMove {
        from_step_id: champion.id,
        to_step_id: steps[2].id,
    }];
    edits::restore_version(&ws, persona, saved.id, &moves, now()).unwrap();
    let nord = reads::customer(&ws, nord.id).unwrap();
    let sud = reads::customer(&ws, sud.id).unwrap();
    assert_eq!(
        (
            nord.row.customer.current_step_id,
            nord.row.customer.target_step_id
        ),
        (Some(steps[2].id), Some(steps[2].id))
    );
    assert_eq!(
        (
            sud.row.customer.current_step_id,
            sud.row.customer.target_step_id
        ),
        (Some(steps[0].id), Some(steps[2].id))
    );
    assert_eq!(reads::map(&ws, persona).unwrap().steps.len(), 3);
}

#[test]
fn a_restore_brings_back_a_deleted_step_under_its_id_and_a_deleted_vehicle() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, steps) = map(&ws);
    let before = now_content(&ws, persona);
    let saved = edits::save_version(&ws, persona, "v1", "", now()).unwrap();
    edits::delete_step(&ws, steps[2].id, now()).unwrap();
    let forum = reads::vehicles(&ws)
        .unwrap()
        .into_iter()
        .find(|v| v.name == "Onboarding webinar")
        .unwrap();
    edits::delete_vehicle(&ws, forum.id).unwrap();
    edits::restore_version(&ws, persona, saved.id, &[], now()).unwrap();
    let after = now_content(&ws, persona);
    assert_eq!(after.steps[2].id, Some(steps[2].id));
    assert_eq!(after.steps[0].vehicles, ["Onboarding webinar"]);
    // The vehicle is a new one with the same description.
    let mut expected = before.clone();
    expected.vehicles.iter_mut().for_each(|v| v.id = None);
    let mut got = after.clone();
    got.vehicles.iter_mut().for_each(|v| v.id = None);
    assert_eq!(got, expected);
}

#[test]
fn version_names_are_checked_and_unique_per_map() {
    let ws = Workspace::in_memory().unwrap();
    let (persona, _) = map(&ws);
    let err = edits::save_version(&ws, persona, "   ", "", now()).unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }), "{err:?}");
    edits::save_version(&ws, persona, "Q3", "", now()).unwrap();
    let err = edits::save_version(&ws, persona, "q3", "", now()).unwrap_err();
    assert!(
        err.to_string().contains("already has a version named"),
        "{err}"
    );
    let err = reads::map_version_named(&ws, persona, "Q4").unwrap_err();
    assert_eq!(
        err.to_string(),
        "this map has no version named \"Q4\"; its versions are \"Q3\""
    );
}
