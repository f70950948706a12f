package io.newsstream.consumer.config;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.PipelineConfig;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer application's (the view's) configuration: immutable, validated on creation. Built by
 * {@link #load} from the declared {@link #SETTINGS} (defaults, then an optional properties file,
 * then overrides, then {@code NEWSSTREAM_*} environment variables).
 *
 * @param clients where Kafka and the registry are, and their clients' pass-through settings
 * @param topics the Kafka topic names (the view reads the per-news-topic, unclassified and
 *     duplicates topics, and writes dead letters)
 * @param groupId Kafka consumer group of the view
 * @param dataDir directory of the embedded view database
 * @param dbFile the SQLite file (inside {@code dataDir} unless set)
 * @param httpHost interface the HTTP API binds
 * @param httpPort HTTP port, 0 for any free port
 * @param newsTopicsFile news topic definitions, null for the bundled default
 * @param pollTimeout longest a single poll blocks
 * @param maxPollRecords most records per poll, hence per database transaction
 * @param maxRetryBackoff longest wait between retries when the store or Kafka fails
 * @param store which view store to use
 * @param jdbcUrl JDBC URL of the PostgreSQL view, null unless {@code store} is PostgreSQL
 * @param jdbcUser database user, null to take it from the URL
 * @param jdbcPassword database password, null to take it from the URL
 * @param jdbcSchema PostgreSQL schema holding the view
 * @param jdbcPoolSize most database connections of the PostgreSQL view
 * @param sessionTimeout how long the group waits for a silent instance before reassigning its
 *     partitions
 */
public record ViewAppConfig(
        ClientConfig clients,
        TopicNames topics,
        String groupId,
        Path dataDir,
        Path dbFile,
        String httpHost,
        int httpPort,
        Path newsTopicsFile,
        Duration pollTimeout,
        int maxPollRecords,
        Duration maxRetryBackoff,
        ViewStoreKind store,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String jdbcSchema,
        int jdbcPoolSize,
        Duration sessionTimeout)
        implements PipelineConfig {

    /** The view stores to choose from with {@code view.store}. */
    public enum ViewStoreKind {
        /** Embedded SQLite file: one consumer instance. */
        SQLITE,
        /** PostgreSQL server: the stack; several instances of one group may share it. */
        POSTGRESQL
    }

    public static final Setting GROUP_ID =
            new Setting(
                    "consumer.group.id",
                    "newsstream-view",
                    "Kafka consumer group of the view. Offsets live in the view database; Kafka's"
                            + " committed offsets only serve lag monitoring.");
    public static final Setting DATA_DIR =
            new Setting(
                    "view.data.dir",
                    "data/consumer",
                    "Directory of the embedded view database (created if missing).");
    public static final Setting DB_FILE =
            new Setting(
                    "view.db.file",
                    "",
                    "SQLite file of the view; defaults to view.db inside view.data.dir.");
    public static final Setting HTTP_HOST =
            new Setting("http.host", "0.0.0.0", "Interface the HTTP API binds.");
    public static final Setting HTTP_PORT =
            new Setting("http.port", "8080", "Port of the HTTP API; 0 picks a free port.");
    public static final Setting POLL_TIMEOUT =
            new Setting("consumer.poll.timeout", "500ms", "Longest a single Kafka poll blocks.");
    public static final Setting MAX_POLL_RECORDS =
            new Setting(
                    "consumer.max.poll.records",
                    "500",
                    "Most records per poll; each poll is one database transaction.");
    public static final Setting MAX_RETRY_BACKOFF =
            new Setting(
                    "consumer.retry.max.backoff",
                    "30s",
                    "Longest wait between retries while the view store or Kafka is failing.");

    public static final Setting VIEW_STORE =
            new Setting(
                    "view.store",
                    "sqlite",
                    "View store: sqlite (embedded file, one consumer instance) or postgresql (the"
                            + " stack; several instances of one group may share it).");
    public static final Setting JDBC_URL =
            new Setting(
                    "view.jdbc.url",
                    "",
                    "JDBC URL of the PostgreSQL view, required when view.store=postgresql, e.g."
                            + " jdbc:postgresql://localhost:5432/newsstream.");
    public static final Setting JDBC_USER =
            new Setting("view.jdbc.user", "", "PostgreSQL user; defaults to the one in the URL.");
    public static final Setting JDBC_PASSWORD =
            new Setting(
                    "view.jdbc.password",
                    "",
                    "PostgreSQL password; defaults to the one in the URL (or none).");
    public static final Setting JDBC_SCHEMA =
            new Setting(
                    "view.jdbc.schema",
                    "newsstream_view",
                    "PostgreSQL schema of the view (created if missing). It must hold nothing"
                            + " else: a rebuild drops it whole.");
    public static final Setting JDBC_POOL_SIZE =
            new Setting(
                    "view.jdbc.pool.size",
                    "8",
                    "Most PostgreSQL connections per consumer instance (one writer, the rest"
                            + " serve HTTP reads).");

    public static final Setting SESSION_TIMEOUT =
            new Setting(
                    "consumer.session.timeout",
                    "45s",
                    "Consumer-group session timeout: how long an instance that stopped answering"
                            + " (killed, frozen) keeps its partitions, so also how long a restarted"
                            + " instance may wait for them. The broker accepts 6s..30m by default.");

    /** The view's own settings, in the order the README lists them. */
    public static final List<Setting> OWN_SETTINGS =
            List.of(
                    GROUP_ID,
                    DATA_DIR,
                    DB_FILE,
                    HTTP_HOST,
                    HTTP_PORT,
                    POLL_TIMEOUT,
                    MAX_POLL_RECORDS,
                    MAX_RETRY_BACKOFF,
                    VIEW_STORE,
                    JDBC_URL,
                    JDBC_USER,
                    JDBC_PASSWORD,
                    JDBC_SCHEMA,
                    JDBC_POOL_SIZE,
                    SESSION_TIMEOUT);

    /** Every setting the view reads: the shared ones, then its own. */
    public static final List<Setting> SETTINGS = SharedSettings.with(OWN_SETTINGS);

    /** Name of the SQLite file inside {@link #dataDir} unless {@code view.db.file} is set. */
    public static final String DEFAULT_DB_FILE_NAME = "view.db";

    public ViewAppConfig {
        java.util.Objects.requireNonNull(clients, "clients");
        java.util.Objects.requireNonNull(topics, "topics");
        require(!groupId.isBlank(), GROUP_ID, "must not be empty");
        require(httpPort >= 0 && httpPort <= 65535, HTTP_PORT, "must be from 0 to 65535");
        require(maxPollRecords >= 1, MAX_POLL_RECORDS, "must be at least 1");
        require(!pollTimeout.isNegative() && !pollTimeout.isZero(), POLL_TIMEOUT, "must be > 0");
        require(
                !maxRetryBackoff.isNegative() && !maxRetryBackoff.isZero(),
                MAX_RETRY_BACKOFF,
                "must be > 0");
        require(store != null, VIEW_STORE, "must be sqlite or postgresql");
        if (store == ViewStoreKind.POSTGRESQL) {
            require(
                    jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"),
                    JDBC_URL,
                    "must be a jdbc:postgresql: URL when view.store=postgresql");
        }
        require(
                jdbcSchema.matches("[a-z_][a-z0-9_]{0,62}"),
                JDBC_SCHEMA,
                "must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)");
        require(jdbcPoolSize >= 2, JDBC_POOL_SIZE, "must be at least 2");
        require(
                sessionTimeout.compareTo(Duration.ofSeconds(1)) >= 0,
                SESSION_TIMEOUT,
                "must be at least 1s");
    }

    /** Resolves the settings from {@code source}. */
    public static ViewAppConfig from(ConfigSource source) {
        Path dataDir = source.path(DATA_DIR);
        String db = source.optionalString(DB_FILE);
        return new ViewAppConfig(
                ClientConfig.from(source),
                TopicNames.from(source),
                source.string(GROUP_ID),
                dataDir,
                db == null ? dataDir.resolve(DEFAULT_DB_FILE_NAME) : Path.of(db),
                source.string(HTTP_HOST),
                source.integer(HTTP_PORT),
                source.optionalPath(SharedSettings.NEWS_TOPICS_FILE),
                source.duration(POLL_TIMEOUT),
                source.integer(MAX_POLL_RECORDS),
                source.duration(MAX_RETRY_BACKOFF),
                storeKind(source.string(VIEW_STORE)),
                source.optionalString(JDBC_URL),
                source.optionalString(JDBC_USER),
                source.optionalString(JDBC_PASSWORD),
                source.string(JDBC_SCHEMA),
                source.integer(JDBC_POOL_SIZE),
                source.duration(SESSION_TIMEOUT));
    }

    private static ViewStoreKind storeKind(String value) {
        try {
            return ViewStoreKind.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Setting '"
                            + VIEW_STORE.name()
                            + "' (env "
                            + VIEW_STORE.envVar()
                            + ") must be sqlite or postgresql, not '"
                            + value
                            + "'");
        }
    }

    /** Same as the record's, with the password hidden. */
    @Override
    public String toString() {
        return "ViewAppConfig[bootstrapServers="
                + clients.bootstrapServers()
                + ", groupId="
                + groupId
                + ", store="
                + store
                + ", dbFile="
                + dbFile
                + ", jdbcUrl="
                + (jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***"))
                + ", jdbcUser="
                + jdbcUser
                + ", jdbcSchema="
                + jdbcSchema
                + ", httpPort="
                + httpPort
                + ", duplicatesKafkaTopic="
                + topics.duplicates()
                + ", ...]";
    }

    /**
     * @param file optional properties file, may be null
     * @param overrides explicit values (flags, the local launcher, tests)
     * @param env usually {@code System.getenv()}
     */
    public static ViewAppConfig load(
            Path file, Map<String, String> overrides, Map<String, String> env) {
        return from(ConfigSource.load(SETTINGS, file, overrides, env));
    }

    /**
     * The Kafka topics the view reads, each mapped to the news topic its articles are filed under:
     * one enriched topic per news topic of the catalogue, plus the unclassified topic.
     */
    public Map<String, String> newsTopicByKafkaTopic(NewsTopicCatalog catalog) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : catalog.ids()) {
            out.put(topics.enrichedFor(id), id);
        }
        out.put(topics.unclassified(), NewsTopicCatalog.UNCLASSIFIED);
        return out;
    }

    /**
     * Kafka topic of the duplicate links (every outlet that carried a story), null to read none.
     */
    private static void require(boolean ok, Setting s, String what) {
        ConfigException.require(ok, s, what);
    }
}
