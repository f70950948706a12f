package io.newsstream.producer.publish;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.schemas.Topic;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends string-keyed records of one value type to one Kafka topic and hands back every outcome as a
 * future: a send that fails, whether {@code send} throws (serialization, a closed producer) or the
 * broker refuses the record later (record too large, timeout), completes the future exceptionally.
 * Nothing is swallowed; the caller decides what a failure means.
 *
 * <p>Raw articles are keyed by their id, so re-publishing the same article gives the same key
 * (downstream de-duplicates by id); dead letters by their source.
 *
 * @param <V> the value type
 */
public final class KafkaPublisher<V> implements AutoCloseable {

    private final Producer<String, V> producer;
    private final String kafkaTopic;
    private final Function<V, String> keyOf;

    KafkaPublisher(Producer<String, V> producer, String kafkaTopic, Function<V, String> keyOf) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.kafkaTopic = Objects.requireNonNull(kafkaTopic, "kafkaTopic");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    /** Publishes raw articles, keyed by article id, with the given producer. */
    public static KafkaPublisher<RawArticle> rawArticles(
            Producer<String, RawArticle> producer, String kafkaTopic) {
        return new KafkaPublisher<>(producer, kafkaTopic, RawArticle::getId);
    }

    /** Publishes dead letters, keyed by their source, with the given producer. */
    public static KafkaPublisher<DeadLetter> deadLetters(
            Producer<String, DeadLetter> producer, String kafkaTopic) {
        return new KafkaPublisher<>(producer, kafkaTopic, DeadLetter::getSource);
    }

    /**
     * As {@link #rawArticles(Producer, String)}, with its own producer ({@link ProducerProperties})
     * writing to the topic with its serdes.
     */
    public static KafkaPublisher<RawArticle> rawArticles(
            ClientConfig clients, String clientId, Topic<String, RawArticle> topic) {
        return rawArticles(producer(clients, clientId, topic), topic.name());
    }

    /**
     * As {@link #deadLetters(Producer, String)}, with its own producer ({@link ProducerProperties})
     * writing to the topic with its serdes.
     */
    public static KafkaPublisher<DeadLetter> deadLetters(
            ClientConfig clients, String clientId, Topic<String, DeadLetter> topic) {
        return deadLetters(producer(clients, clientId, topic), topic.name());
    }

    private static <T> Producer<String, T> producer(
            ClientConfig clients, String clientId, Topic<String, T> topic) {
        return new KafkaProducer<>(
                ProducerProperties.of(clients, clientId),
                topic.keySerializer(),
                topic.valueSerializer());
    }

    public String kafkaTopic() {
        return kafkaTopic;
    }

    /** Sends the value under its key (article id, or dead-letter source). */
    public CompletableFuture<RecordMetadata> publish(V value) {
        return send(keyOf.apply(value), value);
    }

    private CompletableFuture<RecordMetadata> send(String key, V value) {
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
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
