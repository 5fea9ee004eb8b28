//! Stage history from a CRM imported as placement history: HubSpot's lifecycle stage
//! history, a Salesforce field history report or any file of (customer, previous
//! stage, new stage, date) rows. Each row becomes a change of the customer's current
//! step with its original date, so that progression, stalled customers and time on a
//! step mean something on the first day.
//!
//! Customers are found by external id (or by name when the file has no id) among those
//! the workspace has; CRM stages go to steps of each customer's map by the user's choice
//! (kept for the next file), else a step of the same name; stages with no step (a CRM's
//! "lead" before anyone is a customer) are left out and counted. Importing the same
//! file again adds nothing. See [`write`] for how the history joins what is stored.

mod fields;
mod write;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::Ordering;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use fields::{apply_column_choices, propose_mapping};

use super::rows::problem;
use super::{values, Control, Mode, Table};
use crate::db::customers::imported::{self, CustomerKey};
use crate::db::{meta, personas, steps};
use crate::error::{CoreError, CoreResult};
use crate::model::{
    FieldUse, HistoryField, HistoryFieldChoice, HistoryOptions, HistoryPreview, HistoryReport,
    ImportPhase, ImportProblem, ImportProgress, ImportReport, PersonaId, StageChoice, StageMatch,
    StageUse, StepId,
};
use crate::validate;

const STAGES_KEY: &str = "import.history.stages";
const PROGRESS_EVERY: u32 = 4096;
/// The most values of a "field changed" column listed.
const MAX_FIELDS_LISTED: usize = 200;

/// Describes a stage history file for the wizard.
pub fn preview(
    conn: &Connection,
    path: &Path,
    table: &Table,
    sample: Vec<Vec<String>>,
) -> CoreResult<HistoryPreview> {
    let mut step_titles: Vec<String> = Vec::new();
    for persona in personas::list(conn)? {
        for step in steps::list_for_map(conn, persona.map_id)? {
            if !step_titles
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&step.title))
            {
                step_titles.push(step.title);
            }
        }
    }
    Ok(HistoryPreview {
        file: super::preview(conn, path, table, sample)?,
        mapping: propose_mapping(&table.headers),
        fields: HistoryField::ALL
            .iter()
            .map(|&field| HistoryFieldChoice {
                field,
                label: field.label().to_string(),
            })
            .collect(),
        step_titles,
    })
}

/// Stage choices kept from earlier imports: lower-case stage → step title (`None`: left out).
fn saved_stages(conn: &Connection) -> CoreResult<HashMap<String, Option<String>>> {
    let Some(json) = meta::get(conn, STAGES_KEY)? else {
        return Ok(HashMap::new());
    };
    let stored: HashMap<String, String> = serde_json::from_str(&json).unwrap_or_default();
    Ok(stored
        .into_iter()
        .map(|(stage, step)| (stage, (!step.is_empty()).then_some(step)))
        .collect())
}

/// Keeps the user's stage choices for the next history file.
pub fn remember_stages(conn: &Connection, choices: &[StageChoice]) -> CoreResult<()> {
    let mut stored: HashMap<String, String> = meta::get(conn, STAGES_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    for choice in choices {
        let key = choice.stage.trim().to_lowercase();
        if !key.is_empty() {
            stored.insert(key, choice.step.clone().unwrap_or_default());
        }
    }
    let json = serde_json::to_string(&stored).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    meta::set(conn, STAGES_KEY, &json)
}

/// A valid row: a customer's move onto `to` at `at`.
struct Entry {
    customer: usize,
    at: DateTime<Utc>,
    /// The date as written, when it has slashes (see [`Dates`]).
    date_text: Option<Box<str>>,
    /// The step the row says it left (mapped from its previous stage).
    from: Option<StepId>,
    to: StepId,
    line: u32,
}

struct Engine<'a> {
    table: &'a Table,
    options: &'a HistoryOptions,
    columns: HashMap<HistoryField, usize>,
    style: values::NumberStyle,
    customers: Vec<CustomerKey>,
    by_external: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Per persona: lower-case step title → step.
    steps: HashMap<PersonaId, HashMap<String, StepId>>,
    persona_names: HashMap<PersonaId, String>,
    saved: HashMap<String, Option<String>>,
    /// Lower-case stage → its use (the stage as first written).
    stages: HashMap<String, StageUse>,
    entries: Vec<Entry>,
    dates: Dates,
    /// Lower-case value of the "field changed" column → its use.
    fields: HashMap<String, FieldUse>,
    left_out: LeftOut,
    report: HistoryReport,
    problems: Vec<ImportProblem>,
}

/// Dates written with slashes: how many could only be read day first (13/1/2026) or
/// only month first (1/13/2026). One file writes them one way: when only one way was
/// seen, every date that either way could read is read that way.
#[derive(Default)]
struct Dates {
    day_first: u32,
    month_first: u32,
}

impl Dates {
    /// The order the file's dates show, when it differs from what the file's style
    /// assumed.
    fn settled(&self, style: values::NumberStyle) -> Option<values::NumberStyle> {
        let shown = match (self.day_first > 0, self.month_first > 0) {
            (true, false) => values::NumberStyle::DecimalComma,
            (false, true) => values::NumberStyle::DecimalPoint,
            _ => return None,
        };
        (shown != style).then_some(shown)
    }
}

/// Rows left out on purpose, by why.
#[derive(Default)]
struct LeftOut {
    other_field: u32,
    no_step: u32,
    unknown_customers: u32,
    unknown_examples: Vec<String>,
    /// Changes later than what the workspace knows of the customer.
    later: u32,
}

impl LeftOut {
    fn total(&self) -> u32 {
        self.other_field + self.no_step + self.unknown_customers + self.later
    }

    /// What the report says of them.
    fn notes(&self) -> Vec<String> {
        let rows = |n: u32| {
            if n == 1 {
                "1 row".to_string()
            } else {
                format!("{n} rows")
            }
        };
        let mut notes = Vec::new();
        if self.other_field > 0 {
            notes.push(format!(
                "Left out {} about other fields than the stage.",
                rows(self.other_field)
            ));
        }
        if self.no_step > 0 {
            notes.push(format!(
                "Left out {} of stages that go to no step.",
                rows(self.no_step)
            ));
        }
        if self.unknown_customers > 0 {
            let examples: Vec<String> = self
                .unknown_examples
                .iter()
                .map(|k| format!("\"{k}\""))
                .collect();
            notes.push(format!(
                "Left out {} of customers the workspace does not have (such as {}); import \
                 them as customers first to keep their history.",
                rows(self.unknown_customers),
                examples.join(", ")
            ));
        }
        if self.later > 0 {
            notes.push(format!(
                "Left out {} of changes later than the customer's latest step in the \
                 workspace (or of customers never placed): import the customers again to \
                 bring their steps up to date, then the history.",
                rows(self.later)
            ));
        }
        notes
    }
}

/// Checks every row of a stage history file; with `Mode::Write`, also writes the changes
/// it gives into the placement history through `conn` (inside the caller's transaction).
pub fn run(
    conn: &Connection,
    table: &Table,
    options: &HistoryOptions,
    mode: Mode,
    control: Control<'_>,
) -> CoreResult<HistoryReport> {
    let columns = fields::check(table, options)?;
    let customers = imported::keys(conn)?;
    let mut by_external = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in customers.iter().enumerate() {
        if let Some(e) = &c.external_id {
            by_external.insert(e.clone(), i);
        }
        by_name.entry(c.name.to_lowercase()).or_default().push(i);
    }
    let mut steps_of = HashMap::new();
    let mut persona_names = HashMap::new();
    for persona in personas::list(conn)? {
        let titles = steps::list_for_map(conn, persona.map_id)?
            .into_iter()
            .map(|s| (s.title.to_lowercase(), s.id))
            .collect();
        steps_of.insert(persona.id, titles);
        persona_names.insert(persona.id, persona.name);
    }
    let mut engine = Engine {
        table,
        options,
        columns,
        style: values::NumberStyle::for_delimiter(table.delimiter()),
        customers,
        by_external,
        by_name,
        steps: steps_of,
        persona_names,
        saved: saved_stages(conn)?,
        stages: HashMap::new(),
        entries: Vec::new(),
        dates: Dates::default(),
        fields: HashMap::new(),
        left_out: LeftOut::default(),
        report: HistoryReport {
            rows: 0,
            valid_rows: 0,
            rejected_rows: 0,
            skipped_rows: 0,
            customers: 0,
            new_entries: 0,
            known_entries: 0,
            corrected_entries: 0,
            stages: Vec::new(),
            fields: Vec::new(),
            problems: Vec::new(),
            problem_count: 0,
            notes: Vec::new(),
            written: false,
        },
        problems: Vec::new(),
    };
    let phase = match mode {
        Mode::Validate => ImportPhase::Validating,
        Mode::Write { .. } => ImportPhase::Writing,
    };
    let mut cancelled = false;
    let trailer = table.rows(&mut |row| {
        engine.report.rows += 1;
        if let Some(why) = &row.oversized {
            engine.problems.push(problem(
                row.line,
                None,
                format!("the row was not read: {why}"),
            ));
        } else {
            engine.row(&row.cells, row.line);
        }
        if !engine.problems.is_empty() {
            engine.report.rejected_rows += 1;
            engine.report.problem_count += engine.problems.len() as u32;
            let room = ImportReport::PROBLEMS_LISTED.saturating_sub(engine.report.problems.len());
            engine
                .report
                .problems
                .extend(engine.problems.drain(..).take(room));
            engine.problems.clear();
        }
        if engine.report.rows.is_multiple_of(PROGRESS_EVERY) {
            (control.progress)(ImportProgress {
                phase,
                rows_done: engine.report.rows,
                fraction: row.fraction,
            });
            if control.cancel.load(Ordering::Relaxed) {
                cancelled = true;
                return false;
            }
        }
        true
    })?;
    if cancelled || control.cancel.load(Ordering::Relaxed) {
        return Err(CoreError::Cancelled);
    }
    let mut report = engine.finish(conn, mode)?;
    report.notes.extend(trailer.map(|t| t.describe()));
    (control.progress)(ImportProgress {
        phase,
        rows_done: report.rows,
        fraction: Some(1.0),
    });
    Ok(report)
}

impl Engine<'_> {
    fn cell<'r>(&self, cells: &'r [String], field: HistoryField) -> Option<(&'r str, &str)> {
        let i = *self.columns.get(&field)?;
        let text = cells
            .get(i)
            .map_or("", |c| values::unneutralise(c.trim()).trim());
        Some((text, self.table.headers[i].as_str()))
    }

    /// The step a stage goes to (a title), and how it was found; `new`: the stage is a
    /// row's new stage (counted in its rows), not its previous one.
    fn resolve(&mut self, stage: &str, new: bool) -> (Option<String>, StageMatch) {
        let key = stage.to_lowercase();
        if let Some(known) = self.stages.get_mut(&key) {
            known.rows += u32::from(new);
            return (known.step.clone(), known.matched);
        }
        let chosen = self
            .options
            .stages
            .iter()
            .find(|c| c.stage.trim().eq_ignore_ascii_case(stage));
        let (step, matched) = if let Some(c) = chosen {
            (c.step.clone(), StageMatch::Chosen)
        } else if let Some(step) = self.saved.get(&key) {
            (step.clone(), StageMatch::Saved)
        } else if self.steps.values().any(|titles| titles.contains_key(&key)) {
            (Some(stage.to_string()), StageMatch::SameName)
        } else {
            (None, StageMatch::None)
        };
        let matched = if step.is_none() && matched != StageMatch::Chosen {
            StageMatch::None
        } else {
            matched
        };
        self.stages.insert(
            key,
            StageUse {
                stage: stage.to_string(),
                rows: u32::from(new),
                step: step.clone(),
                matched,
            },
        );
        (step, matched)
    }

    /// Checks one row; a valid one adds an entry, a problem goes to `self.problems`.
    /// Rows about another field, of a stage no step stands for, or of a customer the
    /// workspace does not have (a CRM holds more companies than customers) are left out
    /// and counted, not reported one by one.
    fn row(&mut self, cells: &[String], line: u32) {
        if let Some((field, _)) = self.cell(cells, HistoryField::Field) {
            let wanted = match &self.options.field {
                Some(name) => field.eq_ignore_ascii_case(name.trim()),
                None => values::normalise_header(field).contains("stage"),
            };
            let key = field.to_lowercase();
            if let Some(known) = self.fields.get_mut(&key) {
                known.rows += 1;
            } else if self.fields.len() < MAX_FIELDS_LISTED {
                let field = FieldUse {
                    field: field.to_string(),
                    rows: 1,
                    imported: wanted,
                };
                self.fields.insert(key, field);
            }
            if !wanted {
                self.left_out.other_field += 1;
                return;
            }
        }
        let Some((stage, column)) = self.cell(cells, HistoryField::Stage) else {
            return;
        };
        let (stage, column) = (validate::one_line(stage).into_owned(), column.to_string());
        if stage.is_empty() {
            self.problems.push(problem(
                line,
                Some(&column),
                "the new stage is empty".into(),
            ));
            return;
        }
        if let Some(reason) = validate::control_problem("The stage", &stage, false) {
            self.problems.push(problem(line, Some(&column), reason));
            return;
        }
        let (Some(title), matched) = self.resolve(&stage, true) else {
            self.left_out.no_step += 1;
            return;
        };
        let Some(customer) = self.customer(cells, line) else {
            return;
        };
        let at = match self.cell(cells, HistoryField::Date) {
            Some((text, column)) => match values::parse_moment(text, self.style) {
                Some(at) => {
                    match values::slashed_order(text) {
                        Some(values::NumberStyle::DecimalComma) => self.dates.day_first += 1,
                        Some(values::NumberStyle::DecimalPoint) => self.dates.month_first += 1,
                        None => {}
                    }
                    at
                }
                None => {
                    let reason = if text.is_empty() {
                        "the date is empty".to_string()
                    } else {
                        format!(
                            "\"{text}\" is not a date and time (write it like 2026-11-23 or \
                             2026-11-23 14:05)"
                        )
                    };
                    let column = column.to_string();
                    self.problems.push(problem(line, Some(&column), reason));
                    return;
                }
            },
            None => return,
        };
        let persona = self.customers[customer].persona_id;
        let Some(to) = self.step_on_map(persona, &title) else {
            if matched == StageMatch::SameName {
                // Named like a step of another persona's map only.
                self.left_out.no_step += 1;
                return;
            }
            let name = self
                .persona_names
                .get(&persona)
                .cloned()
                .unwrap_or_default();
            let reason =
                format!("the map of {name} has no step \"{title}\" (for the stage \"{stage}\")");
            self.problems.push(problem(line, Some(&column), reason));
            return;
        };
        let from = match self.cell(cells, HistoryField::PreviousStage) {
            Some((previous, _)) if !previous.is_empty() => {
                let previous = validate::one_line(previous).into_owned();
                match self.resolve(&previous, false).0 {
                    Some(title) => self.step_on_map(persona, &title),
                    None => None,
                }
            }
            _ => None,
        };
        self.report.valid_rows += 1;
        // A date both orders could read waits for the file's other dates to tell.
        let date_text = cells
            .get(self.columns[&HistoryField::Date])
            .filter(|t| t.contains('/'))
            .map(|t| t.trim().into());
        self.entries.push(Entry {
            customer,
            at: at.to_utc(),
            date_text,
            from,
            to,
            line,
        });
    }

    fn step_on_map(&self, persona: PersonaId, title: &str) -> Option<StepId> {
        self.steps
            .get(&persona)?
            .get(&title.to_lowercase())
            .copied()
    }

    /// The customer a row names (by external id, else by name); a customer the workspace
    /// does not have is counted as left out.
    fn customer(&mut self, cells: &[String], line: u32) -> Option<usize> {
        let by_id = self
            .cell(cells, HistoryField::ExternalId)
            .filter(|(id, _)| !id.is_empty() || self.cell(cells, HistoryField::Name).is_none());
        let (key, found) = if let Some((id, _)) = by_id {
            (id.to_string(), self.by_external.get(id).copied())
        } else {
            let (name, column) = self.cell(cells, HistoryField::Name)?;
            let found = self.by_name.get(&name.to_lowercase()).map(Vec::as_slice);
            match found {
                Some([one]) => (name.to_string(), Some(*one)),
                Some(many) => {
                    let reason = format!(
                        "{} customers are named \"{name}\"; add the column of their external ids",
                        many.len()
                    );
                    let column = column.to_string();
                    self.problems.push(problem(line, Some(&column), reason));
                    return None;
                }
                None => (name.to_string(), None),
            }
        };
        if found.is_none() {
            self.left_out.unknown_customers += 1;
            if self.left_out.unknown_examples.len() < 3 && !key.is_empty() {
                self.left_out.unknown_examples.push(key);
            }
        }
        found
    }

    /// Orders the entries per customer, counts what is new and, when writing, writes it.
    fn finish(mut self, conn: &Connection, mode: Mode) -> CoreResult<HistoryReport> {
        let now = match mode {
            Mode::Write { now } => Some(now),
            Mode::Validate => None,
        };
        let mut entries = std::mem::take(&mut self.entries);
        if let Some(order) = self.dates.settled(self.style) {
            for entry in &mut entries {
                let text = entry.date_text.take();
                if let Some(at) = text.and_then(|t| values::parse_moment(&t, order)) {
                    entry.at = at.to_utc();
                }
            }
        }
        // Changes at the same moment keep the order of the file, read from its oldest
        // end: a file written newest first is read bottom up.
        let (mut rising, mut falling) = (0u32, 0u32);
        for pair in entries.windows(2) {
            if pair[0].customer == pair[1].customer {
                match pair[0].at.cmp(&pair[1].at) {
                    std::cmp::Ordering::Less => rising += 1,
                    std::cmp::Ordering::Greater => falling += 1,
                    std::cmp::Ordering::Equal => {}
                }
            }
        }
        let newest_first = falling > rising;
        entries.sort_by_key(|e| {
            let order = if newest_first {
                u32::MAX - e.line
            } else {
                e.line
            };
            (e.customer, e.at, order)
        });
        let mut start = 0;
        while start < entries.len() {
            let customer = entries[start].customer;
            let end = start
                + entries[start..]
                    .iter()
                    .take_while(|e| e.customer == customer)
                    .count();
            let id = self.customers[customer].id;
            let counts = write::customer_history(conn, id, &entries[start..end], now)?;
            self.report.customers += 1;
            self.report.new_entries += counts.new;
            self.report.known_entries += counts.known;
            self.report.corrected_entries += counts.corrected;
            self.left_out.later += counts.later;
            start = end;
        }
        self.report.skipped_rows = self.left_out.total();
        self.report.notes = self.left_out.notes();
        let mut stages: Vec<StageUse> = self.stages.into_values().collect();
        stages.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.stage.cmp(&b.stage)));
        let mut fields: Vec<FieldUse> = self.fields.into_values().collect();
        fields.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.field.cmp(&b.field)));
        let mut report = self.report;
        report.stages = stages;
        report.fields = fields;
        report.written = now.is_some();
        Ok(report)
    }
}
