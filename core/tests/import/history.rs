//! Stage history from a CRM imported as placement history with its original dates.

use std::sync::atomic::AtomicBool;

use crate::common::now;
use crate::{all_customers, import as import_bytes, p, workspace};
use successmap_core::db::placements;
use successmap_core::import::{history, Control, Mode, Table};
use successmap_core::model::{
    HistoryField, HistoryOptions, HistoryReport, PlacementSource, StageChoice, StageMatch,
};
use successmap_core::{CoreError, Db};

fn run_history(
    db: &mut Db,
    bytes: &[u8],
    stages: &[(&str, Option<&str>)],
    mode: Mode,
) -> Result<HistoryReport, CoreError> {
    let table = Table::from_csv_bytes(bytes.to_vec()).unwrap();
    let options = HistoryOptions {
        mapping: history::propose_mapping(&table.headers),
        stages: stages
            .iter()
            .map(|(stage, step)| StageChoice {
                stage: stage.to_string(),
                step: step.map(str::to_string),
            })
            .collect(),
        field: None,
        encoding: None,
    };
    let cancel = AtomicBool::new(false);
    let control = Control {
        progress: &mut |_| {},
        cancel: &cancel,
    };
    match mode {
        Mode::Validate => db.read(|c| history::run(c, &table, &options, mode, control)),
        Mode::Write { .. } => db.write(|tx| history::run(tx, &table, &options, mode, control)),
    }
}

/// A HubSpot export of company property history: every property's changes, with the
/// lifecycle stage among them, and companies that never became customers.
const HUBSPOT: &str = "Company ID,Company name,Property,Value,Timestamp,Source\n\
101,Acme,Lifecycle Stage,lead,2025-01-10T09:00:00.000Z,CRM_UI\n\
101,Acme,Lifecycle Stage,customer,2025-03-01T10:00:00.000Z,CRM_UI\n\
101,Acme,Annual Revenue,120000,2025-03-02T10:00:00.000Z,INTEGRATION\n\
101,Acme,Lifecycle Stage,evangelist,2025-09-15T08:30:00.000Z,CRM_UI\n\
102,Birch,Lifecycle Stage,customer,2025-06-01T12:00:00.000Z,IMPORT\n\
999,Never Bought,Lifecycle Stage,customer,2025-02-01T12:00:00.000Z,IMPORT\n";

#[test]
fn a_hubspot_lifecycle_history_becomes_placement_history_with_its_dates() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\n101,Acme,Architect,Adopt\n102,Birch,Architect,Onboard\n",
    );
    let table = Table::from_csv_bytes(HUBSPOT.as_bytes().to_vec()).unwrap();
    assert_eq!(
        history::propose_mapping(&table.headers),
        vec![
            Some(HistoryField::ExternalId),
            Some(HistoryField::Name),
            Some(HistoryField::Field),
            Some(HistoryField::Stage),
            Some(HistoryField::Date),
            None
        ]
    );
    let stages = [("customer", Some("Onboard")), ("evangelist", Some("Adopt"))];
    let check = run_history(&mut db, HUBSPOT.as_bytes(), &stages, Mode::Validate).unwrap();
    assert_eq!(check.problems, vec![]);
    assert_eq!(
        (
            check.rows,
            check.valid_rows,
            check.skipped_rows,
            check.customers,
            check.new_entries
        ),
        (6, 3, 3, 2, 3)
    );
    let fields: Vec<(String, u32, bool)> = check
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.rows, f.imported))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("Lifecycle Stage".into(), 5, true),
            ("Annual Revenue".into(), 1, false)
        ]
    );
    let lead = check.stages.iter().find(|s| s.stage == "lead").unwrap();
    assert_eq!(
        (lead.rows, lead.step.as_deref(), lead.matched),
        (1, None, StageMatch::None)
    );
    assert_eq!(
        check.notes,
        vec![
            "Left out 1 row about other fields than the stage.",
            "Left out 1 row of stages that go to no step.",
            "Left out 1 row of customers the workspace does not have (such as \"999\"); \
             import them as customers first to keep their history.",
        ]
    );

    let done = run_history(
        &mut db,
        HUBSPOT.as_bytes(),
        &stages,
        Mode::Write { now: now() },
    )
    .unwrap();
    assert_eq!((done.new_entries, done.known_entries), (3, 0));
    let acme = all_customers(&db)
        .into_iter()
        .find(|r| r.customer.name == "Acme")
        .unwrap();
    let entries = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    let steps = |id: Option<successmap_core::model::StepId>| {
        id.map(|id| {
            db.read(|c| successmap_core::db::steps::get(c, id))
                .unwrap()
                .title
        })
    };
    let walk: Vec<(String, Option<String>, Option<String>)> = entries
        .iter()
        .map(|e| {
            (
                e.at.to_rfc3339(),
                steps(e.from_current_step_id),
                steps(e.to_current_step_id),
            )
        })
        .collect();
    // The import's "placed on Adopt" today gave way to the history, which ends on Adopt.
    assert_eq!(
        walk,
        vec![
            (
                "2025-03-01T10:00:00+00:00".into(),
                None,
                Some("Onboard".into())
            ),
            (
                "2025-09-15T08:30:00+00:00".into(),
                Some("Onboard".into()),
                Some("Adopt".into())
            ),
        ]
    );
    assert!(entries.iter().all(|e| e.source == PlacementSource::Import));
    // Birch is on Onboard today, where the history also has it.
    let again = run_history(
        &mut db,
        HUBSPOT.as_bytes(),
        &stages,
        Mode::Write { now: now() },
    )
    .unwrap();
    assert_eq!(
        (again.new_entries, again.known_entries),
        (0, 3),
        "nothing twice"
    );
}

#[test]
fn saved_stage_choices_and_same_named_steps_are_used_next_time() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\n101,Acme,Architect,Adopt\n",
    );
    db.write(|tx| {
        history::remember_stages(
            tx,
            &[StageChoice {
                stage: "Customer".into(),
                step: Some("Onboard".into()),
            }],
        )
    })
    .unwrap();
    let file = "Record ID,Lifecycle Stage,Date\n101,customer,2025-01-01\n101,adopt,2025-02-01\n";
    let check = run_history(&mut db, file.as_bytes(), &[], Mode::Validate).unwrap();
    let how: Vec<(String, Option<String>, StageMatch)> = check
        .stages
        .iter()
        .map(|s| (s.stage.clone(), s.step.clone(), s.matched))
        .collect();
    assert_eq!(
        how,
        vec![
            ("adopt".into(), Some("adopt".into()), StageMatch::SameName),
            ("customer".into(), Some("Onboard".into()), StageMatch::Saved),
        ]
    );
    assert_eq!(check.new_entries, 2);
}

#[test]
fn a_salesforce_field_history_report_by_name_with_its_problems() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"name,persona,current_step\nAcme,Architect,Expand\nTwin,Architect,\nTwin,Developer,\n",
    );
    let file = "Account Name,Field / Event,Old Value,New Value,Edit Date\n\
Acme,Stage,Onboard,Adopt,3/1/2025 10:02 AM\n\
Acme,Account Owner,Maya,Jon,3/2/2025 9:00 AM\n\
Acme,Stage,Adopt,Expand,next week\n\
Twin,Stage,,Onboard,4/1/2025 8:00 AM\n\
Acme,Stage,Adopt,Certified,5/1/2025 8:00 AM\n";
    let stages = [("Certified", Some("Partner"))];
    let check = run_history(&mut db, file.as_bytes(), &stages, Mode::Validate).unwrap();
    assert_eq!(
        check.problems,
        vec![
            p(
                4,
                Some("Edit Date"),
                "\"next week\" is not a date and time (write it like 2026-11-23 or 2026-11-23 14:05)"
            ),
            p(
                5,
                Some("Account Name"),
                "2 customers are named \"Twin\"; add the column of their external ids"
            ),
            p(
                6,
                Some("New Value"),
                "the map of Architect has no step \"Partner\" (for the stage \"Certified\")"
            ),
        ]
    );
    assert_eq!(
        (check.valid_rows, check.rejected_rows, check.skipped_rows),
        (1, 3, 1)
    );
    let done = run_history(
        &mut db,
        file.as_bytes(),
        &stages,
        Mode::Write { now: now() },
    )
    .unwrap();
    assert_eq!(done.new_entries, 1);
    let acme = all_customers(&db)
        .into_iter()
        .find(|r| r.customer.name == "Acme")
        .unwrap();
    let entries = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    // The history (Onboard → Adopt in March) comes first; the import's sighting on
    // Expand now starts from Adopt.
    assert_eq!(entries.len(), 2);
    // Without a zone, the moment is the exporting user's local time (this machine's).
    let local = chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
        .unwrap()
        .and_hms_opt(10, 2, 0)
        .unwrap()
        .and_local_timezone(chrono::Local)
        .unwrap();
    assert_eq!(entries[0].at, local.to_utc());
    assert_eq!(
        entries[1].from_current_step_id,
        entries[0].to_current_step_id
    );
    assert_eq!(entries[1].to_current_step_id, acme.customer.current_step_id);
}

#[test]
fn a_second_import_with_more_stages_mapped_corrects_instead_of_repeating() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\n101,Acme,Architect,Adopt\n",
    );
    let file = "Record ID,Lifecycle Stage,Date\n101,lead,2025-01-01\n101,customer,2025-02-01\n\
101,evangelist,2025-03-01\n101,Expand,2030-01-01\n";
    let first = [
        ("customer", Some("Adopt")),
        ("evangelist", None),
        ("lead", None),
    ];
    let done = run_history(&mut db, file.as_bytes(), &first, Mode::Write { now: now() }).unwrap();
    // The 2030 change is later than the workspace's own latest entry (the import today).
    assert_eq!((done.new_entries, done.corrected_entries), (1, 1));
    assert!(done
        .notes
        .iter()
        .any(|n| n.starts_with("Left out 1 row of changes later than")));
    let second = [
        ("customer", Some("Adopt")),
        ("evangelist", None),
        ("lead", Some("Onboard")),
    ];
    let again = run_history(
        &mut db,
        file.as_bytes(),
        &second,
        Mode::Write { now: now() },
    )
    .unwrap();
    // Onboard in January is new; the February move onto Adopt is known, and now comes
    // from Onboard.
    assert_eq!(
        (
            again.new_entries,
            again.known_entries,
            again.corrected_entries
        ),
        (1, 1, 1)
    );
    let acme = all_customers(&db).remove(0);
    let entries = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        entries[1].from_current_step_id,
        entries[0].to_current_step_id
    );
    assert_eq!(entries[1].to_current_step_id, acme.customer.current_step_id);
}

#[test]
fn changes_at_the_same_moment_in_a_file_written_newest_first_are_read_bottom_up() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\n101,Acme,Architect,Expand\n",
    );
    let file = "Record ID,Lifecycle Stage,Date\n101,Expand,2025-05-01\n101,Adopt,2025-03-01\n\
101,Onboard,2025-03-01\n";
    let done = run_history(&mut db, file.as_bytes(), &[], Mode::Write { now: now() }).unwrap();
    assert_eq!(done.new_entries, 3);
    let acme = all_customers(&db).remove(0);
    let entries = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    let to: Vec<_> = entries.iter().map(|e| e.to_current_step_id).collect();
    let from: Vec<_> = entries.iter().map(|e| e.from_current_step_id).collect();
    assert_eq!(from[0], None);
    assert_eq!(
        (from[1], from[2]),
        (to[0], to[1]),
        "Onboard → Adopt → Expand"
    );
}

#[test]
fn a_file_that_writes_days_first_is_read_days_first_throughout() {
    let (mut db, _) = workspace();
    import_bytes(
        &mut db,
        b"external_id,name,persona,current_step\n101,Acme,Architect,Adopt\n",
    );
    // A comma-separated file (month first by default), whose 13/2 shows days first.
    let file = "Record ID,Lifecycle Stage,Date\n101,Onboard,1/2/2025\n101,Adopt,13/2/2025\n";
    run_history(&mut db, file.as_bytes(), &[], Mode::Write { now: now() }).unwrap();
    let acme = all_customers(&db).remove(0);
    let entries = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    let days: Vec<String> = entries
        .iter()
        .map(|e| {
            e.at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d")
                .to_string()
        })
        .collect();
    assert_eq!(days, ["2025-02-01", "2025-02-13"]);
}
