package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private final InMemorySchemaRegistryClient client = new InMemorySchemaRegistryClient();

    @Test
    void givesOneIdPerDistinctSchemaStartingAtOne() {
        int raw = client.register("a-value", RawArticle.getClassSchema());
        int rawAgain = client.register("a-value", RawArticle.getClassSchema());
        int rawElsewhere = client.register("b-value", RawArticle.getClassSchema());
        int enriched = client.register("c-value", EnrichedArticle.getClassSchema());

        assertThat(raw).isEqualTo(1);
        assertThat(rawAgain).isEqualTo(1);
        assertThat(rawElsewhere).isEqualTo(1);
        assertThat(enriched).isEqualTo(2);
        assertThat(client.getById(2)).isEqualTo(EnrichedArticle.getClassSchema());
    }

    @Test
    void countsVersionsPerSubject() {
        client.register("a-value", RawArticle.getClassSchema());
        client.register("a-value", RawArticle.getClassSchema());
        client.register("a-value", EnrichedArticle.getClassSchema());

        assertThat(client.versions("a-value")).containsExactly(1, 2);
        assertThat(client.versions("unknown-value")).isEmpty();
    }

    @Test
    void unknownIdThrowsUnknownSchemaIdNamingTheId() {
        client.register("a-value", RawArticle.getClassSchema());

        assertThatThrownBy(() -> client.getById(7))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("Schema id 7")
                .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(7));
    }

    @Test
    void backsSerdesLikeTheRealRegistry() {
        AvroSerdes serdes = new AvroSerdes(client);
        Serde<DuplicateLink> serde = serdes.serde(DuplicateLink.class, false);
        DuplicateLink link =
                DuplicateLink.newBuilder()
                        .setNewsTopic("airspace-deal")
                        .setOriginalId("a1")
                        .setDuplicateId("b2")
                        .setKind(io.newsstream.schemas.event.DuplicateKind.NEAR_DUPLICATE)
                        .setSimilarity(0.93)
                        .setOutlet("AFP")
                        .setUrl("https://afp.example/b2")
                        .setTitle("Airspace deal")
                        .setPublishedAt(java.time.Instant.parse("2025-03-01T08:00:00Z"))
                        .setDetectedAt(java.time.Instant.parse("2025-03-01T09:00:00Z"))
                        .build();

        byte[] bytes = serde.serializer().serialize(KafkaTopics.DUPLICATES, link);

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(1);
        assertThat(serde.deserializer().deserialize(KafkaTopics.DUPLICATES, bytes)).isEqualTo(link);
        assertThat(client.versions(KafkaTopics.DUPLICATES + "-value")).containsExactly(1);
    }

    @Test
    void refusesCallsAfterClose() {
        client.close();

        assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                .isInstanceOf(IllegalStateException.class);
    }
}
