-- Ideas and decisions a facilitator captures during a workshop, on a step (`step_id`)
-- or on the move from one step to the next (`step_id` → `to_step_id`). They stay with
-- the map after the workshop and go with their step when it is deleted.
CREATE TABLE workshop_note (
    id          INTEGER PRIMARY KEY,
    map_id      INTEGER NOT NULL REFERENCES success_map(id) ON DELETE CASCADE,
    step_id     INTEGER NOT NULL REFERENCES step(id) ON DELETE CASCADE,
    to_step_id  INTEGER REFERENCES step(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('idea', 'decision')),
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX workshop_note_map ON workshop_note(map_id, created_at);
