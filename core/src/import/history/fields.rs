//! Which column of a stage history file holds what: guessed from the headers HubSpot,
//! Salesforce and spreadsheets use, or chosen by the user.

use std::collections::HashMap;

use super::super::{values, Table};
use crate::error::{CoreError, CoreResult};
use crate::model::{HistoryField, HistoryOptions, ImportField};
use crate::words;

/// The history field a header names.
pub fn guess_field(header: &str) -> Option<HistoryField> {
    let key = values::normalise_header(header);
    let field = match key.as_str() {
        "stage" | "newstage" | "tostage" | "newvalue" | "value" | "propertyvalue"
        | "lifecyclestage" | "newlifecyclestage" | "stagename" | "currentstage" | "to"
        | "tovalue" => HistoryField::Stage,
        "previousstage" | "oldstage" | "fromstage" | "oldvalue" | "previousvalue"
        | "priorvalue" | "priorstage" | "from" | "fromvalue" => HistoryField::PreviousStage,
        "date" | "editdate" | "changedate" | "changedat" | "changedon" | "timestamp"
        | "datetime" | "dateset" | "stagechangedate" | "enteredat" | "dateentered"
        | "updatedat" | "modifieddate" | "lastmodifieddate" | "at" | "when" => HistoryField::Date,
        "field" | "fieldevent" | "property" | "propertyname" | "fieldname" | "changedfield" => {
            HistoryField::Field
        }
        _ => match values::guess_field(header)? {
            ImportField::ExternalId => HistoryField::ExternalId,
            ImportField::Name => HistoryField::Name,
            _ => return None,
        },
    };
    Some(field)
}

/// One field per column, each to its first column.
pub fn propose_mapping(headers: &[String]) -> Vec<Option<HistoryField>> {
    let mut mapping: Vec<Option<HistoryField>> = vec![None; headers.len()];
    for (i, header) in headers.iter().enumerate() {
        if let Some(field) = guess_field(header) {
            if !mapping.contains(&Some(field)) {
                mapping[i] = Some(field);
            }
        }
    }
    mapping
}

/// Applies "HEADER=FIELD" choices (FIELD: external_id, name, stage, previous_stage,
/// date, field, or ignore) over a proposed mapping; returns the columns chosen.
pub fn apply_column_choices(
    headers: &[String],
    specs: &[String],
    mapping: &mut [Option<HistoryField>],
) -> CoreResult<Vec<usize>> {
    let mut chosen = Vec::new();
    for spec in specs {
        let (column, field) = super::super::mapping::parse_choice(headers, spec)?;
        if field.eq_ignore_ascii_case("ignore") {
            mapping[column] = None;
        } else {
            let wanted = values::normalise_header(field);
            let Some(f) = HistoryField::ALL
                .into_iter()
                .find(|f| values::normalise_header(f.key()) == wanted)
            else {
                let fields: Vec<&str> = HistoryField::ALL.iter().map(|f| f.key()).collect();
                return Err(CoreError::invalid(
                    "column",
                    format!(
                        "unknown field \"{field}\" for the column \"{}\"; use one of {}, or ignore",
                        headers[column],
                        fields.join(", ")
                    ),
                ));
            };
            for m in mapping.iter_mut() {
                if *m == Some(f) {
                    *m = None;
                }
            }
            mapping[column] = Some(f);
        }
        chosen.push(column);
    }
    Ok(chosen)
}

/// The column of each field, checked: the new stage, the date and the customer (by id
/// or name) are needed.
pub(super) fn check(
    table: &Table,
    options: &HistoryOptions,
) -> CoreResult<HashMap<HistoryField, usize>> {
    if options.mapping.len() != table.headers.len() {
        return Err(CoreError::invalid(
            "mapping",
            format!(
                "the mapping has {}; the file has {}",
                words::count(options.mapping.len() as u64, "column"),
                table.headers.len()
            ),
        ));
    }
    let mut columns = HashMap::new();
    for (i, field) in options.mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        if let Some(first) = columns.insert(*field, i) {
            return Err(CoreError::invalid(
                "mapping",
                format!(
                    "two columns are mapped to {}: \"{}\" and \"{}\"",
                    field.label(),
                    table.headers[first],
                    table.headers[i]
                ),
            ));
        }
    }
    let missing = if !columns.contains_key(&HistoryField::ExternalId)
        && !columns.contains_key(&HistoryField::Name)
    {
        Some("the column that holds the customer's external id or name")
    } else if !columns.contains_key(&HistoryField::Stage) {
        Some("the column that holds the new stage")
    } else if !columns.contains_key(&HistoryField::Date) {
        Some("the column that holds the date of the change")
    } else {
        None
    };
    match missing {
        Some(what) => Err(CoreError::invalid("mapping", format!("choose {what}"))),
        None => Ok(columns),
    }
}
