//! Exporting customers to CSV in the shape the importer reads back.
//!
//! Header: `external_id,name,persona,current_step,target_step,arr,health,nps,csat,owner,
//! renewal_date,notes`; persona and steps by name; ARR in currency units with a decimal
//! point. Text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or carriage return) get a leading `'`, which the importer removes again.

use std::io::Write;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::customers;
use crate::error::{CoreError, CoreResult};
use crate::model::{CustomerQuery, ImportField};

/// Neutralises a text cell against spreadsheet formula injection.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Cents as currency units with a decimal point: 12345 → "123.45", 100 → "1".
pub fn cents_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    if abs.is_multiple_of(100) {
        format!("{sign}{}", abs / 100)
    } else {
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

fn io(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid("output", format!("cannot write the export: {e}"))
}

/// Writes the customers `query` matches as CSV to `out`; returns how many were written.
/// `today` anchors "renewal within N days".
pub fn customers_csv(
    conn: &Connection,
    query: &CustomerQuery,
    today: NaiveDate,
    out: impl Write,
) -> CoreResult<u32> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(ImportField::ALL.iter().map(|f| f.key()))
        .map_err(io)?;
    let mut count = 0u32;
    customers::for_each_matching(conn, query, today, 0, None, &mut |row| {
        let c = &row.customer;
        let record: [String; 12] = [
            neutralise(c.external_id.as_deref().unwrap_or_default()).into_owned(),
            neutralise(&c.name).into_owned(),
            neutralise(&row.persona_name).into_owned(),
            neutralise(row.current_step_title.as_deref().unwrap_or_default()).into_owned(),
            neutralise(row.target_step_title.as_deref().unwrap_or_default()).into_owned(),
            c.arr_cents.map(cents_text).unwrap_or_default(),
            c.health.map(|v| v.to_string()).unwrap_or_default(),
            c.nps.map(|v| v.to_string()).unwrap_or_default(),
            c.csat.map(|v| v.to_string()).unwrap_or_default(),
            neutralise(&c.owner).into_owned(),
            c.renewal_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            neutralise(&c.notes).into_owned(),
        ];
        writer.write_record(&record).map_err(io)?;
        count += 1;
        Ok(())
    })?;
    writer.flush().map_err(io)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Acme"), "Acme");
    }

    #[test]
    fn cents_are_written_as_currency_units() {
        assert_eq!(cents_text(12_345_600), "123456");
        assert_eq!(cents_text(12_345), "123.45");
        assert_eq!(cents_text(5), "0.05");
    }
}

/// One line of a matrix export: a non-empty cell with its names.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MatrixLine {
    pub persona: String,
    /// Empty: not placed.
    pub current_step: String,
    /// Empty: no target.
    pub target_step: String,
    pub customers: u32,
    /// In currency units, as in the customer export.
    pub arr: String,
}

/// The non-empty cells of matrices as lines with names, in matrix order.
pub fn matrix_lines(matrices: &[crate::model::PersonaMatrix]) -> Vec<MatrixLine> {
    let mut lines = Vec::new();
    for m in matrices {
        let title = |id: Option<crate::model::StepId>| {
            id.and_then(|id| m.steps.iter().find(|s| s.id == id))
                .map(|s| s.title.clone())
                .unwrap_or_default()
        };
        for c in &m.cells {
            lines.push(MatrixLine {
                persona: m.persona_name.clone(),
                current_step: title(c.current_step_id),
                target_step: title(c.target_step_id),
                customers: c.customers,
                arr: cents_text(c.arr_cents),
            });
        }
    }
    lines
}

/// Matrix lines as CSV: `persona,current_step,target_step,customers,arr`.
pub fn matrix_csv(lines: &[MatrixLine], out: impl Write) -> CoreResult<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(["persona", "current_step", "target_step", "customers", "arr"])
        .map_err(io)?;
    for l in lines {
        let customers = l.customers.to_string();
        writer
            .write_record([
                neutralise(&l.persona).as_ref(),
                neutralise(&l.current_step).as_ref(),
                neutralise(&l.target_step).as_ref(),
                customers.as_str(),
                l.arr.as_str(),
            ])
            .map_err(io)?;
    }
    writer.flush().map_err(io)
}

/// Matrix lines as a JSON array of objects with the CSV's fields.
pub fn matrix_json(lines: &[MatrixLine], mut out: impl Write) -> CoreResult<()> {
    serde_json::to_writer_pretty(&mut out, lines).map_err(io)?;
    writeln!(out).map_err(io)
}
