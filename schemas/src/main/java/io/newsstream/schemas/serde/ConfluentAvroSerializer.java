package io.newsstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes one generated Avro class to the Confluent wire format ({@link WireFormat}).
 *
 * <p>The subject follows the TopicNameStrategy: {@code <kafkaTopic>-value}, or {@code
 * <kafkaTopic>-key} for keys. The class's schema is registered under it on the first record for
 * each Kafka topic, and the id is kept, so later records make no registry call. A null record
 * serializes to null (a tombstone). Failures throw {@link SerializationException} subclasses naming
 * the Kafka topic. Thread-safe.
 *
 * <p>Build it with {@link AvroSerdes}; {@link #configure} only switches between key and value.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient client;
    private final Class<T> type;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final ConcurrentMap<String, Integer> schemaIdByKafkaTopic = new ConcurrentHashMap<>();
    private volatile boolean isKey;

    ConfluentAvroSerializer(SchemaRegistryClient client, Class<T> type, boolean isKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
        this.schema = AvroSerdes.schemaOf(type);
        this.writer = new SpecificDatumWriter<>(schema, GeneratedClassModel.of(type, schema));
        this.isKey = isKey;
    }

    /** Sets whether this serializes record keys ({@code isKey}); other settings are ignored. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (this.isKey != isKey) {
            this.isKey = isKey;
            schemaIdByKafkaTopic.clear();
        }
    }

    @Override
    public byte[] serialize(String kafkaTopic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = schemaIdFor(kafkaTopic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] header = new byte[WireFormat.HEADER_LENGTH];
        WireFormat.writeHeader(header, schemaId);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot serialize a "
                            + type.getSimpleName()
                            + " as the "
                            + part()
                            + " of a record for Kafka topic '"
                            + kafkaTopic
                            + "': "
                            + e
                            + " (is a required field null or of the wrong type?)",
                    e);
        }
        return out.toByteArray();
    }

    /** Whether this serializes record keys. */
    public boolean isKey() {
        return isKey;
    }

    private int schemaIdFor(String kafkaTopic) {
        if (kafkaTopic == null) {
            throw new SerializationException(
                    "Cannot serialize a "
                            + type.getSimpleName()
                            + " without a Kafka topic: the schema registry subject is derived from"
                            + " it");
        }
        Integer cached = schemaIdByKafkaTopic.get(kafkaTopic);
        if (cached != null) {
            return cached;
        }
        String subject = AvroSerdes.subjectName(kafkaTopic, isKey);
        int id;
        try {
            id = client.register(subject, schema);
        } catch (SchemaRegistryException e) {
            throw e.withContext(
                    "Cannot serialize a "
                            + type.getSimpleName()
                            + " for Kafka topic '"
                            + kafkaTopic
                            + "' (subject '"
                            + subject
                            + "'): ");
        }
        schemaIdByKafkaTopic.putIfAbsent(kafkaTopic, id);
        return id;
    }

    private String part() {
        return isKey ? "key" : "value";
    }
}
