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

/// The two text formats of the command line's listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Csv,
    Json,
}

fn io(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid("output", format!("cannot write the export: {e}"))
}

/// Writes the customers `query` matches (at most `limit`) as CSV to `out`; returns how
/// many were written. `today` anchors "renewal within N days".
pub fn customers_csv(
    conn: &Connection,
    query: &CustomerQuery,
    today: NaiveDate,
    limit: Option<u32>,
    out: impl Write,
) -> CoreResult<u32> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(ImportField::ALL.iter().map(|f| f.key()))
        .map_err(io)?;
    let mut count = 0u32;
    customers::for_each_matching(conn, query, today, 0, limit, &mut |row| {
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
            c.renewal_date.map(date_text).unwrap_or_default(),
            neutralise(&c.notes).into_owned(),
        ];
        writer.write_record(&record).map_err(io)?;
        count += 1;
        Ok(())
    })?;
    writer.flush().map_err(io)?;
    Ok(count)
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// One customer of a JSON export: the CSV's fields, with scores as numbers, ARR as text
/// in currency units (exact, as in the CSV) and `null` for what is not known. Text is
/// written as it is stored: JSON has no formulas to neutralise.
#[derive(serde::Serialize)]
struct CustomerJson<'a> {
    external_id: Option<&'a str>,
    name: &'a str,
    persona: &'a str,
    current_step: Option<&'a str>,
    target_step: Option<&'a str>,
    arr: Option<String>,
    health: Option<i32>,
    nps: Option<i32>,
    csat: Option<f64>,
    owner: &'a str,
    renewal_date: Option<String>,
    notes: &'a str,
}

/// Writes the customers `query` matches (at most `limit`) as a JSON array to `out`, one
/// customer at a time (a million customers never sit in memory); returns how many.
pub fn customers_json(
    conn: &Connection,
    query: &CustomerQuery,
    today: NaiveDate,
    limit: Option<u32>,
    out: impl Write,
) -> CoreResult<u32> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all(b"[").map_err(io)?;
    let mut count = 0u32;
    customers::for_each_matching(conn, query, today, 0, limit, &mut |row| {
        let c = &row.customer;
        let record = CustomerJson {
            external_id: c.external_id.as_deref(),
            name: &c.name,
            persona: &row.persona_name,
            current_step: row.current_step_title.as_deref(),
            target_step: row.target_step_title.as_deref(),
            arr: c.arr_cents.map(cents_text),
            health: c.health,
            nps: c.nps,
            csat: c.csat,
            owner: &c.owner,
            renewal_date: c.renewal_date.map(date_text),
            notes: &c.notes,
        };
        out.write_all(if count == 0 { b"\n  " } else { b",\n  " })
            .map_err(io)?;
        serde_json::to_writer(&mut out, &record).map_err(io)?;
        count += 1;
        Ok(())
    })?;
    out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })
        .map_err(io)?;
    out.flush().map_err(io)?;
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

/// One step of a progression export, in map order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProgressionLine {
    pub persona: String,
    /// 1 for the map's first step.
    pub position: i32,
    pub step: String,
    /// Median days on the step before moving on (completed stays); `None`: nobody has
    /// moved on yet.
    pub median_days: Option<f64>,
    pub moved_on: u32,
    pub forward: u32,
    pub backward: u32,
    pub stayed: u32,
    pub stalled: u32,
}

/// The Progression view's figures as one line per step.
pub fn progression_lines(
    persona: &str,
    view: &crate::model::ProgressionView,
) -> Vec<ProgressionLine> {
    view.steps
        .iter()
        .zip(&view.rows)
        .map(|(step, row)| ProgressionLine {
            persona: persona.to_string(),
            position: step.position + 1,
            step: step.title.clone(),
            // Tenths of a day, as the view shows them.
            median_days: row.median_days.map(|d| (d * 10.0).round() / 10.0),
            moved_on: row.moved_on,
            forward: row.forward,
            backward: row.backward,
            stayed: row.stayed,
            stalled: row.stalled,
        })
        .collect()
}

/// Progression lines as CSV: `persona,position,step,median_days,moved_on,forward,
/// backward,stayed,stalled` (an empty median: nobody has moved on yet).
pub fn progression_csv(lines: &[ProgressionLine], out: impl Write) -> CoreResult<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record([
            "persona",
            "position",
            "step",
            "median_days",
            "moved_on",
            "forward",
            "backward",
            "stayed",
            "stalled",
        ])
        .map_err(io)?;
    for l in lines {
        writer
            .write_record([
                neutralise(&l.persona).into_owned(),
                l.position.to_string(),
                neutralise(&l.step).into_owned(),
                l.median_days.map(|d| d.to_string()).unwrap_or_default(),
                l.moved_on.to_string(),
                l.forward.to_string(),
                l.backward.to_string(),
                l.stayed.to_string(),
                l.stalled.to_string(),
            ])
            .map_err(io)?;
    }
    writer.flush().map_err(io)
}

/// A progression as JSON: the period, the threshold and one object per step.
pub fn progression_json(
    lines: &[ProgressionLine],
    view: &crate::model::ProgressionView,
    mut out: impl Write,
) -> CoreResult<()> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        period_from: String,
        period_to: String,
        stalled_days: u32,
        stalled: u32,
        steps: &'a [ProgressionLine],
    }
    let doc = Doc {
        period_from: date_text(view.period_from),
        period_to: date_text(view.period_to),
        stalled_days: view.stalled_days,
        stalled: view.stalled,
        steps: lines,
    };
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io)?;
    writeln!(out).map_err(io)
}
