-- The current × target matrix, kept up to date: customers and ARR per (persona, current
-- step, target step). Step keys use 0 for "not placed" / "no target" (NULLs would not
-- collide in the primary key). Only non-empty cells are kept. Every write to `customer`
-- updates it in the same transaction (db/customers.rs; an import adds its counts up and
-- writes them once), so undo and redo restore it with the rest of an edit's change set.
-- Reading the matrix without filters is then a read of a few hundred rows instead of a
-- scan of every customer. (Triggers would do the same, but doubled the cost of an import.)
CREATE TABLE segment_cell (
    persona_id  INTEGER NOT NULL,
    current_key INTEGER NOT NULL,
    target_key  INTEGER NOT NULL,
    customers   INTEGER NOT NULL,
    arr_cents   INTEGER NOT NULL,
    PRIMARY KEY (persona_id, current_key, target_key)
) WITHOUT ROWID;

INSERT INTO segment_cell (persona_id, current_key, target_key, customers, arr_cents)
SELECT persona_id, ifnull(current_step_id, 0), ifnull(target_step_id, 0), count(*),
       ifnull(sum(arr_cents), 0)
  FROM customer
 GROUP BY 1, 2, 3;
