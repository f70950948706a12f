package io.newsstream.processor.topology;

import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles input records that cannot be deserialized (a poison record: not Avro, unknown schema id,
 * bytes that do not decode): writes a {@link DeadLetter} (reason, Kafka topic, partition, offset,
 * the raw bytes) to the dead-letter Kafka topic and lets processing continue.
 *
 * <p>The dead letter is produced by Kafka Streams itself (KIP-1034 dead-letter records), so with
 * exactly-once it commits in the same transaction as the skipped offset. Key: {@code
 * kafkaTopic/partition@offset} (string). Value: {@code DeadLetter}, Avro.
 *
 * <p>One exception: when the schema registry is unreachable the record is probably fine, so the
 * handler fails instead; the application's uncaught-exception handler then replaces the stream
 * thread after a pause, which resumes from the record (see {@code StreamsProcessorApp}). Likewise
 * if the dead letter itself cannot be written.
 *
 * <p>Configured through the Streams properties with {@link #configure(Properties, String,
 * Serializer)}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Streams property: Kafka topic dead letters go to. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "newsstream.dead.letter.topic";

    /** Streams property: the {@code Serializer<DeadLetter>} instance (not a class name). */
    public static final String DEAD_LETTER_SERIALIZER_CONFIG = "newsstream.dead.letter.serializer";

    static final String COMPONENT = "streams-processor";
    private static final int EXCERPT_BYTES = 200;
    private static final Logger LOG =
            LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private Serializer<DeadLetter> serializer;

    /**
     * Installs this handler and {@link DeadLetterProcessingHandler} in {@code props}, both writing
     * to {@code deadLetterTopic}.
     */
    public static void configure(
            Properties props, String deadLetterTopic, Serializer<DeadLetter> serializer) {
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterProcessingHandler.class);
        props.put(DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        props.put(DEAD_LETTER_SERIALIZER_CONFIG, serializer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        Object ser = configs.get(DEAD_LETTER_SERIALIZER_CONFIG);
        if (!(topic instanceof String t) || t.isBlank() || !(ser instanceof Serializer<?>)) {
            throw new ConfigException(
                    DeadLetterDeserializationHandler.class.getSimpleName()
                            + " needs '"
                            + DEAD_LETTER_TOPIC_CONFIG
                            + "' and a Serializer<DeadLetter> instance in '"
                            + DEAD_LETTER_SERIALIZER_CONFIG
                            + "': install it with DeadLetterDeserializationHandler.configure(...)");
        }
        this.deadLetterTopic = t;
        this.serializer = (Serializer<DeadLetter>) ser;
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String source = record.topic() + "/" + record.partition() + "@" + record.offset();
        if (causedBy(exception, SchemaRegistryUnavailableException.class)) {
            LOG.error(
                    "Cannot deserialize {}: the schema registry is unavailable. Failing the"
                            + " stream thread (it is replaced and retries) rather than"
                            + " dead-lettering a record that is probably fine.",
                    source,
                    exception);
            return Response.fail();
        }
        DeadLetter deadLetter =
                deadLetter(
                        source,
                        "Cannot deserialize the record at "
                                + source
                                + ": "
                                + exception.getMessage()
                                + ". It was skipped; re-publish it as a RawArticle in"
                                + " the registry's Avro format.",
                        exception,
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset());
        byte[] value;
        try {
            value = serializer.serialize(deadLetterTopic, deadLetter);
        } catch (RuntimeException e) {
            LOG.error(
                    "Cannot write the dead letter for poison record {} to {}; stopping so that it"
                            + " is not lost",
                    source,
                    deadLetterTopic,
                    e);
            return Response.fail();
        }
        LOG.warn(
                "Poison record {} sent to {}: {}", source, deadLetterTopic, exception.getMessage());
        return Response.resume(
                List.of(
                        new ProducerRecord<>(
                                deadLetterTopic,
                                null,
                                record.timestamp() >= 0 ? record.timestamp() : null,
                                source.getBytes(StandardCharsets.UTF_8),
                                value)));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dead letter both handlers write for a skipped record: the reason, the exception's class,
     * the whole original bytes and where they came from.
     */
    static DeadLetter deadLetter(
            String source,
            String reason,
            Exception exception,
            byte[] raw,
            String kafkaTopic,
            int partition,
            long offset) {
        return DeadLetter.newBuilder()
                .setComponent(COMPONENT)
                .setSource(source)
                .setReason(reason)
                .setErrorClass(exception.getClass().getName())
                .setPayloadExcerpt(excerpt(raw))
                .setPayload(raw == null ? null : ByteBuffer.wrap(raw))
                .setKafkaTopic(kafkaTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /** The first bytes as text, control characters shown as '.', for a human to recognise. */
    static String excerpt(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String s =
                new String(bytes, 0, Math.min(bytes.length, EXCERPT_BYTES), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? '.' : c);
        }
        return out.toString();
    }
}
