//! Undo and redo of user edits, recorded by SQLite's session extension.
//!
//! Every user edit runs through [`Db::edit`](super::Db::edit): a session records the
//! rows the edit changed (including rows removed by ON DELETE CASCADE), and the
//! resulting changeset is kept, as bytes, on the undo stack with a label. Undo
//! applies the inverted changeset; redo applies it again. So what is undone is
//! exactly what was stored, whatever the use case did, and new kinds of edits need no
//! undo code of their own. See docs/decisions/0005-undo.md.
//!
//! The stacks live in memory for the life of the open workspace. A write that is not
//! recorded (loading the demo, opening) clears them, since their changesets would no
//! longer apply cleanly.

use rusqlite::session::ConflictAction;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, CoreResult};

/// How many edits can be undone.
pub const LIMIT: usize = 500;

/// How many bytes of change sets the stacks may hold: a million-row import records a
/// few hundred MB; older edits are forgotten first, the latest is always kept.
pub const BYTES_LIMIT: usize = 512 * 1024 * 1024;

struct Entry {
    label: String,
    changeset: Vec<u8>,
}

pub struct UndoStack {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    bytes_limit: usize,
    notice: Option<String>,
}

impl Default for UndoStack {
    fn default() -> Self {
        UndoStack {
            undo: Vec::new(),
            redo: Vec::new(),
            bytes_limit: BYTES_LIMIT,
            notice: None,
        }
    }
}

/// What the undo and redo buttons say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UndoState {
    /// The edit that undo would revert, if any.
    pub undo_label: Option<String>,
    /// The edit that redo would apply again, if any.
    pub redo_label: Option<String>,
    /// Why the history was emptied by something other than the user's own edits (another
    /// program changed the workspace, an operation stopped midway); until the next edit.
    pub notice: Option<String>,
}

impl UndoStack {
    pub fn state(&self) -> UndoState {
        UndoState {
            undo_label: self.undo.last().map(|e| e.label.clone()),
            redo_label: self.redo.last().map(|e| e.label.clone()),
            notice: self.notice.clone(),
        }
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Empties the history and says why (shown by the undo buttons until the next edit).
    pub fn clear_because(&mut self, why: impl Into<String>) {
        self.clear();
        self.notice = Some(why.into());
    }

    pub(super) fn record(&mut self, label: String, changeset: Vec<u8>) {
        if changeset.is_empty() {
            return;
        }
        self.notice = None;
        self.redo.clear();
        self.undo.push(Entry { label, changeset });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        while self.undo.len() > 1 && self.bytes() > self.bytes_limit {
            self.undo.remove(0);
        }
    }

    /// Bytes of change sets held for undo and redo.
    pub fn bytes(&self) -> usize {
        self.undo
            .iter()
            .chain(&self.redo)
            .map(|e| e.changeset.len())
            .sum()
    }

    /// Reverts the last edit; returns its label, or `None` when there is nothing to undo.
    pub(super) fn undo(&mut self, conn: &Connection) -> CoreResult<Option<String>> {
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        let mut inverted = Vec::new();
        rusqlite::session::invert_strm(&mut entry.changeset.as_slice(), &mut inverted)?;
        if let Err(err) = apply(conn, &inverted) {
            self.clear();
            return Err(err);
        }
        let label = entry.label.clone();
        self.redo.push(entry);
        Ok(Some(label))
    }

    /// Applies the last undone edit again.
    pub(super) fn redo(&mut self, conn: &Connection) -> CoreResult<Option<String>> {
        let Some(entry) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(err) = apply(conn, &entry.changeset) {
            self.clear();
            return Err(err);
        }
        let label = entry.label.clone();
        self.undo.push(entry);
        Ok(Some(label))
    }
}

/// Applies a changeset in one IMMEDIATE transaction, exactly: any mismatch aborts and
/// leaves the workspace as it was.
///
/// Foreign keys are off meanwhile. A changeset already holds every row its edit changed,
/// those of ON DELETE CASCADE and SET NULL included, so these actions must not run again:
/// undoing "add step S between A and B" deleted S, whose CASCADE removed the vehicle on
/// A → S before its recorded update back to A → B came up (the vehicle was lost); undoing
/// an import that created a step deleted it, whose SET NULL changed a history row the
/// changeset then had to delete (a conflict). Applied exactly, the rows come back as they
/// were, references included, so a missing row or a NULL already set is a mismatch too.
fn apply(conn: &Connection, changeset: &[u8]) -> CoreResult<()> {
    // Only outside a transaction does this pragma take effect.
    conn.pragma_update(None, "foreign_keys", false)?;
    let applied = apply_exactly(conn, changeset);
    conn.pragma_update(None, "foreign_keys", true)?;
    applied
}

fn apply_exactly(conn: &Connection, changeset: &[u8]) -> CoreResult<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // The search index is left out of change sets; it follows the customers here, in
    // one statement before and one after (row by row, as its triggers would, an undo
    // of a big import takes minutes).
    let mut search = super::customers::search::hold(&tx)?;
    search.before_changes(&tx, &searchable_customers(changeset)?)?;
    let mut input = changeset;
    tx.apply_strm(
        &mut input,
        None::<fn(&str) -> bool>,
        |_, _| ConflictAction::SQLITE_CHANGESET_ABORT,
    )
    .map_err(|e| {
        CoreError::Conflict(format!(
            "the workspace changed in a way this edit cannot be undone over ({e}); the undo history was cleared"
        ))
    })?;
    search.release(&tx)?;
    tx.commit()?;
    Ok(())
}

/// The customers a change set adds, deletes, or changes the name or external id of.
fn searchable_customers(changeset: &[u8]) -> CoreResult<Vec<i64>> {
    use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
    use rusqlite::hooks::Action;
    // Columns of `customer` (migration 0001): id, external_id, name, …
    const ID: usize = 0;
    const EXTERNAL_ID: usize = 1;
    const NAME: usize = 2;
    let mut slice = changeset;
    let input: &mut dyn std::io::Read = &mut slice;
    let mut changes = rusqlite::session::ChangesetIter::start_strm(&input)?;
    let mut ids = Vec::new();
    while let Some(item) = changes.next()? {
        let op = item.op()?;
        if op.table_name() != "customer" {
            continue;
        }
        let id = match op.code() {
            Action::SQLITE_INSERT => item.new_value(ID)?,
            Action::SQLITE_DELETE => item.old_value(ID)?,
            // In an update, only the columns it changes have a new value.
            _ if item.new_value(EXTERNAL_ID).is_ok() || item.new_value(NAME).is_ok() => {
                item.old_value(ID)?
            }
            _ => continue,
        };
        ids.push(id.as_i64().map_err(rusqlite::Error::from)?);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_edits_are_forgotten_beyond_the_byte_budget_but_the_latest_is_kept() {
        let mut history = UndoStack {
            bytes_limit: 100,
            ..UndoStack::default()
        };
        history.record("a".into(), vec![0; 60]);
        history.record("b".into(), vec![0; 30]);
        assert_eq!(history.bytes(), 90);
        history.record("c".into(), vec![0; 50]);
        assert_eq!(history.bytes(), 80, "a is forgotten");
        assert_eq!(history.state().undo_label.as_deref(), Some("c"));
        history.record("huge".into(), vec![0; 500]);
        assert_eq!(history.bytes(), 500, "the latest edit stays undoable alone");
    }
}
