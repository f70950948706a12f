package io.newsstream.schemas.serde;

/**
 * The registry answered, but not as a Confluent-compatible registry should: an unexpected HTTP
 * status, a body that is not the expected JSON, or a schema that is not Avro. The message carries
 * the URL, the status and the start of the body.
 */
public final class SchemaRegistryResponseException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryResponseException(String message) {
        super(message);
    }

    public SchemaRegistryResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public SchemaRegistryResponseException withContext(String context) {
        return new SchemaRegistryResponseException(context + getMessage(), this);
    }
}
