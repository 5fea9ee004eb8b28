//! Stage history from a CRM: rows of (customer, previous stage, new stage, date), as
//! HubSpot's lifecycle stage history or a Salesforce field history report writes them,
//! imported as placement history with their original dates.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{ImportPreview, ImportProblem};

/// What a column of a stage history file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HistoryField {
    /// The customer's external id (as in the customer import).
    ExternalId,
    /// The customer's name (when the file has no id).
    Name,
    /// The stage the customer moved to.
    Stage,
    /// The stage it left (optional).
    PreviousStage,
    /// When it moved.
    Date,
    /// Which field changed, in a report of every tracked field ("Field/Event").
    Field,
}

impl HistoryField {
    pub const ALL: [HistoryField; 6] = [
        HistoryField::ExternalId,
        HistoryField::Name,
        HistoryField::Stage,
        HistoryField::PreviousStage,
        HistoryField::Date,
        HistoryField::Field,
    ];

    /// The name used on the command line (`--column "HEADER=stage"`).
    pub fn key(self) -> &'static str {
        match self {
            HistoryField::ExternalId => "external_id",
            HistoryField::Name => "name",
            HistoryField::Stage => "stage",
            HistoryField::PreviousStage => "previous_stage",
            HistoryField::Date => "date",
            HistoryField::Field => "field",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HistoryField::ExternalId => "Customer's external id",
            HistoryField::Name => "Customer's name",
            HistoryField::Stage => "New stage",
            HistoryField::PreviousStage => "Previous stage",
            HistoryField::Date => "Date of the change",
            HistoryField::Field => "Field changed",
        }
    }
}

/// A history field and its label, to offer for a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryFieldChoice {
    pub field: HistoryField,
    pub label: String,
}

/// A stage history file described for the wizard: the file as for a customer import,
/// and the columns proposed for history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPreview {
    pub file: ImportPreview,
    /// One entry per column.
    pub mapping: Vec<Option<HistoryField>>,
    pub fields: Vec<HistoryFieldChoice>,
    /// The titles of every map's steps (distinct, in map order), to map stages onto.
    pub step_titles: Vec<String>,
}

/// A CRM stage and the step it stands for (`None`: left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StageChoice {
    pub stage: String,
    pub step: Option<String>,
}

/// Choices for one history import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryOptions {
    pub mapping: Vec<Option<HistoryField>>,
    /// The user's stage choices (others: saved ones, else the step of the same name).
    #[serde(default)]
    pub stages: Vec<StageChoice>,
    /// With a "field changed" column: the field whose rows to import (`None`: those
    /// whose field's name says "stage").
    #[serde(default)]
    pub field: Option<String>,
    /// The encoding of a CSV file, by name; `None`: detected.
    #[serde(default)]
    pub encoding: Option<String>,
}

/// How a stage found its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StageMatch {
    /// Chosen for this import.
    Chosen,
    /// Chosen in an earlier import.
    Saved,
    /// A step has the stage's name.
    SameName,
    /// Not mapped: its rows are left out.
    None,
}

/// A stage the file names: its rows and the step it goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StageUse {
    pub stage: String,
    pub rows: u32,
    pub step: Option<String>,
    pub matched: StageMatch,
}

/// A value of the "field changed" column: its rows and whether they are imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldUse {
    pub field: String,
    pub rows: u32,
    pub imported: bool,
}

/// What a history import did, or would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryReport {
    /// Data rows read.
    pub rows: u32,
    /// Rows that give a step change of a customer.
    pub valid_rows: u32,
    /// Rows with a problem (listed).
    pub rejected_rows: u32,
    /// Rows left out on purpose: another field changed, or a stage mapped to no step.
    pub skipped_rows: u32,
    /// Customers with history in the file.
    pub customers: u32,
    /// Step changes not yet in the workspace's history.
    pub new_entries: u32,
    /// Step changes the history already holds (from an earlier import of the file).
    pub known_entries: u32,
    /// Stored entries the history corrects: the step an entry came from, or a customer
    /// import's first sighting ("placed on X") that the history now dates.
    pub corrected_entries: u32,
    /// Every stage of the file, by rows (most first).
    pub stages: Vec<StageUse>,
    /// With a "field changed" column: its values (at most 200, most rows first).
    pub fields: Vec<FieldUse>,
    pub problems: Vec<ImportProblem>,
    pub problem_count: u32,
    pub notes: Vec<String>,
    pub written: bool,
}
