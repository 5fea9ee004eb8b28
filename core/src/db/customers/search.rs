//! How the customer list's search matches: a substring of the name or the external id,
//! case and accents folded ("cafe" finds "Café Crème"). Three characters or more are
//! looked up in the trigram index `customer_search` (migration 0012), whose tokenizer
//! folds case and removes diacritics; shorter text has no trigram and is compared by
//! scanning, with [`fold`] on both sides as the SQL function `successmap_fold`.

use std::collections::HashSet;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::Connection;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::error::CoreResult;

/// The SQL function that folds a text as [`fold`] does.
const FOLD_FUNCTION: &str = "successmap_fold";

/// Text as search compares it: lower case, letters without their accents.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Makes `successmap_fold` known to a connection (every connection that runs the
/// list's queries: the writer and the read pool's).
pub(crate) fn register(conn: &Connection) -> CoreResult<()> {
    conn.create_scalar_function(
        FOLD_FUNCTION,
        1,
        FunctionFlags::SQLITE_UTF8
            | FunctionFlags::SQLITE_DETERMINISTIC
            | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| fold(&t)))
        },
    )?;
    Ok(())
}

/// How many customers contain `search` (trimmed, not empty), counted in the index alone
/// when it has three characters or more (`None`: count it the long way).
pub(super) fn count(conn: &Connection, search: &str) -> CoreResult<Option<u32>> {
    if search.chars().count() < 3 {
        return Ok(None);
    }
    Ok(Some(conn.query_row(
        "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?1",
        [phrase(search)],
        |r| r.get(0),
    )?))
}

/// The index's phrase for a text: its trigrams in a row, that is the text as a
/// substring, every character of it literal.
fn phrase(search: &str) -> String {
    format!("\"{}\"", search.replace('"', "\"\""))
}

/// The condition (over `customer c`) and its values for customers whose name or
/// external id contains `search` (already trimmed, not empty).
pub(super) fn clause(search: &str) -> (String, Vec<Value>) {
    if search.chars().count() >= 3 {
        (
            "c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)".into(),
            vec![Value::Text(phrase(search))],
        )
    } else {
        let escaped = fold(search)
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = Value::Text(format!("%{escaped}%"));
        (
            format!(
                "({FOLD_FUNCTION}(c.name) LIKE ? ESCAPE '\\' \
                 OR {FOLD_FUNCTION}(c.external_id) LIKE ? ESCAPE '\\')"
            ),
            vec![pattern.clone(), pattern],
        )
    }
}

/// The search index taken out of its triggers' hands for a bulk write (migration 0012
/// says why): made by [`hold`] inside the write's transaction, told of every existing
/// customer whose name or external id is about to change ([`Held::before_change`]),
/// and [`Held::release`]d before the transaction commits, which indexes what was added
/// and changed in one statement.
pub struct Held {
    /// The highest customer id when the hold began: rows above it are new.
    max_before: i64,
    /// Existing customers taken out of the index, to be indexed again as they end up.
    changed: HashSet<i64>,
}

/// Holds the index's triggers until [`Held::release`].
pub fn hold(conn: &Connection) -> CoreResult<Held> {
    conn.execute(
        "INSERT OR IGNORE INTO customer_search_held (held) VALUES (1)",
        [],
    )?;
    let max_before = conn.query_row("SELECT ifnull(max(id), 0) FROM customer", [], |r| r.get(0))?;
    Ok(Held {
        max_before,
        changed: HashSet::new(),
    })
}

impl Held {
    /// Before customer `id`'s name or external id changes, or it is deleted: its
    /// current text leaves the index (once; a customer added during the hold was never
    /// in it).
    pub fn before_change(&mut self, conn: &Connection, id: i64) -> CoreResult<()> {
        self.before_changes(conn, &[id])
    }

    /// [`Held::before_change`] for many customers in one statement.
    pub fn before_changes(&mut self, conn: &Connection, ids: &[i64]) -> CoreResult<()> {
        let mut fresh: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|&id| id <= self.max_before && self.changed.insert(id))
            .collect();
        if fresh.is_empty() {
            return Ok(());
        }
        // In rowid order: FTS5 writes its pending trigrams out whenever a rowid comes
        // below the one before (a change set's order is a hash's: ten times slower).
        fresh.sort_unstable();
        conn.execute(
            "INSERT INTO customer_search (customer_search, rowid, name, external_id)
             SELECT 'delete', c.id, c.name, c.external_id
               FROM json_each(?1) j JOIN customer c ON c.id = j.value",
            [ids_json(&fresh)],
        )?;
        Ok(())
    }

    /// Indexes the customers added and changed during the hold, as they are now, and
    /// gives the index back to its triggers.
    pub fn release(self, conn: &Connection) -> CoreResult<()> {
        let mut changed: Vec<i64> = self.changed.into_iter().collect();
        changed.sort_unstable();
        // In rowid order (see above): the changed ones, all at most `max_before`, then
        // the new ones.
        conn.execute(
            "INSERT INTO customer_search (rowid, name, external_id)
             SELECT c.id, c.name, c.external_id
               FROM json_each(?1) j JOIN customer c ON c.id = j.value
             UNION ALL
             SELECT id, name, external_id FROM customer WHERE id > ?2",
            rusqlite::params![ids_json(&changed), self.max_before],
        )?;
        conn.execute("DELETE FROM customer_search_held", [])?;
        Ok(())
    }
}

fn ids_json(ids: &[i64]) -> String {
    let mut out = String::with_capacity(ids.len() * 8 + 2);
    out.push('[');
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_lowers_case_and_drops_accents() {
        assert_eq!(fold("Café Crème"), "cafe creme");
        assert_eq!(fold("ÅNGSTRÖM"), "angstrom");
        // Letters that are not a letter with an accent stay what they are.
        assert_eq!(fold("Ærø Straße"), "ærø straße");
    }
}
