package io.newsstream.schemas.serde;

/**
 * The registry does not know the schema id found in a record (HTTP 404 on {@code GET
 * /schemas/ids/{id}}). Either the record was written against another registry, the registry lost
 * its storage (the local Apicurio keeps schemas in memory), or the bytes are not Confluent-framed
 * Avro at all.
 */
public final class UnknownSchemaIdException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String message) {
        super(message);
        this.schemaId = schemaId;
    }

    private UnknownSchemaIdException(int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    /** The schema id nobody knows. */
    public int schemaId() {
        return schemaId;
    }

    @Override
    public UnknownSchemaIdException withContext(String context) {
        return new UnknownSchemaIdException(schemaId, context + getMessage(), this);
    }
}
