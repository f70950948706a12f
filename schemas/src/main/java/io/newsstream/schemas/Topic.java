package io.newsstream.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka topic bound to the serdes of its keys and values, as Confluent's kafka-streams-examples
 * bind theirs: whoever reads or writes the topic takes both from here, so a name can never meet the
 * wrong serde. Made by {@link PipelineTopics}.
 *
 * @param name the Kafka topic's name
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    public Serializer<K> keySerializer() {
        return keySerde.serializer();
    }

    public Serializer<V> valueSerializer() {
        return valueSerde.serializer();
    }

    public Deserializer<K> keyDeserializer() {
        return keySerde.deserializer();
    }

    public Deserializer<V> valueDeserializer() {
        return valueSerde.deserializer();
    }

    @Override
    public String toString() {
        return name;
    }
}
