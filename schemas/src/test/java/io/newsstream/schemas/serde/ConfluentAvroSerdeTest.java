package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    /** 0x01020304: every byte of the id differs, so the byte order shows. */
    private static final int FIRST_ID = 0x01020304;

    private static final HttpSchemaRegistryClient.Options FAST_RETRIES =
            new HttpSchemaRegistryClient.Options(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    2,
                    Duration.ofMillis(5),
                    Duration.ofMillis(5));

    private FakeSchemaRegistry registry;
    private AvroSerdes serdes;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeSchemaRegistry(FIRST_ID);
        serdes = new AvroSerdes(new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES));
    }

    @AfterEach
    void stop() {
        serdes.close();
        registry.close();
    }

    @Test
    void roundTripsRawArticleWithEveryFieldSet() {
        RawArticle article = Events.rawArticle();
        assertThat(Events.nullFields(article)).isEmpty();
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);

        byte[] bytes = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, article);
        RawArticle back = serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, bytes);

        assertThat(back).isEqualTo(article);
        assertThat(back.getPublishedAt()).isEqualTo(article.getPublishedAt());
        assertThat(back.getComments().get(0).getAuthor()).isEqualTo("reader1");
    }

    @Test
    void roundTripsEnrichedArticleWithEveryFieldSet() {
        EnrichedArticle article = Events.enrichedArticle();
        assertThat(Events.nullFields(article)).isEmpty();
        Serde<EnrichedArticle> serde = serdes.serde(EnrichedArticle.class, false);

        byte[] bytes = serde.serializer().serialize(KafkaTopics.ENRICHED_ALL, article);
        EnrichedArticle back = serde.deserializer().deserialize(KafkaTopics.ENRICHED_ALL, bytes);

        assertThat(back).isEqualTo(article);
        assertThat(back.getNewsTopics().get(0).getEvidence().get(0).getWeight()).isEqualTo(-0.5);
    }

    @Test
    void framesWithMagicByteZeroThenBigEndianSchemaIdThenPlainAvroBinary() throws IOException {
        RawArticle article = Events.rawArticle();

        byte[] bytes =
                serdes.serde(RawArticle.class, false)
                        .serializer()
                        .serialize(KafkaTopics.RAW_ARTICLES, article);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(FIRST_ID);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(article));
    }

    @Test
    void registersValueAndKeySubjectsByTopicNameStrategy() {
        serdes.serde(RawArticle.class, false)
                .serializer()
                .serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        serdes.serde(RawArticle.class, true)
                .serializer()
                .serialize(KafkaTopics.DEAD_LETTERS, Events.rawArticle());

        assertThat(registry.requests())
                .containsExactly(
                        "POST /subjects/" + KafkaTopics.RAW_ARTICLES + "-value/versions",
                        "POST /subjects/" + KafkaTopics.DEAD_LETTERS + "-key/versions");
        assertThat(serdes.client().versions(KafkaTopics.RAW_ARTICLES + "-value"))
                .containsExactly(1);
    }

    @Test
    void configureSwitchesBetweenKeyAndValueSubjects() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        serde.configure(Map.of("schema.registry.url", "ignored"), true);

        serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());

        assertThat(registry.requests())
                .containsExactly("POST /subjects/" + KafkaTopics.RAW_ARTICLES + "-key/versions");
    }

    @Test
    void warmSerdeMakesNoRegistryCallsEvenWhenTheRegistryIsGone() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        byte[] first = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, first);
        assertThat(registry.requestCount()).isEqualTo(1);

        byte[] second = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        assertThat(registry.requestCount()).as("second serialize").isEqualTo(1);

        registry.close();
        assertThat(serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle()))
                .isEqualTo(second);
        assertThat(serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, second))
                .isEqualTo(Events.rawArticle());
    }

    @Test
    void deserializerInAnotherProcessFetchesTheWriterSchemaOnce() throws IOException {
        byte[] bytes =
                serdes.serde(RawArticle.class, false)
                        .serializer()
                        .serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        try (AvroSerdes elsewhere =
                new AvroSerdes(new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES))) {
            var deserializer = elsewhere.serde(RawArticle.class, false).deserializer();

            deserializer.deserialize(KafkaTopics.RAW_ARTICLES, bytes);
            deserializer.deserialize(KafkaTopics.RAW_ARTICLES, bytes);

            assertThat(registry.requests())
                    .containsExactly(
                            "POST /subjects/" + KafkaTopics.RAW_ARTICLES + "-value/versions",
                            "GET /schemas/ids/" + FIRST_ID);
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);

        assertThat(serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, null)).isNull();
        assertThat(serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, null)).isNull();
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void unknownMagicByteNamesTheByteAndTheTopic() {
        byte[] json = "{\"id\":\"x\"}".getBytes();

        assertThatThrownBy(
                        () ->
                                serdes.serde(RawArticle.class, false)
                                        .deserializer()
                                        .deserialize(KafkaTopics.RAW_ARTICLES, json))
                .isInstanceOf(UnknownMagicByteException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("looks like JSON")
                .hasMessageContaining("'" + KafkaTopics.RAW_ARTICLES + "'")
                .satisfies(
                        e ->
                                assertThat(((UnknownMagicByteException) e).magicByte())
                                        .isEqualTo((byte) '{'));

        byte[] magicOne = {1, 0, 0, 0, 1, 2};
        assertThatThrownBy(
                        () ->
                                serdes.serde(RawArticle.class, false)
                                        .deserializer()
                                        .deserialize(KafkaTopics.RAW_ARTICLES, magicOne))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("0x01");
    }

    @Test
    void payloadShorterThanTheHeaderIsRejected() {
        var deserializer = serdes.serde(RawArticle.class, false).deserializer();

        assertThatThrownBy(
                        () ->
                                deserializer.deserialize(
                                        KafkaTopics.RAW_ARTICLES, new byte[] {0, 0, 1}))
                .isInstanceOf(PayloadTooShortException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining(KafkaTopics.RAW_ARTICLES);
        assertThatThrownBy(() -> deserializer.deserialize(KafkaTopics.RAW_ARTICLES, new byte[0]))
                .isInstanceOf(PayloadTooShortException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void truncatedAvroBodyIsRejected() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        byte[] bytes = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());

        for (int cut : new int[] {1, 10, bytes.length - 6}) {
            byte[] truncated = Arrays.copyOf(bytes, bytes.length - cut);
            assertThatThrownBy(
                            () ->
                                    serde.deserializer()
                                            .deserialize(KafkaTopics.RAW_ARTICLES, truncated))
                    .as("cut %d bytes", cut)
                    .isInstanceOf(MalformedAvroPayloadException.class)
                    .hasMessageContaining("truncated or corrupt")
                    .hasMessageContaining(KafkaTopics.RAW_ARTICLES);
        }
    }

    @Test
    void bytesLeftOverAfterTheRecordAreRejected() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        byte[] bytes = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, padded))
                .isInstanceOf(MalformedAvroPayloadException.class)
                .hasMessageContaining("3 bytes left over");
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTheTopic() {
        byte[] bytes = {0, 0, 0, 3, (byte) 0xe7, 2, 'x'}; // id 999

        assertThatThrownBy(
                        () ->
                                serdes.serde(RawArticle.class, false)
                                        .deserializer()
                                        .deserialize(KafkaTopics.RAW_ARTICLES, bytes))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("Schema id 999")
                .hasMessageContaining("'" + KafkaTopics.RAW_ARTICLES + "'")
                .satisfies(
                        e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(999));
    }

    @Test
    void unreachableRegistryFailsSerializeAndDeserializeLoudly() throws IOException {
        String url =
                "http://127.0.0.1:"
                        + HttpSchemaRegistryClientTest.closedPort()
                        + "/apis/ccompat/v7";
        try (AvroSerdes down = new AvroSerdes(new HttpSchemaRegistryClient(url, FAST_RETRIES))) {
            Serde<RawArticle> serde = down.serde(RawArticle.class, false);

            assertThatThrownBy(
                            () ->
                                    serde.serializer()
                                            .serialize(
                                                    KafkaTopics.RAW_ARTICLES, Events.rawArticle()))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("Kafka topic '" + KafkaTopics.RAW_ARTICLES + "'")
                    .hasMessageContaining(url)
                    .hasMessageContaining("NEWSSTREAM_REGISTRY_URL");
            assertThatThrownBy(
                            () ->
                                    serde.deserializer()
                                            .deserialize(
                                                    KafkaTopics.RAW_ARTICLES,
                                                    new byte[] {0, 0, 0, 0, 1, 2}))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining(KafkaTopics.RAW_ARTICLES)
                    .hasMessageContaining(url);
        }
    }

    @Test
    void readsRecordsWrittenWithANewerSchemaThatHasAnExtraField() throws IOException {
        Schema newer = withExtraField(RawArticle.getClassSchema());
        registry.put(500, newer);
        GenericRecord written = copyInto(newer, Events.rawArticle());
        written.put("sentiment", "positive");

        RawArticle read =
                serdes.serde(RawArticle.class, false)
                        .deserializer()
                        .deserialize(KafkaTopics.RAW_ARTICLES, framed(500, newer, written));

        assertThat(read).isEqualTo(Events.rawArticle());
    }

    @Test
    void readsRecordsWrittenWithAnOlderSchemaThatLacksAFieldWithDefault() throws IOException {
        Schema older = withoutField(RawArticle.getClassSchema(), "language");
        registry.put(501, older);
        GenericRecord written = copyInto(older, Events.rawArticle());

        RawArticle read =
                serdes.serde(RawArticle.class, false)
                        .deserializer()
                        .deserialize(KafkaTopics.RAW_ARTICLES, framed(501, older, written));

        RawArticle expected = RawArticle.newBuilder(Events.rawArticle()).setLanguage(null).build();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void recordOfAnotherTypeIsRejectedAsIncompatibleWriterSchema() {
        byte[] enriched =
                serdes.serde(EnrichedArticle.class, false)
                        .serializer()
                        .serialize(KafkaTopics.ENRICHED_ALL, Events.enrichedArticle());

        assertThatThrownBy(
                        () ->
                                serdes.serde(RawArticle.class, false)
                                        .deserializer()
                                        .deserialize(KafkaTopics.ENRICHED_ALL, enriched))
                .isInstanceOf(IncompatibleWriterSchemaException.class)
                .hasMessageContaining("EnrichedArticle")
                .hasMessageContaining("cannot be read as io.newsstream.schemas.event.RawArticle")
                .hasMessageContaining(KafkaTopics.ENRICHED_ALL);
    }

    @Test
    void invalidRecordFailsSerializationNamingTheTopic() {
        RawArticle broken = Events.rawArticle();
        broken.setTitle(null); // required field

        assertThatThrownBy(
                        () ->
                                serdes.serde(RawArticle.class, false)
                                        .serializer()
                                        .serialize(KafkaTopics.RAW_ARTICLES, broken))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("RawArticle")
                .hasMessageContaining(KafkaTopics.RAW_ARTICLES);
    }

    @Test
    void deserializesFromAByteBufferSliceWithoutCopyingOutsideIt() {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        byte[] bytes = serde.serializer().serialize(KafkaTopics.RAW_ARTICLES, Events.rawArticle());
        byte[] surrounded = new byte[bytes.length + 20];
        Arrays.fill(surrounded, (byte) 0x55);
        System.arraycopy(bytes, 0, surrounded, 7, bytes.length);
        ByteBuffer slice = ByteBuffer.wrap(surrounded, 7, bytes.length).slice();

        assertThat(serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, null, slice))
                .isEqualTo(Events.rawArticle());
        assertThat(
                        serde.deserializer()
                                .deserialize(KafkaTopics.RAW_ARTICLES, null, (ByteBuffer) null))
                .isNull();
    }

    @Test
    void concurrentColdStartRegistersConsistently() throws Exception {
        Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RawArticle>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tasks.add(
                        () -> {
                            byte[] b =
                                    serde.serializer()
                                            .serialize(
                                                    KafkaTopics.RAW_ARTICLES, Events.rawArticle());
                            return serde.deserializer().deserialize(KafkaTopics.RAW_ARTICLES, b);
                        });
            }
            for (Future<RawArticle> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(Events.rawArticle());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(serdes.client().versions(KafkaTopics.RAW_ARTICLES + "-value"))
                .containsExactly(1);
    }

    @Test
    void worksWithoutTrustingTheEventPackageJvmWide() {
        // As in a JVM started without -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsstream.
        ClassSecurityPredicate configured = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT_TRUSTED_CLASSES);
        try {
            Serde<EnrichedArticle> serde = serdes.serde(EnrichedArticle.class, false);
            byte[] bytes =
                    serde.serializer()
                            .serialize(KafkaTopics.ENRICHED_ALL, Events.enrichedArticle());

            assertThat(serde.deserializer().deserialize(KafkaTopics.ENRICHED_ALL, bytes))
                    .isEqualTo(Events.enrichedArticle());
        } finally {
            ClassSecurityValidator.setGlobal(configured);
        }
    }

    @Test
    void rejectsClassesThatAreNotAvroRecords() {
        assertThatThrownBy(() -> serdes.serde(org.apache.avro.specific.SpecificRecord.class, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    private static byte[] avroBinary(RawArticle article) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(RawArticle.class).write(article, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(
                new byte[] {
                    0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id
                });
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(
                new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(
                new Schema.Field(
                        "sentiment", Schema.create(Schema.Type.STRING), "added later", ""));
        return record(schema, fields);
    }

    private static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            if (!f.name().equals(name)) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return record(schema, fields);
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        Schema copy =
                Schema.createRecord(like.getName(), like.getDoc(), like.getNamespace(), false);
        copy.setFields(fields);
        return copy;
    }

    /**
     * The same data in a generic record of another schema. Nested records keep their specific
     * classes, which GenericDatumWriter writes by field position.
     */
    private static GenericRecord copyInto(Schema schema, RawArticle article) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Schema.Field original = article.getSchema().getField(f.name());
            if (original != null) {
                record.put(f.name(), article.get(original.pos()));
            }
        }
        return record;
    }
}
