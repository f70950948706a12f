-- PostgreSQL full-text search over title and body (the body lives in enrichment_json).
-- A stored generated column keeps the vector in step with every insert and upsert; the title
-- weighs more than the body in the ranking. 'english' is explicit so the expression is immutable.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english',
           coalesce(left((enrichment_json::jsonb) -> 'article' ->> 'body', 500000), '')), 'B')
) STORED;

CREATE INDEX articles_search ON articles USING GIN (search_vector);
