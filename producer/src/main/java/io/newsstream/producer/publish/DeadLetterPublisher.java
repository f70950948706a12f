package io.newsstream.producer.publish;

import io.newsstream.schemas.event.DeadLetter;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@link DeadLetter} events (inputs that cannot be parsed, articles Kafka refused) to the
 * dead-letter Kafka topic ({@code KafkaTopics.DEAD_LETTERS} by default), keyed by the input's
 * source. Every send's outcome is returned as a future that fails when the record is not written.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private final KafkaPublisher<DeadLetter> publisher;

    public DeadLetterPublisher(Producer<String, DeadLetter> producer, String kafkaTopic) {
        this.publisher = new KafkaPublisher<>(producer, kafkaTopic);
    }

    /**
     * A publisher with its own {@link KafkaProducer} configured by {@link ProducerProperties}.
     *
     * @param valueSerializer the DeadLetter serializer (the project's Avro serde)
     */
    public static DeadLetterPublisher create(
            String bootstrapServers,
            String clientId,
            String kafkaTopic,
            Serializer<DeadLetter> valueSerializer) {
        return new DeadLetterPublisher(
                new KafkaProducer<>(
                        ProducerProperties.of(bootstrapServers, clientId),
                        new StringSerializer(),
                        valueSerializer),
                kafkaTopic);
    }

    public String kafkaTopic() {
        return publisher.kafkaTopic();
    }

    /** Sends the dead letter keyed by its source. */
    public CompletableFuture<RecordMetadata> publish(DeadLetter deadLetter) {
        return publisher.send(deadLetter.getSource(), deadLetter);
    }

    public void flush() {
        publisher.flush();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
