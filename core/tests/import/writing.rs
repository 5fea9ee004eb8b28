//! Writing an import: upsert by external id, placement history, all-or-nothing and
//! dry runs, cancel, missing personas and steps, saved column choices, round trip.

#![allow(clippy::unwrap_used)]
use std::sync::atomic::AtomicBool;

use crate::common::{self, memory_db, now};
use crate::{all_customers, options_for, run, workspace, write_table};
use successmap_core::db::{customers, placements};
use successmap_core::import::{self, Control, Mode, Table};

/// The helper that imports bytes into a workspace (the module `import` is the core's).
use crate::import as import_bytes;
use successmap_core::model::{CustomerQuery, PlacementSource};
use successmap_core::{export, CoreError};

#[test]
fn reimport_updates_by_external_id_is_idempotent_and_records_step_changes() {
    let (mut db, _) = workspace();
    let first = b"id,name,persona,stage,target,arr\nC1,One,Architect,Onboard,Adopt,100\nC2,Two,Architect,Adopt,,200\n";
    let report = import_bytes(&mut db, first);
    assert_eq!((report.new_customers, report.matched_customers), (2, 0));
    let again = import_bytes(&mut db, first);
    assert_eq!(
        (
            again.new_customers,
            again.matched_customers,
            again.updated_customers,
            again.unchanged_customers
        ),
        (0, 2, 0, 2)
    );
    let one = all_customers(&db)[0].customer.clone();
    assert_eq!(
        db.read(|c| placements::list_for_customer(c, one.id))
            .unwrap()
            .len(),
        1
    );

    let moved = b"id,name,persona,stage,target,arr\nC1,One,Architect,Adopt,Adopt,150\nC3,Three,Developer,Start,,\n";
    let report = import_bytes(&mut db, moved);
    assert_eq!(
        (
            report.new_customers,
            report.matched_customers,
            report.updated_customers
        ),
        (1, 1, 1)
    );
    let rows = all_customers(&db);
    assert_eq!(rows.len(), 3);
    let one_after = rows.iter().find(|r| r.customer.id == one.id).unwrap();
    assert_eq!(one_after.customer.arr_cents, Some(15_000));
    assert_eq!(one_after.current_step_title.as_deref(), Some("Adopt"));
    let history = db
        .read(|c| placements::list_for_customer(c, one.id))
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].source, PlacementSource::Import);
    assert_eq!(history[1].from_current_step_id, one.current_step_id);
    assert_eq!(
        history[1].to_current_step_id,
        one_after.customer.current_step_id
    );
}

#[test]
fn columns_missing_from_a_reimport_keep_their_values() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"id,name,persona,stage,notes\nC1,One,Architect,Adopt,Keep me\n",
    );
    let report = import_bytes(&mut db, b"id,name,persona,health\nC1,One,Architect,90\n");
    assert_eq!(report.updated_customers, 1);
    let row = &all_customers(&db)[0];
    assert_eq!(row.customer.notes, "Keep me");
    assert_eq!(row.current_step_title.as_deref(), Some("Adopt"));
    assert_eq!(row.customer.health, Some(90));
}

#[test]
fn all_or_nothing_and_dry_runs_write_nothing() {
    let (mut db, _) = workspace();
    let file = b"name,persona\nGood,Architect\nBad,Nobody\n";
    let table = Table::from_csv_bytes(file.to_vec()).unwrap();
    let options = options_for(&db, &table, false);
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let report = db
        .write_if(|tx| {
            let control = Control {
                progress: &mut progress,
                cancel: &cancel,
            };
            let report = import::run(tx, &table, &options, Mode::Write { now: now() }, control)?;
            let commit = report.rejected_rows == 0;
            Ok((report, commit))
        })
        .unwrap();
    assert_eq!(report.rejected_rows, 1);
    assert_eq!(db.read(customers::count).unwrap(), 0);

    let dry = run(&mut db, file, false, Mode::Validate).unwrap();
    assert_eq!(
        (dry.valid_rows, dry.new_customers, dry.written),
        (1, 1, false)
    );
    assert_eq!(db.read(customers::count).unwrap(), 0);
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let (mut db, _) = workspace();
    let mut file = String::from("name,persona\n");
    for i in 0..10_000 {
        file.push_str(&format!("Customer {i},Architect\n"));
    }
    let table = Table::from_csv_bytes(file.into_bytes()).unwrap();
    let options = options_for(&db, &table, false);
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let mut progress = |p: successmap_core::model::ImportProgress| {
        seen = p.rows_done;
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let result = db.write(|tx| {
        import::run(
            tx,
            &table,
            &options,
            Mode::Write { now: now() },
            Control {
                progress: &mut progress,
                cancel: &cancel,
            },
        )
    });
    assert!(matches!(result, Err(CoreError::Cancelled)));
    assert_eq!(seen, 4096);
    assert_eq!(db.read(customers::count).unwrap(), 0);
}

#[test]
fn missing_personas_and_steps_are_created_in_order_of_first_appearance_when_asked() {
    let mut db = memory_db();
    let file = b"name,persona,current_step,target_step\nA,Ops Lead,Pilot,Scale\nB,ops lead,Trial,Pilot\nC,Architect,,\n";
    let refused = import_bytes(&mut db, file);
    assert_eq!(refused.valid_rows, 0);
    assert_eq!(refused.missing_personas, vec!["Ops Lead", "Architect"]);
    assert_eq!(
        refused.missing_steps,
        vec!["Ops Lead › Pilot", "Ops Lead › Scale", "Ops Lead › Trial"]
    );
    let dry = run(&mut db, file, true, Mode::Validate).unwrap();
    assert_eq!((dry.valid_rows, dry.problems.len()), (3, 0));
    assert_eq!(db.read(successmap_core::db::personas::count).unwrap(), 0);

    let report = run(&mut db, file, true, Mode::Write { now: now() }).unwrap();
    assert_eq!((report.valid_rows, report.new_customers), (3, 3));
    let personas = db.read(successmap_core::db::personas::list).unwrap();
    let names: Vec<&str> = personas.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ops Lead", "Architect"]);
    assert_eq!(
        common::step_titles(&db, &personas[0]),
        vec!["Pilot", "Scale", "Trial"]
    );
}

#[test]
fn rows_without_a_persona_take_the_chosen_one() {
    let (mut db, architect) = workspace();
    let table = Table::from_csv_bytes(b"Company,Stage\nAcme,Adopt\n".to_vec()).unwrap();
    let mut options = options_for(&db, &table, false);
    assert!(db
        .read(|c| import::run(
            c,
            &table,
            &options,
            Mode::Validate,
            Control {
                progress: &mut |_| {},
                cancel: &AtomicBool::new(false)
            }
        ))
        .is_err());
    options.default_persona_id = Some(architect.id);
    let report = write_table(&mut db, &table, &options).unwrap();
    assert_eq!(report.valid_rows, 1);
    assert_eq!(
        all_customers(&db)[0].current_step_title.as_deref(),
        Some("Adopt")
    );
}

#[test]
fn saved_column_choices_come_back_for_the_same_headers() {
    let (mut db, _) = workspace();
    let headers: Vec<String> = ["Kunde", "Typ", "Bemerkung"].map(String::from).to_vec();
    let (guess, saved) = db.read(|c| import::propose_mapping(c, &headers)).unwrap();
    assert_eq!((guess, saved), (vec![None, None, None], vec![false; 3]));
    use successmap_core::model::ImportField::*;
    db.write(|tx| import::remember_mapping(tx, &headers, &[Some(Name), Some(Persona), None]))
        .unwrap();
    let (mapping, saved) = db.read(|c| import::propose_mapping(c, &headers)).unwrap();
    assert_eq!(
        (mapping, saved),
        (vec![Some(Name), Some(Persona), None], vec![true; 3])
    );
}

#[test]
fn export_then_import_into_an_empty_workspace_reproduces_the_customers() {
    let mut db = memory_db();
    db.write(|tx| successmap_core::demo::build(tx, now()))
        .unwrap();
    // Text a spreadsheet would run, and text that only looks like it.
    let (first, _) = {
        let rows = all_customers(&db);
        (rows[0].customer.clone(), ())
    };
    let mut input = successmap_core::model::CustomerInput {
        external_id: first.external_id.clone(),
        name: "=HYPERLINK(\"http://x\")".into(),
        persona_id: first.persona_id,
        current_step_id: first.current_step_id,
        target_step_id: first.target_step_id,
        arr_cents: Some(1_234_567),
        health: first.health,
        nps: Some(-40),
        csat: first.csat,
        owner: "@owner".into(),
        renewal_date: first.renewal_date,
        notes: "-5% churn risk, \"quoted\"\nsecond line".into(),
    };
    input.external_id = Some("+49 ext".into());
    db.write(|tx| {
        successmap_core::ops::customers::update(tx, first.id, &input, PlacementSource::Edit, now())
    })
    .unwrap();

    let mut exported = Vec::new();
    let count = db
        .read(|c| {
            export::customers_csv(
                c,
                &CustomerQuery::default(),
                common::today(),
                None,
                &mut exported,
            )
        })
        .unwrap();
    assert_eq!(count as usize, all_customers(&db).len());
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(text.starts_with(
        "external_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,renewal_date,notes\r\n"
    ));
    assert!(
        text.contains("'+49 ext,\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{}",
        &text[..400]
    );

    let mut fresh = memory_db();
    let report = run(&mut fresh, &exported, true, Mode::Write { now: now() }).unwrap();
    assert_eq!(report.problems, vec![]);
    let mut again = Vec::new();
    fresh
        .read(|c| {
            export::customers_csv(
                c,
                &CustomerQuery::default(),
                common::today(),
                None,
                &mut again,
            )
        })
        .unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

#[test]
fn a_reimport_without_personas_keeps_matched_customers_where_they_are() {
    let (mut db, _) = workspace();
    import_bytes(&mut db, b"id,name,persona,stage\nC1,One,Architect,Adopt\n");
    let developer = db.read(successmap_core::db::personas::list).unwrap()[1].id;
    let table = Table::from_csv_bytes(b"id,name,arr\nC1,One,250\nC2,Two,10\n".to_vec()).unwrap();
    let mut options = options_for(&db, &table, false);
    options.default_persona_id = Some(developer);
    let report = write_table(&mut db, &table, &options).unwrap();
    assert_eq!((report.updated_customers, report.new_customers), (1, 1));
    let rows = all_customers(&db);
    let one = rows.iter().find(|r| r.customer.name == "One").unwrap();
    assert_eq!(
        one.persona_name, "Architect",
        "the chosen persona is for new customers only"
    );
    assert_eq!(one.current_step_title.as_deref(), Some("Adopt"));
    assert_eq!(one.customer.arr_cents, Some(25_000));
    let two = rows.iter().find(|r| r.customer.name == "Two").unwrap();
    assert_eq!(two.persona_name, "Developer");
    let history = db
        .read(|c| placements::list_for_customer(c, one.customer.id))
        .unwrap();
    assert_eq!(history.len(), 1, "no placement change");
}

#[test]
fn rejected_rows_create_no_personas_or_steps() {
    let mut db = memory_db();
    let file = b"name,persona,current_step,arr\nBad,Ghost Persona,Haunt,lots\nGood,Real One,Pilot,5\nAlso bad,Real One,Never,x\n";
    let report = run(&mut db, file, true, Mode::Write { now: now() }).unwrap();
    assert_eq!((report.valid_rows, report.rejected_rows), (1, 2));
    let personas = db.read(successmap_core::db::personas::list).unwrap();
    let names: Vec<&str> = personas.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Real One"], "only what a valid row needed");
    assert_eq!(common::step_titles(&db, &personas[0]), ["Pilot"]);
    assert_eq!(
        report.missing_personas,
        ["Ghost Persona", "Real One"],
        "the report still names them all"
    );
}

/// An import that adds steps to an existing map keeps the map as it was first, once,
/// as an automatic version; one that adds none keeps nothing.
#[test]
fn an_import_that_adds_steps_to_a_map_keeps_its_earlier_version() {
    use successmap_core::db::map_versions;
    let (mut db, architect) = workspace();
    crate::import(&mut db, b"name,persona,current_step\nA,Architect,Adopt\n");
    let versions = db
        .read(|c| map_versions::list_for_map(c, architect.map_id))
        .unwrap();
    assert!(versions.is_empty(), "no step was added: {versions:?}");
    let file =
        b"name,persona,current_step,target_step\nB,Architect,Pilot,Scale\nC,Architect,Pilot,\n";
    run(&mut db, file, true, Mode::Write { now: now() }).unwrap();
    let versions = db
        .read(|c| map_versions::list_for_map(c, architect.map_id))
        .unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (
            versions[0].name.as_str(),
            versions[0].automatic,
            versions[0].step_count
        ),
        ("Before import", true, 3)
    );
    assert_eq!(
        common::step_titles(&db, &architect),
        vec!["Onboard", "Adopt", "Expand", "Pilot", "Scale"]
    );
}
