//! Hostile and huge files: bounded memory and a clear report, never a hang or a crash.

#![allow(clippy::unwrap_used)]
use std::io::Write;

use crate::import as import_bytes;
use crate::{p, workspace};
use successmap_core::import::source::{FIELD_LIMIT, MAX_COLUMNS};
use successmap_core::import::Table;

#[test]
fn a_field_over_the_limit_is_a_problem_of_its_row_and_the_rest_is_read() {
    let (mut db, _) = workspace();
    let huge = "x".repeat(FIELD_LIMIT + 10);
    let file = format!("name,persona,notes\nA,Architect,ok\nB,Architect,{huge}\nC,Architect,ok\n");
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![p(
            3,
            None,
            "the row was not read: a field is longer than 1 MiB (an unbalanced quote mark makes \
             the rest of the file one field)"
        )]
    );
    assert_eq!(report.valid_rows, 2);
}

/// An unbalanced quote near the top of a large file turns the rest into one field: it
/// is read past (not kept) and reported at its line, whatever the file's size.
#[test]
fn an_unbalanced_quote_near_the_top_of_a_large_file_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "name,persona").unwrap();
    writeln!(out, "A,Architect").unwrap();
    writeln!(out, "\"B,Architect").unwrap();
    for i in 0..200_000 {
        writeln!(out, "Customer {i},Architect").unwrap();
    }
    drop(out);
    let table = Table::open(&path).unwrap();
    let mut rows = Vec::new();
    table
        .rows(&mut |row| {
            rows.push((row.line, row.cells.len(), row.oversized.clone()));
            true
        })
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], (2, 2, None));
    assert_eq!(rows[1].0, 3);
    assert!(rows[1].2.as_deref().unwrap().contains("longer than 1 MiB"));
}

#[test]
fn a_row_with_more_columns_than_excel_allows_is_not_read() {
    let (mut db, _) = workspace();
    let wide = ",".repeat(MAX_COLUMNS + 5);
    let file = format!("name,persona\nA,Architect\nB{wide}\nC,Architect\n");
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![p(
            3,
            None,
            "the row was not read: the row has more than 16384 fields"
        )]
    );
    assert_eq!(report.valid_rows, 2);
}

/// A minimal workbook (stored, not compressed) with `sheet` as its only worksheet.
fn workbook(path: &std::path::Path, sheet: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, text) in parts {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

#[test]
fn a_hand_made_workbook_is_read_and_a_cell_beyond_excels_last_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fine = dir.path().join("fine.xlsx");
    workbook(
        &fine,
        &sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c></row>"#,
        ),
    );
    let table = Table::open(&fine).unwrap();
    assert_eq!(table.headers, vec!["name"]);

    let far = dir.path().join("far.xlsx");
    workbook(
        &far,
        &sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="ZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>"#,
        ),
    );
    let table = Table::open(&far).unwrap();
    let err = table.rows(&mut |_| true).unwrap_err();
    assert!(
        err.to_string().contains("beyond Excel's last column"),
        "{err}"
    );
}

/// A ZIP whose central directory says a part unpacks to 4 GiB (what a zip bomb says, or
/// hides) is refused before anything is unpacked.
#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    workbook(&path, &sheet(""));
    let mut bytes = std::fs::read(&path).unwrap();
    // Every central directory entry (PK\x01\x02) declares 0xFFFF0000 bytes unpacked.
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + found;
        bytes[entry + 24..entry + 28].copy_from_slice(&0xFFFF_0000u32.to_le_bytes());
        at = entry + 4;
    }
    std::fs::write(&path, bytes).unwrap();
    let err = Table::open(&path).err().unwrap();
    assert!(
        err.to_string().contains("unpacks to more than 1 GiB"),
        "{err}"
    );
}

/// A persona column that is really a company column names thousands of "personas": the
/// file may create at most MAX_NEW_PERSONAS, and every row past that says why.
#[test]
fn a_file_cannot_create_more_than_a_few_dozen_personas() {
    use successmap_core::import::Mode;
    use successmap_core::import::MAX_NEW_PERSONAS;
    let (mut db, _) = workspace();
    let mut file = String::from("name,persona\n");
    for i in 0..MAX_NEW_PERSONAS + 3 {
        file.push_str(&format!("Customer {i},Company {i}\n"));
    }
    let report = crate::run(
        &mut db,
        file.as_bytes(),
        true,
        Mode::Write {
            now: crate::common::now(),
        },
    )
    .unwrap();
    assert_eq!(report.missing_personas.len(), MAX_NEW_PERSONAS);
    assert_eq!(report.rejected_rows, 3);
    assert_eq!(
        report.problems[0].reason,
        format!(
            "unknown persona \"Company {MAX_NEW_PERSONAS}\": the file names more than \
             {MAX_NEW_PERSONAS} personas the workspace does not have (is \"persona\" the persona \
             column?)"
        )
    );
}
