-- SQLite full-text search over title and body with FTS5 (Porter stemming), kept in step with
-- articles by triggers: an upsert fires the update trigger, so the index never holds a stale row.
CREATE VIRTUAL TABLE articles_search USING fts5(title, body, tokenize = 'porter unicode61');

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_search (rowid, title, body)
    VALUES (new.rowid, new.title, coalesce(json_extract(new.enrichment_json, '$.article.body'), ''));
END;

CREATE TRIGGER articles_search_update AFTER UPDATE ON articles BEGIN
    DELETE FROM articles_search WHERE rowid = old.rowid;
    INSERT INTO articles_search (rowid, title, body)
    VALUES (new.rowid, new.title, coalesce(json_extract(new.enrichment_json, '$.article.body'), ''));
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_search WHERE rowid = old.rowid;
END;

INSERT INTO articles_search (rowid, title, body)
SELECT rowid, title, coalesce(json_extract(enrichment_json, '$.article.body'), '') FROM articles;
