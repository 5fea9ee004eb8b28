-- Search by name or external id as a substring, case and accents folded, without a scan
-- of every customer: an FTS5 index of trigrams over the two columns, its content read
-- from `customer` itself (nothing stored twice but the index). Kept in step by the
-- triggers below, whoever writes `customer`; undo and redo apply their change sets to
-- `customer` and the triggers follow (the session that records an edit leaves the
-- index's own tables out: db::Db::edit_if). Queries of fewer than three characters
-- have no trigram and scan `customer` with the same folding (db/customers/query.rs).
CREATE VIRTUAL TABLE customer_search USING fts5(
    name, external_id,
    content = 'customer', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER customer_search_insert AFTER INSERT ON customer BEGIN
    INSERT INTO customer_search (rowid, name, external_id)
    VALUES (new.id, new.name, new.external_id);
END;

CREATE TRIGGER customer_search_delete AFTER DELETE ON customer BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, external_id)
    VALUES ('delete', old.id, old.name, old.external_id);
END;

CREATE TRIGGER customer_search_update AFTER UPDATE OF name, external_id ON customer BEGIN
    INSERT INTO customer_search (customer_search, rowid, name, external_id)
    VALUES ('delete', old.id, old.name, old.external_id);
    INSERT INTO customer_search (rowid, name, external_id)
    VALUES (new.id, new.name, new.external_id);
END;

INSERT INTO customer_search (customer_search) VALUES ('rebuild');
