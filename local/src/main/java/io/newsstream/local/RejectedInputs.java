package io.newsstream.local;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The dead letters one publish added, read back from the dead-letter Kafka topic: remembers the
 * topic's end offsets before the publish ({@link #from}), then reads what came after ({@link
 * #read}). The producer's own result only counts rejections; the topic holds each one's reason.
 */
final class RejectedInputs {

    private final ClientConfig clients;
    private final String kafkaTopic;
    private final Map<TopicPartition, Long> start;

    private RejectedInputs(
            ClientConfig clients, String kafkaTopic, Map<TopicPartition, Long> start) {
        this.clients = clients;
        this.kafkaTopic = kafkaTopic;
        this.start = start;
    }

    /** Remembers where the dead-letter topic ends now. */
    static RejectedInputs from(ClientConfig clients, String kafkaTopic) {
        try (KafkaConsumer<String, byte[]> c = consumer(clients)) {
            return new RejectedInputs(clients, kafkaTopic, c.endOffsets(partitions(c, kafkaTopic)));
        }
    }

    /**
     * The dead letters written since {@link #from} by {@code component}, oldest first per
     * partition; stops at the end offsets of now, or after {@code timeout}.
     */
    List<DeadLetter> read(String component, Duration timeout) {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(clients);
                AvroSerdes serdes =
                        AvroSerdes.forRegistry(clients.registryUrl(), clients.registry())) {
            var deserializer = serdes.serde(DeadLetter.class, false).deserializer();
            List<TopicPartition> parts = partitions(c, kafkaTopic);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
            c.assign(parts);
            for (TopicPartition tp : parts) {
                c.seek(tp, start.getOrDefault(tp, 0L));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    DeadLetter d = deserializer.deserialize(r.topic(), r.headers(), r.value());
                    if (d != null && component.equals(d.getComponent())) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic)) {
            parts.add(new TopicPartition(topic, p.partition()));
        }
        return parts;
    }

    private static KafkaConsumer<String, byte[]> consumer(ClientConfig clients) {
        Properties p = clients.kafkaProperties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
