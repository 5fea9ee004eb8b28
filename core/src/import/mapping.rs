//! Which column of the file is which field: the user's saved choices for a header,
//! guesses from the header's name, KPI columns, and the checks of a chosen mapping.

use std::collections::HashMap;

use rusqlite::Connection;

use super::Table;
use crate::db::{kpis, meta, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{ColumnAmbiguity, ImportField, ImportOptions, KpiColumn};
use crate::words;

use super::values;

const MAPPING_KEY: &str = "import.mapping";

/// Saved column choices: normalised header → field (`None`: deliberately not imported).
fn saved_mapping(conn: &Connection) -> CoreResult<HashMap<String, Option<ImportField>>> {
    let Some(json) = meta::get(conn, MAPPING_KEY)? else {
        return Ok(HashMap::new());
    };
    let stored: HashMap<String, String> = serde_json::from_str(&json).unwrap_or_default();
    Ok(stored
        .into_iter()
        .map(|(header, key)| (header, ImportField::from_key(&key)))
        .collect())
}

/// Remembers the user's column choices for files with the same headers.
pub fn remember_mapping(
    conn: &Connection,
    headers: &[String],
    mapping: &[Option<ImportField>],
) -> CoreResult<()> {
    let mut stored: HashMap<String, String> = meta::get(conn, MAPPING_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    for (header, field) in headers.iter().zip(mapping) {
        let key = values::normalise_header(header);
        if !key.is_empty() {
            stored.insert(key, field.map_or(String::new(), |f| f.key().to_string()));
        }
    }
    let json = serde_json::to_string(&stored).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    meta::set(conn, MAPPING_KEY, &json)
}

/// The mapping proposed for `headers`: saved choices first, then guesses from the names
/// (a column named exactly like a field before synonyms). Says which columns came from
/// saved choices.
pub fn propose_mapping(
    conn: &Connection,
    headers: &[String],
) -> CoreResult<(Vec<Option<ImportField>>, Vec<bool>)> {
    let saved = saved_mapping(conn)?;
    let mut mapping: Vec<Option<ImportField>> = vec![None; headers.len()];
    let mut decided = vec![false; headers.len()];
    for (i, header) in headers.iter().enumerate() {
        if let Some(field) = saved.get(&values::normalise_header(header)) {
            if field.is_none() || !mapping.contains(field) {
                mapping[i] = *field;
                decided[i] = true;
            }
        }
    }
    let from_saved = decided.clone();
    for (field, columns) in values::candidates(headers) {
        if mapping.contains(&Some(field)) {
            continue;
        }
        if let Some(&i) = columns.iter().find(|&&i| !decided[i]) {
            mapping[i] = Some(field);
            decided[i] = true;
        }
    }
    Ok((mapping, from_saved))
}

/// Fields that more than one column could fill, with the column `mapping` gives each and
/// the others (by their names), so that the user can check the choice.
pub fn ambiguities(headers: &[String], mapping: &[Option<ImportField>]) -> Vec<ColumnAmbiguity> {
    values::candidates(headers)
        .into_iter()
        .filter_map(|(field, columns)| {
            let chosen = mapping.iter().position(|m| *m == Some(field))?;
            let others: Vec<u32> = columns
                .into_iter()
                .filter(|&i| i != chosen)
                .map(|i| i as u32)
                .collect();
            if others.is_empty() {
                return None;
            }
            let mut ambiguity = ColumnAmbiguity {
                field,
                chosen: chosen as u32,
                others,
                message: String::new(),
            };
            ambiguity.message = ambiguity.describe(headers);
            Some(ambiguity)
        })
        .collect()
}

/// Applies the user's column choices `specs`, each "HEADER=FIELD" (FIELD: a field's
/// name as our export's header writes it or its label, a KPI's name for its values, or
/// `ignore` to leave the column out), over a proposed mapping. A field chosen for one
/// column is taken from any other. Returns the columns chosen.
pub fn apply_column_choices(
    headers: &[String],
    kpi_names: &[String],
    specs: &[String],
    mapping: &mut [Option<ImportField>],
    kpi_columns: &mut Vec<KpiColumn>,
) -> CoreResult<Vec<usize>> {
    let mut chosen = Vec::new();
    for spec in specs {
        let (column, field) = parse_choice(headers, spec)?;
        let header = headers[column].as_str();
        kpi_columns.retain(|k| k.column as usize != column);
        if field.eq_ignore_ascii_case("ignore") {
            mapping[column] = None;
        } else if let Some(f) = ImportField::ALL
            .into_iter()
            .find(|f| values::is_exact(field, *f))
        {
            for m in mapping.iter_mut() {
                if *m == Some(f) {
                    *m = None;
                }
            }
            mapping[column] = Some(f);
        } else if let Some(kpi) = kpi_names.iter().find(|k| k.eq_ignore_ascii_case(field)) {
            mapping[column] = None;
            kpi_columns.push(KpiColumn {
                column: column as u32,
                kpi: kpi.clone(),
            });
        } else {
            let fields: Vec<&str> = ImportField::ALL.iter().map(|f| f.key()).collect();
            return Err(CoreError::invalid(
                "column",
                format!(
                    "unknown field \"{field}\" for the column \"{header}\"; use one of {}, \
                     the name of a KPI, or ignore",
                    fields.join(", ")
                ),
            ));
        }
        chosen.push(column);
    }
    Ok(chosen)
}

/// A "HEADER=FIELD" choice: the column of HEADER and the FIELD as written.
pub(super) fn parse_choice<'s>(headers: &[String], spec: &'s str) -> CoreResult<(usize, &'s str)> {
    let Some((header, field)) = spec.rsplit_once('=') else {
        return Err(CoreError::invalid(
            "column",
            format!("\"{spec}\" is not a column choice; write it as \"HEADER=FIELD\""),
        ));
    };
    Ok((column_named(headers, header.trim())?, field.trim()))
}

/// The one column whose header is `header` (exactly, else in any case).
fn column_named(headers: &[String], header: &str) -> CoreResult<usize> {
    let exact: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i] == header)
        .collect();
    let found = if exact.is_empty() {
        (0..headers.len())
            .filter(|&i| headers[i].eq_ignore_ascii_case(header))
            .collect()
    } else {
        exact
    };
    match found[..] {
        [column] => Ok(column),
        [] => Err(CoreError::invalid(
            "column",
            format!(
                "the file has no column \"{header}\"; its columns are {}",
                headers
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        _ => Err(CoreError::invalid(
            "column",
            format!("the file has {} columns named \"{header}\"", found.len()),
        )),
    }
}

/// Every KPI name of the workspace's maps (distinct case-insensitively), by name.
pub fn kpi_names(conn: &Connection) -> CoreResult<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for persona in personas::list(conn)? {
        for step in steps::list_for_map(conn, persona.map_id)? {
            for kpi in kpis::list_for_step(conn, step.id)? {
                if !names.iter().any(|n| n.eq_ignore_ascii_case(&kpi.name)) {
                    names.push(kpi.name);
                }
            }
        }
    }
    names.sort_by_key(|n| n.to_lowercase());
    Ok(names)
}

/// Columns not mapped to a field whose header is the name of a KPI (any case).
pub fn propose_kpi_columns(
    conn: &Connection,
    headers: &[String],
    mapping: &[Option<ImportField>],
) -> CoreResult<Vec<KpiColumn>> {
    let names = kpi_names(conn)?;
    Ok(headers
        .iter()
        .enumerate()
        .filter(|(i, _)| mapping.get(*i).copied().flatten().is_none())
        .filter_map(|(i, header)| {
            let wanted = header.trim().to_lowercase();
            names
                .iter()
                .find(|n| n.to_lowercase() == wanted)
                .map(|kpi| KpiColumn {
                    column: i as u32,
                    kpi: kpi.clone(),
                })
        })
        .collect())
}

/// Column index of each field.
pub(super) struct Columns(pub(super) [Option<usize>; ImportField::ALL.len()]);

impl Columns {
    pub(super) fn of(&self, field: ImportField) -> Option<usize> {
        self.0[field as usize]
    }
}

pub(super) fn check_mapping(
    conn: &Connection,
    table: &Table,
    options: &ImportOptions,
) -> CoreResult<Columns> {
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
    let mut columns = Columns([None; ImportField::ALL.len()]);
    for (i, field) in options.mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        if let Some(first) = columns.of(*field) {
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
        columns.0[*field as usize] = Some(i);
    }
    let mut kpi_seen = Vec::new();
    for k in &options.kpi_columns {
        let i = k.column as usize;
        if i >= table.headers.len() || kpi_seen.contains(&i) {
            return Err(CoreError::invalid(
                "mapping",
                format!("column {} cannot hold KPI values", i + 1),
            ));
        }
        if options.mapping[i].is_some() {
            return Err(CoreError::invalid(
                "mapping",
                format!(
                    "the column \"{}\" is mapped to a field and to the KPI \"{}\"",
                    table.headers[i], k.kpi
                ),
            ));
        }
        kpi_seen.push(i);
    }
    if columns.of(ImportField::Name).is_none() {
        return Err(CoreError::invalid(
            "mapping",
            "choose the column that holds the customer name",
        ));
    }
    if let Some(id) = options.default_persona_id {
        personas::get(conn, id)
            .map_err(|_| CoreError::invalid("defaultPersonaId", "choose an existing persona"))?;
    } else if columns.of(ImportField::Persona).is_none() {
        return Err(CoreError::invalid(
            "mapping",
            "choose the column that holds the persona, or one persona for all rows",
        ));
    }
    Ok(columns)
}
