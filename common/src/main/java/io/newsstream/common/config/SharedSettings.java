package io.newsstream.common.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings every application shares, declared once: where Kafka and the schema registry are,
 * the pass-through prefixes for their clients, and the news topic definitions. The Kafka topic
 * names are {@link TopicNames}.
 *
 * <p>{@code kafka.*} reaches every Kafka client of every application (producer, consumer, admin,
 * Kafka Streams), so security and tuning need no code: {@code kafka.security.protocol=SASL_SSL},
 * {@code kafka.sasl.mechanism=PLAIN}, {@code kafka.sasl.jaas.config=...}. {@code registry.*}
 * reaches the schema registry client (see {@code HttpSchemaRegistryClient.configure}).
 */
public final class SharedSettings {

    public static final Setting BOOTSTRAP_SERVERS =
            new Setting(
                    "kafka.bootstrap.servers",
                    "127.0.0.1:9092",
                    "Kafka bootstrap servers, host:port[,host:port...].");

    public static final Setting KAFKA_CLIENT =
            Setting.prefix(
                    "kafka.",
                    "Any Kafka client property, handed to every Kafka client of the application"
                            + " (producer, consumer, admin, Kafka Streams) with the prefix removed,"
                            + " e.g. kafka.security.protocol=SASL_SSL, kafka.sasl.mechanism=PLAIN,"
                            + " kafka.sasl.jaas.config=...; in the environment"
                            + " NEWSSTREAM_KAFKA_SECURITY_PROTOCOL (underscores for dots). It wins"
                            + " over the application's tuning, not over its own settings.");

    public static final Setting REGISTRY_URL =
            new Setting(
                            "registry.url",
                            "http://127.0.0.1:8081/apis/ccompat/v7",
                            "Base URL of the schema registry's Confluent-compatible REST API.")
                    .formerly("schema.registry.url");

    public static final Setting REGISTRY_CLIENT =
            Setting.prefix(
                    "registry.",
                    "Schema registry client property with the prefix removed:"
                            + " registry.basic.auth.user.info=USER:PASSWORD,"
                            + " registry.bearer.auth.token=TOKEN, registry.connect.timeout.ms,"
                            + " registry.request.timeout.ms, registry.max.attempts,"
                            + " registry.retry.backoff.ms, registry.retry.backoff.max.ms.");

    public static final Setting NEWS_TOPICS_FILE =
            new Setting(
                    "news.topics.file",
                    "",
                    "YAML file of news topic definitions; defaults to the bundled"
                            + " news-topics.yaml. The streams processor and the consumer must use"
                            + " the same.");

    /** The connection settings every application reads, in documentation order. */
    public static final List<Setting> CONNECTION =
            List.of(BOOTSTRAP_SERVERS, REGISTRY_URL, KAFKA_CLIENT, REGISTRY_CLIENT);

    /**
     * Every shared setting, in documentation order: every application accepts all of them, so one
     * properties file can configure the whole pipeline.
     */
    public static final List<Setting> ALL = all();

    private static List<Setting> all() {
        List<Setting> all = new java.util.ArrayList<>(CONNECTION);
        all.addAll(TopicNames.SETTINGS);
        all.add(NEWS_TOPICS_FILE);
        return List.copyOf(all);
    }

    /** The shared settings followed by an application's own. */
    public static List<Setting> with(List<Setting> own) {
        List<Setting> all = new java.util.ArrayList<>(ALL);
        all.addAll(own);
        return List.copyOf(all);
    }

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    private SharedSettings() {}

    /**
     * The bootstrap servers, checked to be host:port[,host:port...].
     *
     * @throws ConfigException naming the setting
     */
    public static String bootstrapServers(ConfigSource source) {
        String v = source.string(BOOTSTRAP_SERVERS);
        for (String server : v.split(",")) {
            if (!HOST_PORT.matcher(server.strip()).matches()) {
                throw ConfigException.invalid(BOOTSTRAP_SERVERS, v, "host:port[,host:port...]");
            }
        }
        return v;
    }

    /**
     * The registry URL, checked to be an http(s) URL with a host.
     *
     * @throws ConfigException naming the setting
     */
    public static String registryUrl(ConfigSource source) {
        String v = source.string(REGISTRY_URL);
        try {
            URI uri = URI.create(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ConfigException.invalid(
                REGISTRY_URL, v, "an http(s) URL such as http://127.0.0.1:8081/apis/ccompat/v7");
    }

    /** The {@code kafka.*} pass-through properties, prefix removed. */
    public static Map<String, String> kafkaClient(ConfigSource source) {
        return source.passThrough(KAFKA_CLIENT);
    }

    /** The {@code registry.*} pass-through properties, prefix removed. */
    public static Map<String, String> registryClient(ConfigSource source) {
        return source.passThrough(REGISTRY_CLIENT);
    }
}
