-- When each customer came onto its current step, kept on the customer so that "stalled"
-- (on its step for more than N days) is a comparison, not a search of the history per
-- customer (at a million customers: seconds). NULL when the customer has no current
-- step. The rule, kept by `db::placements` on every change of a current step: the time
-- of the latest history entry that moved the customer onto its current step, or, when
-- the history has none, the time the customer was created.
ALTER TABLE customer ADD COLUMN current_since TEXT;

UPDATE customer SET current_since = coalesce(
    (SELECT max(p.at) FROM placement p
      WHERE p.customer_id = customer.id AND p.to_current_step_id = customer.current_step_id
        AND p.from_current_step_id IS NOT p.to_current_step_id),
    created_at)
 WHERE current_step_id IS NOT NULL;

-- The segment-filter index gains the column, so a "stalled" filter and the Progression
-- view's stalled counts read the index alone.
DROP INDEX customer_by_segment_filters;
CREATE INDEX customer_by_segment_filters ON customer
    (persona_id, current_step_id, target_step_id, arr_cents, health, nps, owner, renewal_date,
     current_since);
