#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The `successmap` binary, run as a user runs it.

mod common;
use common::{stdout, successmap};

use std::path::Path;
use std::process::Command;

#[test]
fn demo_then_stats_counts_everything() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new").join("demo.successmap");
    let out = successmap(&ws, &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(ws.exists(), "a missing workspace file is created");
    let stats = stdout(&successmap(&ws, &["stats"]));
    assert!(stats.starts_with("Personas: 3\n"), "{stats}");
    assert!(stats.contains("\nCustomers: 36\n"), "{stats}");
    let again = successmap(&ws, &["demo"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "the demo goes only into an empty workspace"
    );
}

/// The CLI's demo and the app's (the same `edits::load_demo`) give the workspace the
/// demo's name, not the file's.
#[test]
fn the_demo_workspace_has_the_same_name_as_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("acme.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));
    let opened =
        successmap_core::Workspace::open(&ws, successmap_core::NewFile::Empty, chrono::Utc::now())
            .unwrap();
    let info = successmap_core::reads::info(&opened).unwrap();
    assert_eq!(info.name, successmap_core::demo::WORKSPACE_NAME);
}

#[test]
fn import_reports_rows_and_exits_by_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.successmap");
    let csv = dir.path().join("crm.csv");
    std::fs::write(
        &csv,
        "Record ID,Company name,Persona,Stage,ARR\nR1,Acme,Ops Lead,Pilot,\"1,000\"\nR2,,Ops Lead,Pilot,5\nR3,Beta,Ops Lead,Scale,7\n",
    )
    .unwrap();

    let refused = successmap(&ws, &["import", "customers", csv.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let text = stdout(&refused);
    assert!(
        text.contains("line 2, column \"Persona\": unknown persona \"Ops Lead\""),
        "{text}"
    );
    assert!(
        text.contains("line 3, column \"Company name\": the name is empty"),
        "{text}"
    );
    assert!(text.contains("3 rows: 0 valid, 3 rejected."), "{text}");

    let dry = successmap(
        &ws,
        &[
            "import",
            "customers",
            csv.to_str().unwrap(),
            "--create-missing",
            "--dry-run",
        ],
    );
    assert_eq!(dry.status.code(), Some(1));
    assert!(
        stdout(&dry).contains("would add 2 customers"),
        "{}",
        stdout(&dry)
    );
    assert!(stdout(&successmap(&ws, &["stats"])).contains("Customers: 0\n"));

    let strict = successmap(
        &ws,
        &[
            "import",
            "customers",
            csv.to_str().unwrap(),
            "--create-missing",
            "--all-or-nothing",
        ],
    );
    assert_eq!(strict.status.code(), Some(1));
    assert!(stdout(&strict).contains("Nothing imported"));
    assert!(stdout(&successmap(&ws, &["stats"])).contains("Customers: 0\n"));

    let done = successmap(
        &ws,
        &[
            "import",
            "customers",
            csv.to_str().unwrap(),
            "--create-missing",
        ],
    );
    assert_eq!(
        done.status.code(),
        Some(1),
        "rows were rejected, the valid ones imported"
    );
    assert!(
        stdout(&done).contains("Imported: 2 new customers"),
        "{}",
        stdout(&done)
    );
    let stats = stdout(&successmap(&ws, &["stats"]));
    assert!(
        stats.contains("Ops Lead (2 customers)\n  Pilot: 1\n  Scale: 1\n"),
        "{stats}"
    );

    std::fs::write(
        &csv,
        "Record ID,Company name,Persona,Stage\nR1,Acme,Ops Lead,Scale\n",
    )
    .unwrap();
    let clean = successmap(&ws, &["import", "customers", csv.to_str().unwrap()]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(stdout(&clean).contains("Imported: 0 new customers, 1 updated, 0 unchanged."));
}

#[test]
fn unusable_input_exits_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.successmap");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let out = successmap(&ws, &["import", "customers", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no header row"));
    let missing = successmap(&ws, &["import", "customers", "/nonexistent/file.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    let no_name = dir.path().join("no-name.csv");
    std::fs::write(&no_name, "Persona,Stage\nA,B\n").unwrap();
    let out = successmap(&ws, &["import", "customers", no_name.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("customer name"));
}

#[test]
fn export_by_persona_to_stdout_and_to_a_file_round_trips_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    successmap(&ws, &["demo"]);
    let stats = stdout(&successmap(&ws, &["stats"]));
    let first_persona = stats
        .lines()
        .nth(4)
        .unwrap()
        .split(" (")
        .next()
        .unwrap()
        .to_string();
    let some = successmap(
        &ws,
        &[
            "export",
            "customers",
            "--persona",
            &first_persona.to_uppercase(),
        ],
    );
    assert_eq!(some.status.code(), Some(0));
    let text = stdout(&some);
    assert!(text.starts_with("external_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,renewal_date,notes\r\n"));
    assert!(
        text.lines().skip(1).all(|l| l.contains(&first_persona)),
        "{text}"
    );

    let file = dir.path().join("all.csv");
    let out = successmap(
        &ws,
        &["export", "customers", "--output", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    let fresh = dir.path().join("fresh.successmap");
    let imported = successmap(
        &fresh,
        &[
            "import",
            "customers",
            file.to_str().unwrap(),
            "--create-missing",
        ],
    );
    assert_eq!(imported.status.code(), Some(0), "{}", stdout(&imported));
    let again = dir.path().join("again.csv");
    successmap(
        &fresh,
        &["export", "customers", "--output", again.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&again).unwrap()
    );

    let unknown = successmap(&ws, &["export", "customers", "--persona", "Nobody"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn segment_prints_the_matrix_as_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    successmap(&ws, &["demo"]);
    let out = successmap(&ws, &["segment", "--persona", "home architect"]);
    assert_eq!(out.status.code(), Some(0));
    let csv = stdout(&out);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("persona,current_step,target_step,customers,arr")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r[0] == "Home architect" && r.len() == 5),
        "{csv}"
    );
    let total: u32 = rows.iter().map(|r| r[3].parse::<u32>().unwrap()).sum();
    let stats = stdout(&successmap(&ws, &["stats"]));
    assert!(
        stats.contains(&format!("Home architect ({total} customers)")),
        "{stats}\n{csv}"
    );

    let json = successmap(&ws, &["segment", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let cells = value.as_array().unwrap();
    let all: u64 = cells.iter().map(|c| c["customers"].as_u64().unwrap()).sum();
    assert_eq!(all, 36);
    assert!(cells
        .iter()
        .all(|c| c["arr"].is_string() && c["target_step"].is_string()));
}

#[test]
fn export_segment_writes_the_customers_of_a_saved_segment() {
    use successmap_core::model::{CellRef, SavedSegmentInput, SegmentFilter};
    use successmap_core::{db, ops, Db};
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    successmap(&ws, &["demo"]);
    let none = successmap(&ws, &["export", "segment", "Busy pilots"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("segments: none"));

    // Save the demo persona's busiest cell as the app does.
    let (persona, cell, count) = {
        let mut workspace = Db::open(&ws).unwrap();
        let persona = workspace
            .read(db::personas::list)
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Home architect")
            .unwrap();
        let filter = SegmentFilter {
            persona_id: Some(persona.id),
            ..SegmentFilter::default()
        };
        let matrix = workspace
            .read(|c| ops::segments::matrix(c, &filter, chrono::Local::now().date_naive()))
            .unwrap();
        let busiest = matrix[0]
            .cells
            .iter()
            .max_by_key(|c| c.customers)
            .unwrap()
            .clone();
        let cell = CellRef {
            current_step_id: busiest.current_step_id,
            target_step_id: busiest.target_step_id,
        };
        workspace
            .edit("Save segment", |tx| {
                ops::segments::save(
                    tx,
                    &SavedSegmentInput {
                        name: "Busy pilots".into(),
                        filter,
                        cell: Some(cell),
                        quadrant: None,
                    },
                    chrono::Utc::now(),
                )
            })
            .unwrap();
        let steps = workspace
            .read(|c| db::steps::list_for_map(c, persona.map_id))
            .unwrap();
        let title = |id: Option<_>| {
            id.map(|id| steps.iter().find(|s| s.id == id).unwrap().title.clone())
                .unwrap_or_default()
        };
        (
            persona.name,
            (title(cell.current_step_id), title(cell.target_step_id)),
            busiest.customers as usize,
        )
    };
    assert!(count > 1);

    let file = dir.path().join("busy.csv");
    let out = successmap(
        &ws,
        &[
            "export",
            "segment",
            "busy PILOTS",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(reader.len(), count, "{text}");
    for row in &reader {
        assert_eq!(row[col("persona")], persona);
        assert_eq!(
            (
                row[col("current_step")].clone(),
                row[col("target_step")].clone()
            ),
            cell
        );
    }
    let unknown = successmap(&ws, &["export", "segment", "Nothing"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("segments: Busy pilots"));
}

/// Rows of a CSV without quoted commas (the demo's names have none).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

/// Exporting onto the open workspace (or its journal files) is refused and the workspace
/// stays whole; an existing file is replaced only with --force.
#[test]
fn export_never_overwrites_the_workspace_and_replaces_files_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("team.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));
    for target in [
        "team.successmap",
        "team.successmap-wal",
        "team.successmap-shm",
    ] {
        let target = dir.path().join(target);
        let out = successmap(
            &ws,
            &[
                "export",
                "customers",
                "--force",
                "--output",
                target.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is the open workspace"), "{err}");
    }
    let stats = stdout(&successmap(&ws, &["stats"]));
    assert!(stats.contains("\nCustomers: 36\n"), "{stats}");

    let csv = dir.path().join("out.csv");
    std::fs::write(&csv, "keep me").unwrap();
    let out = successmap(
        &ws,
        &["export", "customers", "--output", csv.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --force to replace it"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "keep me");
    let out = successmap(
        &ws,
        &[
            "export",
            "customers",
            "--force",
            "--output",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(csv_rows(&std::fs::read_to_string(&csv).unwrap()).len(), 37);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `backup` writes a complete workspace in one file, which opens with everything in it.
#[test]
fn backup_writes_a_complete_copy_that_opens_as_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("team.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));
    let copy = dir.path().join("copy.successmap");
    let out = successmap(&ws, &["backup", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Only the one file: no journal beside it.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut companion = copy.clone().into_os_string();
        companion.push(suffix);
        assert!(!Path::new(&companion).exists(), "{suffix}");
    }
    let stats = stdout(&successmap(&copy, &["stats"]));
    assert!(stats.contains("\nCustomers: 36\n"), "{stats}");
    let again = successmap(&ws, &["backup", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    let forced = successmap(&ws, &["backup", "--force", copy.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
    let onto_itself = successmap(&ws, &["backup", "--force", ws.to_str().unwrap()]);
    assert_eq!(onto_itself.status.code(), Some(2), "{onto_itself:?}");
}

/// Commands that only read need an existing workspace: a mistyped path is an error, and
/// no file appears there.
#[test]
fn reading_commands_never_create_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("tpyo.successmap");
    let csv = dir.path().join("crm.csv");
    std::fs::write(&csv, "Name,Persona\nAcme,Ops Lead\n").unwrap();
    let out_csv = dir.path().join("out.csv");
    let out_db = dir.path().join("copy.successmap");
    for args in [
        vec!["stats"],
        vec!["segment"],
        vec!["export", "customers", "--output", out_csv.to_str().unwrap()],
        vec!["backup", out_db.to_str().unwrap()],
        vec!["import", "customers", "--dry-run", csv.to_str().unwrap()],
    ] {
        let out = successmap(&typo, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("there is no workspace file at"), "{err}");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec!["crm.csv"], "{args:?}");
    }
}

/// A file whose name begins with "file:" is a file of that name, not an SQLite URI.
#[test]
fn a_name_beginning_with_file_colon_is_a_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_successmap"))
        .current_dir(dir.path())
        .args(["--workspace", "file:team.db?mode=memory", "demo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["file:team.db?mode=memory"]);
}

#[test]
fn export_map_writes_svg_png_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));

    // SVG on standard output, names of the largest customers unless anonymised.
    let named = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "home architect",
            "--format",
            "svg",
        ],
    );
    assert_eq!(named.status.code(), Some(0), "{named:?}");
    let svg = stdout(&named);
    assert!(svg.starts_with("<?xml"), "{svg}");
    assert!(svg.contains(">Home architect<"));
    assert!(svg.contains(">Cedar Design<"));
    let anonymous = stdout(&successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "svg",
            "--anonymise",
        ],
    ));
    assert!(anonymous.contains(" customers · "), "counts stay");
    assert!(!anonymous.contains("Cedar Design"));

    let png = dir.path().join("map.png");
    let out = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "png",
            "--scale",
            "2",
            "--output",
            png.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // An existing file only with --force.
    let again = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "png",
            "--output",
            png.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let pdf = dir.path().join("maps.pdf");
    let out = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--persona",
            "Industrial architect",
            "--format",
            "pdf",
            "--paper",
            "letter",
            "--output",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(
        String::from_utf8_lossy(&bytes)
            .matches("/MediaBox [0 0 792 612]")
            .count(),
        2,
        "two Letter pages"
    );

    // Each map followed by its matrix: four pages.
    let with_matrix = dir.path().join("maps-matrix.pdf");
    let out = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--persona",
            "Industrial architect",
            "--format",
            "pdf",
            "--matrix",
            "--output",
            with_matrix.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&std::fs::read(&with_matrix).unwrap())
            .matches("/MediaBox [0 0 841.89 595.28]")
            .count(),
        4,
        "a map and its matrix for each persona"
    );
    let png_matrix = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "png",
            "--matrix",
        ],
    );
    assert_eq!(png_matrix.status.code(), Some(2));

    // The presentation as slides: a 16:9 page per reveal.
    let deck = dir.path().join("deck.pdf");
    let out = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "pdf",
            "--slides",
            "--output",
            deck.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let pages = String::from_utf8_lossy(&std::fs::read(&deck).unwrap())
        .matches("/MediaBox [0 0 960 540]")
        .count();
    // Title, 4 steps × (step, outcome), 3 moves, the whole map, the customers, the
    // current × target matrix, success and satisfaction (the demo's customers have NPS).
    assert_eq!(pages, 1 + 8 + 3 + 1 + 1 + 1 + 1);
    let not_pdf = successmap(
        &ws,
        &[
            "export",
            "map",
            "--persona",
            "Home architect",
            "--format",
            "png",
            "--slides",
        ],
    );
    assert_eq!(not_pdf.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_pdf.stderr).contains("--format pdf"));

    let unknown = successmap(
        &ws,
        &["export", "map", "--persona", "Nobody", "--format", "svg"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Home architect"));
}

#[test]
fn export_handout_writes_a_customers_success_plan_without_internal_figures_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));
    let rows = csv_rows(&stdout(&successmap(
        &ws,
        &["export", "customers", "--persona", "Home architect"],
    )));
    let (external_id, name) = (rows[1][0].clone(), rows[1][1].clone());

    let html = successmap(
        &ws,
        &[
            "export",
            "handout",
            "--customer",
            &external_id,
            "--format",
            "html",
        ],
    );
    assert_eq!(html.status.code(), Some(0), "{html:?}");
    let text = stdout(&html);
    assert!(text.starts_with("<!doctype html>"), "{text}");
    let escaped = name.replace('&', "&amp;");
    assert!(text.contains(&format!("Success plan: {escaped}")), "{name}");
    assert!(text.contains("Home architect"));
    assert!(!text.contains("ARR "), "ARR stays out unless asked");
    let internal = stdout(&successmap(
        &ws,
        &[
            "export",
            "handout",
            "--customer",
            &external_id,
            "--format",
            "html",
            "--internal",
        ],
    ));
    assert!(internal.contains("ARR "), "{internal}");

    let pdf = dir.path().join("plan.pdf");
    let out = successmap(
        &ws,
        &[
            "export",
            "handout",
            "--customer",
            &external_id,
            "--format",
            "pdf",
            "--paper",
            "letter",
            "--output",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains("/MediaBox [0 0 792 612]"));

    let unknown = successmap(
        &ws,
        &[
            "export",
            "handout",
            "--customer",
            "NOPE-1",
            "--format",
            "html",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("NOPE-1"));
}
