package io.newsstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.RawArticles;
import io.newsstream.processor.enrich.SeedArticles;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.schemas.serde.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology on {@link TopologyTestDriver} with the real Avro serdes (Confluent wire
 * format) backed by an in-memory registry, and the bundled news topic definitions.
 */
class NewsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-10T08:00:05Z");

    @TempDir Path stateDir;

    private ProcessorConfig config;
    private AvroSerdes serdes;
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> all;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void start(String processingGuarantee) {
        config =
                ProcessorConfig.load(
                        null,
                        Map.of(
                                "processor.state.dir",
                                stateDir.toString(),
                                "processor.processing.guarantee",
                                processingGuarantee),
                        Map.of());
        serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
        ArticleEnricher enricher =
                new ArticleEnricher(
                        NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault()),
                        Clock.fixed(NOW, ZoneOffset.UTC));
        topology =
                NewsTopology.build(
                        config,
                        enricher,
                        serdes.serde(RawArticle.class, false),
                        serdes.serde(EnrichedArticle.class, false));
        Properties props = config.streamsProperties();
        DeadLetterDeserializationHandler.configure(
                props,
                config.deadLettersKafkaTopic(),
                serdes.serde(DeadLetter.class, false).serializer());
        driver = new TopologyTestDriver(topology, props);
        raw =
                driver.createInputTopic(
                        KafkaTopics.RAW_ARTICLES,
                        new StringSerializer(),
                        serdes.serde(RawArticle.class, false).serializer());
        all = enrichedOutput(KafkaTopics.ENRICHED_ALL);
        deadLetters =
                driver.createOutputTopic(
                        KafkaTopics.DEAD_LETTERS,
                        new StringDeserializer(),
                        serdes.serde(DeadLetter.class, false).deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void routesEachSeedToItsNewsTopicsEnrichedTopicAndToTheAllTopic() {
        Map<String, String> expectedNewsTopicById = new HashMap<>();
        for (Map.Entry<String, String> seed : SeedArticles.EXPECTED.entrySet()) {
            RawArticle article = RawArticles.fromSeed(seed.getKey());
            expectedNewsTopicById.put(article.getId(), seed.getValue());
            raw.pipeInput(article.getId(), article, T0);
        }

        List<KeyValue<String, EnrichedArticle>> everything = all.readKeyValuesToList();
        assertThat(everything)
                .extracting(kv -> kv.key)
                .containsExactlyInAnyOrderElementsOf(expectedNewsTopicById.keySet());
        for (KeyValue<String, EnrichedArticle> kv : everything) {
            assertThat(kv.value.getPrimaryNewsTopic()).isEqualTo(expectedNewsTopicById.get(kv.key));
            assertThat(kv.value.getProcessedAt()).isEqualTo(NOW);
        }
        for (String newsTopic : Set.copyOf(expectedNewsTopicById.values())) {
            List<KeyValue<String, EnrichedArticle>> routed =
                    enrichedOutput(KafkaTopics.enrichedFor(newsTopic)).readKeyValuesToList();
            assertThat(routed)
                    .as(newsTopic)
                    .extracting(kv -> expectedNewsTopicById.get(kv.key))
                    .containsExactly(newsTopic);
            assertThat(routed.get(0).value.getNewsTopics()).isNotEmpty();
        }
        assertThat(enrichedOutput(KafkaTopics.UNCLASSIFIED).isEmpty()).isTrue();
    }

    @Test
    void routesAnUnrelatedArticleToUnclassified() {
        raw.pipeInput(
                "rates",
                RawArticles.of(
                        "rates",
                        "Central bank holds rates steady",
                        "The central bank kept its main interest rate unchanged on Thursday."),
                T0);

        assertThat(enrichedOutput(KafkaTopics.UNCLASSIFIED).readKeyValuesToList())
                .singleElement()
                .satisfies(
                        kv -> {
                            assertThat(kv.key).isEqualTo("rates");
                            assertThat(kv.value.getPrimaryNewsTopic()).isNull();
                            assertThat(kv.value.getArticle().getTitle())
                                    .isEqualTo("Central bank holds rates steady");
                        });
        assertThat(keys(all)).containsExactly("rates");
        for (String id : List.of("airspace-deal", "intel-chief-visit", "joint-strikes")) {
            assertThat(enrichedOutput(KafkaTopics.enrichedFor(id)).isEmpty()).isTrue();
        }
    }

    @Test
    void publishesAReSentArticleOnlyOnce() {
        RawArticle article = RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt");
        raw.pipeInput(article.getId(), article, T0);
        raw.pipeInput(article.getId(), article, T0.plusSeconds(30));
        raw.pipeInput(article.getId(), article, T0.plusSeconds(3600));

        assertThat(keys(all)).containsExactly(article.getId());
        assertThat(keys(enrichedOutput(KafkaTopics.enrichedFor("airspace-deal"))))
                .containsExactly(article.getId());
    }

    @Test
    void sendsAPoisonRecordToDeadLettersAndKeepsProcessing() {
        // TopologyTestDriver under exactly-once loses records sent while a record is enqueued
        // (where deserialization happens): it clears its MockProducer, uncommitted sends
        // included, before processing. A real broker commits them with the transaction.
        driver.close();
        start(StreamsConfig.AT_LEAST_ONCE);
        TestInputTopic<String, byte[]> rawBytes =
                driver.createInputTopic(
                        KafkaTopics.RAW_ARTICLES,
                        new StringSerializer(),
                        new ByteArraySerializer());
        byte[] poison = "{\"id\":\"not-avro\"}".getBytes(StandardCharsets.UTF_8);

        raw.pipeInput("before", RawArticles.of("before", "First article", "Body one."), T0);
        rawBytes.pipeInput("not-avro", poison, T0.plusSeconds(1));
        raw.pipeInput(
                "after",
                RawArticles.of("after", "Third article", "Body three."),
                T0.plusSeconds(2));

        assertThat(keys(all)).containsExactly("before", "after");
        List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0).value;
        String source = KafkaTopics.RAW_ARTICLES + "/0@1";
        assertThat(letters.get(0).key).isEqualTo(source);
        assertThat(letter.getComponent()).isEqualTo("streams-processor");
        assertThat(letter.getSource()).isEqualTo(source);
        assertThat(letter.getKafkaTopic()).isEqualTo(KafkaTopics.RAW_ARTICLES);
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(letter.getReason()).contains(source);
        assertThat(letter.getErrorClass()).isNotBlank();
        assertThat(letter.getPayloadExcerpt()).isEqualTo("{\"id\":\"not-avro\"}");
        byte[] kept = new byte[letter.getPayload().remaining()];
        letter.getPayload().duplicate().get(kept);
        assertThat(kept).isEqualTo(poison);
    }

    @Test
    void namesEveryNodeAndStoreExplicitly() {
        TopologyDescription description = topology.describe();
        assertThat(description.subtopologies()).hasSize(1);
        Set<TopologyDescription.Node> nodes = description.subtopologies().iterator().next().nodes();

        Map<String, TopologyDescription.Node> byName =
                nodes.stream().collect(Collectors.toMap(TopologyDescription.Node::name, n -> n));
        assertThat(byName.keySet())
                .containsExactlyInAnyOrder(
                        NewsTopology.SOURCE_RAW_ARTICLES,
                        NewsTopology.DEDUP_BY_ID,
                        NewsTopology.ENRICH,
                        NewsTopology.SINK_ENRICHED_ALL,
                        NewsTopology.SINK_BY_NEWS_TOPIC);
        assertThat(
                        ((TopologyDescription.Source) byName.get(NewsTopology.SOURCE_RAW_ARTICLES))
                                .topicSet())
                .containsExactly(KafkaTopics.RAW_ARTICLES);
        assertThat(((TopologyDescription.Processor) byName.get(NewsTopology.DEDUP_BY_ID)).stores())
                .containsExactly(NewsTopology.DEDUP_BY_ID_STORE);
        assertThat(((TopologyDescription.Processor) byName.get(NewsTopology.ENRICH)).stores())
                .isEmpty();
        assertThat(((TopologyDescription.Sink) byName.get(NewsTopology.SINK_ENRICHED_ALL)).topic())
                .isEqualTo(KafkaTopics.ENRICHED_ALL);
        assertThat(
                        ((TopologyDescription.Sink) byName.get(NewsTopology.SINK_BY_NEWS_TOPIC))
                                .topicNameExtractor())
                .isNotNull();
        assertThat(description.globalStores()).isEmpty();
    }

    private static List<String> keys(TestOutputTopic<String, ?> topic) {
        return topic.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    private TestOutputTopic<String, EnrichedArticle> enrichedOutput(String kafkaTopic) {
        return driver.createOutputTopic(
                kafkaTopic,
                new StringDeserializer(),
                serdes.serde(EnrichedArticle.class, false).deserializer());
    }
}
