package io.newsstream.producer.publish;

import io.newsstream.common.config.ClientConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka producer settings of the platform (see PLATFORM.md, measured on the project's
 * machines): idempotent, {@code acks=all}, lz4, linger 10 ms, 128 KiB batches (the 16 KiB default
 * halves throughput).
 */
public final class ProducerProperties {

    public static final String ACKS = "all";
    public static final String COMPRESSION = "lz4";
    public static final int LINGER_MS = 10;
    public static final int BATCH_SIZE = 131_072;

    private ProducerProperties() {}

    /** Producer properties for the given brokers and client id; serializers are passed apart. */
    public static Map<String, Object> of(String bootstrapServers, String clientId) {
        return of(
                new ClientConfig(bootstrapServers, "http://unused", Map.of(), Map.of()), clientId);
    }

    /**
     * Producer properties: the platform's tuning, then the {@code kafka.*} pass-through settings
     * (security, or other tuning), then the brokers and the client id.
     */
    public static Map<String, Object> of(ClientConfig clients, String clientId) {
        Map<String, Object> tuning = new HashMap<>();
        tuning.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        tuning.put(ProducerConfig.ACKS_CONFIG, ACKS);
        tuning.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        tuning.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        tuning.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        Map<String, Object> p = clients.kafkaProperties(tuning);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
