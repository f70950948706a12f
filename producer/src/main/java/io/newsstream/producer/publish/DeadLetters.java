package io.newsstream.producer.publish;

import io.newsstream.schemas.event.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds the producer's {@link DeadLetter} events. Pure. */
public final class DeadLetters {

    /** The {@code DeadLetter.component} of the producer. */
    public static final String COMPONENT = "producer";

    /** Characters of the input kept as a readable excerpt. */
    public static final int EXCERPT_CHARS = 512;

    /** Inputs up to this size are kept whole in the dead letter; larger ones only as an excerpt. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private DeadLetters() {}

    /**
     * A dead letter for an input.
     *
     * @param source where the input came from (file path, feed URL); also the Kafka key
     * @param reason why it was rejected, saying what to do
     * @param errorClass the exception class behind it, or {@code null}
     * @param payload the input's bytes, or {@code null} when unknown
     * @param occurredAt when it was rejected
     */
    public static DeadLetter of(
            String source, String reason, String errorClass, byte[] payload, Instant occurredAt) {
        return DeadLetter.newBuilder()
                .setComponent(COMPONENT)
                .setSource(source)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setPayloadExcerpt(payload == null ? null : excerpt(payload))
                .setPayload(
                        payload == null || payload.length > MAX_PAYLOAD_BYTES
                                ? null
                                : ByteBuffer.wrap(payload.clone()))
                .setKafkaTopic(null)
                .setPartition(null)
                .setOffset(null)
                .setOccurredAt(occurredAt.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /**
     * A dead letter that keeps only an excerpt of what was refused, not a payload: for records
     * built by the producer (not the input's own bytes), e.g. an article Kafka refused.
     */
    public static DeadLetter withExcerpt(
            String source, String reason, String errorClass, byte[] content, Instant occurredAt) {
        DeadLetter letter = of(source, reason, errorClass, content, occurredAt);
        letter.setPayload(null);
        return letter;
    }

    /** The first {@value #EXCERPT_CHARS} characters of the bytes read as UTF-8 (lossy). */
    static String excerpt(byte[] payload) {
        int n = Math.min(payload.length, EXCERPT_CHARS * 4);
        String text = new String(payload, 0, n, StandardCharsets.UTF_8);
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS);
    }
}
