package io.newsstream.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes the Confluent wire format ({@link WireFormat}) into one generated Avro class.
 *
 * <p>The writer schema is fetched from the registry by the id in the record (once per id, then
 * cached); the reader schema is the class's own, so Avro schema resolution applies: fields added
 * since the record was written take their defaults, fields the class no longer has are skipped.
 *
 * <p>Null bytes deserialize to null (a tombstone); anything else yields a record or throws a {@link
 * SerializationException} subclass naming the Kafka topic: {@link PayloadTooShortException}, {@link
 * UnknownMagicByteException}, {@link MalformedAvroPayloadException}, {@link
 * IncompatibleWriterSchemaException}, or a {@link SchemaRegistryException}. Thread-safe.
 *
 * <p>Build it with {@link AvroSerdes}; {@link #configure} only switches between key and value.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient client;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final ConcurrentMap<Integer, Resolution<T>> resolutionsBySchemaId =
            new ConcurrentHashMap<>();
    private volatile boolean isKey;

    ConfluentAvroDeserializer(SchemaRegistryClient client, Class<T> type, boolean isKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
        this.readerSchema = AvroSerdes.schemaOf(type);
        this.model = GeneratedClassModel.of(type, readerSchema);
        this.isKey = isKey;
    }

    /** Sets whether this deserializes record keys ({@code isKey}); other settings are ignored. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public T deserialize(String kafkaTopic, byte[] data) {
        if (data == null) {
            return null;
        }
        return decode(kafkaTopic, data, 0, data.length);
    }

    @Override
    public T deserialize(String kafkaTopic, Headers headers, byte[] data) {
        return deserialize(kafkaTopic, data);
    }

    @Override
    public T deserialize(String kafkaTopic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return decode(
                    kafkaTopic,
                    data.array(),
                    data.arrayOffset() + data.position(),
                    data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return decode(kafkaTopic, copy, 0, copy.length);
    }

    /** Whether this deserializes record keys. */
    public boolean isKey() {
        return isKey;
    }

    private T decode(String kafkaTopic, byte[] bytes, int offset, int length) {
        if (length < WireFormat.HEADER_LENGTH) {
            throw new PayloadTooShortException(
                    kafkaTopic,
                    capitalized(where(kafkaTopic))
                            + " is "
                            + length
                            + (length == 1 ? " byte" : " bytes")
                            + " long, shorter than the "
                            + WireFormat.HEADER_LENGTH
                            + "-byte header (magic byte 0 + schema id) of Confluent-framed Avro.");
        }
        byte magic = bytes[offset];
        if (magic != WireFormat.MAGIC_BYTE) {
            throw new UnknownMagicByteException(
                    kafkaTopic,
                    magic,
                    capitalized(where(kafkaTopic))
                            + " starts with byte "
                            + String.format("0x%02x", magic & 0xff)
                            + guess(magic)
                            + " instead of the magic byte 0x00 of Confluent-framed Avro: it was"
                            + " not written by an Avro serde using the schema registry.");
        }
        int schemaId = WireFormat.readInt(bytes, offset + 1);
        Resolution<T> resolution = resolve(kafkaTopic, schemaId);
        if (resolution.reader() == null) {
            throw new IncompatibleWriterSchemaException(
                    kafkaTopic,
                    schemaId,
                    capitalized(where(kafkaTopic))
                            + " was written with schema id "
                            + schemaId
                            + " ("
                            + resolution.writerName()
                            + "), which cannot be read as "
                            + type.getName()
                            + ": "
                            + resolution.incompatibility()
                            + ". Is this the right serde for the Kafka topic?");
        }
        int bodyLength = length - WireFormat.HEADER_LENGTH;
        BinaryDecoder decoder =
                DecoderFactory.get()
                        .binaryDecoder(bytes, offset + WireFormat.HEADER_LENGTH, bodyLength, null);
        T record;
        int leftOver;
        try {
            record = resolution.reader().read(null, decoder);
            leftOver = decoder.inputStream().available();
        } catch (SecurityException e) {
            // Not the record's fault: this JVM's Avro refuses to instantiate a class.
            throw new SerializationException(
                    "Cannot deserialize "
                            + where(kafkaTopic)
                            + " as "
                            + type.getName()
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new MalformedAvroPayloadException(
                    kafkaTopic,
                    capitalized(where(kafkaTopic))
                            + " has a truncated or corrupt Avro body ("
                            + bodyLength
                            + " bytes after the header, schema id "
                            + schemaId
                            + "): "
                            + e,
                    e);
        }
        if (leftOver > 0) {
            throw new MalformedAvroPayloadException(
                    kafkaTopic,
                    capitalized(where(kafkaTopic))
                            + " has "
                            + leftOver
                            + " bytes left over after a complete "
                            + resolution.writerName()
                            + " (schema id "
                            + schemaId
                            + "): the bytes do not match the schema their header names.",
                    null);
        }
        return record;
    }

    private Resolution<T> resolve(String kafkaTopic, int schemaId) {
        Resolution<T> cached = resolutionsBySchemaId.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = client.getById(schemaId);
        } catch (SchemaRegistryException e) {
            throw e.withContext("Cannot deserialize " + where(kafkaTopic) + ": ");
        }
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        Resolution<T> resolution;
        if (compatibility.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            resolution =
                    new Resolution<>(
                            new SpecificDatumReader<>(writerSchema, readerSchema, model),
                            writerSchema.getFullName(),
                            null);
        } else {
            String reasons =
                    compatibility.getResult().getIncompatibilities().stream()
                            .map(i -> i.getMessage() + " at " + i.getLocation())
                            .collect(Collectors.joining("; "));
            resolution = new Resolution<>(null, writerSchema.getFullName(), reasons);
        }
        Resolution<T> previous = resolutionsBySchemaId.putIfAbsent(schemaId, resolution);
        return previous != null ? previous : resolution;
    }

    private String where(String kafkaTopic) {
        return "the "
                + (isKey ? "key" : "value")
                + " of a record on Kafka topic '"
                + kafkaTopic
                + "'";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String guess(byte magic) {
        return switch (magic) {
            case '{', '[' -> " ('" + (char) magic + "', looks like JSON)";
            case '<' -> " ('<', looks like XML or HTML)";
            case 'O' -> " ('O', looks like an Avro container file 'Obj')";
            default -> "";
        };
    }

    /** A reader for one writer schema, or why there can be none. */
    private record Resolution<T>(
            SpecificDatumReader<T> reader, String writerName, String incompatibility) {}
}
