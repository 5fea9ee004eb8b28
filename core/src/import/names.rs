//! Personas and steps by name, case-insensitively, as rows name them: those of the
//! workspace, those the file names but the workspace lacks (reported, or created when
//! the first valid row needs them with `create_missing`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::rows::{problem, Slot};
use super::{values, Engine};
use crate::db::{kpis, personas, steps};
use crate::error::CoreResult;
use crate::model::{ImportField, KpiId, PersonaId, PersonaInput, StepId, StepInput};
use crate::ops;
use crate::validate::{self, NAME_MAX};

/// The most personas one file may name that the workspace does not have (a workspace
/// has a handful; thousands mean the wrong column was taken for the persona).
pub const MAX_NEW_PERSONAS: usize = 50;
/// The most steps one file may name that the maps do not have.
pub const MAX_NEW_STEPS: usize = 500;

/// A persona as the import knows it; `id` is `None` while it is only to be created.
pub(super) struct PersonaSlot {
    pub(super) id: Option<PersonaId>,
    pub(super) name: String,
    /// Lower-case title → step (`None`: to be created).
    pub(super) steps: HashMap<String, Option<StepId>>,
    /// Lower-case title → title as the file writes it, for steps to be created.
    pub(super) new_titles: HashMap<String, String>,
    /// Lower-case name → KPI of the map (none for a persona still to be created).
    pub(super) kpis: HashMap<String, KpiId>,
}

/// A step a row names: one on the map, or one to create (by lower-case title) once a
/// valid row needs it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StepRef {
    Id(StepId),
    New(String),
}

/// Personas and steps by name, case-insensitively, with what the file names but lacks.
pub(super) struct Names {
    pub(super) personas: Vec<PersonaSlot>,
    pub(super) by_name: HashMap<String, usize>,
    pub(super) by_id: HashMap<PersonaId, usize>,
    pub(super) missing_personas: Vec<String>,
    pub(super) missing_steps: Vec<String>,
    /// Every step's title, as the map writes it.
    pub(super) step_titles: HashMap<StepId, String>,
}

impl Names {
    pub(super) fn load(conn: &Connection) -> CoreResult<Names> {
        let mut names = Names {
            personas: Vec::new(),
            by_name: HashMap::new(),
            by_id: HashMap::new(),
            missing_personas: Vec::new(),
            missing_steps: Vec::new(),
            step_titles: HashMap::new(),
        };
        for persona in personas::list(conn)? {
            let mut steps = HashMap::new();
            for step in steps::list_for_map(conn, persona.map_id)? {
                steps.insert(step.title.to_lowercase(), Some(step.id));
                names.step_titles.insert(step.id, step.title);
            }
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

impl Engine<'_> {
    pub(super) fn persona(
        &mut self,
        cells: &[String],
        line: u32,
        matched: Option<PersonaId>,
    ) -> CoreResult<Option<usize>> {
        let cell = self.cell(cells, ImportField::Persona);
        let (text, column) = match cell {
            Some((text, column)) if !text.is_empty() => (
                validate::one_line(values::unneutralise(text).trim()).into_owned(),
                column,
            ),
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
        let text = text.as_str();
        if let Some(reason) = validate::control_problem("Persona", text, false) {
            self.problems.push(problem(line, Some(column), reason));
            return Ok(None);
        }
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
        if self.names.missing_personas.len() >= MAX_NEW_PERSONAS {
            self.problems.push(problem(
                line,
                Some(column),
                format!(
                    "unknown persona \"{text}\": the file names more than {MAX_NEW_PERSONAS} \
                     personas the workspace does not have (is \"{column}\" the persona column?)"
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

    pub(super) fn step(
        &mut self,
        cells: &[String],
        field: ImportField,
        persona: usize,
        line: u32,
    ) -> CoreResult<Slot<StepRef>> {
        let Some((text, column)) = self.cell(cells, field) else {
            return Ok(None);
        };
        let text = validate::one_line(values::unneutralise(text).trim()).into_owned();
        let text = text.as_str();
        if text.is_empty() {
            return Ok(Some(None));
        }
        if let Some(reason) = validate::control_problem(field.label(), text, false) {
            self.problems.push(problem(line, Some(column), reason));
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
        if self.names.missing_steps.len() >= MAX_NEW_STEPS {
            self.problems.push(problem(
                line,
                Some(column),
                format!(
                    "unknown step \"{text}\": the file names more than {MAX_NEW_STEPS} steps \
                     the maps do not have (is \"{column}\" a step column?)"
                ),
            ));
            return Ok(Some(None));
        }
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
    pub(super) fn ensure_persona(
        &mut self,
        index: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<PersonaId> {
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
    pub(super) fn ensure_step(
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
            notes: None,
        };
        // The map as it was, kept once per import before its first new step.
        if self.versioned.insert(map_id) && !steps::list_for_map(self.conn, map_id)?.is_empty() {
            crate::versions::save_automatic(self.conn, map_id, "import", now)?;
        }
        let id = ops::steps::add(self.conn, map_id, &input, None, now)?.id;
        self.names.personas[persona].steps.insert(key, Some(id));
        Ok(Some(Some(id)))
    }
}
