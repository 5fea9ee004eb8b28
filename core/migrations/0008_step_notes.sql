-- Presenter notes on a step: what the facilitator wants to say when the step is shown to
-- a room (edited in the map designer; never part of the map's drawing).
ALTER TABLE step ADD COLUMN notes TEXT NOT NULL DEFAULT '';
