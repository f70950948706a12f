package io.newsstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record cannot be decoded: they are not Confluent-framed Avro, are cut short, or
 * were written with a schema the target class cannot read. Retrying will not help; such records
 * belong on the dead-letter topic.
 */
public abstract class InvalidPayloadException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String kafkaTopic;

    protected InvalidPayloadException(String kafkaTopic, String message) {
        super(message);
        this.kafkaTopic = kafkaTopic;
    }

    protected InvalidPayloadException(String kafkaTopic, String message, Throwable cause) {
        super(message, cause);
        this.kafkaTopic = kafkaTopic;
    }

    /** The Kafka topic the record was read from (may be null if the caller gave none). */
    public String kafkaTopic() {
        return kafkaTopic;
    }
}
