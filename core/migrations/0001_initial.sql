-- 0001: the first schema: personas with one success map each, ordered steps,
-- KPIs with three benchmark levels, success vehicles and where they are attached,
-- customers placed on current and target steps, and the history of those placements.
--
-- Conventions: ids are INTEGER PRIMARY KEY (rowid); times are UTC RFC 3339 text with
-- millisecond precision and a 'Z' suffix (sortable as text); dates are 'YYYY-MM-DD';
-- money is integer cents; names that users look up are unique case-insensitively.

CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE persona (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description        TEXT NOT NULL DEFAULT '',
    success_definition TEXT NOT NULL DEFAULT '',
    goals_json         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(goals_json)),
    revenue_share      REAL CHECK (revenue_share IS NULL OR (revenue_share >= 0 AND revenue_share <= 100)),
    color              TEXT NOT NULL,
    position           INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX persona_name_unique ON persona (name COLLATE NOCASE);

-- One map per persona for now; the table exists apart so that versions of a map can come later.
CREATE TABLE success_map (
    id         INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL UNIQUE REFERENCES persona (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- position: 0-based, dense within a map (see docs/decisions/0002-step-positions.md).
CREATE TABLE step (
    id       INTEGER PRIMARY KEY,
    map_id   INTEGER NOT NULL REFERENCES success_map (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    title    TEXT NOT NULL CHECK (length(trim(title)) > 0),
    outcome  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX step_by_map ON step (map_id, position);
CREATE UNIQUE INDEX step_title_unique ON step (map_id, title COLLATE NOCASE);

CREATE TABLE kpi (
    id          INTEGER PRIMARY KEY,
    step_id     INTEGER NOT NULL REFERENCES step (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit        TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    kind        TEXT NOT NULL CHECK (kind IN ('success', 'satisfaction')),
    entry_level REAL NOT NULL,
    good_level  REAL NOT NULL,
    best_level  REAL NOT NULL
);
CREATE INDEX kpi_by_step ON kpi (step_id, position);

-- custom_kind names the kind when kind = 'custom' (for example "Office hours").
CREATE TABLE vehicle (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('training', 'community', 'enablement', 'custom')),
    custom_kind TEXT CHECK ((kind = 'custom') = (custom_kind IS NOT NULL)),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    effort      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX vehicle_name_unique ON vehicle (name COLLATE NOCASE);

-- A vehicle helps on a step (to_step_id IS NULL) or on the move from step_id to to_step_id.
CREATE TABLE vehicle_attachment (
    id         INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES vehicle (id) ON DELETE CASCADE,
    step_id    INTEGER NOT NULL REFERENCES step (id) ON DELETE CASCADE,
    to_step_id INTEGER REFERENCES step (id) ON DELETE CASCADE,
    CHECK (to_step_id IS NULL OR to_step_id <> step_id)
);
CREATE UNIQUE INDEX vehicle_attachment_unique ON vehicle_attachment (vehicle_id, step_id, ifnull(to_step_id, 0));
CREATE INDEX vehicle_attachment_by_step ON vehicle_attachment (step_id);
CREATE INDEX vehicle_attachment_by_to_step ON vehicle_attachment (to_step_id);

-- Steps and personas are RESTRICTed: removing them must never silently remove customers.
CREATE TABLE customer (
    id              INTEGER PRIMARY KEY,
    external_id     TEXT CHECK (external_id IS NULL OR length(trim(external_id)) > 0),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    persona_id      INTEGER NOT NULL REFERENCES persona (id) ON DELETE RESTRICT,
    current_step_id INTEGER REFERENCES step (id) ON DELETE RESTRICT,
    target_step_id  INTEGER REFERENCES step (id) ON DELETE RESTRICT,
    arr_cents       INTEGER CHECK (arr_cents IS NULL OR arr_cents >= 0),
    health          INTEGER CHECK (health IS NULL OR health BETWEEN 0 AND 100),
    nps             INTEGER CHECK (nps IS NULL OR nps BETWEEN -100 AND 100),
    csat            REAL CHECK (csat IS NULL OR csat BETWEEN 0 AND 100),
    owner           TEXT NOT NULL DEFAULT '',
    renewal_date    TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX customer_external_id_unique ON customer (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customer_by_persona ON customer (persona_id);
CREATE INDEX customer_by_current_step ON customer (current_step_id);
CREATE INDEX customer_by_target_step ON customer (target_step_id);

-- Every change of a customer's current or target step. Step references become NULL
-- when a step is deleted later; the row itself stays as history.
CREATE TABLE placement (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    from_current_step_id INTEGER REFERENCES step (id) ON DELETE SET NULL,
    to_current_step_id   INTEGER REFERENCES step (id) ON DELETE SET NULL,
    from_target_step_id  INTEGER REFERENCES step (id) ON DELETE SET NULL,
    to_target_step_id    INTEGER REFERENCES step (id) ON DELETE SET NULL,
    at                   TEXT NOT NULL,
    source               TEXT NOT NULL CHECK (source IN ('created', 'drag', 'edit', 'bulk', 'import', 'rule', 'demo'))
);
CREATE INDEX placement_by_customer ON placement (customer_id, at);
CREATE INDEX placement_by_from_current ON placement (from_current_step_id);
CREATE INDEX placement_by_to_current ON placement (to_current_step_id);
CREATE INDEX placement_by_from_target ON placement (from_target_step_id);
CREATE INDEX placement_by_to_target ON placement (to_target_step_id);
