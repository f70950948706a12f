-- The LIKE search over article_text gave way to each dialect's full-text index (V1_1 in
-- view-sqlite and view-postgresql): the table is no longer written nor read.
DROP TABLE article_text;
