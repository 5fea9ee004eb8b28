-- A customer's measured value of a KPI of its map (evidence of where it stands). Values
-- go with the customer and the KPI: deleting either deletes them.
CREATE TABLE customer_kpi_value (
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    kpi_id      INTEGER NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,
    value       REAL    NOT NULL,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (customer_id, kpi_id)
) WITHOUT ROWID;
CREATE INDEX customer_kpi_value_by_kpi ON customer_kpi_value (kpi_id);
