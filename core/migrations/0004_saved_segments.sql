-- Saved segments: a named segment filter, with one matrix cell or none, and one
-- quadrant of success vs satisfaction or none. The filter and the quadrant are kept as JSON (fields the app does not know yet are ignored when read). The cell's
-- steps are plain ids, not foreign keys: deleting a step must not delete or silently
-- change a user's segment; a segment whose step is gone is reported when listed.
CREATE TABLE saved_segment (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    filter          TEXT    NOT NULL,
    has_cell        INTEGER NOT NULL DEFAULT 0 CHECK (has_cell IN (0, 1)),
    current_step_id INTEGER,
    target_step_id  INTEGER,
    quadrant        TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
