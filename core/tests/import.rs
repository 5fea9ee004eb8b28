#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Importing customers from CSV: detection, validation reports, upsert, history,
//! all-or-nothing, creating missing personas and steps, and the export round trip.
mod common;

use std::sync::atomic::AtomicBool;

use common::{memory_db, now, persona, step};
use successmap_core::db::{customers, placements};
use successmap_core::import::{self, source::Encoding, Control, Mode, Table};
use successmap_core::model::{
    CustomerQuery, ImportOptions, ImportProblem, ImportReport, Persona, PlacementSource,
};
use successmap_core::{export, CoreError, Db};

fn workspace() -> (Db, Persona) {
    let mut db = memory_db();
    let architect = persona(&mut db, "Architect");
    for title in ["Onboard", "Adopt", "Expand"] {
        step(&mut db, &architect, title);
    }
    let developer = persona(&mut db, "Developer");
    for title in ["Start", "Build"] {
        step(&mut db, &developer, title);
    }
    (db, architect)
}

fn options_for(db: &Db, table: &Table, create_missing: bool) -> ImportOptions {
    let (mapping, _) = db
        .read(|c| import::propose_mapping(c, &table.headers))
        .unwrap();
    ImportOptions {
        mapping,
        create_missing,
        default_persona_id: None,
        kpi_columns: Vec::new(),
    }
}

fn run(
    db: &mut Db,
    bytes: &[u8],
    create_missing: bool,
    mode: Mode,
) -> Result<ImportReport, CoreError> {
    let table = Table::from_csv_bytes(bytes.to_vec()).unwrap();
    let options = options_for(db, &table, create_missing);
    let cancel = AtomicBool::new(false);
    let mut progress = |_| {};
    let control = Control {
        progress: &mut progress,
        cancel: &cancel,
    };
    match mode {
        Mode::Validate => db.read(|c| import::run(c, &table, &options, mode, control)),
        Mode::Write { .. } => db.write(|tx| import::run(tx, &table, &options, mode, control)),
    }
}

/// Imports an opened table with these options in one transaction.
fn write_table(
    db: &mut Db,
    table: &Table,
    options: &ImportOptions,
) -> Result<ImportReport, CoreError> {
    let cancel = AtomicBool::new(false);
    db.write(|tx| {
        import::run(
            tx,
            table,
            options,
            Mode::Write { now: now() },
            Control {
                progress: &mut |_| {},
                cancel: &cancel,
            },
        )
    })
}

fn import(db: &mut Db, bytes: &[u8]) -> ImportReport {
    run(db, bytes, false, Mode::Write { now: now() }).unwrap()
}

fn p(line: u32, column: Option<&str>, reason: &str) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        reason: reason.to_string(),
    }
}

fn all_customers(db: &Db) -> Vec<successmap_core::model::CustomerRow> {
    let mut rows = Vec::new();
    db.read(|c| {
        customers::for_each_matching(
            c,
            &CustomerQuery::default(),
            common::today(),
            0,
            None,
            &mut |r| {
                rows.push(r);
                Ok(())
            },
        )
    })
    .unwrap();
    rows
}

#[test]
fn bom_crlf_quoted_commas_and_newlines_are_read() {
    let (mut db, _) = workspace();
    let file = b"\xEF\xBB\xBFexternal_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,renewal_date,notes\r\n\
A-1,\"Acme, Inc.\",Architect,Onboard,Adopt,\"1,200.50\",80,-30,90.5,Maya,2027-01-31,\"line one\r\nline two\"\r\n\
A-2,Beta,architect,adopt,EXPAND,500,,,,,,\r\n";
    let table = Table::from_csv_bytes(file.to_vec()).unwrap();
    assert_eq!(table.encoding(), Some(Encoding::Utf8Bom));
    assert_eq!(table.delimiter(), Some(b','));
    assert_eq!(table.headers[0], "external_id");
    let report = import(&mut db, file);
    assert_eq!(report.problems, vec![]);
    assert_eq!(
        (report.rows, report.valid_rows, report.new_customers),
        (2, 2, 2)
    );
    let rows = all_customers(&db);
    let acme = &rows[0];
    assert_eq!(acme.customer.name, "Acme, Inc.");
    assert_eq!(acme.customer.arr_cents, Some(120_050));
    assert_eq!(acme.customer.nps, Some(-30));
    assert_eq!(acme.customer.csat, Some(90.5));
    assert_eq!(acme.customer.notes, "line one\r\nline two");
    assert_eq!(acme.current_step_title.as_deref(), Some("Onboard"));
    assert_eq!(acme.target_step_title.as_deref(), Some("Adopt"));
    assert_eq!(
        rows[1].current_step_title.as_deref(),
        Some("Adopt"),
        "step names match case-insensitively"
    );
    assert_eq!(rows[1].target_step_title.as_deref(), Some("Expand"));
    let history = db
        .read(|c| placements::list_for_customer(c, acme.customer.id))
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].source, PlacementSource::Import);
    assert_eq!(history[0].to_current_step_id, acme.customer.current_step_id);
}

#[test]
fn semicolons_decimal_commas_and_windows_1252_from_a_german_crm() {
    let (mut db, _) = workspace();
    let file =
        b"Account ID;Company name;Segment;Lifecycle Stage;Annual Revenue;Health Score;Renewal\r\n\
X1;M\xfcller Stra\xdfenbau GmbH;Architect;Onboard;1.234,56;75;31.01.2027\r\n\
X2;Caf\xe9 \x80 Co;Developer;Build;99,5;;\r\n";
    let table = Table::from_csv_bytes(file.to_vec()).unwrap();
    assert_eq!(table.encoding(), Some(Encoding::Windows1252));
    assert_eq!(table.delimiter(), Some(b';'));
    let report = import(&mut db, file);
    assert_eq!(report.problems, vec![]);
    let rows = all_customers(&db);
    assert_eq!(rows[0].customer.name, "Café € Co");
    assert_eq!(rows[0].customer.arr_cents, Some(9_950));
    assert_eq!(rows[1].customer.name, "Müller Straßenbau GmbH");
    assert_eq!(rows[1].customer.arr_cents, Some(123_456));
    assert_eq!(rows[1].customer.health, Some(75));
    assert_eq!(
        rows[1].customer.renewal_date,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 31)
    );
    assert_eq!(rows[1].customer.external_id.as_deref(), Some("X1"));
}

#[test]
fn tabs_are_detected() {
    let table = Table::from_csv_bytes(b"Name\tPersona\nAcme\tArchitect\n".to_vec()).unwrap();
    assert_eq!(table.delimiter(), Some(b'\t'));
    assert_eq!(table.headers, vec!["Name", "Persona"]);
}

#[test]
fn every_problem_row_is_reported_with_its_editor_line_and_nothing_of_it_is_written() {
    let (mut db, _) = workspace();
    let file = "external_id,name,persona,current_step,arr,health\n\
E1,Good,Architect,Onboard,100,50\n\
E1,Dup,Architect,Onboard,100,50\n\
E3,,Architect,Onboard,100,50\n\
E4,BadArr,Architect,Onboard,lots,50\n\
E5,Ghost,Nobody,Onboard,100,50\n\
E6,Lost,Architect,Nowhere,100,50\n\
E7,Sick,Architect,Onboard,100,120\n\
E8,\"Multi\nline\",Architect,Onboard,100,50\n\
E9,Short,Architect\n\
E10,Fine,Developer,Build,\"2,5\",\n";
    let report = import(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![
            p(
                3,
                Some("external_id"),
                "duplicate external id \"E1\": already on line 2"
            ),
            p(4, Some("name"), "the name is empty"),
            p(5, Some("arr"), "ARR \"lots\" is not an amount"),
            p(6, Some("persona"), "unknown persona \"Nobody\""),
            p(
                7,
                Some("current_step"),
                "unknown step \"Nowhere\" on the map of Architect"
            ),
            p(8, Some("health"), "Health 120 is outside 0…100"),
            p(11, None, "the row has 3 fields; the header has 6"),
        ]
    );
    assert_eq!(
        (report.rows, report.valid_rows, report.rejected_rows),
        (10, 3, 7)
    );
    assert_eq!(report.problem_count, 7);
    assert_eq!(report.missing_personas, vec!["Nobody"]);
    assert_eq!(
        report.missing_steps,
        vec!["Nobody › Onboard", "Architect › Nowhere"]
    );
    let names: Vec<String> = all_customers(&db)
        .into_iter()
        .map(|r| r.customer.name)
        .collect();
    assert_eq!(names, vec!["Fine", "Good", "Multi\nline"]);
}

#[test]
fn invalid_utf8_bytes_in_a_utf8_file_reject_that_row_only() {
    let (mut db, _) = workspace();
    let file = b"name,persona,notes\nCaf\xc3\xa9,Architect,d\xc3\xa9j\xc3\xa0 vu\nBad\xff\xfeName,Architect,\n";
    let report = import(&mut db, file);
    assert_eq!(
        report.problems,
        vec![p(
            3,
            Some("name"),
            "invalid bytes: the text is not valid UTF-8"
        )]
    );
    assert_eq!(report.valid_rows, 1);
    assert_eq!(all_customers(&db)[0].customer.name, "Café");
}

#[test]
fn huge_fields_are_refused_with_their_length() {
    let (mut db, _) = workspace();
    let notes = "x".repeat(5000);
    let long_name = "n".repeat(200);
    let file = format!("name,persona,notes\nA,Architect,{notes}\n{long_name},Architect,ok\n");
    let report = import(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![
            p(
                2,
                Some("notes"),
                "Notes is 5000 characters long; the limit is 4000"
            ),
            p(
                3,
                Some("name"),
                "Name is 200 characters long; the limit is 120"
            ),
        ]
    );
}

#[test]
fn an_unterminated_quote_swallows_the_rest_and_is_reported_as_ragged() {
    let (mut db, _) = workspace();
    let file = b"name,persona\nA,Architect\n\"B,Architect\nC,Architect\n";
    let report = import(&mut db, file);
    assert_eq!(
        report.problems,
        vec![p(3, None, "the row has 1 fields; the header has 2")]
    );
    assert_eq!(report.valid_rows, 1);
}

#[test]
fn reimport_updates_by_external_id_is_idempotent_and_records_step_changes() {
    let (mut db, _) = workspace();
    let first = b"id,name,persona,stage,target,arr\nC1,One,Architect,Onboard,Adopt,100\nC2,Two,Architect,Adopt,,200\n";
    let report = import(&mut db, first);
    assert_eq!((report.new_customers, report.matched_customers), (2, 0));
    let again = import(&mut db, first);
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
    let report = import(&mut db, moved);
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
    import(
        &mut db,
        b"id,name,persona,stage,notes\nC1,One,Architect,Adopt,Keep me\n",
    );
    let report = import(&mut db, b"id,name,persona,health\nC1,One,Architect,90\n");
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
    let refused = import(&mut db, file);
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
    assert_eq!((guess, saved), (vec![None, None, None], false));
    use successmap_core::model::ImportField::*;
    db.write(|tx| import::remember_mapping(tx, &headers, &[Some(Name), Some(Persona), None]))
        .unwrap();
    let (mapping, saved) = db.read(|c| import::propose_mapping(c, &headers)).unwrap();
    assert_eq!(
        (mapping, saved),
        (vec![Some(Name), Some(Persona), None], true)
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
            export::customers_csv(c, &CustomerQuery::default(), common::today(), &mut exported)
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
        .read(|c| export::customers_csv(c, &CustomerQuery::default(), common::today(), &mut again))
        .unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

#[test]
fn xlsx_files_are_read_from_the_first_worksheet_with_row_numbers_as_lines() {
    let (mut db, _) = workspace();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "Account ID",
        "Account Name",
        "Persona",
        "Stage",
        "ARR",
        "Renewal Date",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "S-1").unwrap();
    sheet.write_string(1, 1, "Sheet Co").unwrap();
    sheet.write_string(1, 2, "Architect").unwrap();
    sheet.write_string(1, 3, "Expand").unwrap();
    sheet.write_number(1, 4, 2500.5).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2027, 3, 1).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(1, 5, &date, &format)
        .unwrap();
    // Row 3 left empty; row 4 has a bad ARR.
    sheet.write_string(3, 0, "S-2").unwrap();
    sheet.write_string(3, 1, "Bad Co").unwrap();
    sheet.write_string(3, 2, "Architect").unwrap();
    sheet.write_string(3, 4, "a lot").unwrap();
    book.save(&path).unwrap();

    let table = Table::open(&path).unwrap();
    assert_eq!(table.format(), "xlsx");
    let options = options_for(&db, &table, false);
    let report = write_table(&mut db, &table, &options).unwrap();
    assert_eq!(
        report.problems,
        vec![p(4, Some("ARR"), "ARR \"a lot\" is not an amount")]
    );
    let row = &all_customers(&db)[0];
    assert_eq!(row.customer.name, "Sheet Co");
    assert_eq!(row.customer.arr_cents, Some(250_050));
    assert_eq!(
        row.customer.renewal_date,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1)
    );
    assert_eq!(row.current_step_title.as_deref(), Some("Expand"));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn validate(bytes: Vec<u8>) {
        let (db, _) = workspace();
        let Ok(table) = Table::from_csv_bytes(bytes) else {
            return;
        };
        let options = options_for(&db, &table, false);
        let _ = db.read(|c| {
            import::run(
                c,
                &table,
                &options,
                Mode::Validate,
                Control {
                    progress: &mut |_| {},
                    cancel: &AtomicBool::new(false),
                },
            )
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            validate(bytes);
        }

        #[test]
        fn on_csv_like_text(body in "(name|persona|arr|health|Architect|Onboard|\"|,|;|\t|\r|\n|é|\u{ff}|[0-9.,-]{1,6}|x){0,120}") {
            validate(format!("name,persona,current_step,arr,health,nps,renewal_date\n{body}").into_bytes());
        }
    }
}

#[test]
fn lines_are_counted_the_same_with_crlf_endings() {
    let (mut db, _) = workspace();
    let file = b"name,persona,arr\r\nA,Architect,1\r\nB,Architect,2\r\nC,Architect,lots\r\n\"D\r\nE\",Architect,x\r\n";
    let report = import(&mut db, file);
    assert_eq!(
        report.problems,
        vec![
            p(4, Some("arr"), "ARR \"lots\" is not an amount"),
            p(5, Some("arr"), "ARR \"x\" is not an amount"),
        ]
    );
}

#[test]
fn a_reimport_without_personas_keeps_matched_customers_where_they_are() {
    let (mut db, _) = workspace();
    import(&mut db, b"id,name,persona,stage\nC1,One,Architect,Adopt\n");
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
fn broken_bytes_in_a_column_that_is_not_imported_do_not_reject_the_row() {
    let (mut db, _) = workspace();
    let file = b"name,persona,ignored\nCaf\xc3\xa9,Architect,x\nOk,Architect,bad \xff byte\n";
    let table = Table::from_csv_bytes(file.to_vec()).unwrap();
    let mut options = options_for(&db, &table, false);
    assert_eq!(options.mapping[2], None);
    options.mapping[2] = None;
    let report = write_table(&mut db, &table, &options).unwrap();
    assert_eq!(
        (
            report.valid_rows,
            report.rejected_rows,
            report.problem_count
        ),
        (2, 0, 0)
    );
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

#[test]
fn an_arr_above_the_limit_is_a_problem_of_its_row() {
    let mut db = memory_db();
    persona(&mut db, "P");
    let report = import(
        &mut db,
        b"name,persona,arr\nFine,P,10000000000\nHuge,P,10000000000.01\n",
    );
    assert_eq!((report.new_customers, report.rejected_rows), (1, 1));
    assert_eq!(
        report.problems[0].reason,
        "ARR 10000000000.01 is above the limit of 10,000,000,000"
    );
}
