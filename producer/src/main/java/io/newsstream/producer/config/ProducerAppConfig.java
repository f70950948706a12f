package io.newsstream.producer.config;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.schemas.KafkaTopics;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The producer application's configuration: one immutable record, built by {@link ConfigSource}
 * from the declared {@link #SETTINGS} (defaults, then an optional properties file, then overrides,
 * then {@code NEWSSTREAM_*} environment variables) and validated on construction.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl base URL of the Confluent-compatible schema registry API
 * @param rawArticlesKafkaTopic Kafka topic raw articles are written to
 * @param deadLettersKafkaTopic Kafka topic rejected inputs are written to
 * @param feedId the {@code RawArticle.feedId} of everything this run publishes
 * @param outlet outlet given to every article, winning over the text; {@code null} to infer it
 * @param inputs files and directories to read (command-line arguments replace them)
 * @param filePattern glob selecting the files of an input directory
 * @param progressEvery log progress every this many inputs
 * @param clientId Kafka client id prefix
 */
public record ProducerAppConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String rawArticlesKafkaTopic,
        String deadLettersKafkaTopic,
        String feedId,
        String outlet,
        List<Path> inputs,
        String filePattern,
        int progressEvery,
        String clientId) {

    public static final Setting BOOTSTRAP_SERVERS =
            new Setting(
                    "kafka.bootstrap.servers",
                    "127.0.0.1:9092",
                    "Kafka bootstrap servers, host:port[,host:port...].");
    public static final Setting SCHEMA_REGISTRY_URL =
            new Setting(
                    "schema.registry.url",
                    "http://127.0.0.1:8081/apis/ccompat/v7",
                    "Base URL of the schema registry's Confluent-compatible REST API.");
    public static final Setting RAW_ARTICLES_KAFKA_TOPIC =
            new Setting(
                    "producer.kafka-topic.raw-articles",
                    KafkaTopics.RAW_ARTICLES,
                    "Kafka topic raw articles are published to (key: article id, value: RawArticle).");
    public static final Setting DEAD_LETTERS_KAFKA_TOPIC =
            new Setting(
                    "producer.kafka-topic.dead-letters",
                    KafkaTopics.DEAD_LETTERS,
                    "Kafka topic inputs that cannot be read as articles go to (value: DeadLetter).");
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
                    "Comma-separated article files or directories to read; command-line arguments"
                            + " replace them.");
    public static final Setting FILE_PATTERN =
            new Setting(
                    "producer.file-pattern",
                    "*.txt",
                    "Glob selecting the files read from an input directory (files named directly are"
                            + " always read).");
    public static final Setting PROGRESS_EVERY =
            new Setting("producer.progress-every", "100", "Log progress every this many inputs.");
    public static final Setting CLIENT_ID =
            new Setting(
                    "producer.client-id",
                    "newsstream-producer",
                    "Kafka client id (prefix) of the producer's clients.");

    /** Every setting the producer reads, in documentation order. */
    public static final List<Setting> SETTINGS =
            List.of(
                    BOOTSTRAP_SERVERS,
                    SCHEMA_REGISTRY_URL,
                    RAW_ARTICLES_KAFKA_TOPIC,
                    DEAD_LETTERS_KAFKA_TOPIC,
                    FEED_ID,
                    OUTLET,
                    INPUTS,
                    FILE_PATTERN,
                    PROGRESS_EVERY,
                    CLIENT_ID);

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    public ProducerAppConfig {
        inputs = List.copyOf(inputs);
        require(BOOTSTRAP_SERVERS, bootstrapServers);
        for (String server : bootstrapServers.split(",")) {
            if (!HOST_PORT.matcher(server.strip()).matches()) {
                throw invalid(BOOTSTRAP_SERVERS, bootstrapServers, "host:port[,host:port...]");
            }
        }
        require(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        try {
            URI uri = URI.create(schemaRegistryUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw invalid(SCHEMA_REGISTRY_URL, schemaRegistryUrl, "an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw invalid(SCHEMA_REGISTRY_URL, schemaRegistryUrl, "an http(s) URL");
        }
        kafkaTopic(RAW_ARTICLES_KAFKA_TOPIC, rawArticlesKafkaTopic);
        kafkaTopic(DEAD_LETTERS_KAFKA_TOPIC, deadLettersKafkaTopic);
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
    }

    /** Reads and validates the configuration. */
    public static ProducerAppConfig from(ConfigSource source) {
        return new ProducerAppConfig(
                source.string(BOOTSTRAP_SERVERS),
                source.string(SCHEMA_REGISTRY_URL),
                source.string(RAW_ARTICLES_KAFKA_TOPIC),
                source.string(DEAD_LETTERS_KAFKA_TOPIC),
                source.string(FEED_ID),
                source.optionalString(OUTLET),
                source.list(INPUTS).stream().map(Path::of).toList(),
                source.string(FILE_PATTERN),
                source.integer(PROGRESS_EVERY),
                source.string(CLIENT_ID));
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

    /** A copy reading the given inputs instead. */
    public ProducerAppConfig withInputs(List<Path> newInputs) {
        return new ProducerAppConfig(
                bootstrapServers,
                schemaRegistryUrl,
                rawArticlesKafkaTopic,
                deadLettersKafkaTopic,
                feedId,
                outlet,
                newInputs,
                filePattern,
                progressEvery,
                clientId);
    }

    private static void require(Setting s, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(
                    "Setting '"
                            + s.name()
                            + "' (env "
                            + s.envVar()
                            + ") is required: "
                            + s.description());
        }
    }

    private static void kafkaTopic(Setting s, String value) {
        require(s, value);
        if (!KAFKA_TOPIC.matcher(value).matches()) {
            throw invalid(s, value, "a Kafka topic name (letters, digits, '.', '_', '-')");
        }
    }

    private static ConfigException invalid(Setting s, String value, String expected) {
        return new ConfigException(
                "Setting '"
                        + s.name()
                        + "' (env "
                        + s.envVar()
                        + ") is '"
                        + value
                        + "', expected "
                        + expected
                        + ": "
                        + s.description());
    }
}
