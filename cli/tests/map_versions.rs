#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! `successmap map version …` and `successmap map diff`, run as a user runs them.

mod common;
use common::successmap;

use std::process::Output;

fn ok(out: Output) -> (String, String) {
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const HOME: &str = "Home architect";

#[test]
fn versions_are_saved_listed_compared_and_restored_with_customers_moved_as_told() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("team.successmap");
    ok(successmap(&ws, &["demo"]));
    let (_, said) = ok(successmap(
        &ws,
        &[
            "map",
            "version",
            "save",
            "--persona",
            HOME,
            "--name",
            "v1",
            "--note",
            "Before the\tworkshop",
        ],
    ));
    assert_eq!(said, "Saved version \"v1\" of the map (4 steps)\n");

    // An import that adds a step keeps the map as it was first, unless the newest
    // version already holds it (v1 here: no second copy).
    let csv = dir.path().join("crm.csv");
    std::fs::write(
        &csv,
        "name,persona,current_step\nAtelier Nord,Home architect,Champion\n",
    )
    .unwrap();
    ok(successmap(
        &ws,
        &[
            "import",
            "customers",
            csv.to_str().unwrap(),
            "--create-missing",
        ],
    ));
    ok(successmap(
        &ws,
        &["map", "version", "save", "--persona", HOME, "--name", "v2"],
    ));
    let (list, _) = ok(successmap(
        &ws,
        &["map", "version", "list", "--persona", HOME],
    ));
    let rows: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!(
        (rows[0][0], rows[0][2], rows[0][3], rows[0][4]),
        ("v2", "saved", "5 steps", "")
    );
    assert_eq!(
        (rows[1][0], rows[1][2], rows[1][3], rows[1][4]),
        ("v1", "saved", "4 steps", "Before the workshop")
    );
    assert!(rows[1][1].ends_with('Z'), "UTC time: {list}");

    let (diff, _) = ok(successmap(
        &ws,
        &[
            "map",
            "diff",
            "--persona",
            HOME,
            "--from",
            "v1",
            "--to",
            "V2",
        ],
    ));
    assert_eq!(diff, "+ step “Champion” added at position 5\n");
    let (same, said) = ok(successmap(
        &ws,
        &["map", "diff", "--persona", HOME, "--from", "v2"],
    ));
    assert_eq!(same, "");
    assert_eq!(said, "No changes from \"v2\" to the map as it is now\n");

    // The version has no "Champion", where a customer stands: refused until told.
    let refused = successmap(
        &ws,
        &[
            "map",
            "version",
            "restore",
            "--persona",
            HOME,
            "--name",
            "v1",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("version \"v1\" does not have \"Champion\" (1 on it, 0 aiming at it)"),
        "{why}"
    );
    assert!(why.contains("--move \"STEP=STEP OF THE VERSION\""), "{why}");
    let wrong = successmap(
        &ws,
        &[
            "map",
            "version",
            "restore",
            "--persona",
            HOME,
            "--name",
            "v1",
            "--move",
            "Champion=Nowhere",
        ],
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("the version has no step \"Nowhere\""));

    ok(successmap(
        &ws,
        &[
            "map",
            "version",
            "restore",
            "--persona",
            HOME,
            "--name",
            "v1",
            "--move",
            "champion=First project delivered",
        ],
    ));
    let (diff, _) = ok(successmap(
        &ws,
        &["map", "diff", "--persona", HOME, "--from", "v1"],
    ));
    assert_eq!(diff, "");
    let (list, _) = ok(successmap(
        &ws,
        &["map", "version", "list", "--persona", HOME],
    ));
    // The map as it was before the restore is v2 already: kept, not copied.
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.starts_with("v2\t"), "{list}");
    let (customers, _) = ok(successmap(&ws, &["export", "customers", "--persona", HOME]));
    let nord = customers
        .lines()
        .find(|l| l.contains("Atelier Nord"))
        .unwrap();
    assert!(nord.contains("First project delivered"), "{nord}");
}

#[test]
fn a_missing_version_or_persona_is_named_with_what_there_is() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("team.successmap");
    ok(successmap(&ws, &["demo"]));
    let out = successmap(&ws, &["map", "diff", "--persona", HOME, "--from", "v9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "successmap: this map has no version named \"v9\" (it has none yet)\n"
    );
    let out = successmap(&ws, &["map", "version", "list", "--persona", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no persona \"Nobody\""));
}

#[test]
fn a_map_template_is_exported_and_imported_as_a_new_persona_and_a_broken_one_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("team.successmap");
    ok(successmap(&ws, &["demo"]));
    let file = dir.path().join("home.successmap-map.json");
    let (_, said) = ok(successmap(
        &ws,
        &[
            "map",
            "template",
            "export",
            "--persona",
            HOME,
            "--output",
            file.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        said,
        format!(
            "Wrote the map of Home architect (4 steps) to {}\n",
            file.display()
        )
    );
    let again = successmap(
        &ws,
        &[
            "map",
            "template",
            "export",
            "--persona",
            HOME,
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file needs --force"
    );

    // Into a new workspace, under another name.
    let other = dir.path().join("other.successmap");
    let (_, said) = ok(successmap(
        &other,
        &[
            "map",
            "template",
            "import",
            file.to_str().unwrap(),
            "--as",
            "Residential architect",
        ],
    ));
    assert!(
        said.starts_with("Created persona \"Residential architect\" with a map of 4 steps"),
        "{said}"
    );
    let (stats, _) = ok(successmap(&other, &["stats"]));
    assert!(stats.starts_with("Personas: 1\n"), "{stats}");

    let broken = dir.path().join("broken.successmap-map.json");
    std::fs::write(&broken, "{\"format\": \"successmap-map\", \"version\": 1, \"persona\": {\"name\": \"X\"}, \"map\": {\"steps\": [{\"title\": \"A\"}, {\"title\": \"a\"}]}}").unwrap();
    let out = successmap(
        &other,
        &["map", "template", "import", broken.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "successmap: step 2 (\"a\"): the map has two steps titled \"a\"\n"
    );
    let (stats, _) = ok(successmap(&other, &["stats"]));
    assert!(
        stats.starts_with("Personas: 1\n"),
        "nothing was created: {stats}"
    );
}
