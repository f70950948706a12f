package io.newsstream.schemas.serde;

/**
 * The registry refused to register a schema under a subject because it breaks the subject's
 * compatibility rule (HTTP 409). Evolve the {@code .avsc} compatibly (add fields with defaults) or
 * change the subject's compatibility setting in the registry.
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message) {
        super(message);
    }

    private IncompatibleSchemaException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public IncompatibleSchemaException withContext(String context) {
        return new IncompatibleSchemaException(context + getMessage(), this);
    }
}
