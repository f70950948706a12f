package io.newsstream.consumer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Turns an Avro record into plain JSON for people and web pages: unions are not wrapped, timestamps
 * ({@link Instant}) are ISO-8601 strings, bytes are Base64. Unlike Avro's own JSON encoding it is
 * not meant to be decoded back with the schema.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    static JsonNode toJson(IndexedRecord record) {
        return toJson(record, record.getSchema());
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD:
                IndexedRecord r = (IndexedRecord) datum;
                ObjectNode o = NODES.objectNode();
                for (Schema.Field f : schema.getFields()) {
                    o.set(f.name(), toJson(r.get(f.pos()), f.schema()));
                }
                return o;
            case UNION:
                return toJson(datum, schema.getTypes().get(unionBranch(schema, datum)));
            case ARRAY:
                ArrayNode a = NODES.arrayNode();
                for (Object item : (Collection<?>) datum) {
                    a.add(toJson(item, schema.getElementType()));
                }
                return a;
            case MAP:
                ObjectNode m = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    m.set(e.getKey().toString(), toJson(e.getValue(), schema.getValueType()));
                }
                return m;
            case STRING:
            case ENUM:
                return NODES.textNode(datum.toString());
            case BYTES:
                ByteBuffer b = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case FIXED:
                return NODES.textNode(
                        Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                if (datum instanceof Instant i) {
                    return NODES.textNode(i.toString());
                }
                if (datum instanceof Double || datum instanceof Float) {
                    return NODES.numberNode(((Number) datum).doubleValue());
                }
                if (datum instanceof Number n) {
                    return NODES.numberNode(n.longValue());
                }
                return NODES.textNode(datum.toString());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case NULL:
            default:
                return NODES.nullNode();
        }
    }

    private static int unionBranch(Schema union, Object datum) {
        // The contract only has ["null", X] unions: take the non-null branch without asking
        // GenericData (which does not know the logical-type classes such as Instant).
        java.util.List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return 1;
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return 0;
            }
        }
        return GenericData.get().resolveUnion(union, datum);
    }
}
