package io.newsstream.consumer.view;

import io.newsstream.schemas.event.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the view's {@link DeadLetter}s (key: {@code topic/partition@offset}, component {@value
 * #COMPONENT}) for the records the {@link ViewUpdater} cannot use. Synchronously: a record's dead
 * letter is on its Kafka topic before the offset that skips the record is stored. When the topic
 * cannot be written it throws {@link DeadLetterException} and the record is retried, not skipped
 * (dead letters may then be repeated: at least once on that topic).
 */
final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    /** The {@code component} of the dead letters this class writes. */
    static final String COMPONENT = "consumer";

    /** Longest excerpt of a record a dead letter carries. */
    static final int EXCERPT_CHARS = 500;

    private final Producer<String, DeadLetter> deadLetterProducer;
    private final String deadLetterKafkaTopic;
    private final Duration sendTimeout = Duration.ofSeconds(30);
    private final AtomicLong deadLetters = new AtomicLong();

    DeadLetterPublisher(
            Producer<String, DeadLetter> deadLetterProducer, String deadLetterKafkaTopic) {
        this.deadLetterProducer = Objects.requireNonNull(deadLetterProducer);
        this.deadLetterKafkaTopic = Objects.requireNonNull(deadLetterKafkaTopic);
    }

    /** Sends the dead letter of the record at {@code tp}/{@code offset} and waits for the ack. */
    void publish(
            TopicPartition tp,
            long offset,
            String reason,
            Throwable error,
            String excerpt,
            byte[] payload) {
        String source = tp.topic() + "/" + tp.partition() + "@" + offset;
        DeadLetter letter =
                DeadLetter.newBuilder()
                        .setComponent(COMPONENT)
                        .setSource(source)
                        .setReason(reason)
                        .setErrorClass(error == null ? null : error.getClass().getName())
                        .setPayloadExcerpt(excerpt)
                        .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                        .setKafkaTopic(tp.topic())
                        .setPartition(tp.partition())
                        .setOffset(offset)
                        .setOccurredAt(Instant.now())
                        .build();
        try {
            deadLetterProducer
                    .send(new ProducerRecord<>(deadLetterKafkaTopic, source, letter))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("Interrupted while dead-lettering " + source, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException(
                    "Cannot write the dead letter for "
                            + source
                            + " to "
                            + deadLetterKafkaTopic
                            + ": "
                            + e.getMessage()
                            + "; the record will be retried",
                    e);
        }
        deadLetters.incrementAndGet();
        log.warn("Dead-lettered {}: {}", source, reason);
    }

    /** Dead letters published since start. */
    long published() {
        return deadLetters.get();
    }

    /** The dead-letter topic could not be written; the record is retried, not skipped. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static String excerpt(Object value) {
        return value == null ? null : truncate(String.valueOf(value), EXCERPT_CHARS);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
