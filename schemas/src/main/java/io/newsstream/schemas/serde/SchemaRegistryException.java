package io.newsstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A failure that comes from the schema registry (or from reaching it), not from the bytes of a
 * record: the registry is down, answered something unexpected, does not know a schema id, or
 * rejected a schema.
 *
 * <p>Callers that route undecodable records to a dead-letter topic should usually <em>not</em> do
 * so for {@link SchemaRegistryUnavailableException}: the record is fine, the infrastructure is not.
 */
public abstract class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    protected SchemaRegistryException(String message) {
        super(message);
    }

    protected SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The same failure, of the same class, with {@code context} (e.g. which Kafka topic was being
     * read) put in front of the message. The original exception becomes the cause.
     */
    public abstract SchemaRegistryException withContext(String context);
}
