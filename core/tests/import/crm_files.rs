//! Files as CRMs and spreadsheets write them outside this project: exports in the
//! legacy encodings of their locales (the fixtures under `files/` were written by
//! iconv, not by the library that reads them), Excel's `sep=` line, a report's footer,
//! a header with both our field's name and a synonym, control characters in cells.

use std::path::PathBuf;

use crate::{all_customers, import as import_bytes, options_for, p, workspace, write_table};
use successmap_core::import::{self, encoding, Table};
use successmap_core::model::ImportField;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import/files")
        .join(name)
}

/// Each export's encoding is detected with confidence and every name comes through.
#[test]
fn legacy_encodings_are_detected_and_names_read_right() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "shift_jis.csv",
            "Shift_JIS",
            &[
                "株式会社山田製作所",
                "東京ソフトウェア株式会社",
                "北海道ロジスティクス",
            ],
        ),
        (
            "windows-1250.csv",
            "windows-1250",
            &[
                "Příliš žluťoučký kůň s.r.o.",
                "Łódzka Spółdzielnia Mleczarska",
                "Győri Szerszámgyártó Kft.",
            ],
        ),
        (
            "windows-1251.csv",
            "windows-1251",
            &[
                "ООО Ромашка",
                "АО Северсталь Технологии",
                "ИП Соколов Ю. А.",
            ],
        ),
        (
            "gbk.csv",
            "GBK",
            &["北京科技有限公司", "杭州云计算股份有限公司", "广州物流集团"],
        ),
        (
            "big5.csv",
            "Big5",
            &["台北資訊股份有限公司", "新竹半導體科技", "桃園國際物流"],
        ),
        (
            "euc-kr.csv",
            "EUC-KR",
            &["삼성전자 주식회사", "서울소프트 주식회사", "인천항만서비스"],
        ),
    ];
    for (file, expected, names) in cases {
        let table = Table::open(&fixture(file)).unwrap();
        let detected = table.encoding().unwrap();
        assert_eq!(detected.encoding.name(), *expected, "{file}");
        assert!(detected.decided.sure(), "{file}: {detected:?}");
        let (mut db, _) = workspace();
        let options = options_for(&db, &table, false);
        let report = write_table(&mut db, &table, &options).unwrap();
        assert_eq!((report.valid_rows, report.rejected_rows), (5, 0), "{file}");
        let stored: Vec<String> = all_customers(&db)
            .into_iter()
            .map(|r| r.customer.name)
            .collect();
        for name in *names {
            assert!(
                stored.contains(&name.to_string()),
                "{file}: {name} not in {stored:?}"
            );
        }
    }
}

/// The user's choice of encoding wins over the detector's.
#[test]
fn a_chosen_encoding_is_the_one_read() {
    let path = fixture("windows-1251.csv");
    let chosen = encoding::by_name("cp1252").unwrap();
    let table = Table::open_with(&path, Some(chosen)).unwrap();
    assert_eq!(table.encoding().unwrap().decided, encoding::Decided::Chosen);
    let sample = import::sample_rows(&table).unwrap();
    assert_eq!(
        sample[0][1], "ÎÎÎ Ðîìàøêà",
        "read as Windows-1252, as asked"
    );
    let table = Table::open_with(&path, Some(encoding::by_name("windows-1251").unwrap())).unwrap();
    assert_eq!(import::sample_rows(&table).unwrap()[0][1], "ООО Ромашка");
}

#[test]
fn bytes_not_valid_in_the_chosen_encoding_are_reported_in_their_cell() {
    let (mut db, _) = workspace();
    // 0x81 0x20 is not a Shift_JIS character.
    let bytes = b"name,persona\n\x93\x8c\x8b\x9e,Architect\nBad\x81 name,Architect\n".to_vec();
    let table = Table::from_csv_bytes_with(bytes, Some(encoding_rs::SHIFT_JIS)).unwrap();
    let options = options_for(&db, &table, false);
    let report = write_table(&mut db, &table, &options).unwrap();
    assert_eq!(
        report.problems,
        vec![p(
            3,
            Some("name"),
            "invalid bytes: the text is not valid Shift_JIS"
        )]
    );
    assert_eq!(all_customers(&db)[0].customer.name, "東京");
}

#[test]
fn excel_sep_line_names_the_delimiter_and_is_not_the_header() {
    for first in ["sep=;", "\"sep=;\"", "sep=;;;"] {
        let file = format!("{first}\r\nname;persona;arr\r\nAcme, Inc.;Architect;1.234,50\r\n");
        let table = Table::from_csv_bytes(file.clone().into_bytes()).unwrap();
        assert!(table.has_sep_line(), "{first}");
        assert_eq!(table.delimiter(), Some(b';'), "{first}");
        assert_eq!(table.headers, vec!["name", "persona", "arr"], "{first}");
        let (mut db, _) = workspace();
        let report = import_bytes(&mut db, file.as_bytes());
        assert_eq!(report.problems, vec![], "{first}");
        let customer = &all_customers(&db)[0].customer;
        assert_eq!(customer.name, "Acme, Inc.");
        assert_eq!(customer.arr_cents, Some(123_450), "decimal comma with ';'");
    }
    // In UTF-16 (Excel's "Unicode text") with a tab.
    let text = "sep=\t\nname\tpersona\nAcme\tArchitect\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let table = Table::from_csv_bytes(bytes).unwrap();
    assert_eq!((table.delimiter(), table.header_line), (Some(b'\t'), 2));
}

#[test]
fn a_salesforce_report_footer_is_left_out_and_said() {
    let (mut db, _) = workspace();
    let file = "\"Account Name\",\"Segment\",\"Lifecycle Stage\"\n\
\"Acme\",\"Architect\",\"Onboard\"\n\
\"Beta\",\"Architect\",\"Adopt\"\n\
\n\
\"Confidential Information - Do Not Distribute\"\n\
\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n";
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(report.problems, vec![]);
    assert_eq!((report.rows, report.valid_rows), (2, 2));
    assert_eq!(
        report.notes,
        vec![
            "Ignored the report footer on lines 5–6 (\"Confidential Information - Do Not \
             Distribute\")."
        ]
    );
    // The longer footer of a "Details only" export: title, generated by, company.
    let (mut db, _) = workspace();
    let file = "Account Name,Segment\nAcme,Architect\n\n\"Customer accounts\"\n\
\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\
\"Confidential Information - Do Not Distribute\"\n\
\"Generated By:  Maya Lin  11/30/2026 5:24 AM\"\n\"Acme Software Inc.\"\n";
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!((report.rows, report.rejected_rows), (1, 0));
    assert_eq!(
        report.notes,
        vec!["Ignored the report footer on lines 4–8 (\"Customer accounts\")."]
    );
}

#[test]
fn short_rows_at_the_end_that_are_not_a_footer_are_still_reported() {
    let (mut db, _) = workspace();
    let file = "name,persona,arr\nAcme,Architect,1\n\nBeta\n";
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![p(4, None, "the row has 1 field; the header has 3")]
    );
    assert!(report.notes.is_empty());
    // A footer's words in the middle of the data are data.
    let file = "name,persona,arr\nAcme,Architect,1\n\nCopyright\nBeta,Architect,2\n";
    let (mut db, _) = workspace();
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(report.rejected_rows, 1);
    assert_eq!(report.valid_rows, 2);
}

#[test]
fn our_field_name_wins_over_a_synonym_and_the_choice_is_said() {
    let (db, _) = workspace();
    let headers: Vec<String> = [
        "Record ID",
        "Lifecycle Stage",
        "Current step",
        "Name",
        "Company",
    ]
    .map(String::from)
    .to_vec();
    let (mapping, _) = db.read(|c| import::propose_mapping(c, &headers)).unwrap();
    assert_eq!(
        mapping,
        vec![
            Some(ImportField::ExternalId),
            None,
            Some(ImportField::CurrentStep),
            Some(ImportField::Name),
            None
        ]
    );
    let said: Vec<String> = import::ambiguities(&headers, &mapping)
        .iter()
        .map(|a| a.describe(&headers))
        .collect();
    assert_eq!(
        said,
        vec![
            "Name: took \"Name\"; \"Company\" could be it too.",
            "Current step: took \"Current step\"; \"Lifecycle Stage\" could be it too.",
        ]
    );
}

#[test]
fn control_characters_in_text_cells_reject_their_row() {
    let (mut db, _) = workspace();
    let file = "name,persona,current_step,owner,notes\n\
Acme\u{0},Architect,Onboard,,\n\
Beta,Archi\u{1b}tect,Onboard,,\n\
Gamma,Architect,On\u{7}board,,\n\
Delta,Architect,Onboard,Ma\u{7f}ya,\n\
Epsilon,Architect,Onboard,,\"two\r\nlines\tand a tab\"\n";
    let report = import_bytes(&mut db, file.as_bytes());
    assert_eq!(
        report.problems,
        vec![
            p(
                2,
                Some("name"),
                "Name contains a control character (U+0000); remove it"
            ),
            p(
                3,
                Some("persona"),
                "Persona contains a control character (U+001B); remove it"
            ),
            p(
                4,
                Some("current_step"),
                "Current step contains a control character (U+0007); remove it"
            ),
            p(
                5,
                Some("owner"),
                "Owner contains a control character (U+007F); remove it"
            ),
        ]
    );
    let rows = all_customers(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer.notes, "two\r\nlines\tand a tab");
}

/// A long export whose first MiB is plain ASCII looks like UTF-8; a Windows-1252 name
/// further down is reported in its row, and the report says what probably happened.
#[test]
fn legacy_bytes_after_a_plain_first_mib_are_explained() {
    let (mut db, _) = workspace();
    let mut file = b"name,persona\n".to_vec();
    let mut n = 0;
    while file.len() < (1 << 20) + 1000 {
        n += 1;
        file.extend(format!("Customer {n},Architect\n").as_bytes());
    }
    file.extend(b"Caf\xe9 Oslo,Architect\n");
    let table = Table::from_csv_bytes(file.clone()).unwrap();
    assert_eq!(
        table.encoding().unwrap().decided,
        encoding::Decided::PlainStart
    );
    let report = import_bytes(&mut db, &file);
    let line = n + 2;
    assert_eq!(
        report.problems,
        vec![p(
            line,
            Some("name"),
            "invalid bytes: the text is not valid UTF-8"
        )]
    );
    assert_eq!(
        report.notes,
        vec![format!(
            "From line {line} on, the file has bytes that are not UTF-8, while its first MiB \
             (where the encoding is judged) is plain ASCII: it was probably saved in another \
             encoding (Windows-1252 for most Western exports). Choose it and check again."
        )]
    );
}
