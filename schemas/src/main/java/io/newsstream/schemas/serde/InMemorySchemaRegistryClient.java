package io.newsstream.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * In-memory registry with the semantics of the Confluent API: one global id per distinct schema
 * (ids start at 1), versions per subject in registration order, re-registering a known schema
 * returns its id. No compatibility rules are enforced.
 *
 * <p>For unit and {@code TopologyTestDriver} tests only: nothing is shared between instances or
 * processes. Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaJson = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> schemaIdsBySubject = new HashMap<>();
    private int nextId = 1;
    private boolean closed;

    public InMemorySchemaRegistryClient() {}

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireOpen();
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        String json = schema.toString();
        Integer id = idsBySchemaJson.get(json);
        if (id == null) {
            id = nextId++;
            idsBySchemaJson.put(json, id);
            schemasById.put(id, schema);
        }
        List<Integer> subjectIds =
                schemaIdsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!subjectIds.contains(id)) {
            subjectIds.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        requireOpen();
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException(
                    id,
                    "Schema id "
                            + id
                            + " is unknown to the in-memory schema registry (it knows ids 1.."
                            + (nextId - 1)
                            + "): was the record serialized with another registry client?");
        }
        return schema;
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        requireOpen();
        int count = schemaIdsBySubject.getOrDefault(subject, List.of()).size();
        List<Integer> versions = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            versions.add(v);
        }
        return List.copyOf(versions);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The in-memory schema registry client is closed");
        }
    }
}
