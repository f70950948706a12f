-- Order ids the way SQLite does (byte order), whatever the server's locale: "newest first, then
-- by id" pages identically on both stores, and byte comparison is the cheapest for the keys.
ALTER TABLE articles ALTER COLUMN id TYPE VARCHAR(512) COLLATE "C";
ALTER TABLE articles ALTER COLUMN news_topic TYPE VARCHAR(100) COLLATE "C";
