use serde::{Deserialize, Serialize};
use specta::Type;

use super::PersonaId;

/// A customer field a column of an imported file can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    ExternalId,
    Name,
    Persona,
    CurrentStep,
    TargetStep,
    Arr,
    Health,
    Nps,
    Csat,
    Owner,
    RenewalDate,
    Notes,
}

impl ImportField {
    pub const ALL: [ImportField; 12] = [
        ImportField::ExternalId,
        ImportField::Name,
        ImportField::Persona,
        ImportField::CurrentStep,
        ImportField::TargetStep,
        ImportField::Arr,
        ImportField::Health,
        ImportField::Nps,
        ImportField::Csat,
        ImportField::Owner,
        ImportField::RenewalDate,
        ImportField::Notes,
    ];

    /// The column name of our own CSV export.
    pub fn key(self) -> &'static str {
        match self {
            ImportField::ExternalId => "external_id",
            ImportField::Name => "name",
            ImportField::Persona => "persona",
            ImportField::CurrentStep => "current_step",
            ImportField::TargetStep => "target_step",
            ImportField::Arr => "arr",
            ImportField::Health => "health",
            ImportField::Nps => "nps",
            ImportField::Csat => "csat",
            ImportField::Owner => "owner",
            ImportField::RenewalDate => "renewal_date",
            ImportField::Notes => "notes",
        }
    }

    pub fn from_key(key: &str) -> Option<ImportField> {
        ImportField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// How the field is named in reports and the wizard.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::ExternalId => "External id",
            ImportField::Name => "Name",
            ImportField::Persona => "Persona",
            ImportField::CurrentStep => "Current step",
            ImportField::TargetStep => "Target step",
            ImportField::Arr => "ARR",
            ImportField::Health => "Health",
            ImportField::Nps => "NPS",
            ImportField::Csat => "CSAT",
            ImportField::Owner => "Owner",
            ImportField::RenewalDate => "Renewal date",
            ImportField::Notes => "Notes",
        }
    }
}

/// What was detected about a file, its first rows and the proposed column mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub path: String,
    /// "csv" or "xlsx".
    pub format: String,
    /// For example "UTF-8 with BOM" or "Shift_JIS (Japanese)"; empty for XLSX.
    pub encoding: String,
    /// The encoding's name, to choose it again ("Shift_JIS"); empty for XLSX.
    pub encoding_name: String,
    /// False when the encoding was guessed on little or contradictory evidence: the
    /// user should check the names in the sample and choose another when they look wrong.
    pub encoding_sure: bool,
    /// True when the user chose the encoding.
    pub encoding_chosen: bool,
    /// Why the user should check the text in the sample (when `encoding_sure` is false).
    pub encoding_doubt: Option<String>,
    /// The encodings a CSV file can be read in (empty for XLSX).
    pub encodings: Vec<EncodingChoice>,
    /// True when the file starts with Excel's `sep=` line (read past).
    pub sep_line: bool,
    /// "comma", "semicolon" or "tab"; empty for XLSX.
    pub delimiter: String,
    pub headers: Vec<String>,
    /// The first rows after the header, as text.
    pub sample: Vec<Vec<String>>,
    /// One entry per column: the field it fills, or none.
    pub mapping: Vec<Option<ImportField>>,
    /// True when the mapping came (at least in part) from one saved earlier.
    pub mapping_saved: bool,
    /// Per column: its choice was saved earlier (for the same header).
    pub mapping_from_saved: Vec<bool>,
    /// Fields more than one column could fill, and which one was taken.
    pub ambiguities: Vec<ColumnAmbiguity>,
    /// The fields a column can fill, with their labels, in the order to offer them.
    pub fields: Vec<FieldChoice>,
    /// Columns whose header names a KPI of a map: proposed as that KPI's values.
    pub kpi_columns: Vec<KpiColumn>,
    /// Every KPI name of the workspace's maps, for choosing one for a column.
    pub kpi_names: Vec<String>,
}

/// An encoding to offer: its name and what it is used for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct EncodingChoice {
    pub name: String,
    /// "Shift_JIS (Japanese)".
    pub label: String,
}

/// A field and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldChoice {
    pub field: ImportField,
    pub label: String,
}

impl FieldChoice {
    pub fn all() -> Vec<FieldChoice> {
        ImportField::ALL
            .iter()
            .map(|&field| FieldChoice {
                field,
                label: field.label().to_string(),
            })
            .collect()
    }
}

/// A field two or more columns could fill: the column taken and the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ColumnAmbiguity {
    pub field: ImportField,
    pub chosen: u32,
    pub others: Vec<u32>,
    /// What [`ColumnAmbiguity::describe`] says, for the wizard.
    pub message: String,
}

impl ColumnAmbiguity {
    /// "Current step: took "Current step"; "Lifecycle Stage" could be it too."
    pub fn describe(&self, headers: &[String]) -> String {
        let name = |i: u32| {
            let header = headers.get(i as usize).map_or("", String::as_str);
            if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                format!("\"{header}\"")
            }
        };
        let others: Vec<String> = self.others.iter().map(|&i| name(i)).collect();
        format!(
            "{}: took {}; {} could be it too.",
            self.field.label(),
            name(self.chosen),
            others.join(" and ")
        )
    }
}

/// A column of KPI values: each row's value goes to the KPI of that name on the map of
/// the row's persona.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KpiColumn {
    pub column: u32,
    pub kpi: String,
}

/// Choices for one import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// One entry per column of the file.
    pub mapping: Vec<Option<ImportField>>,
    /// Columns of KPI values (columns not mapped to a field).
    #[serde(default)]
    pub kpi_columns: Vec<KpiColumn>,
    /// Create personas and steps the file names that do not exist yet.
    pub create_missing: bool,
    /// The persona of rows whose persona cell is empty (or when no column is mapped to it).
    pub default_persona_id: Option<PersonaId>,
    /// The encoding to read a CSV file in, by name; `None`: detected.
    #[serde(default)]
    pub encoding: Option<String>,
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// Line of the row as a text editor shows it (the header is line 1); the row
    /// number in a spreadsheet.
    pub line: u32,
    /// The column's header, when the problem is about one cell.
    pub column: Option<String>,
    pub reason: String,
}

/// What an import did, or would do (validation and dry runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// Data rows read (the header not counted).
    pub rows: u32,
    pub valid_rows: u32,
    /// Rows with at least one problem; they are not imported.
    pub rejected_rows: u32,
    /// Valid rows that add a customer.
    pub new_customers: u32,
    /// Valid rows whose external id matches an existing customer (updated by the import).
    pub matched_customers: u32,
    /// Of the matched customers, those whose values changed (known once written).
    pub updated_customers: u32,
    /// Of the matched customers, those the file already matched exactly (known once written).
    pub unchanged_customers: u32,
    /// Problems in file order; at most [`ImportReport::PROBLEMS_LISTED`] are listed.
    pub problems: Vec<ImportProblem>,
    /// All problems, including those not listed.
    pub problem_count: u32,
    /// Personas the file names that do not exist (created when `create_missing`).
    pub missing_personas: Vec<String>,
    /// "Persona › Step" of steps the file names that do not exist.
    pub missing_steps: Vec<String>,
    /// False for validation and dry runs, and for cancelled or refused imports.
    pub written: bool,
    /// What the import did with the file beyond its rows ("Ignored the report footer on
    /// lines 5–6 (…)").
    pub notes: Vec<String>,
    /// Per persona (by name): what the valid rows do to its customers.
    pub changes: Vec<PersonaChanges>,
    /// The first customers the import moves to another current step (at most 20).
    pub moves: Vec<ImportMove>,
}

/// What an import does to one persona's customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonaChanges {
    pub persona: String,
    pub new_customers: u32,
    /// Customers the file matches whose values change.
    pub updated: u32,
    /// Customers the file matches exactly.
    pub unchanged: u32,
    /// Of the matched customers, those whose current step changes.
    pub moved: u32,
}

/// A customer the import moves from one current step to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportMove {
    pub line: u32,
    pub customer: String,
    pub persona: String,
    /// `None`: not placed before.
    pub from: Option<String>,
    /// `None`: no longer placed.
    pub to: Option<String>,
}

impl ImportReport {
    pub const PROBLEMS_LISTED: usize = 1000;
}

/// Progress of a running import, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// "validating" or "writing".
    pub phase: ImportPhase,
    pub rows_done: u32,
    /// Share of the file read, 0–1 (`None` when it cannot be known ahead).
    pub fraction: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Validating,
    Writing,
}
