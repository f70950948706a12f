package io.newsstream.schemas.serde;

/**
 * The header of a record is fine but its Avro body is not: it ends before the writer schema says it
 * should (truncated), holds impossible values (negative lengths, bad union indexes), or has bytes
 * left over after the record.
 */
public final class MalformedAvroPayloadException extends InvalidPayloadException {

    private static final long serialVersionUID = 1L;

    public MalformedAvroPayloadException(String kafkaTopic, String message, Throwable cause) {
        super(kafkaTopic, message, cause);
    }
}
