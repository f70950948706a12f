package io.newsstream.consumer.view;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * {@link ViewStore} over JDBC with Flyway-managed schema: the shared migrations in {@code
 * db/migration/view} plus one folder per dialect ({@code db/migration/view-sqlite}, {@code
 * db/migration/view-postgresql}) for what differs, i.e. full-text search. The rest of the SQL is
 * portable (SQLite 3.24+ and PostgreSQL both accept it, including the {@code ON CONFLICT} upsert).
 * {@link #sqlite(Path, TransactionHook)} opens the embedded default, {@link #postgresql} the
 * stack's store.
 *
 * <p>Upserts only move forward: a row is replaced only by a version read from the same or a later
 * offset of its partition, and a stored offset only grows. A consumer instance that lost its
 * partitions in a rebalance but still finishes a write (a zombie) therefore cannot undo what the
 * new owner stored, which is what lets several instances of one group share a PostgreSQL view.
 *
 * <p>An article's rows follow its newest version ({@code processedAt}): see {@link
 * ArticleMembership}.
 *
 * <p>SQLite runs in WAL mode so HTTP reads proceed while the consumer writes; {@code
 * synchronous=NORMAL} may lose the last transactions on power loss but never splits a transaction,
 * so rows and offsets stay consistent and the consumer simply re-reads what was lost.
 */
public final class JdbcViewStore implements ViewStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcViewStore.class);

    /** Flyway location of the view's migrations shared by every dialect. */
    public static final String MIGRATIONS = "classpath:db/migration/view";

    /** The SQL dialects the store speaks, each with its own migrations folder. */
    public enum Dialect {
        SQLITE("classpath:db/migration/view-sqlite"),
        POSTGRESQL("classpath:db/migration/view-postgresql");

        private final String migrations;

        Dialect(String migrations) {
            this.migrations = migrations;
        }

        /** Flyway location of this dialect's own migrations (applied with {@link #MIGRATIONS}). */
        public String migrations() {
            return migrations;
        }
    }

    private static final String COLUMNS =
            "news_topic, id, title, outlet, url, published_at, fetched_at, processed_at, sort_at,"
                    + " word_count, primary_news_topic, scores_json, enrichment_json,"
                    + " source_kafka_topic, source_partition, source_offset";

    private static final String PREFIXED_COLUMNS =
            Arrays.stream(COLUMNS.split(","))
                    .map(c -> "a." + c.strip())
                    .collect(Collectors.joining(", "));

    private static final String UPSERT_ARTICLE =
            "INSERT INTO articles ("
                    + COLUMNS
                    + ", stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (news_topic, id) DO UPDATE SET"
                    + " title = excluded.title, outlet = excluded.outlet, url = excluded.url,"
                    + " published_at = excluded.published_at, fetched_at = excluded.fetched_at,"
                    + " processed_at = excluded.processed_at, sort_at = excluded.sort_at,"
                    + " word_count = excluded.word_count,"
                    + " primary_news_topic = excluded.primary_news_topic,"
                    + " scores_json = excluded.scores_json,"
                    + " enrichment_json = excluded.enrichment_json,"
                    + " source_kafka_topic = excluded.source_kafka_topic,"
                    + " source_partition = excluded.source_partition,"
                    + " source_offset = excluded.source_offset, stored_at = excluded.stored_at"
                    // Never replace a version read later from the same partition (zombie writes).
                    + " WHERE articles.source_kafka_topic <> excluded.source_kafka_topic"
                    + " OR articles.source_partition <> excluded.source_partition"
                    + " OR articles.source_offset <= excluded.source_offset";

    private static final String UPSERT_OFFSET =
            "INSERT INTO consumer_offsets (kafka_topic, kafka_partition, next_offset)"
                    + " VALUES (?, ?, ?) ON CONFLICT (kafka_topic, kafka_partition)"
                    + " DO UPDATE SET next_offset = excluded.next_offset"
                    + " WHERE consumer_offsets.next_offset <= excluded.next_offset";

    /**
     * True when the stored row is the version read from the given Kafka position: the entity index
     * follows the row the forward-only upsert kept, without relying on batch update counts (which
     * PostgreSQL's rewritten batches do not report).
     */
    /** Session setting of every PostgreSQL connection of the view; see {@link #postgresql}. */
    static final String PLAN_CACHE_MODE = "plan_cache_mode=force_custom_plan";

    private static final String ROW_IS_VERSION =
            "EXISTS (SELECT 1 FROM articles WHERE articles.news_topic = ? AND articles.id = ?"
                    + " AND articles.source_kafka_topic = ? AND articles.source_partition = ?"
                    + " AND articles.source_offset = ?)";

    private static final String DELETE_ENTITIES =
            "DELETE FROM article_entities WHERE news_topic = ? AND article_id = ? AND "
                    + ROW_IS_VERSION;

    private static final String INSERT_ENTITY =
            "INSERT INTO article_entities (news_topic, article_id, name, entity_type, mentions)"
                    + " SELECT ?, ?, ?, ?, ? WHERE "
                    + ROW_IS_VERSION;

    private static final String UPSERT_DUPLICATE =
            "INSERT INTO duplicates (news_topic, original_id, duplicate_id, kind, similarity,"
                    + " outlet, url, title, published_at, detected_at, stored_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (news_topic, original_id, duplicate_id) DO UPDATE SET"
                    + " kind = excluded.kind, similarity = excluded.similarity,"
                    + " outlet = excluded.outlet, url = excluded.url, title = excluded.title,"
                    + " published_at = excluded.published_at, detected_at = excluded.detected_at,"
                    + " stored_at = excluded.stored_at";

    private static final String DUPLICATE_COLUMNS =
            "news_topic, original_id, duplicate_id, kind, similarity, outlet, url, title,"
                    + " published_at, detected_at";

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String schema;
    private final TransactionHook hook;
    private final String description;
    private volatile boolean open = true;

    private JdbcViewStore(
            HikariDataSource dataSource,
            Dialect dialect,
            String schema,
            TransactionHook hook,
            String description) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.schema = schema;
        this.hook = Objects.requireNonNull(hook, "hook");
        this.description = description;
    }

    /**
     * Opens (creating if needed) the SQLite view at {@code dbFile} and migrates its schema.
     *
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    public static JdbcViewStore sqlite(Path dbFile, TransactionHook hook) {
        Path parent = dbFile.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ViewStoreException(
                    "Cannot create the view's data directory "
                            + parent
                            + ": "
                            + e.getMessage()
                            + "; set view.data.dir to a writable directory",
                    e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        SQLiteDataSource sqliteDs = new SQLiteDataSource(sqlite);
        sqliteDs.setUrl("jdbc:sqlite:" + dbFile.toAbsolutePath());

        HikariConfig hc = new HikariConfig();
        hc.setDataSource(sqliteDs);
        hc.setPoolName("view-sqlite");
        // One writer (the consumer) plus a few concurrent HTTP readers; WAL allows both.
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setInitializationFailTimeout(10_000);
        return open(
                new HikariDataSource(hc),
                Dialect.SQLITE,
                null,
                hook,
                "SQLite " + dbFile.toAbsolutePath());
    }

    /**
     * Opens the PostgreSQL view in {@code schema} (created if missing) and migrates it.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/newsstream}
     * @param user null to take it from the URL
     * @param password null to take it from the URL (or none)
     * @param schema the schema holding the view and nothing else (a rebuild drops it whole)
     * @param poolSize most connections: the writer plus concurrent HTTP readers
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    public static JdbcViewStore postgresql(
            String jdbcUrl,
            String user,
            String password,
            String schema,
            int poolSize,
            TransactionHook hook) {
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(
                    "The view's PostgreSQL schema must be a lower-case SQL identifier"
                            + " ([a-z_][a-z0-9_]*): "
                            + schema);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setPoolName("view-postgresql");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setInitializationFailTimeout(10_000);
        hc.setConnectionTimeout(10_000);
        // One multi-row INSERT per batch instead of a round trip per row.
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", "newsstream-view");
        hc.addDataSourceProperty("currentSchema", schema);
        // A plan per execution, for the parameters and table sizes of the moment. The driver
        // prepares the write statements on the server, and PostgreSQL then reuses one generic plan
        // per connection, made while the view was empty (sequential scans) and kept until the next
        // ANALYZE: where autovacuum is off or behind, every write then scans whole tables and the
        // view falls to a few rows per second (measured: 1,600 rows/s again after an ANALYZE).
        hc.addDataSourceProperty("options", "-c " + PLAN_CACHE_MODE);
        String description = "PostgreSQL " + redact(jdbcUrl) + " schema " + schema;
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ViewStoreException(
                    "Cannot connect to "
                            + description
                            + ": "
                            + e.getMessage()
                            + "; check view.jdbc.url, view.jdbc.user and view.jdbc.password",
                    e);
        }
        return open(ds, Dialect.POSTGRESQL, schema, hook, description);
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static JdbcViewStore open(
            HikariDataSource dataSource,
            Dialect dialect,
            String schema,
            TransactionHook hook,
            String description) {
        try {
            migrate(dataSource, dialect, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new ViewStoreException(
                    "Cannot migrate the view schema in "
                            + description
                            + ": "
                            + e.getMessage()
                            + (dialect == Dialect.SQLITE
                                    ? "; if the file is not a newsstream view, point view.data.dir"
                                            + " elsewhere"
                                    : "; if the schema is not a newsstream view, set"
                                            + " view.jdbc.schema to another one"),
                    e);
        }
        log.info("View store open: {}", description);
        return new JdbcViewStore(dataSource, dialect, schema, hook, description);
    }

    private static void migrate(HikariDataSource dataSource, Dialect dialect, String schema) {
        var flyway =
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(MIGRATIONS, dialect.migrations())
                        .failOnMissingLocations(true);
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        flyway.load().migrate();
    }

    /** The dialect this store speaks. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Drops everything in the view (rows, offsets, search index, schema history) and migrates an
     * empty schema: the first half of a rebuild. On PostgreSQL it drops the whole {@code schema};
     * on SQLite every table of the file. No consumer may be writing meanwhile.
     */
    public void recreate() {
        try (Connection c = connection();
                Statement st = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                // The name was validated as a plain identifier when the store was opened.
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } else {
                // Virtual tables first: dropping one drops its shadow tables.
                for (String table :
                        names(
                                c,
                                "SELECT name FROM sqlite_master WHERE type = 'table'"
                                        + " AND sql LIKE 'CREATE VIRTUAL TABLE%'")) {
                    st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
                }
                for (String view : names(c, "SELECT name FROM sqlite_master WHERE type = 'view'")) {
                    st.execute("DROP VIEW IF EXISTS \"" + view + "\"");
                }
                for (String table :
                        names(
                                c,
                                "SELECT name FROM sqlite_master WHERE type = 'table'"
                                        + " AND name NOT LIKE 'sqlite_%'")) {
                    st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
                }
            }
        } catch (SQLException e) {
            throw new ViewStoreException(
                    "Cannot drop the view in " + description + ": " + e.getMessage(), e);
        }
        try {
            migrate(dataSource, dialect, schema);
        } catch (RuntimeException e) {
            throw new ViewStoreException(
                    "Dropped the view in "
                            + description
                            + " but cannot migrate it again: "
                            + e.getMessage(),
                    e);
        }
        log.info("View dropped and recreated empty: {}", description);
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public void write(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {
        write(rows, List.of(), nextOffsets);
    }

    @Override
    public void write(
            List<ArticleRow> rows,
            List<DuplicateRow> duplicates,
            Map<TopicPartition, Long> nextOffsets) {
        if (rows.isEmpty() && duplicates.isEmpty() && nextOffsets.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        // One version per key and statement: PostgreSQL refuses a multi-row upsert that touches
        // the same row twice, and the last version read is the one to keep anyway.
        Map<List<String>, ArticleRow> latest = new LinkedHashMap<>();
        for (ArticleRow r : rows) {
            latest.merge(
                    List.of(r.newsTopic(), r.id()),
                    r,
                    (a, b) -> b.sourceOffset() >= a.sourceOffset() ? b : a);
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                // Multi-label: the newest version of an article decides its news topics.
                List<ArticleRow> current = ArticleMembership.applyArticles(c, latest.values());
                try (PreparedStatement ps = c.prepareStatement(UPSERT_ARTICLE)) {
                    for (ArticleRow r : current) {
                        bindArticle(ps, r, now);
                        ps.addBatch();
                    }
                    if (!current.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                writeIndexes(c, current);
                writeDuplicates(c, ArticleMembership.applyLinks(c, duplicates), now);
                try (PreparedStatement ps = c.prepareStatement(UPSERT_OFFSET)) {
                    for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                        ps.setString(1, e.getKey().topic());
                        ps.setInt(2, e.getKey().partition());
                        ps.setLong(3, e.getValue());
                        ps.addBatch();
                    }
                    if (!nextOffsets.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                hook.beforeCommit(rows, nextOffsets);
                c.commit();
            } catch (Throwable t) {
                rollbackQuietly(c, t);
                throw t;
            }
        } catch (SQLException e) {
            throw new ViewStoreException(
                    "Cannot write "
                            + rows.size()
                            + " article(s), "
                            + duplicates.size()
                            + " duplicate(s) and offsets "
                            + nextOffsets
                            + " to "
                            + description
                            + ": "
                            + e.getMessage(),
                    e);
        }
        hook.afterCommit(rows, nextOffsets);
    }

    /**
     * Replaces the entity index of every row whose version the upsert stored; a row the
     * forward-only upsert declined keeps the index of the version it has.
     */
    private static void writeIndexes(Connection c, Collection<ArticleRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE_ENTITIES);
                PreparedStatement insert = c.prepareStatement(INSERT_ENTITY)) {
            boolean anyInsert = false;
            for (ArticleRow r : rows) {
                delete.setString(1, r.newsTopic());
                delete.setString(2, r.id());
                bindVersion(delete, 3, r);
                delete.addBatch();
            }
            delete.executeBatch();
            for (ArticleRow r : rows) {
                for (ArticleEntities.Mention m : ArticleEntities.of(r)) {
                    insert.setString(1, r.newsTopic());
                    insert.setString(2, r.id());
                    insert.setString(3, m.name());
                    insert.setString(4, m.type());
                    insert.setInt(5, m.mentions());
                    bindVersion(insert, 6, r);
                    insert.addBatch();
                    anyInsert = true;
                }
            }
            if (anyInsert) {
                insert.executeBatch();
            }
        }
    }

    private static void bindVersion(PreparedStatement ps, int from, ArticleRow r)
            throws SQLException {
        ps.setString(from, r.newsTopic());
        ps.setString(from + 1, r.id());
        ps.setString(from + 2, r.sourceKafkaTopic());
        ps.setInt(from + 3, r.sourcePartition());
        ps.setLong(from + 4, r.sourceOffset());
    }

    private static void writeDuplicates(Connection c, List<DuplicateRow> duplicates, long now)
            throws SQLException {
        if (duplicates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_DUPLICATE)) {
            for (DuplicateRow d : duplicates) {
                int i = 1;
                ps.setString(i++, d.newsTopic());
                ps.setString(i++, d.originalId());
                ps.setString(i++, d.duplicateId());
                ps.setString(i++, d.kind());
                ps.setDouble(i++, d.similarity());
                setNullableString(ps, i++, d.outlet());
                setNullableString(ps, i++, d.url());
                ps.setString(i++, d.title());
                setNullableInstant(ps, i++, d.publishedAt());
                ps.setLong(i++, d.detectedAt().toEpochMilli());
                ps.setLong(i, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setNullableInstant(PreparedStatement ps, int i, Instant v)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v.toEpochMilli());
        }
    }

    private static void bindArticle(PreparedStatement ps, ArticleRow r, long now)
            throws SQLException {
        int i = 1;
        ps.setString(i++, r.newsTopic());
        ps.setString(i++, r.id());
        ps.setString(i++, r.title());
        setNullableString(ps, i++, r.outlet());
        setNullableString(ps, i++, r.url());
        if (r.publishedAt() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, r.publishedAt().toEpochMilli());
        }
        ps.setLong(i++, r.fetchedAt().toEpochMilli());
        ps.setLong(i++, r.processedAt().toEpochMilli());
        ps.setLong(i++, r.sortAt().toEpochMilli());
        ps.setInt(i++, r.wordCount());
        setNullableString(ps, i++, r.primaryNewsTopic());
        ps.setString(i++, r.scoresJson());
        ps.setString(i++, r.enrichmentJson());
        ps.setString(i++, r.sourceKafkaTopic());
        ps.setInt(i++, r.sourcePartition());
        ps.setLong(i++, r.sourceOffset());
        ps.setLong(i, now);
    }

    private static void setNullableString(PreparedStatement ps, int i, String v)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        Set<String> kafkaTopics =
                wanted.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<TopicPartition, Long> out = new HashMap<>();
        String sql =
                "SELECT kafka_partition, next_offset FROM consumer_offsets WHERE kafka_topic = ?";
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (String kafkaTopic : kafkaTopics) {
                ps.setString(1, kafkaTopic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TopicPartition tp = new TopicPartition(kafkaTopic, rs.getInt(1));
                        if (wanted.contains(tp)) {
                            out.put(tp, rs.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure("stored offsets", e);
        }
        return out;
    }

    @Override
    public List<NewsTopicStats> newsTopicStats() {
        String sql =
                "SELECT news_topic, COUNT(*), MIN(published_at), MAX(published_at) FROM articles"
                        + " GROUP BY news_topic ORDER BY news_topic";
        List<NewsTopicStats> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(
                        new NewsTopicStats(
                                rs.getString(1),
                                rs.getLong(2),
                                instantOrNull(rs, 3),
                                instantOrNull(rs, 4)));
            }
        } catch (SQLException e) {
            throw readFailure("news topic counts", e);
        }
        return out;
    }

    @Override
    public long countArticles(String newsTopic) {
        try (Connection c = connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM articles WHERE news_topic = ?")) {
            ps.setString(1, newsTopic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw readFailure("the article count of " + newsTopic, e);
        }
    }

    @Override
    public List<ArticleRow> articles(String newsTopic, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "limit and offset must not be negative: " + limit + ", " + offset);
        }
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM articles WHERE news_topic = ?"
                        + " ORDER BY sort_at DESC, id ASC LIMIT ? OFFSET ?";
        List<ArticleRow> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readArticle(rs));
                }
            }
        } catch (SQLException e) {
            throw readFailure("the articles of " + newsTopic, e);
        }
        return out;
    }

    @Override
    public long countArticles(String newsTopic, Instant from, Instant to) {
        String sql =
                "SELECT COUNT(*) FROM articles WHERE news_topic = ? AND sort_at >= ?"
                        + " AND sort_at < ?";
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setLong(2, lower(from));
            ps.setLong(3, upper(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw readFailure("the article count of " + newsTopic, e);
        }
    }

    @Override
    public List<ArticleRow> articles(
            String newsTopic, Instant from, Instant to, int limit, int offset) {
        requirePage(limit, offset);
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM articles WHERE news_topic = ? AND sort_at >= ? AND sort_at < ?"
                        + " ORDER BY sort_at DESC, id ASC LIMIT ? OFFSET ?";
        List<ArticleRow> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setLong(2, lower(from));
            ps.setLong(3, upper(to));
            ps.setInt(4, limit);
            ps.setInt(5, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readArticle(rs));
                }
            }
        } catch (SQLException e) {
            throw readFailure("the articles of " + newsTopic, e);
        }
        return out;
    }

    @Override
    public Optional<ArticleRow> article(String newsTopic, String id) {
        String sql = "SELECT " + COLUMNS + " FROM articles WHERE news_topic = ? AND id = ?";
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readArticle(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw readFailure("article " + id + " of " + newsTopic, e);
        }
    }

    @Override
    public Map<String, List<DuplicateRow>> duplicatesOf(
            String newsTopic, Collection<String> originalIds) {
        Map<String, List<DuplicateRow>> out = new java.util.LinkedHashMap<>();
        if (originalIds.isEmpty()) {
            return out;
        }
        String sql =
                "SELECT "
                        + DUPLICATE_COLUMNS
                        + " FROM duplicates WHERE news_topic = ? AND original_id = ?"
                        + " ORDER BY detected_at, duplicate_id";
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : new java.util.LinkedHashSet<>(originalIds)) {
                ps.setString(1, newsTopic);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(id, k -> new ArrayList<>()).add(readDuplicate(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure("the duplicates of " + newsTopic, e);
        }
        return out;
    }

    private static DuplicateRow readDuplicate(ResultSet rs) throws SQLException {
        long published = rs.getLong("published_at");
        Instant publishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(published);
        return new DuplicateRow(
                rs.getString("news_topic"),
                rs.getString("original_id"),
                rs.getString("duplicate_id"),
                rs.getString("kind"),
                rs.getDouble("similarity"),
                rs.getString("outlet"),
                rs.getString("url"),
                rs.getString("title"),
                publishedAt,
                Instant.ofEpochMilli(rs.getLong("detected_at")));
    }

    @Override
    public List<EntityCount> topEntities(String newsTopic, int limit) {
        requirePage(limit, 0);
        String sql =
                "SELECT name, entity_type, COUNT(*) AS articles, SUM(mentions) AS mentions"
                        + " FROM article_entities WHERE news_topic = ?"
                        + " GROUP BY name, entity_type"
                        + " ORDER BY articles DESC, mentions DESC, name ASC, entity_type ASC"
                        + " LIMIT ?";
        List<EntityCount> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new EntityCount(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw readFailure("the entities of " + newsTopic, e);
        }
        return out;
    }

    @Override
    public List<DayCount> timeline(String newsTopic, Instant from, Instant to) {
        // Integer division by a day's milliseconds: the same on SQLite and PostgreSQL (BIGINT).
        // Pre-1970 times would round towards zero; the view holds none. Undated articles (sort_at
        // below zero) have no day: they stay out.
        String sql =
                "SELECT sort_at / 86400000 AS epoch_day, COUNT(*) FROM articles"
                        + " WHERE news_topic = ? AND sort_at >= ? AND sort_at < ? AND sort_at >= 0"
                        + " GROUP BY sort_at / 86400000 ORDER BY epoch_day";
        List<DayCount> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, newsTopic);
            ps.setLong(2, lower(from));
            ps.setLong(3, upper(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new DayCount(
                                    java.time.LocalDate.ofEpochDay(rs.getLong(1)), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw readFailure("the timeline of " + newsTopic, e);
        }
        return out;
    }

    @Override
    public List<ArticleRow> search(String query, String newsTopic, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "limit and offset must not be negative: " + limit + ", " + offset);
        }
        List<String> words = ViewStore.searchWords(query);
        if (words.isEmpty() || limit == 0) {
            return List.of();
        }
        String topicFilter = newsTopic == null ? "" : " AND a.news_topic = ?";
        String sql;
        List<Object> params = new ArrayList<>();
        if (dialect == Dialect.POSTGRESQL) {
            // websearch_to_tsquery accepts any text (quotes, or, -word) without syntax errors.
            sql =
                    "SELECT "
                            + PREFIXED_COLUMNS
                            + " FROM articles a, websearch_to_tsquery('english', ?) q"
                            + " WHERE a.search_vector @@ q"
                            + topicFilter
                            + " ORDER BY ts_rank(a.search_vector, q) DESC, a.sort_at DESC, a.id,"
                            + " a.news_topic LIMIT ? OFFSET ?";
            params.add(query);
        } else {
            // Each word quoted: user input can never be read as FTS5 query syntax.
            sql =
                    "SELECT "
                            + PREFIXED_COLUMNS
                            + " FROM articles_search s JOIN articles a ON a.rowid = s.rowid"
                            + " WHERE articles_search MATCH ?"
                            + topicFilter
                            + " ORDER BY bm25(articles_search), a.sort_at DESC, a.id, a.news_topic"
                            + " LIMIT ? OFFSET ?";
            params.add(words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(" ")));
        }
        if (newsTopic != null) {
            params.add(newsTopic);
        }
        params.add(limit);
        params.add(offset);
        List<ArticleRow> out = new ArrayList<>();
        try (Connection c = connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readArticle(rs));
                }
            }
        } catch (SQLException e) {
            throw readFailure("search results for '" + query + "'", e);
        }
        return out;
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static long lower(Instant from) {
        return from == null ? Long.MIN_VALUE : from.toEpochMilli();
    }

    private static long upper(Instant to) {
        return to == null ? Long.MAX_VALUE : to.toEpochMilli();
    }

    private static void requirePage(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "limit and offset must not be negative: " + limit + ", " + offset);
        }
    }

    private static ArticleRow readArticle(ResultSet rs) throws SQLException {
        long published = rs.getLong("published_at");
        Instant publishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(published);
        return new ArticleRow(
                rs.getString("news_topic"),
                rs.getString("id"),
                rs.getString("title"),
                rs.getString("outlet"),
                rs.getString("url"),
                publishedAt,
                Instant.ofEpochMilli(rs.getLong("fetched_at")),
                Instant.ofEpochMilli(rs.getLong("processed_at")),
                rs.getInt("word_count"),
                rs.getString("primary_news_topic"),
                rs.getString("scores_json"),
                rs.getString("enrichment_json"),
                rs.getString("source_kafka_topic"),
                rs.getInt("source_partition"),
                rs.getLong("source_offset"));
    }

    private Connection connection() throws SQLException {
        if (!open) {
            throw new SQLException("the view store " + description + " is closed");
        }
        return dataSource.getConnection();
    }

    private ViewStoreException readFailure(String what, SQLException e) {
        return new ViewStoreException(
                "Cannot read " + what + " from " + description + ": " + e.getMessage(), e);
    }

    @Override
    public boolean isOpen() {
        return open && !dataSource.isClosed();
    }

    /** A PostgreSQL session setting as a pooled connection sees it (tests check the pool's). */
    String sessionSetting(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a setting name: " + name);
        }
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new ViewStoreException("Cannot read the setting " + name, e);
        }
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            dataSource.close();
            log.info("View store closed: {}", description);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
