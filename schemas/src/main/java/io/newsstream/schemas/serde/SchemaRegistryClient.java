package io.newsstream.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Client of a registry speaking the Confluent Schema Registry REST API (the project runs Apicurio
 * Registry's {@code /apis/ccompat/v7} API).
 *
 * <p>Implementations are thread-safe and cache what the registry cannot change: the id of a schema
 * registered under a subject, and the schema behind an id. After warm-up, serializing and
 * deserializing make no registry calls.
 *
 * <p>Failures are {@link SchemaRegistryException}s (so Kafka's {@code SerializationException}s):
 * {@link SchemaRegistryUnavailableException}, {@link UnknownSchemaIdException}, {@link
 * IncompatibleSchemaException}, {@link SchemaRegistryResponseException}. No method returns null.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions})
     * unless this client already did, and returns its global id. Registering a schema the subject
     * already has returns the existing id.
     */
    int register(String subject, Schema schema);

    /** The schema with this global id ({@code GET /schemas/ids/{id}}), cached once fetched. */
    Schema getById(int id);

    /**
     * The version numbers registered under {@code subject} ({@code GET
     * /subjects/{subject}/versions}), oldest first; empty when the registry does not know the
     * subject. Never cached.
     */
    List<Integer> versions(String subject);

    /** Releases the client; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
