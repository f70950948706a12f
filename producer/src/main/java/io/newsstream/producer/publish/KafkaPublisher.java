package io.newsstream.producer.publish;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends string-keyed records of one value type to one Kafka topic and hands back every outcome as a
 * future: a send that fails, whether {@code send} throws (serialization, a closed producer) or the
 * broker refuses the record later (record too large, timeout), completes the future exceptionally.
 * Nothing is swallowed; the caller decides what a failure means.
 *
 * @param <V> the value type
 */
class KafkaPublisher<V> implements AutoCloseable {

    private final Producer<String, V> producer;
    private final String kafkaTopic;

    KafkaPublisher(Producer<String, V> producer, String kafkaTopic) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.kafkaTopic = Objects.requireNonNull(kafkaTopic, "kafkaTopic");
    }

    String kafkaTopic() {
        return kafkaTopic;
    }

    CompletableFuture<RecordMetadata> send(String key, V value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(kafkaTopic, key, value),
                    (metadata, exception) -> {
                        if (exception != null) {
                            result.completeExceptionally(exception);
                        } else {
                            result.complete(metadata);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Blocks until everything sent so far is acknowledged or has failed. */
    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
