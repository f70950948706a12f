package io.newsstream.producer.config;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.PipelineConfig;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The producer application's configuration: one immutable record, built by {@link ConfigSource}
 * from the declared {@link #SETTINGS} (defaults, then an optional properties file, then overrides,
 * then {@code NEWSSTREAM_*} environment variables) and validated on construction.
 *
 * @param clients where Kafka and the registry are, and their clients' pass-through settings
 * @param topics the Kafka topic names (the producer writes raw articles and dead letters)
 * @param feedId the {@code RawArticle.feedId} of everything this run publishes
 * @param outlet outlet given to every article, winning over the text; {@code null} to infer it
 * @param inputs files, directories and http(s) URLs to read (command-line arguments replace them)
 * @param filePattern glob selecting the files of an input directory
 * @param progressEvery log progress every this many inputs
 * @param clientId Kafka client id prefix
 * @param feedType the feed type of every input, or {@code auto} to detect it per document
 * @param feedTypes extra feed types: name to the class implementing {@code FeedType}
 * @param feedsFile the feeds file of polling mode, or {@code null} for a one-shot run
 * @param stateDir where polling keeps each feed's state (seen items, validators)
 * @param fetchLinkedPages whether summary-only feed entries get their linked page's text
 * @param httpTimeout connect and request timeout of HTTP fetches
 * @param maxDocumentBytes larger files and HTTP bodies are rejected
 * @param watch whether to keep watching input directories for new files
 * @param pollMaxBackoff longest wait between polls of a failing feed
 * @param readThreads documents read and parsed at once in one-shot and watch runs
 * @param registryWait how long to retry registering the schemas at start while the registry is
 *     unavailable
 * @param deadLettersExitStatus exit status of a run that published everything it could and
 *     dead-lettered the rest (3 by default; 0 where a supervisor would restart on non-zero)
 */
public record ProducerAppConfig(
        ClientConfig clients,
        TopicNames topics,
        String feedId,
        String outlet,
        List<String> inputs,
        String filePattern,
        int progressEvery,
        String clientId,
        String feedType,
        Map<String, String> feedTypes,
        Path feedsFile,
        Path stateDir,
        boolean fetchLinkedPages,
        Duration httpTimeout,
        long maxDocumentBytes,
        boolean watch,
        Duration pollMaxBackoff,
        int readThreads,
        Duration registryWait,
        int deadLettersExitStatus)
        implements PipelineConfig {

    public static final Setting FEED_ID =
            new Setting(
                    "producer.feed-id",
                    "file",
                    "Feed id stamped on every published article (RawArticle.feedId).");
    public static final Setting OUTLET =
            new Setting(
                    "producer.outlet",
                    "",
                    "Outlet of every article read, winning over what the text says; empty to infer it"
                            + " from the text and file name.");
    public static final Setting INPUTS =
            new Setting(
                    "producer.inputs",
                    "",
                    "Comma-separated article files, feed files, directories or http(s) URLs to"
                            + " read; command-line arguments replace them.");
    public static final Setting FILE_PATTERN =
            new Setting(
                    "producer.file-pattern",
                    "*.{txt,xml,rss,atom}",
                    "Glob selecting the files read from an input directory (files named directly are"
                            + " always read).");
    public static final Setting PROGRESS_EVERY =
            new Setting("producer.progress-every", "100", "Log progress every this many inputs.");
    public static final Setting CLIENT_ID =
            new Setting(
                    "producer.client-id",
                    "newsstream-producer",
                    "Kafka client id (prefix) of the producer's clients.");

    public static final Setting FEED_TYPE =
            new Setting(
                    "producer.feed-type",
                    "auto",
                    "Feed type of every input (rss, atom, article-file, or a configured one); auto"
                            + " detects RSS/Atom per document and reads anything else as an article"
                            + " file.");
    public static final Setting FEED_TYPES =
            new Setting(
                    "producer.feed-types",
                    "",
                    "Extra feed types, comma-separated name=fully.qualified.ClassName (classes"
                            + " implementing io.newsstream.producer.feed.FeedType).");
    public static final Setting FEEDS_FILE =
            new Setting(
                    "producer.feeds-file",
                    "",
                    "Feeds file for polling mode (one feed per line: id, url, interval, type,"
                            + " outlet); empty for a one-shot run over the inputs.");
    public static final Setting STATE_DIR =
            new Setting(
                    "producer.state-dir",
                    "producer-state",
                    "Directory where polling keeps each feed's state (seen item ids, ETag,"
                            + " Last-Modified) across restarts.");
    public static final Setting FETCH_LINKED_PAGES =
            new Setting(
                    "producer.fetch-linked-pages",
                    "false",
                    "Fetch the page of each feed entry that carries only a summary and use its"
                            + " main text as the body.");
    public static final Setting HTTP_TIMEOUT =
            new Setting(
                    "producer.http-timeout",
                    "20s",
                    "Connect and request timeout of each HTTP fetch (feeds and pages).");
    public static final Setting MAX_DOCUMENT_BYTES =
            new Setting(
                    "producer.max-document-bytes",
                    "16777216",
                    "Larger files and HTTP bodies are dead-lettered unread.");
    public static final Setting WATCH =
            new Setting(
                    "producer.watch",
                    "false",
                    "After reading the inputs, keep watching input directories and publish new"
                            + " files as they arrive (until stopped).");
    public static final Setting POLL_MAX_BACKOFF =
            new Setting(
                    "producer.poll-max-backoff",
                    "1h",
                    "Longest wait before polling a failing feed again (the wait doubles from its"
                            + " interval at each failure).");

    public static final Setting READ_THREADS =
            new Setting(
                    "producer.read-threads",
                    "2",
                    "Documents read and parsed at once, ahead of publishing, in one-shot and watch"
                            + " runs (articles still go out in input order); 1 for one at a time.");
    public static final Setting REGISTRY_WAIT =
            new Setting(
                    "producer.registry-wait",
                    "5m",
                    "How long the producer retries at start-up while the schema registry is"
                            + " unavailable (registering its schemas, each attempt logged) before"
                            + " giving up with exit status 1; once registered, the schemas are cached"
                            + " and a later outage does not stop publishing.");

    public static final Setting DEAD_LETTERS_EXIT_STATUS =
            new Setting(
                    "producer.dead-letters-exit-status",
                    "3",
                    "Exit status (0-255) of a one-shot run that published every article and sent the"
                            + " inputs it refused to the dead-letter topic. 0 where a supervisor"
                            + " restarts on failure (docker-compose: a refused input is no reason to"
                            + " publish the same files again).");

    /** The producer's own settings, in documentation order. */
    public static final List<Setting> OWN_SETTINGS =
            List.of(
                    FEED_ID,
                    OUTLET,
                    INPUTS,
                    FILE_PATTERN,
                    PROGRESS_EVERY,
                    CLIENT_ID,
                    FEED_TYPE,
                    FEED_TYPES,
                    FEEDS_FILE,
                    STATE_DIR,
                    FETCH_LINKED_PAGES,
                    HTTP_TIMEOUT,
                    MAX_DOCUMENT_BYTES,
                    WATCH,
                    POLL_MAX_BACKOFF,
                    READ_THREADS,
                    REGISTRY_WAIT,
                    DEAD_LETTERS_EXIT_STATUS);

    /** Every setting the producer reads: the shared ones, then its own. */
    public static final List<Setting> SETTINGS = SharedSettings.with(OWN_SETTINGS);

    public ProducerAppConfig {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(topics, "topics");
        inputs = List.copyOf(inputs);
        require(FEED_ID, feedId);
        outlet = outlet == null || outlet.isBlank() ? null : outlet.strip();
        require(FILE_PATTERN, filePattern);
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + filePattern);
        } catch (IllegalArgumentException e) {
            throw invalid(FILE_PATTERN, filePattern, "a glob such as *.txt");
        }
        if (progressEvery < 1) {
            throw invalid(PROGRESS_EVERY, Integer.toString(progressEvery), "a positive integer");
        }
        require(CLIENT_ID, clientId);
        require(FEED_TYPE, feedType);
        feedTypes = Map.copyOf(feedTypes);
        if (stateDir == null) {
            throw invalid(STATE_DIR, "", "a directory");
        }
        if (httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw invalid(HTTP_TIMEOUT, httpTimeout.toString(), "a positive duration such as 20s");
        }
        if (maxDocumentBytes < 1) {
            throw invalid(MAX_DOCUMENT_BYTES, Long.toString(maxDocumentBytes), "a positive size");
        }
        if (pollMaxBackoff.isNegative() || pollMaxBackoff.isZero()) {
            throw invalid(POLL_MAX_BACKOFF, pollMaxBackoff.toString(), "a positive duration");
        }
        if (readThreads < 1 || readThreads > 64) {
            throw invalid(READ_THREADS, Integer.toString(readThreads), "an integer from 1 to 64");
        }
        if (registryWait.isNegative()) {
            throw invalid(REGISTRY_WAIT, registryWait.toString(), "a duration >= 0, e.g. 5m");
        }
        if (deadLettersExitStatus < 0 || deadLettersExitStatus > 255) {
            throw invalid(
                    DEAD_LETTERS_EXIT_STATUS,
                    Integer.toString(deadLettersExitStatus),
                    "an integer from 0 to 255");
        }
    }

    /** Reads and validates the configuration. */
    public static ProducerAppConfig from(ConfigSource source) {
        return new ProducerAppConfig(
                ClientConfig.from(source),
                TopicNames.from(source),
                source.string(FEED_ID),
                source.optionalString(OUTLET),
                source.list(INPUTS),
                source.string(FILE_PATTERN),
                source.integer(PROGRESS_EVERY),
                source.string(CLIENT_ID),
                source.string(FEED_TYPE),
                feedTypePairs(source.list(FEED_TYPES)),
                source.optionalString(FEEDS_FILE) == null ? null : source.path(FEEDS_FILE),
                source.path(STATE_DIR),
                source.bool(FETCH_LINKED_PAGES),
                source.duration(HTTP_TIMEOUT),
                source.longValue(MAX_DOCUMENT_BYTES),
                source.bool(WATCH),
                source.duration(POLL_MAX_BACKOFF),
                source.integer(READ_THREADS),
                source.duration(REGISTRY_WAIT),
                source.integer(DEAD_LETTERS_EXIT_STATUS));
    }

    private static Map<String, String> feedTypePairs(List<String> pairs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw invalid(FEED_TYPES, pair, "name=fully.qualified.ClassName");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * Loads from defaults, an optional properties file, explicit overrides (setting name to value)
     * and the environment, in increasing precedence.
     */
    public static ProducerAppConfig load(
            Path file, Map<String, String> overrides, Map<String, String> env) {
        return from(ConfigSource.load(SETTINGS, file, overrides, env));
    }

    /** Defaults plus the given overrides, ignoring the environment: for in-process callers. */
    public static ProducerAppConfig of(Map<String, String> overrides) {
        return load(null, overrides, Map.of());
    }

    /** A copy reading the given files and directories instead. */
    public ProducerAppConfig withInputs(List<Path> newInputs) {
        return withLocations(newInputs.stream().map(Path::toString).toList());
    }

    /** A copy reading the given files, directories and URLs instead. */
    public ProducerAppConfig withLocations(List<String> newInputs) {
        return new ProducerAppConfig(
                clients,
                topics,
                feedId,
                outlet,
                newInputs,
                filePattern,
                progressEvery,
                clientId,
                feedType,
                feedTypes,
                feedsFile,
                stateDir,
                fetchLinkedPages,
                httpTimeout,
                maxDocumentBytes,
                watch,
                pollMaxBackoff,
                readThreads,
                registryWait,
                deadLettersExitStatus);
    }

    private static void require(Setting s, String value) {
        ConfigException.require(value != null && !value.isBlank(), s, "is required");
    }

    private static ConfigException invalid(Setting s, String value, String expected) {
        return ConfigException.invalid(s, value, expected);
    }
}
