#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! `successmap customers` and `successmap segment progression`: the app's list and its
//! Progression view, headless, with the same figures as the core gives the app.

mod common;
use common::{stdout, successmap};

use successmap_core::model::{CustomerQuery, SegmentFilter};
use successmap_core::{reads, NewFile, Workspace};

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.successmap");
    assert_eq!(successmap(&ws, &["demo"]).status.code(), Some(0));
    (dir, ws)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The names the app's list shows for `query`, in its order.
fn app_list(ws: &std::path::Path, query: &CustomerQuery, limit: u32) -> Vec<String> {
    let opened = Workspace::open(ws, NewFile::Empty, chrono::Utc::now()).unwrap();
    let page = reads::customer_page(&opened, query, today(), 0, limit).unwrap();
    page.rows.into_iter().map(|r| r.customer.name).collect()
}

fn csv_names(text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "external_id",
            "name",
            "persona",
            "current_step",
            "target_step",
            "arr",
            "health",
            "nps",
            "csat",
            "owner",
            "renewal_date",
            "notes"
        ]
    );
    reader
        .records()
        .map(|r| r.unwrap().get(1).unwrap().to_string())
        .collect()
}

#[test]
fn customers_lists_what_the_app_lists_in_its_order() {
    let (_dir, ws) = demo();
    let all = successmap(&ws, &["customers"]);
    assert_eq!(all.status.code(), Some(0), "{all:?}");
    let names = csv_names(&stdout(&all));
    assert_eq!(names.len(), 36);
    assert_eq!(names, app_list(&ws, &CustomerQuery::default(), 100));

    // Search, persona and step together, as the app's filters narrow its list.
    let opened = Workspace::open(&ws, NewFile::Empty, chrono::Utc::now()).unwrap();
    let persona = reads::persona_by_name(&opened, "home architect").unwrap();
    let step = reads::step_by_title(&opened, Some(persona), "templates in daily use").unwrap();
    drop(opened);
    let query = CustomerQuery {
        persona_id: Some(persona),
        current_step_id: Some(step),
        ..CustomerQuery::default()
    };
    let expected = app_list(&ws, &query, 100);
    assert!(!expected.is_empty());
    let out = successmap(
        &ws,
        &[
            "customers",
            "--persona",
            "HOME ARCHITECT",
            "--step",
            "Templates in daily use",
        ],
    );
    assert_eq!(csv_names(&stdout(&out)), expected);

    let letter = expected[0]
        .chars()
        .nth(1)
        .unwrap()
        .to_uppercase()
        .to_string();
    let query = CustomerQuery {
        search: letter.clone(),
        ..CustomerQuery::default()
    };
    let expected = app_list(&ws, &query, 3);
    let out = successmap(&ws, &["customers", "--search", &letter, "--limit", "3"]);
    assert_eq!(csv_names(&stdout(&out)), expected);
    assert!(!expected.is_empty() && expected.len() <= 3);
}

#[test]
fn customers_as_json_has_the_csv_fields_with_numbers_as_numbers() {
    let (_dir, ws) = demo();
    let out = successmap(&ws, &["customers", "--format", "json", "--limit", "5"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let names: Vec<String> = rows
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, app_list(&ws, &CustomerQuery::default(), 5));
    for row in rows {
        assert!(row["persona"].is_string());
        assert!(row["health"].is_number() || row["health"].is_null());
        assert!(row["arr"].is_string() || row["arr"].is_null());
    }
    let none = successmap(
        &ws,
        &[
            "customers",
            "--search",
            "no such customer",
            "--format",
            "json",
        ],
    );
    assert_eq!(stdout(&none), "[]\n");
}

#[test]
fn a_step_that_is_not_there_or_on_two_maps_is_explained() {
    let (dir, ws) = demo();
    let out = successmap(&ws, &["customers", "--step", "Nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("there is no step \"Nowhere\""), "{err}");

    // Two personas whose maps share a step title: the step alone cannot say which.
    let csv = dir.path().join("two.csv");
    std::fs::write(
        &csv,
        "name,persona,current_step\nAcme,Buyer,Pilot\nBeta,Admin,Pilot\n",
    )
    .unwrap();
    let imported = successmap(
        &ws,
        &[
            "import",
            "customers",
            "--create-missing",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(imported.status.code(), Some(0), "{imported:?}");
    let out = successmap(&ws, &["customers", "--step", "pilot"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("name the persona too"), "{err}");
    let out = successmap(&ws, &["customers", "--persona", "admin", "--step", "pilot"]);
    assert_eq!(csv_names(&stdout(&out)), ["Beta"]);
}

#[test]
fn progression_gives_the_views_figures_per_step() {
    let (_dir, ws) = demo();
    let from = today() - chrono::Days::new(365);
    let to = today();
    let opened = Workspace::open(&ws, NewFile::Empty, chrono::Utc::now()).unwrap();
    let persona = reads::persona_by_name(&opened, "Home architect").unwrap();
    let view = reads::segment_progression(
        &opened,
        &SegmentFilter::default(),
        persona,
        (from, to),
        30,
        today(),
    )
    .unwrap();
    drop(opened);

    let args = [
        "segment",
        "progression",
        "--persona",
        "home architect",
        "--from",
        &from.to_string(),
        "--to",
        &to.to_string(),
        "--stalled-days",
        "30",
    ];
    let out = successmap(&ws, &args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "persona",
            "position",
            "step",
            "median_days",
            "moved_on",
            "forward",
            "backward",
            "stayed",
            "stalled"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), view.steps.len());
    for ((record, step), row) in records.iter().zip(&view.steps).zip(&view.rows) {
        assert_eq!(&record[0], "Home architect");
        assert_eq!(record[1].parse::<i32>().unwrap(), step.position + 1);
        assert_eq!(&record[2], step.title);
        assert_eq!(record[4].parse::<u32>().unwrap(), row.moved_on);
        assert_eq!(record[5].parse::<u32>().unwrap(), row.forward);
        assert_eq!(record[6].parse::<u32>().unwrap(), row.backward);
        assert_eq!(record[7].parse::<u32>().unwrap(), row.stayed);
        assert_eq!(record[8].parse::<u32>().unwrap(), row.stalled);
        match row.median_days {
            Some(d) => assert!((record[3].parse::<f64>().unwrap() - d).abs() <= 0.05),
            None => assert_eq!(&record[3], ""),
        }
    }
    assert!(
        view.rows.iter().any(|r| r.stalled > 0 || r.moved_on > 0),
        "the demo has history to show: {view:?}"
    );

    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_slice(&successmap(&ws, &json_args).stdout).unwrap();
    assert_eq!(value["period_from"], from.to_string());
    assert_eq!(value["stalled_days"], 30);
    assert_eq!(value["stalled"], view.stalled);
    assert_eq!(value["steps"].as_array().unwrap().len(), view.steps.len());

    let backwards = successmap(
        &ws,
        &[
            "segment",
            "progression",
            "--persona",
            "home architect",
            "--from",
            "2026-05-01",
            "--to",
            "2026-01-01",
        ],
    );
    assert_eq!(backwards.status.code(), Some(2));
    // The matrix is still `segment` without a subcommand.
    assert_eq!(
        successmap(&ws, &["segment", "--persona", "home architect"])
            .status
            .code(),
        Some(0)
    );
}
