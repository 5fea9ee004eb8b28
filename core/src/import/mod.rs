//! Importing customers from a CRM export (CSV or XLSX).
//!
//! One engine serves validation, dry runs and real imports, in the app and the CLI:
//! [`run`] reads every row, resolves personas and steps by name, checks each value and
//! either only reports (`Mode::Validate`) or also writes (`Mode::Write`) inside the
//! caller's transaction, so a refused or cancelled import changes nothing. Rows with
//! problems are never written; customers are matched on external id (upsert) and
//! every change of step goes to the placement history with source "import".

pub mod source;
pub mod values;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::db::customers::{self, ExistingCustomer, ImportedCustomer};
use crate::db::placements::{self, PlacementChange};
use crate::db::segment_cells::CellDeltas;
use crate::db::{customer_kpis, kpis, meta, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    ImportField, ImportOptions, ImportPhase, ImportPreview, ImportProblem, ImportProgress,
    ImportReport, KpiColumn, KpiId, PersonaId, PersonaInput, PlacementSource, StepId, StepInput,
};
use crate::ops;
use crate::validate::Figure;
use crate::validate::{NAME_MAX, TEXT_MAX};
pub use source::Table;
use values::NumberStyle;

const MAPPING_KEY: &str = "import.mapping";
const SAMPLE_ROWS: usize = 5;
const PROGRESS_EVERY: u32 = 4096;

/// Validate only, or write as well.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    Validate,
    Write { now: DateTime<Utc> },
}

/// Progress reports and the cancel switch of a running import.
pub struct Control<'a> {
    pub progress: &'a mut dyn FnMut(ImportProgress),
    pub cancel: &'a AtomicBool,
}

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

/// The mapping proposed for `headers`: saved choices first, then guesses from the names.
pub fn propose_mapping(
    conn: &Connection,
    headers: &[String],
) -> CoreResult<(Vec<Option<ImportField>>, bool)> {
    let saved = saved_mapping(conn)?;
    let guesses = values::guess_mapping(headers);
    let mut mapping: Vec<Option<ImportField>> = vec![None; headers.len()];
    let mut decided = vec![false; headers.len()];
    let mut used_saved = false;
    for (i, header) in headers.iter().enumerate() {
        if let Some(field) = saved.get(&values::normalise_header(header)) {
            if field.is_none() || !mapping.contains(field) {
                mapping[i] = *field;
                decided[i] = true;
                used_saved = true;
            }
        }
    }
    for (i, guess) in guesses.into_iter().enumerate() {
        if !decided[i] && guess.is_some() && !mapping.contains(&guess) {
            mapping[i] = guess;
        }
    }
    Ok((mapping, used_saved))
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

/// Opens `path` and describes it for the import wizard.
pub fn preview(conn: &Connection, path: &Path) -> CoreResult<ImportPreview> {
    let table = Table::open(path)?;
    let mut sample = Vec::new();
    table.rows(&mut |row| {
        sample.push(row.cells.clone());
        sample.len() < SAMPLE_ROWS
    })?;
    let (mapping, mapping_saved) = propose_mapping(conn, &table.headers)?;
    let kpi_columns = propose_kpi_columns(conn, &table.headers, &mapping)?;
    Ok(ImportPreview {
        path: path.display().to_string(),
        format: table.format().to_string(),
        encoding: table.encoding().map_or("", |e| e.label()).to_string(),
        delimiter: table
            .delimiter()
            .map_or("", source::delimiter_label)
            .to_string(),
        headers: table.headers.clone(),
        sample,
        mapping,
        mapping_saved,
        kpi_columns,
        kpi_names: kpi_names(conn)?,
    })
}

/// Column index of each field.
struct Columns([Option<usize>; ImportField::ALL.len()]);

impl Columns {
    fn of(&self, field: ImportField) -> Option<usize> {
        self.0[field as usize]
    }
}

fn check_mapping(conn: &Connection, table: &Table, options: &ImportOptions) -> CoreResult<Columns> {
    if options.mapping.len() != table.headers.len() {
        return Err(CoreError::invalid(
            "mapping",
            format!(
                "the mapping has {} columns; the file has {}",
                options.mapping.len(),
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

/// A persona as the import knows it; `id` is `None` while it is only to be created.
struct PersonaSlot {
    id: Option<PersonaId>,
    name: String,
    /// Lower-case title → step (`None`: to be created).
    steps: HashMap<String, Option<StepId>>,
    /// Lower-case title → title as the file writes it, for steps to be created.
    new_titles: HashMap<String, String>,
    /// Lower-case name → KPI of the map (none for a persona still to be created).
    kpis: HashMap<String, KpiId>,
}

/// A step a row names: one on the map, or one to create (by lower-case title) once a
/// valid row needs it.
#[derive(Debug, Clone, PartialEq)]
enum StepRef {
    Id(StepId),
    New(String),
}

/// Personas and steps by name, case-insensitively, with what the file names but lacks.
struct Names {
    personas: Vec<PersonaSlot>,
    by_name: HashMap<String, usize>,
    by_id: HashMap<PersonaId, usize>,
    missing_personas: Vec<String>,
    missing_steps: Vec<String>,
}

impl Names {
    fn load(conn: &Connection) -> CoreResult<Names> {
        let mut names = Names {
            personas: Vec::new(),
            by_name: HashMap::new(),
            by_id: HashMap::new(),
            missing_personas: Vec::new(),
            missing_steps: Vec::new(),
        };
        for persona in personas::list(conn)? {
            let steps = steps::list_for_map(conn, persona.map_id)?
                .into_iter()
                .map(|s| (s.title.to_lowercase(), Some(s.id)))
                .collect();
            names
                .by_name
                .insert(persona.name.to_lowercase(), names.personas.len());
            names.by_id.insert(persona.id, names.personas.len());
            let mut kpis = HashMap::new();
            for step in steps::list_for_map(conn, persona.map_id)? {
                for kpi in kpis::list_for_step(conn, step.id)? {
                    kpis.insert(kpi.name.to_lowercase(), kpi.id);
                }
            }
            names.personas.push(PersonaSlot {
                id: Some(persona.id),
                name: persona.name,
                steps,
                new_titles: HashMap::new(),
                kpis,
            });
        }
        Ok(names)
    }
}

/// A value of a mapped column (`None` in the outer option: column not mapped).
type Slot<T> = Option<Option<T>>;

struct Resolved {
    external_id: Option<String>,
    name: String,
    persona: usize,
    current: Slot<StepRef>,
    target: Slot<StepRef>,
    arr: Slot<i64>,
    health: Slot<i32>,
    nps: Slot<i32>,
    csat: Slot<f64>,
    owner: Option<String>,
    renewal: Slot<NaiveDate>,
    notes: Option<String>,
    /// Values of KPI columns (non-empty cells only).
    kpis: Vec<(KpiId, f64)>,
}

struct Engine<'a> {
    conn: &'a Connection,
    table: &'a Table,
    options: &'a ImportOptions,
    columns: Columns,
    style: NumberStyle,
    names: Names,
    existing: HashMap<String, ExistingCustomer>,
    seen_external: HashMap<String, u32>,
    report: ImportReport,
    problems: Vec<ImportProblem>,
    /// Changes to the kept matrix, written once at the end.
    deltas: CellDeltas,
}

fn problem(line: u32, column: Option<&str>, reason: String) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        reason,
    }
}

impl<'a> Engine<'a> {
    fn cell<'r>(&self, cells: &'r [String], field: ImportField) -> Option<(&'r str, &'a str)> {
        let i = self.columns.of(field)?;
        let text = cells.get(i).map_or("", |c| c.trim());
        Some((text, self.table.headers[i].as_str()))
    }

    fn text_field(
        &mut self,
        cells: &[String],
        field: ImportField,
        max: usize,
        line: u32,
    ) -> Option<Option<String>> {
        let (text, column) = self.cell(cells, field)?;
        let text = values::unneutralise(text).trim();
        let len = text.chars().count();
        if len > max {
            self.problems.push(problem(
                line,
                Some(column),
                format!(
                    "{} is {len} characters long; the limit is {max}",
                    field.label()
                ),
            ));
            return Some(None);
        }
        Some(Some(text.to_string()))
    }

    fn number_field(
        &mut self,
        cells: &[String],
        field: ImportField,
        figure: Figure,
        line: u32,
    ) -> Slot<f64> {
        let (text, column) = self.cell(cells, field)?;
        if text.is_empty() {
            return Some(None);
        }
        let Some(value) = values::parse_number(text, self.style) else {
            self.problems.push(problem(
                line,
                Some(column),
                format!("{} \"{text}\" is not a number", field.label()),
            ));
            return Some(None);
        };
        if let Some(reason) = figure.problem(value) {
            self.problems.push(problem(
                line,
                Some(column),
                format!("{} {text} {reason}", field.label()),
            ));
            return Some(None);
        }
        Some(Some(value))
    }

    fn persona(
        &mut self,
        cells: &[String],
        line: u32,
        matched: Option<PersonaId>,
    ) -> CoreResult<Option<usize>> {
        let cell = self.cell(cells, ImportField::Persona);
        let (text, column) = match cell {
            Some((text, column)) if !text.is_empty() => (values::unneutralise(text).trim(), column),
            _ => {
                if let Some(index) = matched.and_then(|id| self.names.by_id.get(&id)) {
                    return Ok(Some(*index));
                }
                if let Some(id) = self.options.default_persona_id {
                    return Ok(self.names.by_id.get(&id).copied());
                }
                let column = cell.map(|(_, c)| c);
                self.problems
                    .push(problem(line, column, "the persona is empty".to_string()));
                return Ok(None);
            }
        };
        let key = text.to_lowercase();
        if let Some(&index) = self.names.by_name.get(&key) {
            if self.names.personas[index].id.is_none() && !self.options.create_missing {
                self.problems.push(problem(
                    line,
                    Some(column),
                    format!("unknown persona \"{text}\""),
                ));
            }
            // An unknown persona still resolves, so that its steps are listed as missing too.
            return Ok(Some(index));
        }
        if text.chars().count() > NAME_MAX {
            self.problems.push(problem(
                line,
                Some(column),
                format!(
                    "Persona is {} characters long; the limit is {NAME_MAX}",
                    text.chars().count()
                ),
            ));
            return Ok(None);
        }
        self.names.missing_personas.push(text.to_string());
        // Created when the first valid row that names it is written.
        let index = self.names.personas.len();
        self.names.personas.push(PersonaSlot {
            id: None,
            name: text.to_string(),
            steps: HashMap::new(),
            new_titles: HashMap::new(),
            kpis: HashMap::new(),
        });
        self.names.by_name.insert(key, index);
        if !self.options.create_missing {
            self.problems.push(problem(
                line,
                Some(column),
                format!("unknown persona \"{text}\""),
            ));
        }
        Ok(Some(index))
    }

    fn step(
        &mut self,
        cells: &[String],
        field: ImportField,
        persona: usize,
        line: u32,
    ) -> CoreResult<Slot<StepRef>> {
        let Some((text, column)) = self.cell(cells, field) else {
            return Ok(None);
        };
        let text = values::unneutralise(text).trim();
        if text.is_empty() {
            return Ok(Some(None));
        }
        let key = text.to_lowercase();
        let slot = &self.names.personas[persona];
        if let Some(step) = slot.steps.get(&key) {
            if step.is_none() && !self.options.create_missing && slot.id.is_some() {
                let reason = format!("unknown step \"{text}\" on the map of {}", slot.name);
                self.problems.push(problem(line, Some(column), reason));
            }
            return Ok(Some(Some(match step {
                Some(id) => StepRef::Id(*id),
                None => StepRef::New(key),
            })));
        }
        if text.chars().count() > NAME_MAX {
            self.problems.push(problem(
                line,
                Some(column),
                format!(
                    "{} is {} characters long; the limit is {NAME_MAX}",
                    field.label(),
                    text.chars().count()
                ),
            ));
            return Ok(Some(None));
        }
        let persona_name = slot.name.clone();
        self.names
            .missing_steps
            .push(format!("{persona_name} › {text}"));
        // Created when the first valid row that names it is written.
        let persona_known = self.names.personas[persona].id.is_some();
        let slot = &mut self.names.personas[persona];
        slot.steps.insert(key.clone(), None);
        slot.new_titles.insert(key.clone(), text.to_string());
        if !self.options.create_missing && persona_known {
            let reason = format!("unknown step \"{text}\" on the map of {persona_name}");
            self.problems.push(problem(line, Some(column), reason));
        }
        Ok(Some(Some(StepRef::New(key))))
    }

    /// The persona of a valid row, created now when the file named a new one.
    fn ensure_persona(&mut self, index: usize, now: DateTime<Utc>) -> CoreResult<PersonaId> {
        if let Some(id) = self.names.personas[index].id {
            return Ok(id);
        }
        let name = self.names.personas[index].name.clone();
        let id = ops::personas::create(self.conn, &PersonaInput::named(&name), now)?.id;
        self.names.personas[index].id = Some(id);
        self.names.by_id.insert(id, index);
        Ok(id)
    }

    /// The step of a valid row, appended to the persona's map now when it is new.
    fn ensure_step(
        &mut self,
        persona: usize,
        slot: Slot<StepRef>,
        now: DateTime<Utc>,
    ) -> CoreResult<Slot<StepId>> {
        let Some(Some(step)) = slot else {
            return Ok(slot.map(|_| None));
        };
        let key = match step {
            StepRef::Id(id) => return Ok(Some(Some(id))),
            StepRef::New(key) => key,
        };
        if let Some(Some(id)) = self.names.personas[persona].steps.get(&key) {
            return Ok(Some(Some(*id)));
        }
        let persona_id = self.ensure_persona(persona, now)?;
        let map_id = personas::get(self.conn, persona_id)?.map_id;
        let title = self.names.personas[persona]
            .new_titles
            .get(&key)
            .cloned()
            .unwrap_or_else(|| key.clone());
        let input = StepInput {
            title,
            outcome: String::new(),
        };
        let id = ops::steps::add(self.conn, map_id, &input, None, now)?.id;
        self.names.personas[persona].steps.insert(key, Some(id));
        Ok(Some(Some(id)))
    }

    /// Checks one row; problems go to `self.problems`.
    fn resolve(&mut self, row: &source::Row) -> CoreResult<Option<Resolved>> {
        let line = row.line;
        let cells = &row.cells[..];
        let width = self.table.headers.len();
        if self.table.strict_width() && cells.len() != width {
            self.problems.push(problem(
                line,
                None,
                format!("the row has {} fields; the header has {width}", cells.len()),
            ));
            return Ok(None);
        }
        if let Some(extra) = cells.iter().skip(width).position(|c| !c.trim().is_empty()) {
            self.problems.push(problem(
                line,
                None,
                format!(
                    "the row has a value in column {} beyond the header",
                    width + extra + 1
                ),
            ));
            return Ok(None);
        }
        let before = self.problems.len();
        for &i in &row.invalid_bytes {
            let imported = self.options.mapping.get(i).copied().flatten().is_some()
                || self
                    .options
                    .kpi_columns
                    .iter()
                    .any(|k| k.column as usize == i);
            if imported {
                let column = self.table.headers[i].clone();
                self.problems.push(problem(
                    line,
                    Some(&column),
                    "invalid bytes: the text is not valid UTF-8".to_string(),
                ));
            }
        }

        let external_id = self
            .text_field(cells, ImportField::ExternalId, NAME_MAX, line)
            .flatten();
        let external_id = external_id.filter(|e| !e.is_empty());
        if let Some(ext) = &external_id {
            if let Some(first) = self.seen_external.get(ext) {
                let column = self.cell(cells, ImportField::ExternalId).map(|(_, c)| c);
                let reason = format!("duplicate external id \"{ext}\": already on line {first}");
                self.problems.push(problem(line, column, reason));
            } else {
                self.seen_external.insert(ext.clone(), line);
            }
        }
        let name = match self.text_field(cells, ImportField::Name, NAME_MAX, line) {
            Some(Some(name)) if name.is_empty() => {
                let column = self.cell(cells, ImportField::Name).map(|(_, c)| c);
                self.problems
                    .push(problem(line, column, "the name is empty".to_string()));
                None
            }
            other => other.flatten(),
        };
        // A customer the file matches keeps its persona when the row names none (the
        // "persona for rows without one" is for new customers).
        let matched_persona = external_id
            .as_ref()
            .and_then(|e| self.existing.get(e))
            .map(|c| c.persona_id);
        let persona = self.persona(cells, line, matched_persona)?;
        let (current, target) = match persona {
            Some(p) => (
                self.step(cells, ImportField::CurrentStep, p, line)?,
                self.step(cells, ImportField::TargetStep, p, line)?,
            ),
            None => (None, None),
        };
        let arr = match self.cell(cells, ImportField::Arr) {
            None => None,
            Some(("", _)) => Some(None),
            Some((text, column)) => match values::parse_cents(text, self.style) {
                Some(cents) => match Figure::Arr.problem(cents as f64) {
                    None => Some(Some(cents)),
                    Some(reason) => {
                        self.problems.push(problem(
                            line,
                            Some(column),
                            format!("ARR {text} {reason}"),
                        ));
                        None
                    }
                },
                None => {
                    self.problems.push(problem(
                        line,
                        Some(column),
                        format!("ARR \"{text}\" is not an amount"),
                    ));
                    None
                }
            },
        };
        let health = self
            .number_field(cells, ImportField::Health, Figure::Health, line)
            .map(|v| v.map(|v| v.round() as i32));
        let nps = self
            .number_field(cells, ImportField::Nps, Figure::Nps, line)
            .map(|v| v.map(|v| v.round() as i32));
        let csat = self.number_field(cells, ImportField::Csat, Figure::Csat, line);
        let owner = self
            .text_field(cells, ImportField::Owner, NAME_MAX, line)
            .map(Option::unwrap_or_default);
        let renewal = match self.cell(cells, ImportField::RenewalDate) {
            None => None,
            Some(("", _)) => Some(None),
            Some((text, column)) => match values::parse_date(text, self.style) {
                Some(date) => Some(Some(date)),
                None => {
                    let reason =
                        format!("Renewal date \"{text}\" is not a date (write it like 2026-11-23)");
                    self.problems.push(problem(line, Some(column), reason));
                    None
                }
            },
        };
        let notes = self
            .text_field(cells, ImportField::Notes, TEXT_MAX, line)
            .map(Option::unwrap_or_default);
        let mut kpis = Vec::new();
        for k in &self.options.kpi_columns {
            let i = k.column as usize;
            let text = cells.get(i).map_or("", |c| c.trim());
            if text.is_empty() {
                continue;
            }
            let column = self.table.headers[i].as_str();
            let Some(value) = values::parse_number(text, self.style) else {
                self.problems.push(problem(
                    line,
                    Some(column),
                    format!("{} \"{text}\" is not a number", k.kpi),
                ));
                continue;
            };
            let Some(slot) = persona.map(|p| &self.names.personas[p]) else {
                continue;
            };
            match slot.kpis.get(&k.kpi.trim().to_lowercase()) {
                Some(id) => kpis.push((*id, value)),
                None => self.problems.push(problem(
                    line,
                    Some(column),
                    format!("the map of {} has no KPI \"{}\"", slot.name, k.kpi),
                )),
            }
        }

        if self.problems.len() > before {
            return Ok(None);
        }
        let (Some(name), Some(persona)) = (name, persona) else {
            return Ok(None);
        };
        Ok(Some(Resolved {
            external_id,
            name,
            persona,
            current,
            target,
            arr,
            health,
            nps,
            csat,
            owner,
            renewal,
            notes,
            kpis,
        }))
    }

    fn write(&mut self, mut record: Resolved, now: &str, at: DateTime<Utc>) -> CoreResult<()> {
        let kpis = std::mem::take(&mut record.kpis);
        let persona_id = self.ensure_persona(record.persona, at)?;
        let current_slot = self.ensure_step(record.persona, record.current.clone(), at)?;
        let target_slot = self.ensure_step(record.persona, record.target.clone(), at)?;
        // For a matched customer: its id, old and new steps, and whether nothing changes.
        // Steps belong to a persona's map: a new persona without steps in the file leaves
        // the customer unplaced on its new map.
        let existing = record
            .external_id
            .as_ref()
            .and_then(|e| self.existing.get(e))
            .map(|before| {
                let persona_changed = before.persona_id != persona_id;
                let after = |slot: Slot<StepId>, old: Option<StepId>| match slot {
                    Some(value) => value,
                    None if persona_changed => None,
                    None => old,
                };
                let current = after(current_slot, before.current_step_id);
                let target = after(target_slot, before.target_step_id);
                let same = unchanged(before, &record, persona_id, current, target);
                let old = (before.current_step_id, before.target_step_id);
                (before, old, (current, target), same)
            });
        let values = ImportedCustomer {
            external_id: record.external_id.as_deref(),
            name: &record.name,
            persona_id,
            current_step_id: current_slot,
            target_step_id: target_slot,
            arr_cents: record.arr,
            health: record.health,
            nps: record.nps,
            csat: record.csat,
            owner: record.owner.as_deref(),
            renewal_date: record.renewal,
            notes: record.notes.as_deref(),
        };
        match existing {
            None => {
                let id = customers::insert_imported(self.conn, &values, now, &mut self.deltas)?;
                let current = current_slot.flatten();
                let target = target_slot.flatten();
                if current.is_some() || target.is_some() {
                    let change = PlacementChange {
                        customer_id: id,
                        from_current: None,
                        to_current: current,
                        from_target: None,
                        to_target: target,
                    };
                    placements::insert(self.conn, &change, now, PlacementSource::Import)?;
                }
                write_kpis(self.conn, id, &kpis, now)?;
            }
            Some((before, _, _, true)) => {
                if write_kpis(self.conn, before.id, &kpis, now)? {
                    self.report.updated_customers += 1;
                } else {
                    self.report.unchanged_customers += 1;
                }
            }
            Some((before, (old_current, old_target), (current, target), false)) => {
                let id = before.id;
                let values = ImportedCustomer {
                    current_step_id: Some(current),
                    target_step_id: Some(target),
                    ..values
                };
                let changed =
                    customers::update_imported(self.conn, before, &values, now, &mut self.deltas)?;
                if write_kpis(self.conn, id, &kpis, now)? || changed {
                    self.report.updated_customers += 1;
                } else {
                    self.report.unchanged_customers += 1;
                }
                if current != old_current || target != old_target {
                    let change = PlacementChange {
                        customer_id: id,
                        from_current: old_current,
                        to_current: current,
                        from_target: old_target,
                        to_target: target,
                    };
                    placements::insert(self.conn, &change, now, PlacementSource::Import)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes a row's KPI values onto customer `id`; returns whether any changed.
fn write_kpis(
    conn: &Connection,
    id: crate::model::CustomerId,
    kpis: &[(KpiId, f64)],
    now: &str,
) -> CoreResult<bool> {
    let mut changed = false;
    for &(kpi, value) in kpis {
        changed |= customer_kpis::set(conn, id, kpi, Some(value), now)?;
    }
    Ok(changed)
}

/// Calls `f` with every row like [`Table::rows`], while a second thread reads and
/// decodes the file ahead in batches: reading overlaps with checking and writing.
/// When `f` stops early, the reader stops at its next batch.
fn rows_read_ahead(table: &Table, f: &mut dyn FnMut(&source::Row) -> bool) -> CoreResult<()> {
    const BATCH: usize = 1024;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<source::Row>>(4);
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let read = table.rows(&mut |row| {
                batch.push(row.clone());
                if batch.len() < BATCH {
                    return true;
                }
                sender
                    .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                    .is_ok()
            });
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            read
        });
        'batches: for batch in receiver.iter() {
            for row in &batch {
                if !f(row) {
                    break 'batches;
                }
            }
        }
        drop(receiver);
        reader.join().unwrap_or_else(|_| {
            Err(CoreError::Corrupt(
                "the file reader stopped unexpectedly".into(),
            ))
        })
    })
}

/// True when writing `record` would change nothing of `before` (only mapped columns count).
fn unchanged(
    before: &ExistingCustomer,
    record: &Resolved,
    persona_id: PersonaId,
    current: Option<StepId>,
    target: Option<StepId>,
) -> bool {
    fn same<T: PartialEq>(slot: &Option<T>, stored: &T) -> bool {
        slot.as_ref().is_none_or(|v| v == stored)
    }
    let text = |slot: &Option<String>, stored: u64| {
        slot.as_deref()
            .is_none_or(|v| customers::text_hash(v) == stored)
    };
    customers::text_hash(&record.name) == before.name
        && before.persona_id == persona_id
        && before.current_step_id == current
        && before.target_step_id == target
        && same(&record.arr, &before.arr_cents)
        && same(&record.health, &before.health)
        && same(&record.nps, &before.nps)
        && same(&record.csat, &before.csat)
        && text(&record.owner, before.owner)
        && text(&record.notes, before.notes)
        && record.renewal.is_none_or(|d| {
            customers::text_hash(&d.map(crate::time::date_to_stored).unwrap_or_default())
                == before.renewal_date
        })
}

/// Reads every row of `table` and validates it; with `Mode::Write`, also writes the valid
/// rows (and, with `create_missing`, the personas and steps they name) through `conn`,
/// which must be inside a transaction. Returns [`CoreError::Cancelled`] when `cancel` is
/// set; the caller's transaction then rolls everything back.
pub fn run(
    conn: &Connection,
    table: &Table,
    options: &ImportOptions,
    mode: Mode,
    control: Control<'_>,
) -> CoreResult<ImportReport> {
    let columns = check_mapping(conn, table, options)?;
    let existing = if columns.of(ImportField::ExternalId).is_some() {
        customers::external_index(conn)?
    } else {
        HashMap::new()
    };
    let mut engine = Engine {
        conn,
        table,
        options,
        columns,
        style: NumberStyle::for_delimiter(table.delimiter()),
        names: Names::load(conn)?,
        existing,
        seen_external: HashMap::new(),
        report: ImportReport {
            rows: 0,
            valid_rows: 0,
            rejected_rows: 0,
            new_customers: 0,
            matched_customers: 0,
            updated_customers: 0,
            unchanged_customers: 0,
            problems: Vec::new(),
            problem_count: 0,
            missing_personas: Vec::new(),
            missing_steps: Vec::new(),
            written: false,
        },
        problems: Vec::new(),
        deltas: CellDeltas::default(),
    };
    let phase = match mode {
        Mode::Validate => ImportPhase::Validating,
        Mode::Write { .. } => ImportPhase::Writing,
    };
    let now = match mode {
        Mode::Write { now } => Some(crate::time::to_stored(now)),
        Mode::Validate => None,
    };
    let mut failure: Option<CoreError> = None;
    let mut all_problems: u32 = 0;
    rows_read_ahead(table, &mut |row| {
        let mut step = || -> CoreResult<()> {
            engine.report.rows += 1;
            let resolved = engine.resolve(row)?;
            match resolved {
                Some(record) => {
                    engine.report.valid_rows += 1;
                    let matched = record
                        .external_id
                        .as_ref()
                        .is_some_and(|e| engine.existing.contains_key(e));
                    if matched {
                        engine.report.matched_customers += 1;
                    } else {
                        engine.report.new_customers += 1;
                    }
                    if let (Some(now), Mode::Write { now: at }) = (&now, mode) {
                        engine.write(record, now, at)?;
                    }
                }
                None => engine.report.rejected_rows += 1,
            }
            all_problems += engine.problems.len() as u32;
            let room = ImportReport::PROBLEMS_LISTED.saturating_sub(engine.report.problems.len());
            engine
                .report
                .problems
                .extend(engine.problems.drain(..).take(room));
            engine.problems.clear();
            if engine.report.rows.is_multiple_of(PROGRESS_EVERY) {
                (control.progress)(ImportProgress {
                    phase,
                    rows_done: engine.report.rows,
                    fraction: row.fraction,
                });
                if control.cancel.load(Ordering::Relaxed) {
                    return Err(CoreError::Cancelled);
                }
            }
            Ok(())
        };
        match step() {
            Ok(()) => true,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    if control.cancel.load(Ordering::Relaxed) {
        return Err(CoreError::Cancelled);
    }
    engine.deltas.apply(conn)?;
    (control.progress)(ImportProgress {
        phase,
        rows_done: engine.report.rows,
        fraction: Some(1.0),
    });
    let mut report = engine.report;
    report.problem_count = all_problems;
    report.missing_personas = engine.names.missing_personas;
    report.missing_steps = engine.names.missing_steps;
    report.written = now.is_some();
    Ok(report)
}
