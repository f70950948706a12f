package io.newsstream.schemas.serde;

/**
 * The schema registry could not be reached (connection refused, timeout) or kept failing with HTTP
 * 5xx after the configured retries. The message names the URL and says what to check.
 */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public SchemaRegistryUnavailableException withContext(String context) {
        return new SchemaRegistryUnavailableException(context + getMessage(), this);
    }
}
