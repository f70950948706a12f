-- As V1_2 for the tables V3 added: keys and entity names compare byte-wise, as on SQLite, so that
-- "oldest first, then by id" and "then by name" order identically on both stores.
ALTER TABLE duplicates ALTER COLUMN news_topic TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE duplicates ALTER COLUMN original_id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE duplicates ALTER COLUMN duplicate_id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE article_entities ALTER COLUMN news_topic TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE article_entities ALTER COLUMN article_id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE article_entities ALTER COLUMN name TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE article_entities ALTER COLUMN entity_type TYPE VARCHAR(32) COLLATE "C";
