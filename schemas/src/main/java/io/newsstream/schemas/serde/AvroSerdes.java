package io.newsstream.schemas.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one factory for every Avro serde of the pipeline: Confluent wire format, schemas in a
 * registry speaking the Confluent Schema Registry API, subjects by the TopicNameStrategy ({@code
 * <kafkaTopic>-value} / {@code <kafkaTopic>-key}). Keys of the pipeline are plain strings ({@code
 * Serdes.String()}).
 *
 * <p>All serdes made by one factory share its {@link SchemaRegistryClient} and so its caches. The
 * factory holds no other state; {@link #close()} closes the client and should only be called once
 * the applications using its serdes have stopped.
 *
 * <pre>{@code
 * AvroSerdes serdes = AvroSerdes.forUrl(config.schemaRegistryUrl());
 * Serde<RawArticle> raw = serdes.serde(RawArticle.class, false);
 * builder.stream(KafkaTopics.RAW_ARTICLES, Consumed.with(Serdes.String(), raw));
 * }</pre>
 */
public final class AvroSerdes implements AutoCloseable {

    private final SchemaRegistryClient client;

    public AvroSerdes(SchemaRegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * A factory using an {@link HttpSchemaRegistryClient} with default timeouts and retries.
     *
     * @param registryUrl the Confluent-compatible API root, e.g. {@code
     *     http://127.0.0.1:8081/apis/ccompat/v7}
     */
    public static AvroSerdes forUrl(String registryUrl) {
        return new AvroSerdes(new HttpSchemaRegistryClient(registryUrl));
    }

    /**
     * A factory whose registry client takes the {@code registry.*} pass-through settings (prefix
     * removed; see {@link HttpSchemaRegistryClient#configure}).
     */
    public static AvroSerdes forRegistry(String registryUrl, java.util.Map<String, String> client) {
        return new AvroSerdes(HttpSchemaRegistryClient.configure(registryUrl, client));
    }

    /**
     * A serde for a generated Avro class ({@code io.newsstream.schemas.event.*}).
     *
     * @param isKey whether it serializes record keys (subject {@code <kafkaTopic>-key}) or values
     *     ({@code <kafkaTopic>-value})
     * @throws IllegalArgumentException if {@code type} is not a generated Avro record class
     */
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        return new ConfluentAvroSerde<>(client, type, isKey);
    }

    /**
     * Registers the value schema of {@code type} for {@code kafkaTopic} now, as the first record's
     * serialization would, so that later serializations find the id in the shared cache and keep
     * working while the registry is briefly unavailable.
     *
     * @return the schema id
     * @throws SchemaRegistryException when the registry is unavailable or refuses the schema
     */
    public int registerValueSchema(String kafkaTopic, Class<? extends SpecificRecord> type) {
        return client.register(subjectName(kafkaTopic, false), schemaOf(type));
    }

    /** The registry client shared by the serdes of this factory. */
    public SchemaRegistryClient client() {
        return client;
    }

    /** The TopicNameStrategy subject: {@code <kafkaTopic>-key} or {@code <kafkaTopic>-value}. */
    public static String subjectName(String kafkaTopic, boolean isKey) {
        return Objects.requireNonNull(kafkaTopic, "kafkaTopic") + (isKey ? "-key" : "-value");
    }

    /** Closes the shared client. */
    @Override
    public void close() {
        client.close();
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        Objects.requireNonNull(type, "type");
        Schema schema;
        try {
            schema = SpecificData.getForClass(type).getSchema(type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    type.getName() + " is not a generated Avro class (no schema found)", e);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(
                    type.getName() + " is not an Avro record class: its schema is " + schema);
        }
        return schema;
    }
}
