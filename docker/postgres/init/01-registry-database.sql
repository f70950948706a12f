-- Run by the postgres image on its first start (empty data volume): the schema registry's database.
-- The view's tables (once the consumer uses PostgreSQL) live in the default database, newsstream.
CREATE DATABASE registry OWNER newsstream;
