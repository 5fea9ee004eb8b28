//! Typed ids. Each wraps the SQLite rowid (i64). specta refuses to export i64 (it may
//! not fit a JavaScript number), so ids export as `number`: rowids of a workspace are
//! assigned one by one from 1 and stay far below 2^53, where numbers stop being exact.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $entity:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
        #[serde(transparent)]
        pub struct $name(#[specta(type = specta_typescript::Number)] pub i64);

        impl $name {
            pub const ENTITY: &'static str = $entity;

            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A persona.
    PersonaId,
    "persona"
);
id_type!(
    /// A persona's success map.
    MapId,
    "map"
);
id_type!(
    /// A step of a success map.
    StepId,
    "step"
);
id_type!(
    /// A KPI of a step.
    KpiId,
    "KPI"
);
id_type!(
    /// A success vehicle of the workspace catalogue.
    VehicleId,
    "vehicle"
);
id_type!(
    /// A vehicle attached to a step or a move.
    AttachmentId,
    "attachment"
);
id_type!(
    /// A saved segment.
    SegmentId,
    "segment"
);
id_type!(
    /// A customer account.
    CustomerId,
    "customer"
);
id_type!(
    /// One entry of a customer's placement history.
    PlacementId,
    "placement"
);

id_type!(
    /// An idea or decision noted on a step or move during a workshop.
    WorkshopNoteId,
    "workshop note"
);

id_type!(
    /// A saved version of a success map.
    MapVersionId,
    "map version"
);
