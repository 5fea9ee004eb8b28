-- Indexes for large customer bases (a million rows and more).
--
-- (current_step_id, arr_cents) answers the map's per-step count and ARR sum and its
-- "largest customers on this step" chips from the index alone; it replaces the plain
-- index on current_step_id. The list's default order is by name.
DROP INDEX customer_by_current_step;
CREATE INDEX customer_by_current_step_arr ON customer (current_step_id, arr_cents);
CREATE INDEX customer_by_name ON customer (name COLLATE NOCASE, id);
