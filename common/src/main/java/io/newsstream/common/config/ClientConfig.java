package io.newsstream.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Kafka and the schema registry are, and what their clients get on top: the shared connection
 * settings of every application ({@link SharedSettings#CONNECTION}), validated.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl base URL of the Confluent-compatible schema registry API
 * @param kafka the {@code kafka.*} pass-through properties, prefix removed
 * @param registry the {@code registry.*} pass-through properties, prefix removed
 */
public record ClientConfig(
        String bootstrapServers,
        String registryUrl,
        Map<String, String> kafka,
        Map<String, String> registry) {

    public ClientConfig {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    /**
     * Reads and validates the connection settings.
     *
     * @throws ConfigException naming the setting
     */
    public static ClientConfig from(ConfigSource source) {
        return new ClientConfig(
                SharedSettings.bootstrapServers(source),
                SharedSettings.registryUrl(source),
                SharedSettings.kafkaClient(source),
                SharedSettings.registryClient(source));
    }

    /**
     * The properties of one Kafka client: the application's {@code tuning} first, then the {@code
     * kafka.*} pass-through (so a user can change any of it without code), then the bootstrap
     * servers. Settings the application owns (its group id, serializers, ...) are put by the caller
     * after this, so they win.
     */
    public Map<String, Object> kafkaProperties(Map<String, ?> tuning) {
        Map<String, Object> p = new LinkedHashMap<>(tuning);
        p.putAll(kafka);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Same, as {@link java.util.Properties}. */
    public java.util.Properties kafkaProperties() {
        java.util.Properties p = new java.util.Properties();
        p.putAll(kafkaProperties(Map.of()));
        return p;
    }
}
