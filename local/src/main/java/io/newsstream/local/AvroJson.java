package io.newsstream.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.schemas.serde.SchemaRegistryClient;
import io.newsstream.schemas.serde.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record of any newsstream Kafka topic into one JSON object: {@code topic}, {@code
 * partition}, {@code offset}, {@code timestamp}, {@code key} (UTF-8) and {@code value}, the Avro
 * value decoded with its writer schema from the registry (Confluent framing: magic byte 0, schema
 * id, Avro binary). Generic: no generated class is needed, so it reads any schema version. A value
 * that is not framed Avro is shown as {@code null} with an {@code error} saying why.
 */
final class AvroJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

    AvroJson(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    ObjectNode toJson(ConsumerRecord<String, byte[]> r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", r.topic());
        line.put("partition", r.partition());
        line.put("offset", r.offset());
        line.put("timestamp", r.timestamp());
        line.put("key", r.key());
        byte[] v = r.value();
        if (v == null) {
            line.putNull("value");
        } else if (!WireFormat.isFramed(v)) {
            line.putNull("value");
            line.put("error", "not Avro in the Confluent wire format (" + v.length + " bytes)");
        } else {
            int id = WireFormat.schemaId(v);
            try {
                line.put("schemaId", id);
                line.set("value", decode(id, v));
            } catch (IOException | RuntimeException e) {
                line.putNull("value");
                line.put("error", "cannot decode with schema " + id + ": " + e.getMessage());
            }
        }
        return line;
    }

    private JsonNode decode(int schemaId, byte[] framed) throws IOException {
        GenericDatumReader<GenericRecord> reader =
                readers.computeIfAbsent(
                        schemaId,
                        id -> {
                            Schema schema = registry.getById(id);
                            return new GenericDatumReader<>(schema, schema, GenericData.get());
                        });
        GenericRecord record =
                reader.read(
                        null,
                        DecoderFactory.get()
                                .binaryDecoder(
                                        framed,
                                        WireFormat.HEADER_LENGTH,
                                        framed.length - WireFormat.HEADER_LENGTH,
                                        null));
        // GenericData renders records as JSON; Jackson re-reads it to nest it in the line.
        return JSON.readTree(GenericData.get().toString(record));
    }
}
