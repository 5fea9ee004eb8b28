//! One row checked: every mapped cell read, parsed and checked against its field's
//! rule, problems collected with their line and column, the valid row resolved into a
//! record to write.

use chrono::NaiveDate;

use super::names::StepRef;
use super::{source, values, Engine};
use crate::error::CoreResult;
use crate::model::{ImportField, ImportProblem, KpiId};
use crate::validate::{self, Figure, NAME_MAX, TEXT_MAX};
use crate::words;

/// A value of a mapped column (`None` in the outer option: column not mapped).
pub(super) type Slot<T> = Option<Option<T>>;

pub(super) struct Resolved {
    pub(super) external_id: Option<String>,
    pub(super) name: String,
    pub(super) persona: usize,
    pub(super) current: Slot<StepRef>,
    pub(super) target: Slot<StepRef>,
    pub(super) arr: Slot<i64>,
    pub(super) health: Slot<i32>,
    pub(super) nps: Slot<i32>,
    pub(super) csat: Slot<f64>,
    pub(super) owner: Option<String>,
    pub(super) renewal: Slot<NaiveDate>,
    pub(super) notes: Option<String>,
    /// Values of KPI columns (non-empty cells only).
    pub(super) kpis: Vec<(KpiId, f64)>,
}

pub(super) fn problem(line: u32, column: Option<&str>, reason: String) -> ImportProblem {
    ImportProblem {
        line,
        column: column.map(str::to_string),
        reason,
    }
}

impl<'a> Engine<'a> {
    pub(super) fn cell<'r>(
        &self,
        cells: &'r [String],
        field: ImportField,
    ) -> Option<(&'r str, &'a str)> {
        let i = self.columns.of(field)?;
        let text = cells.get(i).map_or("", |c| c.trim());
        Some((text, self.table.headers[i].as_str()))
    }

    pub(super) fn text_field(
        &mut self,
        cells: &[String],
        field: ImportField,
        max: usize,
        line: u32,
    ) -> Option<Option<String>> {
        let (text, column) = self.cell(cells, field)?;
        let text = values::unneutralise(text).trim();
        let lines = max == TEXT_MAX;
        let text = if lines {
            std::borrow::Cow::Borrowed(text)
        } else {
            validate::one_line(text)
        };
        let text = text.as_ref();
        if let Some(reason) = validate::control_problem(field.label(), text, lines) {
            self.problems.push(problem(line, Some(column), reason));
            return Some(None);
        }
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

    pub(super) fn number_field(
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

    /// Checks one row; problems go to `self.problems`.
    pub(super) fn resolve(&mut self, row: &source::Row) -> CoreResult<Option<Resolved>> {
        let line = row.line;
        if let Some(why) = &row.oversized {
            self.problems
                .push(problem(line, None, format!("the row was not read: {why}")));
            return Ok(None);
        }
        let cells = &row.cells[..];
        let width = self.table.headers.len();
        if self.table.strict_width() && cells.len() != width {
            self.problems.push(problem(
                line,
                None,
                format!(
                    "the row has {}; the header has {width}",
                    words::count(cells.len() as u64, "field")
                ),
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
        let encoding = self.table.encoding().map_or("UTF-8", |e| e.encoding.name());
        for &i in &row.invalid_bytes {
            let imported = self.options.mapping.get(i).copied().flatten().is_some()
                || self
                    .options
                    .kpi_columns
                    .iter()
                    .any(|k| k.column as usize == i);
            if imported {
                self.first_invalid.get_or_insert(line);
                let column = self.table.headers[i].clone();
                self.problems.push(problem(
                    line,
                    Some(&column),
                    format!("invalid bytes: the text is not valid {encoding}"),
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
}
