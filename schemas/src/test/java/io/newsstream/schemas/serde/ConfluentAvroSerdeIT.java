package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serde and {@link HttpSchemaRegistryClient} against the real registry (the rebuilt Apicurio
 * Registry 2.4.2, Confluent-compatible API), started by the shared fixture.
 *
 * <p>Kafka topic names get a per-run suffix so the test also works against a long-lived registry.
 */
class ConfluentAvroSerdeIT {

    private static RegistryUnderTest registry;
    private static String url;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryUnderTest.start();
        url = registry.url();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static String kafkaTopic(String name) {
        return name + ".it-" + RUN;
    }

    @Test
    void roundTripsThroughTheRealRegistryBetweenIndependentClients() {
        String rawTopic = kafkaTopic(KafkaTopics.RAW_ARTICLES);
        String enrichedTopic = kafkaTopic(KafkaTopics.ENRICHED_ALL);
        byte[] raw;
        byte[] enriched;
        try (AvroSerdes producerSide = AvroSerdes.forUrl(url)) {
            raw =
                    producerSide
                            .serde(RawArticle.class, false)
                            .serializer()
                            .serialize(rawTopic, Events.rawArticle());
            enriched =
                    producerSide
                            .serde(EnrichedArticle.class, false)
                            .serializer()
                            .serialize(enrichedTopic, Events.enrichedArticle());
        }
        try (AvroSerdes consumerSide = AvroSerdes.forUrl(url)) {
            assertThat(
                            consumerSide
                                    .serde(RawArticle.class, false)
                                    .deserializer()
                                    .deserialize(rawTopic, raw))
                    .isEqualTo(Events.rawArticle());
            assertThat(
                            consumerSide
                                    .serde(EnrichedArticle.class, false)
                                    .deserializer()
                                    .deserialize(enrichedTopic, enriched))
                    .isEqualTo(Events.enrichedArticle());
            assertThat(consumerSide.client().getById(WireFormat.schemaId(raw)))
                    .isEqualTo(RawArticle.getClassSchema());
        }
    }

    @Test
    void framesWithTheIdTheRegistryAssignedUnderTheTopicNameStrategySubject() {
        String topic = kafkaTopic(KafkaTopics.RAW_ARTICLES);
        try (AvroSerdes serdes = AvroSerdes.forUrl(url)) {
            byte[] bytes =
                    serdes.serde(RawArticle.class, false)
                            .serializer()
                            .serialize(topic, Events.rawArticle());

            assertThat(bytes[0]).isZero();
            try (var fresh = new HttpSchemaRegistryClient(url)) {
                String subject = AvroSerdes.subjectName(topic, false);
                assertThat(fresh.versions(subject)).containsExactly(1);
                assertThat(fresh.register(subject, RawArticle.getClassSchema()))
                        .as("re-registering the same schema returns its id")
                        .isEqualTo(WireFormat.schemaId(bytes));
                assertThat(fresh.versions(subject)).containsExactly(1);
            }
        }
    }

    @Test
    void keySubjectIsSeparateFromValueSubject() {
        String topic = kafkaTopic(KafkaTopics.DEAD_LETTERS);
        try (AvroSerdes serdes = AvroSerdes.forUrl(url)) {
            serdes.serde(RawArticle.class, true).serializer().serialize(topic, Events.rawArticle());

            assertThat(serdes.client().versions(AvroSerdes.subjectName(topic, true)))
                    .containsExactly(1);
            assertThat(serdes.client().versions(AvroSerdes.subjectName(topic, false))).isEmpty();
        }
    }

    @Test
    void readsRecordsWrittenWithANewerVersionOfTheSchema() throws IOException {
        String topic = kafkaTopic(KafkaTopics.RAW_ARTICLES + ".evolution");
        String subject = AvroSerdes.subjectName(topic, false);
        try (AvroSerdes serdes = AvroSerdes.forUrl(url)) {
            Serde<RawArticle> serde = serdes.serde(RawArticle.class, false);
            serde.serializer().serialize(topic, Events.rawArticle()); // version 1: today's class

            Schema newer = withExtraField(RawArticle.getClassSchema());
            int newerId =
                    serdes.client().register(subject, newer); // version 2, by a newer producer
            GenericRecord written = new GenericData.Record(newer);
            RawArticle article = Events.rawArticle();
            for (Schema.Field f : RawArticle.getClassSchema().getFields()) {
                written.put(f.name(), article.get(f.pos()));
            }
            written.put("sentiment", "positive");

            try (AvroSerdes reader = AvroSerdes.forUrl(url)) {
                RawArticle read =
                        reader.serde(RawArticle.class, false)
                                .deserializer()
                                .deserialize(topic, framed(newerId, newer, written));
                assertThat(read).isEqualTo(article);
            }
            assertThat(serdes.client().versions(subject)).containsExactly(1, 2);
        }
    }

    /**
     * The registry's own BACKWARD check (the rule a production subject runs under) accepts the
     * current {@code EnrichedArticle} after the previous release's schema, and refuses a change
     * that breaks old records (a new field without a default), so the check is really applied.
     */
    @Test
    void registryAcceptsTheEnrichedArticleSchemaAsBackwardCompatibleWithThePreviousOne()
            throws Exception {
        String subject =
                AvroSerdes.subjectName(kafkaTopic(KafkaTopics.ENRICHED_ALL + ".compat"), false);
        Schema previous = EnrichedArticleCompatibilityTest.previous();
        try (var client = new HttpSchemaRegistryClient(url)) {
            assertThat(http("PUT", url + "/config/" + subject, "{\"compatibility\":\"BACKWARD\"}"))
                    .contains("BACKWARD");
            int previousId = client.register(subject, previous);

            Schema breaking = withRequiredField(EnrichedArticle.getClassSchema());
            assertThat(compatibleWithLatest(subject, breaking))
                    .as("a field without a default breaks old records")
                    .isFalse();
            assertThat(compatibleWithLatest(subject, EnrichedArticle.getClassSchema())).isTrue();
            assertThat(client.register(subject, EnrichedArticle.getClassSchema()))
                    .isNotEqualTo(previousId);
            assertThat(client.versions(subject)).containsExactly(1, 2);
        }
    }

    private static boolean compatibleWithLatest(String subject, Schema schema) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body =
                json.writeValueAsString(json.createObjectNode().put("schema", schema.toString()));
        String answer =
                http("POST", url + "/compatibility/subjects/" + subject + "/versions/latest", body);
        return json.readTree(answer).path("is_compatible").asBoolean(false);
    }

    private static String http(String method, String uri, String body) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + uri + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    @Test
    void unknownIdIsReportedAsSuch() {
        try (AvroSerdes serdes = AvroSerdes.forUrl(url)) {
            byte[] bytes = {0, 0x7f, 0, 0, 1, 2, 'x'};
            assertThatThrownBy(
                            () ->
                                    serdes.serde(RawArticle.class, false)
                                            .deserializer()
                                            .deserialize(
                                                    kafkaTopic(KafkaTopics.RAW_ARTICLES), bytes))
                    .isInstanceOf(UnknownSchemaIdException.class)
                    .hasMessageContaining("Schema id " + 0x7f000001)
                    .hasMessageNotContaining("If every id is unknown");
        }
    }

    @Test
    void unknownSubjectHasNoVersions() {
        try (var client = new HttpSchemaRegistryClient(url + "/")) {
            assertThat(client.versions(kafkaTopic("never-written") + "-value")).isEmpty();
        }
    }

    @Test
    void urlWithoutTheCompatibilityApiPathIsReportedAsTheWrongRoot() {
        String serverRoot = url.substring(0, url.indexOf("/apis/"));
        try (var client = new HttpSchemaRegistryClient(serverRoot)) {
            assertThatThrownBy(() -> client.register("x-value", RawArticle.getClassSchema()))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("/apis/ccompat/v7");
            assertThatThrownBy(() -> client.versions("x-value"))
                    .isInstanceOf(SchemaRegistryResponseException.class);
        }
    }

    /** The schema plus a string field without a default: old records cannot be read with it. */
    private static Schema withRequiredField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("mandatory", Schema.create(Schema.Type.STRING), "no default"));
        Schema copy =
                Schema.createRecord(
                        schema.getName(), schema.getDoc(), schema.getNamespace(), false);
        copy.setFields(fields);
        return copy;
    }

    private static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(
                new Schema.Field(
                        "sentiment", Schema.create(Schema.Type.STRING), "added later", ""));
        Schema copy =
                Schema.createRecord(
                        schema.getName(), schema.getDoc(), schema.getNamespace(), false);
        copy.setFields(fields);
        return copy;
    }

    private static byte[] framed(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[WireFormat.HEADER_LENGTH];
        WireFormat.writeHeader(header, id);
        out.write(header);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
