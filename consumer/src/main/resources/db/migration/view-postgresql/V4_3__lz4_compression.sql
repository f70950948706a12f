-- Compress the large columns of articles with lz4 instead of pglz (PostgreSQL 14+ built with lz4,
-- as the Debian and Docker images are): a ~4 KB article's JSON is compressed on every insert, and
-- pglz cost ~0.1 ms of server CPU per row here, a fifth of the row's cost; lz4 takes a fraction of
-- that, reads back faster, and compresses text only slightly less. Values already stored keep
-- pglz. Servers without lz4 keep pglz (a notice says so): nothing else depends on it.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE articles ALTER COLUMN enrichment_json SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE articles ALTER COLUMN scores_json SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE articles ALTER COLUMN search_vector SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available on this server: articles keep pglz (%)', SQLERRM;
END $$;
