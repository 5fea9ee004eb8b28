-- Saved versions of a success map: what the map was (its steps, outcomes, KPIs with
-- levels, vehicles and where they are attached; never customers) at a moment the user
-- named, or before an operation that changes many steps at once (`automatic`).
-- `content` is the map as JSON in the versioned format of `core/src/versions/snapshot.rs`
-- (docs/map-format.md), the same format map templates use.
CREATE TABLE map_version (
    id          INTEGER PRIMARY KEY,
    map_id      INTEGER NOT NULL REFERENCES success_map(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    note        TEXT NOT NULL DEFAULT '',
    automatic   INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
    created_at  TEXT NOT NULL,
    content     TEXT NOT NULL CHECK (json_valid(content))
);

CREATE UNIQUE INDEX map_version_name ON map_version(map_id, name COLLATE NOCASE);
CREATE INDEX map_version_by_time ON map_version(map_id, created_at);
