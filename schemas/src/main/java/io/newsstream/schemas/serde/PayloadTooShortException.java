package io.newsstream.schemas.serde;

/**
 * A record is shorter than the 5-byte wire-format header (magic byte and schema id), so it cannot
 * be Confluent-framed Avro.
 */
public final class PayloadTooShortException extends InvalidPayloadException {

    private static final long serialVersionUID = 1L;

    public PayloadTooShortException(String kafkaTopic, String message) {
        super(kafkaTopic, message);
    }
}
