-- Run by the postgres image on its first start (empty data volume): the schema registry's database.
-- The view's tables live in the default database, newsstream (schema newsstream_view).
CREATE DATABASE registry OWNER newsstream;
