use serde::{Deserialize, Serialize};
use specta::Type;

use super::{AttachmentTarget, MapId, WorkshopNoteId};

/// What a workshop note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Idea,
    Decision,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Idea => "idea",
            NoteKind::Decision => "decision",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "idea" => Some(NoteKind::Idea),
            "decision" => Some(NoteKind::Decision),
            _ => None,
        }
    }

    /// "Idea", "Decision".
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Idea => "Idea",
            NoteKind::Decision => "Decision",
        }
    }
}

/// An idea or decision captured during a workshop, on a step or on the move between two
/// steps (where a vehicle would be attached).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopNote {
    pub id: WorkshopNoteId,
    pub map_id: MapId,
    pub target: AttachmentTarget,
    pub kind: NoteKind,
    pub text: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopNoteInput {
    pub target: AttachmentTarget,
    pub kind: NoteKind,
    pub text: String,
}
