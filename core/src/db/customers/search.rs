//! How the customer list's search matches: a substring of the name or the external id,
//! case and accents folded ("cafe" finds "Café Crème"). Three characters or more are
//! looked up in the trigram index `customer_search` (migration 0012), whose tokenizer
//! folds case and removes diacritics; shorter text has no trigram and is compared by
//! scanning, with [`fold`] on both sides as the SQL function `successmap_fold`.

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

/// The condition (over `customer c`) and its values for customers whose name or
/// external id contains `search` (already trimmed, not empty).
pub(super) fn clause(search: &str) -> (String, Vec<Value>) {
    if search.chars().count() >= 3 {
        // A phrase of the index is its trigrams in a row: the text as a substring.
        let phrase = format!("\"{}\"", search.replace('"', "\"\""));
        (
            "c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)".into(),
            vec![Value::Text(phrase)],
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
