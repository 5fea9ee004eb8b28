-- Search by name or external id as a substring, case and accents folded, without a scan
-- of every customer: an FTS5 index of trigrams over the two columns, its content read
-- from `customer` itself (nothing stored twice but the index). Kept in step by the
-- triggers below, whoever writes `customer`. Queries of fewer than three characters
-- have no trigram and scan `customer` with the same folding (db/customers/search.rs).
CREATE VIRTUAL TABLE customer_search USING fts5(
    name, external_id,
    content = 'customer', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

-- While a row is here the triggers stand aside: a bulk write (an import, an undo)
-- takes the index out of the triggers' hands and writes it itself in one statement at
-- the end, in the same transaction (db/customers/search.rs). Row by row, FTS5 writes
-- its pending trigrams out at every statement, which makes a million-row import four
-- times slower. Empty outside such a transaction.
CREATE TABLE customer_search_held (held INTEGER PRIMARY KEY);

CREATE TRIGGER customer_search_insert AFTER INSERT ON customer
WHEN NOT EXISTS (SELECT 1 FROM customer_search_held) BEGIN
    INSERT INTO customer_search (rowid, name, external_id)
    VALUES (new.id, new.name, new.external_id);
END;

CREATE TRIGGER customer_search_delete AFTER DELETE ON customer
WHEN NOT EXISTS (SELECT 1 FROM customer_search_held) BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, external_id)
    VALUES ('delete', old.id, old.name, old.external_id);
END;

CREATE TRIGGER customer_search_update AFTER UPDATE OF name, external_id ON customer
WHEN NOT EXISTS (SELECT 1 FROM customer_search_held)
 AND (old.name IS NOT new.name OR old.external_id IS NOT new.external_id) BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, external_id)
    VALUES ('delete', old.id, old.name, old.external_id);
    INSERT INTO customer_search (rowid, name, external_id)
    VALUES (new.id, new.name, new.external_id);
END;

INSERT INTO customer_search (customer_search) VALUES ('rebuild');
