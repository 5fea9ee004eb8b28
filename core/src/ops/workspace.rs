//! Facts about the open workspace, and its name.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::{customers, meta, migrations, personas};
use crate::error::CoreResult;
use crate::model::WorkspaceInfo;
use crate::{time, validate};

/// Gives a new workspace its name and creation time (idempotent: keeps an existing name).
pub fn initialise(conn: &Connection, default_name: &str, now: DateTime<Utc>) -> CoreResult<()> {
    if meta::get(conn, meta::NAME)?.is_none() {
        meta::set(conn, meta::NAME, default_name)?;
        meta::set(conn, meta::CREATED_AT, &time::to_stored(now))?;
    }
    Ok(())
}

pub fn rename(conn: &Connection, name: &str) -> CoreResult<()> {
    let name = validate::name("name", "Workspace name", name)?;
    meta::set(conn, meta::NAME, &name)
}

/// Name, schema version and counts of the workspace stored at `path`.
pub fn info(conn: &Connection, path: Option<String>) -> CoreResult<WorkspaceInfo> {
    Ok(WorkspaceInfo {
        path,
        name: meta::get(conn, meta::NAME)?.unwrap_or_else(|| "Untitled workspace".to_string()),
        schema_version: migrations::current_version(conn)? as i32,
        persona_count: personas::count(conn)?,
        customer_count: customers::count(conn)?,
    })
}

/// True when the workspace holds no personas (and so nothing a user made).
pub fn is_empty(conn: &Connection) -> CoreResult<bool> {
    Ok(personas::count(conn)? == 0)
}
