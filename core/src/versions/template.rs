//! Map templates: a persona's map as a JSON file (`*.successmap-map.json`, format in
//! docs/map-format.md) to share and start other maps from, and the built-in gallery (the
//! demo's three architect maps, a generic B2B SaaS map). A template from a file is
//! input like any other: read in full, checked, and refused with the reason before
//! anything is created.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::db::personas;
use crate::error::{CoreError, CoreResult};
use crate::model::{MapContent, Persona, PersonaId, PersonaInput};
use crate::{ops, validate};

/// The `format` tag of a template file.
pub const FORMAT_TAG: &str = "successmap-map";
/// The version of the template format this build writes and reads.
pub const VERSION: u32 = 1;
/// The extension offered for template files.
pub const EXTENSION: &str = "successmap-map.json";
/// Larger files are refused before they are parsed.
pub const MAX_BYTES: usize = 4 << 20;
/// At most this many steps, KPIs per step and vehicles in a template.
pub const MAX_STEPS: usize = 100;
pub const MAX_KPIS: usize = 50;
pub const MAX_VEHICLES: usize = 500;

/// A map template: the persona it was made for and its map, without ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MapTemplate {
    pub format: String,
    pub version: u32,
    pub persona: TemplatePersona,
    pub map: MapContent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplatePersona {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub success_definition: String,
    #[serde(default)]
    pub goals: Vec<String>,
}

/// A template of the gallery, as the app offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GalleryTemplate {
    /// Stable key to ask for it again.
    pub key: String,
    pub template: MapTemplate,
}

/// The persona's map as a template.
pub fn export(conn: &Connection, persona: PersonaId) -> CoreResult<MapTemplate> {
    let p = personas::get(conn, persona)?;
    let mut map = super::content_of(conn, p.map_id)?;
    strip_ids(&mut map);
    Ok(MapTemplate {
        format: FORMAT_TAG.to_string(),
        version: VERSION,
        persona: TemplatePersona {
            name: p.name,
            description: p.description,
            success_definition: p.success_definition,
            goals: p.goals,
        },
        map,
    })
}

fn strip_ids(map: &mut MapContent) {
    for step in &mut map.steps {
        step.id = None;
        for kpi in &mut step.kpis {
            kpi.id = None;
        }
    }
    for vehicle in &mut map.vehicles {
        vehicle.id = None;
    }
}

/// The template as the file's text (pretty, with a final newline).
pub fn to_json(template: &MapTemplate) -> CoreResult<String> {
    let mut text = serde_json::to_string_pretty(template)
        .map_err(|e| CoreError::Fault(format!("the template could not be written: {e}")))?;
    text.push('\n');
    Ok(text)
}

fn broken(message: impl Into<String>) -> CoreError {
    CoreError::invalid("template", message)
}

/// Reads and checks a template file's bytes; refuses what is not a valid template with
/// the reason (the JSON's line and column when it does not parse).
pub fn parse(bytes: &[u8]) -> CoreResult<MapTemplate> {
    if bytes.len() > MAX_BYTES {
        return Err(broken(format!(
            "the file is {} bytes; a map template is at most {} MB",
            bytes.len(),
            MAX_BYTES >> 20
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| broken("the file is not UTF-8 text, so it is not a map template"))?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        broken(format!(
            "the file is not valid JSON (line {}, column {}: {})",
            e.line(),
            e.column(),
            first_clause(&e.to_string())
        ))
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT_TAG) => {}
        Some(other) => {
            return Err(broken(format!(
                "the file is a \"{other}\" file, not a Successmap map template (\"{FORMAT_TAG}\")"
            )))
        }
        None => {
            return Err(broken(format!(
            "the file has no \"format\": \"{FORMAT_TAG}\", so it is not a Successmap map template"
        )))
        }
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v as u32 as u64 == v && (1..=VERSION).contains(&(v as u32)) => {}
        Some(v) if v > VERSION as u64 => {
            return Err(broken(format!(
                "the template is of format version {v}, newer than this Successmap reads ({VERSION}); update Successmap"
            )))
        }
        _ => return Err(broken("the template has no valid \"version\" number")),
    }
    let mut template: MapTemplate = serde_json::from_value(value).map_err(|e| {
        broken(format!(
            "the template is incomplete: {}",
            first_clause(&e.to_string())
        ))
    })?;
    // A file may carry ids (a version's content pasted in); they mean nothing elsewhere.
    strip_ids(&mut template.map);
    check(&template)?;
    Ok(template)
}

fn first_clause(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// The rules of a map, checked on a template before anything is written.
fn check(template: &MapTemplate) -> CoreResult<()> {
    let at = |what: String, e: CoreError| broken(format!("{what}: {e}"));
    validate::name("name", "Persona name", &template.persona.name)
        .map_err(|e| at("the persona".into(), e))?;
    let map = &template.map;
    if map.steps.len() > MAX_STEPS {
        return Err(broken(format!(
            "the map has {} steps; a template holds at most {MAX_STEPS}",
            map.steps.len()
        )));
    }
    if map.vehicles.len() > MAX_VEHICLES {
        return Err(broken(format!(
            "the template describes {} vehicles; at most {MAX_VEHICLES}",
            map.vehicles.len()
        )));
    }
    let mut titles = HashSet::new();
    let described: HashSet<String> = map.vehicles.iter().map(|v| v.name.to_lowercase()).collect();
    for (i, step) in map.steps.iter().enumerate() {
        let which = format!("step {} (\"{}\")", i + 1, step.title);
        let title =
            validate::name("title", "Step title", &step.title).map_err(|e| at(which.clone(), e))?;
        if !titles.insert(title.to_lowercase()) {
            return Err(broken(format!(
                "{which}: the map has two steps titled \"{title}\""
            )));
        }
        validate::text("outcome", "Outcome", &step.outcome).map_err(|e| at(which.clone(), e))?;
        validate::text("notes", "Notes", &step.notes).map_err(|e| at(which.clone(), e))?;
        if step.kpis.len() > MAX_KPIS {
            return Err(broken(format!("{which}: more than {MAX_KPIS} KPIs")));
        }
        for kpi in &step.kpis {
            ops::kpis::check(&crate::model::KpiInput::from(kpi))
                .map_err(|e| at(format!("{which}, KPI \"{}\"", kpi.name), e))?;
        }
        if i + 1 == map.steps.len() && !step.move_vehicles.is_empty() {
            return Err(broken(format!(
                "{which}: vehicles on the move to the next step, but it is the last step"
            )));
        }
        for name in step.vehicles.iter().chain(&step.move_vehicles) {
            if !described.contains(&name.to_lowercase()) {
                return Err(broken(format!(
                    "{which}: the vehicle \"{name}\" is not described in \"vehicles\""
                )));
            }
        }
    }
    let mut names = HashSet::new();
    for v in &map.vehicles {
        validate::name("name", "Vehicle name", &v.name)
            .map_err(|e| at(format!("vehicle \"{}\"", v.name), e))?;
        if !names.insert(v.name.to_lowercase()) {
            return Err(broken(format!(
                "the vehicle \"{}\" is described twice",
                v.name
            )));
        }
    }
    Ok(())
}

/// Creates a persona (named `name`, else as the template says) with the template's map.
/// Vehicles the workspace has by name are used; the others are created. Run inside one
/// edit: a refusal leaves nothing half-created.
pub fn import(
    conn: &Connection,
    template: &MapTemplate,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<Persona> {
    check(template)?;
    let persona = ops::personas::create(
        conn,
        &PersonaInput {
            name: name.unwrap_or(&template.persona.name).to_string(),
            description: template.persona.description.clone(),
            success_definition: template.persona.success_definition.clone(),
            goals: template.persona.goals.clone(),
            revenue_share: None,
            color: None,
        },
        now,
    )?;
    let mut map = template.map.clone();
    strip_ids(&mut map);
    super::apply(conn, persona.map_id, &map, now, |_, _| Ok(()))?;
    personas::get(conn, persona.id)
}

/// The built-in templates: the demo's maps (made from the demo itself, so they never
/// drift from it) and a generic B2B SaaS map.
pub fn gallery(now: DateTime<Utc>) -> CoreResult<Vec<GalleryTemplate>> {
    let mut out = Vec::new();
    let mut db = crate::Db::open_in_memory()?;
    let demo = db.write(|tx| {
        crate::demo::build(tx, now)?;
        let list = personas::list(tx)?;
        list.iter()
            .map(|p| export(tx, p.id))
            .collect::<CoreResult<Vec<_>>>()
    })?;
    for template in demo {
        out.push(GalleryTemplate {
            key: format!("demo:{}", slug(&template.persona.name)),
            template,
        });
    }
    out.push(GalleryTemplate {
        key: "b2b-saas".to_string(),
        template: parse(B2B_SAAS.as_bytes())?,
    });
    Ok(out)
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

/// A generic B2B SaaS map: onboarding → adoption → expansion.
const B2B_SAAS: &str = include_str!("../../templates/b2b-saas.successmap-map.json");
