package io.newsstream.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * A {@link Serde} pairing {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer} for
 * one generated Avro class, sharing one {@link SchemaRegistryClient}. Build it with {@link
 * AvroSerdes#serde}. Closing it does not close the client (other serdes share it).
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    ConfluentAvroSerde(SchemaRegistryClient client, Class<T> type, boolean isKey) {
        this.type = type;
        this.serializer = new ConfluentAvroSerializer<>(client, type, isKey);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type, isKey);
    }

    /** The generated class this serde handles. */
    public Class<T> type() {
        return type;
    }

    /** Sets whether keys or values are handled; other settings are ignored. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public ConfluentAvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public ConfluentAvroDeserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public String toString() {
        return "ConfluentAvroSerde[" + type.getSimpleName() + (serializer.isKey() ? ", key]" : "]");
    }
}
