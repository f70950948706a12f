package io.newsstream.producer.publish;

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
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, ACKS);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        return p;
    }
}
