package io.newsstream.schemas.serde;

/**
 * A record was written with a schema (found in the registry by its id) that the target class cannot
 * read: typically the wrong serde for the Kafka topic, or a removed field without a default. Schema
 * resolution rules are Avro's: fields the reader lacks are skipped, fields the writer lacks take
 * their default.
 */
public final class IncompatibleWriterSchemaException extends InvalidPayloadException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public IncompatibleWriterSchemaException(String kafkaTopic, int schemaId, String message) {
        super(kafkaTopic, message);
        this.schemaId = schemaId;
    }

    /** Id of the writer schema that cannot be read. */
    public int schemaId() {
        return schemaId;
    }
}
