//! Map templates: a map round-trips through its JSON file into a new persona unchanged,
//! broken or hostile files are refused with the reason and nothing half-created, and
//! the built-in gallery is valid.
#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
mod common;

use common::now;
use successmap_core::model::MapContent;
use successmap_core::versions::template::{self, MapTemplate};
use successmap_core::{edits, reads, CoreError, Workspace};

fn without_ids(mut map: MapContent) -> MapContent {
    for step in &mut map.steps {
        step.id = None;
        step.kpis.iter_mut().for_each(|k| k.id = None);
    }
    map.vehicles.iter_mut().for_each(|v| v.id = None);
    map
}

fn demo() -> Workspace {
    let ws = Workspace::in_memory().unwrap();
    edits::load_demo(&ws, now()).unwrap();
    ws
}

fn content(ws: &Workspace, persona: successmap_core::model::PersonaId) -> MapContent {
    reads::compare_map_versions(
        ws,
        persona,
        successmap_core::model::VersionRef::Now,
        successmap_core::model::VersionRef::Now,
    )
    .unwrap()
    .to
}

#[test]
fn a_map_round_trips_through_its_template_file_into_a_new_persona() {
    let ws = demo();
    let home = reads::persona_by_name(&ws, "Home architect").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("home.successmap-map.json");
    reads::export_map_template(&ws, home, &file, successmap_core::files::Replace::No).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("{\n  \"format\": \"successmap-map\",\n  \"version\": 1,"),
        "{text}"
    );
    assert!(!text.contains("\"id\""), "a template carries no ids");

    let read = reads::read_map_template(&file).unwrap();
    let copy =
        edits::import_map_template(&ws, &read, Some("Home architect (copy)"), now()).unwrap();
    assert_eq!(copy.name, "Home architect (copy)");
    assert_eq!(
        without_ids(content(&ws, copy.id)),
        without_ids(content(&ws, home))
    );
    let original = reads::map(&ws, home).unwrap();
    assert_eq!(
        copy.success_definition,
        reads::personas(&ws).unwrap()[0].persona.success_definition
    );
    // The vehicles are the workspace's own (by name), not copies.
    let vehicles = reads::vehicles(&ws).unwrap();
    let names: std::collections::HashSet<&str> = vehicles.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names.len(), vehicles.len());
    assert!(!original.steps.is_empty());

    // Into another workspace, vehicles are created from their descriptions; undo removes
    // the whole persona.
    let other = Workspace::in_memory().unwrap();
    let made = edits::import_map_template(&other, &read, None, now()).unwrap();
    assert_eq!(made.name, "Home architect");
    assert_eq!(
        without_ids(content(&other, made.id)),
        without_ids(content(&ws, home))
    );
    let undone = edits::undo(&other).unwrap();
    assert_eq!(
        undone.label.as_deref(),
        Some("Create persona “Home architect” from a template")
    );
    assert!(reads::personas(&other).unwrap().is_empty());
    assert!(reads::vehicles(&other).unwrap().is_empty());
}

fn refused(bytes: &[u8]) -> String {
    match template::parse(bytes) {
        Err(CoreError::Invalid { message, .. }) => message,
        other => panic!("not refused as invalid: {other:?}"),
    }
}

fn valid() -> serde_json::Value {
    serde_json::json!({
        "format": "successmap-map",
        "version": 1,
        "persona": { "name": "Ops lead" },
        "map": {
            "steps": [
                { "title": "Pilot", "kpis": [
                    { "name": "Teams", "unit": "%", "direction": "higher_is_better",
                      "kind": "success", "entryLevel": 10, "goodLevel": 50, "bestLevel": 90 }
                ], "moveVehicles": ["Webinar"] },
                { "title": "Rollout", "vehicles": ["Webinar"] }
            ],
            "vehicles": [ { "kind": "training", "name": "Webinar" } ]
        }
    })
}

fn with(change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v = valid();
    change(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn broken_templates_are_refused_with_the_reason() {
    assert!(template::parse(&with(|_| {})).is_ok());
    // With a byte-order mark, as some editors save JSON.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(with(|_| {}));
    assert!(template::parse(&bom).is_ok());

    assert_eq!(
        refused(b"{ \"format\": \"successmap-map\", "),
        "the file is not valid JSON (line 1, column 30: EOF while parsing a value)"
    );
    assert!(refused(b"\xff\xfe{\0").contains("not UTF-8"));
    assert!(refused(br#"{"format":"excalidraw","version":2}"#)
        .contains("a \"excalidraw\" file, not a Successmap map template"));
    assert!(refused(br#"[1,2,3]"#).contains("has no \"format\""));
    assert!(
        refused(&with(|v| v["version"] = 2.into())).contains("newer than this Successmap reads")
    );
    assert!(refused(&with(|v| v["version"] = "one".into())).contains("no valid \"version\""));
    assert!(
        refused(&with(|v| v["map"]["steps"][1]["title"] = "pilot".into()))
            .contains("step 2 (\"pilot\"): the map has two steps titled \"pilot\"")
    );
    assert!(
        refused(&with(|v| v["map"]["steps"][0]["title"] = " ".into()))
            .contains("Step title cannot be empty")
    );
    assert!(refused(&with(|v| v["map"]["steps"][0]["kpis"][0]["goodLevel"] = 5.into()))
        .contains("step 1 (\"Pilot\"), KPI \"Teams\": when higher is better, good (5) cannot be below entry level (10)"));
    assert!(
        refused(&with(|v| v["map"]["vehicles"] = serde_json::json!([])))
            .contains("the vehicle \"Webinar\" is not described")
    );
    assert!(refused(&with(
        |v| v["map"]["steps"][1]["moveVehicles"] = serde_json::json!(["Webinar"])
    ))
    .contains("it is the last step"));
    assert!(refused(&with(
        |v| v["map"]["steps"][0]["kpis"][0]["direction"] = "up".into()
    ))
    .starts_with("the template is incomplete: unknown variant `up`"));
    assert!(refused(&with(|v| v["persona"]["name"] = "".into()))
        .contains("Persona name cannot be empty"));
    let many: Vec<serde_json::Value> = (0..101)
        .map(|i| serde_json::json!({ "title": format!("Step {i}") }))
        .collect();
    assert!(refused(&with(|v| {
        v["map"]["steps"] = serde_json::Value::Array(many);
        v["map"]["vehicles"] = serde_json::json!([]);
    }))
    .contains("101 steps"));
    assert!(refused(&vec![b' '; template::MAX_BYTES + 1]).contains("at most 4 MB"));
}

#[test]
fn a_template_refused_by_the_workspace_creates_nothing() {
    let ws = demo();
    let before = (
        reads::personas(&ws).unwrap().len(),
        reads::vehicles(&ws).unwrap().len(),
    );
    let t: MapTemplate = template::parse(&with(|_| {})).unwrap();
    // The name is taken: refused as a whole.
    let err = edits::import_map_template(&ws, &t, Some("home architect"), now()).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert_eq!(
        (
            reads::personas(&ws).unwrap().len(),
            reads::vehicles(&ws).unwrap().len()
        ),
        before
    );
    let made = edits::import_map_template(&ws, &t, None, now()).unwrap();
    assert_eq!(made.name, "Ops lead");
    assert_eq!(reads::vehicles(&ws).unwrap().len(), before.1 + 1);
}

#[test]
fn the_gallery_holds_the_demo_maps_and_a_b2b_saas_map() {
    let gallery = reads::template_gallery(now()).unwrap();
    let names: Vec<&str> = gallery
        .iter()
        .map(|g| g.template.persona.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Home architect",
            "Large-building architect",
            "Industrial architect",
            "B2B SaaS team admin"
        ]
    );
    let saas = &gallery[3].template.map;
    assert_eq!(
        saas.steps
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        ["Onboarded", "Adopted", "Expanded"]
    );
    let ws = Workspace::in_memory().unwrap();
    for g in &gallery {
        edits::import_map_template(&ws, &g.template, None, now()).unwrap();
    }
    assert_eq!(reads::personas(&ws).unwrap().len(), 4);
}
