package io.newsstream.consumer.view;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.newsstream.consumer.config.ViewAppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The view's database: opens the connection pool, picks the dialect and keeps the schema migrated
 * with Flyway (the shared migrations in {@code db/migration/view} plus one folder per dialect,
 * {@code db/migration/view-sqlite} and {@code db/migration/view-postgresql}, for what differs, i.e.
 * full-text search). {@link #sqlite(Path)} opens the embedded default, {@link #postgresql} the
 * stack's store, {@link #open(ViewAppConfig)} the one {@code view.store} selects. {@link
 * #recreate()} drops and re-migrates it (the first half of a rebuild).
 *
 * <p>SQLite runs in WAL mode so HTTP reads proceed while the consumer writes; {@code
 * synchronous=NORMAL} may lose the last transactions on power loss but never splits a transaction,
 * so rows and offsets stay consistent and the consumer simply re-reads what was lost.
 *
 * <p>What is written ({@link ViewWriter}) and read ({@link ViewQueries}) goes through {@link
 * #connection()}; {@link JdbcViewStore} puts the three together behind {@link ViewStore}.
 */
public final class ViewDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewDatabase.class);

    /** Flyway location of the view's migrations shared by every dialect. */
    public static final String MIGRATIONS = "classpath:db/migration/view";

    /** The SQL dialects the view speaks, each with its own migrations folder. */
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

    /**
     * The columns of {@code articles} an {@link ArticleRow} holds, in {@link ViewWriter}'s order.
     */
    static final String ARTICLE_COLUMNS =
            "news_topic, id, title, outlet, url, published_at, fetched_at, processed_at, sort_at,"
                    + " word_count, primary_news_topic, scores_json, enrichment_json,"
                    + " source_kafka_topic, source_partition, source_offset";

    /** Session setting of every PostgreSQL connection of the view; see {@link #postgresql}. */
    static final String PLAN_CACHE_MODE = "plan_cache_mode=force_custom_plan";

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String schema;
    private final String description;
    private volatile boolean open = true;

    private ViewDatabase(
            HikariDataSource dataSource, Dialect dialect, String schema, String description) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.schema = schema;
        this.description = description;
    }

    /** Opens (and migrates) the view database {@code view.store} selects. */
    public static ViewDatabase open(ViewAppConfig config) {
        return switch (config.store()) {
            case SQLITE -> sqlite(config.dbFile());
            case POSTGRESQL ->
                    postgresql(
                            config.jdbcUrl(),
                            config.jdbcUser(),
                            config.jdbcPassword(),
                            config.jdbcSchema(),
                            config.jdbcPoolSize());
        };
    }

    /** Opens (creating if needed) the SQLite view at {@code dbFile} and migrates its schema. */
    public static ViewDatabase sqlite(Path dbFile) {
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
     */
    public static ViewDatabase postgresql(
            String jdbcUrl, String user, String password, String schema, int poolSize) {
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
        return open(ds, Dialect.POSTGRESQL, schema, description);
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static ViewDatabase open(
            HikariDataSource dataSource, Dialect dialect, String schema, String description) {
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
        return new ViewDatabase(dataSource, dialect, schema, description);
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

    /** The dialect this database speaks. */
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

    /** A pooled connection; fails once the database is closed. */
    Connection connection() throws SQLException {
        if (!open) {
            throw new SQLException("the view store " + description + " is closed");
        }
        return dataSource.getConnection();
    }

    /** True until {@link #close()}. */
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
