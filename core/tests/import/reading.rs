//! Reading files as CRMs and spreadsheets write them: delimiters, encodings, quotes,
//! line numbers, broken bytes and hostile input, and every problem reported by line.

#![allow(clippy::unwrap_used)]
use std::sync::atomic::AtomicBool;

use crate::common::{memory_db, persona};
use crate::{all_customers, options_for, p, workspace, write_table};
use successmap_core::db::placements;
use successmap_core::import::{self, Control, Mode, Table};

/// The helper that imports bytes into a workspace (the module `import` is the core's).
use crate::import as import_bytes;
use successmap_core::model::PlacementSource;

#[test]
fn bom_crlf_quoted_commas_and_newlines_are_read() {
    let (mut db, _) = workspace();
    let file = b"\xEF\xBB\xBFexternal_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,renewal_date,notes\r\n\
A-1,\"Acme, Inc.\",Architect,Onboard,Adopt,\"1,200.50\",80,-30,90.5,Maya,2027-01-31,\"line one\r\nline two\"\r\n\
A-2,Beta,architect,adopt,EXPAND,500,,,,,,\r\n";
    let table = Table::from_csv_bytes(file.to_vec()).unwrap();
    assert_eq!(table.encoding().unwrap().describe(), "UTF-8 with BOM");
    assert_eq!(table.delimiter(), Some(b','));
    assert_eq!(table.headers[0], "external_id");
    let report = import_bytes(&mut db, file);
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
    assert_eq!(
        table.encoding().unwrap().encoding,
        encoding_rs::WINDOWS_1252
    );
    assert_eq!(table.delimiter(), Some(b';'));
    let report = import_bytes(&mut db, file);
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
    let report = import_bytes(&mut db, file.as_bytes());
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
    // A name's line break (a spreadsheet cell's Alt+Enter) becomes a space.
    assert_eq!(names, vec!["Fine", "Good", "Multi line"]);
}

#[test]
fn invalid_utf8_bytes_in_a_utf8_file_reject_that_row_only() {
    let (mut db, _) = workspace();
    let file = b"name,persona,notes\nCaf\xc3\xa9,Architect,d\xc3\xa9j\xc3\xa0 vu\nBad\xff\xfeName,Architect,\n";
    let report = import_bytes(&mut db, file);
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
    let report = import_bytes(&mut db, file.as_bytes());
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
    let report = import_bytes(&mut db, file);
    assert_eq!(
        report.problems,
        vec![p(3, None, "the row has 1 field; the header has 2")]
    );
    assert_eq!(report.valid_rows, 1);
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
    let report = import_bytes(&mut db, file);
    assert_eq!(
        report.problems,
        vec![
            p(4, Some("arr"), "ARR \"lots\" is not an amount"),
            p(5, Some("arr"), "ARR \"x\" is not an amount"),
        ]
    );
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
fn an_arr_above_the_limit_is_a_problem_of_its_row() {
    let mut db = memory_db();
    persona(&mut db, "P");
    let report = import_bytes(
        &mut db,
        b"name,persona,arr\nFine,P,10000000000\nHuge,P,10000000000.01\n",
    );
    assert_eq!((report.new_customers, report.rejected_rows), (1, 1));
    assert_eq!(
        report.problems[0].reason,
        "ARR 10000000000.01 is above the limit of 10,000,000,000"
    );
}
