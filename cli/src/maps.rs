//! `successmap map …`: versions of a persona's success map (save, list, compare,
//! restore).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use successmap_core::files::Replace;
use successmap_core::model::{RestoreMove, VersionRef};
use successmap_core::{edits, reads, Workspace};

use crate::out::{say, tell};
use crate::Unusable;

#[derive(Subcommand)]
pub(crate) enum MapWhat {
    /// Versions of a persona's map: save, list, restore.
    Version {
        #[command(subcommand)]
        what: VersionWhat,
    },
    /// Map templates: a persona's map as a JSON file to share, or a new persona from one.
    Template {
        #[command(subcommand)]
        what: TemplateWhat,
    },
    /// What changed between two versions of a persona's map, one line per change with
    /// its old and new value ("+" added, "-" removed, "~" changed).
    Diff {
        #[arg(long, value_name = "NAME")]
        persona: String,
        /// The older version's name.
        #[arg(long, value_name = "VERSION")]
        from: String,
        /// The newer version's name (default: the map as it is now).
        #[arg(long, value_name = "VERSION")]
        to: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum VersionWhat {
    /// Save the map as it is now under a name.
    Save {
        #[arg(long, value_name = "NAME")]
        persona: String,
        /// The version's name, unique on this map.
        #[arg(long, value_name = "VERSION")]
        name: String,
        /// What the version is ("After the Q3 workshop").
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// The map's versions, newest first: name, time (UTC), saved or automatic, steps, note.
    List {
        #[arg(long, value_name = "NAME")]
        persona: String,
    },
    /// Make the map what the version holds (the map as it is now is kept as an
    /// automatic version first; the app can undo it).
    Restore {
        #[arg(long, value_name = "NAME")]
        persona: String,
        #[arg(long, value_name = "VERSION")]
        name: String,
        /// Where the customers of a step the version does not have go, as
        /// "STEP=STEP OF THE VERSION" (repeat for more steps).
        #[arg(long = "move", value_name = "STEP=STEP")]
        moves: Vec<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum TemplateWhat {
    /// Write the persona's map as a template (docs/map-format.md).
    Export {
        #[arg(long, value_name = "NAME")]
        persona: String,
        /// The template file to write (*.successmap-map.json).
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the file when it exists.
        #[arg(long)]
        force: bool,
    },
    /// Create a persona with the template's map (exit 2, nothing created, when the
    /// template is broken).
    Import {
        template: PathBuf,
        /// The new persona's name (default: the template's).
        #[arg(long = "as", value_name = "PERSONA_NAME")]
        name: Option<String>,
    },
}

impl MapWhat {
    /// Whether the command changes the workspace.
    pub(crate) fn writes(&self) -> bool {
        matches!(
            self,
            MapWhat::Version {
                what: VersionWhat::Save { .. } | VersionWhat::Restore { .. }
            } | MapWhat::Template {
                what: TemplateWhat::Import { .. }
            }
        )
    }
}

pub(crate) fn run(ws: &Workspace, what: MapWhat) -> Result<ExitCode, Unusable> {
    match what {
        MapWhat::Template {
            what:
                TemplateWhat::Export {
                    persona,
                    output,
                    force,
                },
        } => {
            let persona = reads::persona_by_name(ws, &persona)?;
            let template =
                reads::export_map_template(ws, persona, &output, Replace::from_force(force))?;
            tell!(
                "Wrote the map of {} ({} steps) to {}",
                template.persona.name,
                template.map.steps.len(),
                output.display()
            );
        }
        MapWhat::Template {
            what: TemplateWhat::Import { template, name },
        } => {
            let read = reads::read_map_template(&template)?;
            let persona = edits::import_map_template(ws, &read, name.as_deref(), Utc::now())?;
            tell!(
                "Created persona \"{}\" with a map of {} steps from {}",
                persona.name,
                read.map.steps.len(),
                template.display()
            );
        }
        MapWhat::Version {
            what:
                VersionWhat::Save {
                    persona,
                    name,
                    note,
                },
        } => {
            let persona = reads::persona_by_name(ws, &persona)?;
            let version = edits::save_version(ws, persona, &name, &note, Utc::now())?;
            tell!(
                "Saved version \"{}\" of the map ({} steps)",
                version.name,
                version.step_count
            );
        }
        MapWhat::Version {
            what: VersionWhat::List { persona },
        } => {
            let persona = reads::persona_by_name(ws, &persona)?;
            for v in reads::map_versions(ws, persona)? {
                say!(
                    "{}\t{}\t{}\t{} steps\t{}",
                    v.name,
                    v.created_at,
                    if v.automatic { "automatic" } else { "saved" },
                    v.step_count,
                    v.note.replace(['\n', '\t'], " ")
                );
            }
        }
        MapWhat::Diff { persona, from, to } => {
            let persona = reads::persona_by_name(ws, &persona)?;
            let from = reads::map_version_named(ws, persona, &from)?.id;
            let to = match to {
                Some(name) => VersionRef::Saved {
                    id: reads::map_version_named(ws, persona, &name)?.id,
                },
                None => VersionRef::Now,
            };
            let comparison =
                reads::compare_map_versions(ws, persona, VersionRef::Saved { id: from }, to)?;
            if comparison.changes.is_empty() {
                tell!(
                    "No changes from \"{}\" to {}",
                    comparison.from_label,
                    quoted_label(&comparison.to_label, to)
                );
            }
            for change in comparison.changes {
                say!("{}", change.text);
            }
        }
        MapWhat::Version {
            what:
                VersionWhat::Restore {
                    persona,
                    name,
                    moves,
                },
        } => {
            let persona = reads::persona_by_name(ws, &persona)?;
            let version = reads::map_version_named(ws, persona, &name)?;
            let preview = reads::restore_preview(ws, persona, version.id)?;
            let mut chosen = Vec::new();
            for text in &moves {
                let (from, to) = text.split_once('=').ok_or_else(|| {
                    Unusable(format!(
                        "--move \"{text}\" needs the form \"STEP=STEP OF THE VERSION\""
                    ))
                })?;
                let from_step = preview
                    .removed
                    .iter()
                    .find(|s| s.title.eq_ignore_ascii_case(from.trim()))
                    .ok_or_else(|| {
                        Unusable(format!(
                            "--move \"{text}\": \"{}\" is not a step that the version removes \
                             (those are: {})",
                            from.trim(),
                            titles(preview.removed.iter().map(|s| s.title.as_str()))
                        ))
                    })?;
                let to_step = preview
                    .steps
                    .iter()
                    .find(|s| s.title.eq_ignore_ascii_case(to.trim()))
                    .ok_or_else(|| {
                        Unusable(format!(
                            "--move \"{text}\": the version has no step \"{}\" (its steps: {})",
                            to.trim(),
                            titles(preview.steps.iter().map(|s| s.title.as_str()))
                        ))
                    })?;
                chosen.push(RestoreMove {
                    from_step_id: from_step.step_id,
                    to_step_id: to_step.step_id,
                });
            }
            let waiting: Vec<String> = preview
                .removed
                .iter()
                .filter(|s| s.on_count + s.aiming_count > 0)
                .filter(|s| !chosen.iter().any(|m| m.from_step_id == s.step_id))
                .map(|s| {
                    format!(
                        "\"{}\" ({} on it, {} aiming at it)",
                        s.title, s.on_count, s.aiming_count
                    )
                })
                .collect();
            if !waiting.is_empty() {
                return Err(Unusable(format!(
                    "version \"{}\" does not have {}; say where their customers go with \
                     --move \"STEP=STEP OF THE VERSION\" (its steps: {})",
                    version.name,
                    waiting.join(", "),
                    titles(preview.steps.iter().map(|s| s.title.as_str()))
                )));
            }
            edits::restore_version(ws, persona, version.id, &chosen, Utc::now())?;
            tell!(
                "Restored version \"{}\"; the map as it was is kept as an automatic version",
                version.name
            );
            if preview.kpi_values_lost > 0 || preview.notes_lost > 0 {
                tell!(
                    "Removed with the steps and KPIs the version does not have: {} KPI value(s), {} workshop note(s)",
                    preview.kpi_values_lost,
                    preview.notes_lost
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn titles<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted_label(label: &str, to: VersionRef) -> String {
    match to {
        VersionRef::Now => "the map as it is now".to_string(),
        VersionRef::Saved { .. } => format!("\"{label}\""),
    }
}
