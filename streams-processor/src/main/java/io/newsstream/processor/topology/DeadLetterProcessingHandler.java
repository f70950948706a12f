package io.newsstream.processor.topology;

import io.newsstream.schemas.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles an exception thrown while processing one record (a bug or an article the enricher cannot
 * cope with): writes a {@link DeadLetter} (reason with the processor node and the exception, Kafka
 * topic, partition, offset, the source record's bytes) to the dead-letter Kafka topic and lets
 * processing continue with the next record, instead of stopping the application.
 *
 * <p>Produced by Kafka Streams itself (KIP-1034 dead-letter records), in the same transaction as
 * the skipped record under exactly-once. Key: {@code kafkaTopic/partition@offset}. Fails (stops the
 * app) only when the dead letter itself cannot be serialised, so that nothing is lost silently.
 *
 * <p>Installed together with {@link DeadLetterDeserializationHandler} by {@link
 * DeadLetterDeserializationHandler#configure}; reads the same two properties.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private Serializer<DeadLetter> serializer;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG);
        Object ser = configs.get(DeadLetterDeserializationHandler.DEAD_LETTER_SERIALIZER_CONFIG);
        if (!(topic instanceof String t) || t.isBlank() || !(ser instanceof Serializer<?>)) {
            throw new ConfigException(
                    DeadLetterProcessingHandler.class.getSimpleName()
                            + " needs '"
                            + DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG
                            + "' and a Serializer<DeadLetter> instance in '"
                            + DeadLetterDeserializationHandler.DEAD_LETTER_SERIALIZER_CONFIG
                            + "': install it with DeadLetterDeserializationHandler.configure(...)");
        }
        this.deadLetterTopic = t;
        this.serializer = (Serializer<DeadLetter>) ser;
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String source = context.topic() + "/" + context.partition() + "@" + context.offset();
        byte[] raw = context.sourceRawValue();
        DeadLetter deadLetter =
                DeadLetterDeserializationHandler.deadLetter(
                        source,
                        "Processing failed in '"
                                + context.processorNodeId()
                                + "' for the record at "
                                + source
                                + " (key "
                                + record.key()
                                + "): "
                                + exception
                                + ". It was skipped; fix the cause and re-publish it.",
                        exception,
                        raw,
                        context.topic(),
                        context.partition(),
                        context.offset());
        byte[] value;
        try {
            value = serializer.serialize(deadLetterTopic, deadLetter);
        } catch (RuntimeException e) {
            LOG.error(
                    "Cannot write the dead letter for the failed record {} to {}; stopping so"
                            + " that it is not lost",
                    source,
                    deadLetterTopic,
                    e);
            return Response.fail();
        }
        LOG.warn(
                "Record {} failed in {} and was sent to {}",
                source,
                context.processorNodeId(),
                deadLetterTopic,
                exception);
        return Response.resume(
                List.of(
                        new ProducerRecord<>(
                                deadLetterTopic,
                                null,
                                context.timestamp() >= 0 ? context.timestamp() : null,
                                source.getBytes(StandardCharsets.UTF_8),
                                value)));
    }
}
