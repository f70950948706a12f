package io.newsstream.producer.publish;

import io.newsstream.schemas.event.RawArticle;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@link RawArticle} events to the raw-articles Kafka topic, keyed by the article id, so
 * that re-publishing the same article gives the same key (downstream de-duplicates by id).
 *
 * <p>Every send's outcome is returned as a future that fails when the record is not written.
 */
public final class RawArticlePublisher implements AutoCloseable {

    private final KafkaPublisher<RawArticle> publisher;

    public RawArticlePublisher(Producer<String, RawArticle> producer, String kafkaTopic) {
        this.publisher = new KafkaPublisher<>(producer, kafkaTopic);
    }

    /**
     * A publisher with its own {@link KafkaProducer} configured by {@link ProducerProperties}.
     *
     * @param valueSerializer the RawArticle serializer (the project's Avro serde)
     */
    public static RawArticlePublisher create(
            String bootstrapServers,
            String clientId,
            String kafkaTopic,
            Serializer<RawArticle> valueSerializer) {
        return new RawArticlePublisher(
                new KafkaProducer<>(
                        ProducerProperties.of(bootstrapServers, clientId),
                        new StringSerializer(),
                        valueSerializer),
                kafkaTopic);
    }

    public String kafkaTopic() {
        return publisher.kafkaTopic();
    }

    /** Sends the article keyed by its id. */
    public CompletableFuture<RecordMetadata> publish(RawArticle article) {
        return publisher.send(article.getId(), article);
    }

    public void flush() {
        publisher.flush();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
