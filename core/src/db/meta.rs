//! `workspace_meta`: small key/value facts about the workspace (its name, when it was made).

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::CoreResult;

pub const NAME: &str = "name";
pub const CREATED_AT: &str = "created_at";

pub fn get(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM workspace_meta WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO workspace_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
