package io.newsstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.processor.enrich.EntityExtractor;
import io.newsstream.processor.enrich.GazetteerEntityExtractor;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.RawArticles;
import io.newsstream.processor.enrich.RuleAttributionExtractor;
import io.newsstream.processor.enrich.SeedArticles;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.schemas.serde.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private static final EntityExtractor ENTITIES = GazetteerEntityExtractor.loadDefault();
    private static final String VOA = "voa-2021-10-pakistan-us-airspace-talks.txt";
    private static final String AFP = "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt";

    @TempDir Path stateDir;

    private ProcessorConfig config;
    private AvroSerdes serdes;
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> all;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private TestOutputTopic<String, DuplicateLink> duplicates;

    @BeforeEach
    void setUp() {
        start(StreamsConfig.EXACTLY_ONCE_V2, ENTITIES);
    }

    private void start(String processingGuarantee) {
        start(processingGuarantee, ENTITIES);
    }

    private void start(String processingGuarantee, EntityExtractor entities) {
        start(processingGuarantee, entities, NewsTopicCatalog.loadDefault());
    }

    private void start(
            String processingGuarantee, EntityExtractor entities, NewsTopicCatalog catalog) {
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
                        NewsTopicClassifier.fromCatalog(catalog),
                        entities,
                        RuleAttributionExtractor.loadDefault(),
                        Clock.fixed(NOW, ZoneOffset.UTC));
        topology =
                NewsTopology.build(
                        config,
                        enricher,
                        serdes.serde(RawArticle.class, false),
                        serdes.serde(EnrichedArticle.class, false),
                        serdes.serde(DuplicateLink.class, false));
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
        duplicates =
                driver.createOutputTopic(
                        KafkaTopics.DUPLICATES,
                        new StringDeserializer(),
                        serdes.serde(DuplicateLink.class, false).deserializer());
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
            // Multi-label: the seeds of this news topic, plus any other seed that also matches it.
            assertThat(routed)
                    .as(newsTopic)
                    .extracting(kv -> kv.key)
                    .doesNotHaveDuplicates()
                    .containsAll(
                            expectedNewsTopicById.entrySet().stream()
                                    .filter(e -> e.getValue().equals(newsTopic))
                                    .map(Map.Entry::getKey)
                                    .toList());
            assertThat(routed)
                    .as(newsTopic)
                    .allSatisfy(
                            kv -> assertThat(kv.value.getMatchedNewsTopics()).contains(newsTopic));
            assertThat(routed.get(0).value.getNewsTopics()).isNotEmpty();
            assertThat(routed.get(0).value.getEntities())
                    .extracting(e -> e.getName())
                    .contains("Islamabad");
            assertThat(routed.get(0).value.getAttributions()).isNotEmpty();
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
    void dropsANearDuplicateWithinItsNewsTopicAndLinksItToTheOriginal() {
        RawArticle original = RawArticles.fromSeed(VOA);
        RawArticle copy =
                RawArticle.newBuilder(original)
                        .setId("copy-of-voa")
                        .setOutlet("Other Outlet")
                        .setUrl("https://other.example/pakistan-airspace")
                        .setTitle(original.getTitle().replace("Pakistan", "Pakistn"))
                        .setBody(
                                original.getBody()
                                        .replace("Pakistan", "Pakistan's")
                                        .replace(" said ", " told reporters "))
                        .setPublishedAt(T0.plusSeconds(600))
                        .build();

        raw.pipeInput(original.getId(), original, T0);
        raw.pipeInput(copy.getId(), copy, T0.plusSeconds(900));

        assertThat(keys(all)).containsExactly(original.getId());
        assertThat(keys(enrichedOutput(KafkaTopics.enrichedFor("airspace-deal"))))
                .containsExactly(original.getId());
        List<KeyValue<String, DuplicateLink>> links = duplicates.readKeyValuesToList();
        assertThat(links).hasSize(1);
        assertThat(links.get(0).key).isEqualTo(original.getId());
        DuplicateLink link = links.get(0).value;
        assertThat(link.getNewsTopic()).isEqualTo("airspace-deal");
        assertThat(link.getOriginalId()).isEqualTo(original.getId());
        assertThat(link.getDuplicateId()).isEqualTo("copy-of-voa");
        assertThat(link.getKind()).isEqualTo(DuplicateKind.NEAR_DUPLICATE);
        assertThat(link.getSimilarity()).isBetween(0.5, 1.0);
        assertThat(link.getOutlet()).isEqualTo("Other Outlet");
        assertThat(link.getUrl()).isEqualTo("https://other.example/pakistan-airspace");
        assertThat(link.getTitle()).isEqualTo(copy.getTitle());
        assertThat(link.getPublishedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(link.getDetectedAt()).isEqualTo(NOW);
    }

    /** Two rules-only news topics that one article can match both of. */
    private static final String TWO_NEWS_TOPICS =
            """
            newsTopics:
              - id: airspace
                name: Airspace
                description: anything about airspace
                threshold: 1.0
                terms:
                  - {phrase: "airspace", weight: 2.0}
              - id: talks
                name: Talks
                description: anything about talks
                threshold: 1.0
                terms:
                  - {phrase: "talks", weight: 2.0}
            """;

    private static NewsTopicCatalog twoNewsTopics() {
        try {
            return NewsTopicCatalog.parse(
                    new java.io.ByteArrayInputStream(
                            TWO_NEWS_TOPICS.getBytes(StandardCharsets.UTF_8)),
                    "two-news-topics.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void publishesAnArticleOfTwoNewsTopicsToBothOnceAndLinksItsNearDuplicateInBoth() {
        driver.close();
        start(StreamsConfig.EXACTLY_ONCE_V2, ENTITIES, twoNewsTopics());
        String body =
                "Officials from Pakistan and the United States held talks in Islamabad on Tuesday"
                        + " about the use of Pakistani airspace for flights to Afghanistan, and"
                        + " said the talks would go on next week with a view to a written"
                        + " agreement on overflight rights, refuelling and the routes involved.";
        RawArticle article = RawArticles.of("both", "Pakistan and US hold airspace talks", body);
        RawArticle nearCopy =
                RawArticles.of(
                        "both-copy",
                        "Pakistan and US hold airspace talks again",
                        body.replace("Tuesday", "Wednesday") + " Reuters");
        RawArticle onlyTalks =
                RawArticles.of(
                        "talks-only",
                        "Trade talks resume",
                        "Trade negotiators met again for talks on tariffs and quotas.");

        raw.pipeInput(article.getId(), article, T0);
        raw.pipeInput(nearCopy.getId(), nearCopy, T0.plusSeconds(60));
        raw.pipeInput(onlyTalks.getId(), onlyTalks, T0.plusSeconds(120));

        List<KeyValue<String, EnrichedArticle>> everything = all.readKeyValuesToList();
        assertThat(everything).extracting(kv -> kv.key).containsExactly("both", "talks-only");
        assertThat(everything.get(0).value.getMatchedNewsTopics())
                .containsExactlyInAnyOrder("airspace", "talks")
                .startsWith(everything.get(0).value.getPrimaryNewsTopic());
        assertThat(keys(enrichedOutput(KafkaTopics.enrichedFor("airspace"))))
                .containsExactly("both");
        assertThat(keys(enrichedOutput(KafkaTopics.enrichedFor("talks"))))
                .containsExactly("both", "talks-only");
        assertThat(enrichedOutput(KafkaTopics.UNCLASSIFIED).isEmpty()).isTrue();
        assertThat(duplicates.readKeyValuesToList())
                .allSatisfy(
                        kv -> {
                            assertThat(kv.key).isEqualTo("both");
                            assertThat(kv.value.getDuplicateId()).isEqualTo("both-copy");
                            assertThat(kv.value.getKind()).isEqualTo(DuplicateKind.NEAR_DUPLICATE);
                        })
                .extracting(kv -> kv.value.getNewsTopic())
                .containsExactlyInAnyOrder("airspace", "talks");
    }

    @Test
    void linksTheSameContentUnderAnotherIdAsSameContent() {
        RawArticle original = RawArticles.fromSeed(AFP);
        RawArticle copy =
                RawArticle.newBuilder(original)
                        .setId("afp-again")
                        .setBody(original.getBody().replace(" ", "  "))
                        .build();

        raw.pipeInput(original.getId(), original, T0);
        raw.pipeInput(copy.getId(), copy, T0.plusSeconds(5));

        assertThat(keys(all)).containsExactly(original.getId());
        List<DuplicateLink> links = duplicates.readValuesToList();
        // one link in each news topic the original matched (de-duplicated in each separately)
        assertThat(links)
                .extracting(DuplicateLink::getNewsTopic)
                .doesNotHaveDuplicates()
                .contains("intel-chief-visit");
        assertThat(links)
                .filteredOn(link -> "intel-chief-visit".equals(link.getNewsTopic()))
                .singleElement()
                .satisfies(
                        link -> {
                            assertThat(link.getKind()).isEqualTo(DuplicateKind.SAME_CONTENT);
                            assertThat(link.getSimilarity()).isEqualTo(1.0);
                            assertThat(link.getNewsTopic()).isEqualTo("intel-chief-visit");
                            assertThat(link.getDuplicateId()).isEqualTo("afp-again");
                        });
    }

    @Test
    void deduplicatesUnclassifiedArticlesAsABucketOfTheirOwn() {
        String body =
                "The central bank kept its main interest rate unchanged on Thursday, citing"
                        + " easing inflation and a stable currency, and said it would review the"
                        + " stance at its next meeting in six weeks.";
        raw.pipeInput("rates", RawArticles.of("rates", "Central bank holds rates", body), T0);
        raw.pipeInput(
                "rates-2",
                RawArticles.of("rates-2", "Central bank holds rates steady", body + " Reuters"),
                T0.plusSeconds(60));

        assertThat(keys(enrichedOutput(KafkaTopics.UNCLASSIFIED))).containsExactly("rates");
        assertThat(duplicates.readKeyValuesToList())
                .singleElement()
                .satisfies(
                        kv -> {
                            assertThat(kv.key).isEqualTo("rates");
                            assertThat(kv.value.getNewsTopic()).isNull();
                            assertThat(kv.value.getKind()).isEqualTo(DuplicateKind.NEAR_DUPLICATE);
                        });
    }

    @Test
    void publishesAnArticleReCapturedWithEditedContentAsItsNewerVersionAndDropsPlainReSends() {
        RawArticle original = RawArticles.fromSeed(VOA);
        RawArticle reSent =
                RawArticle.newBuilder(original).setFetchedAt(T0.plusSeconds(600)).build();
        RawArticle edited =
                RawArticle.newBuilder(original)
                        .setTitle(original.getTitle() + " (updated)")
                        .setBody(original.getBody() + "\n\nThis story has been updated.")
                        .setFetchedAt(T0.plusSeconds(1200))
                        .build();

        raw.pipeInput(original.getId(), original, T0);
        raw.pipeInput(reSent.getId(), reSent, T0.plusSeconds(600));
        raw.pipeInput(edited.getId(), edited, T0.plusSeconds(1200));

        List<KeyValue<String, EnrichedArticle>> published = all.readKeyValuesToList();
        assertThat(published)
                .extracting(kv -> kv.key)
                .containsExactly(original.getId(), original.getId());
        assertThat(published.get(1).value.getArticle().getTitle()).endsWith("(updated)");
        assertThat(duplicates.readValuesToList()).isEmpty();
    }

    @Test
    void publishesTheSameStoryAgainOnceTheRetentionHasPassed() {
        RawArticle original = RawArticles.fromSeed(VOA);
        RawArticle later = RawArticle.newBuilder(original).setId("voa-next-month").build();
        Instant afterRetention = T0.plus(config.dedupRetention()).plus(Duration.ofDays(1));

        raw.pipeInput(original.getId(), original, T0);
        raw.pipeInput(later.getId(), later, afterRetention);
        raw.pipeInput(
                "voa-copy",
                RawArticle.newBuilder(original).setId("voa-copy").build(),
                afterRetention);

        assertThat(keys(all)).containsExactly(original.getId(), "voa-next-month");
        assertThat(duplicates.readValuesToList())
                .singleElement()
                .satisfies(link -> assertThat(link.getOriginalId()).isEqualTo("voa-next-month"));
    }

    @Test
    void sendsARecordTheEnricherFailsOnToDeadLettersAndKeepsProcessing() {
        driver.close();
        start(
                StreamsConfig.EXACTLY_ONCE_V2,
                article -> {
                    if (article.getTitle().contains("boom")) {
                        throw new IllegalStateException("entity extractor broke on this one");
                    }
                    return List.of();
                });

        raw.pipeInput("before", RawArticles.of("before", "First article", "Body one."), T0);
        raw.pipeInput(
                "bad", RawArticles.of("bad", "This goes boom", "Body two."), T0.plusSeconds(1));
        raw.pipeInput(
                "after",
                RawArticles.of("after", "Third article", "Body three."),
                T0.plusSeconds(2));

        assertThat(keys(all)).containsExactly("before", "after");
        List<KeyValue<String, DeadLetter>> letters = deadLetters.readKeyValuesToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0).value;
        assertThat(letters.get(0).key).isEqualTo(KafkaTopics.RAW_ARTICLES + "/0@1");
        assertThat(letter.getReason())
                .contains(NewsTopology.ENRICH)
                .contains("entity extractor broke on this one");
        assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(letter.getPayload()).isNotNull();
    }

    @Test
    void namesEveryNodeStoreAndInternalTopicExplicitly() {
        TopologyDescription description = topology.describe();
        assertThat(description.subtopologies()).hasSize(2);
        Map<String, TopologyDescription.Node> byName =
                description.subtopologies().stream()
                        .flatMap(s -> s.nodes().stream())
                        .collect(Collectors.toMap(TopologyDescription.Node::name, n -> n));
        String repartition = NewsTopology.REPARTITION_BY_NEWS_TOPIC + "-repartition";
        assertThat(byName.keySet())
                .containsExactlyInAnyOrder(
                        NewsTopology.SOURCE_RAW_ARTICLES,
                        NewsTopology.DEDUP_BY_ID,
                        NewsTopology.ENRICH,
                        NewsTopology.KEY_BY_NEWS_TOPIC,
                        repartition + "-filter",
                        repartition + "-sink",
                        repartition + "-source",
                        NewsTopology.DEDUP_NEAR,
                        NewsTopology.DEDUP_SPLIT,
                        NewsTopology.DEDUP_SPLIT + NewsTopology.BRANCH_DISTINCT,
                        NewsTopology.DEDUP_SPLIT + NewsTopology.BRANCH_DUPLICATES,
                        NewsTopology.PRIMARY_BUCKET_ONLY,
                        NewsTopology.DISTINCT_ARTICLES,
                        NewsTopology.DUPLICATE_LINKS,
                        NewsTopology.SINK_ENRICHED_ALL,
                        NewsTopology.SINK_BY_NEWS_TOPIC,
                        NewsTopology.SINK_DUPLICATES);
        assertThat(
                        ((TopologyDescription.Source) byName.get(NewsTopology.SOURCE_RAW_ARTICLES))
                                .topicSet())
                .containsExactly(KafkaTopics.RAW_ARTICLES);
        assertThat(((TopologyDescription.Processor) byName.get(NewsTopology.DEDUP_BY_ID)).stores())
                .containsExactly(NewsTopology.DEDUP_BY_ID_STORE);
        assertThat(((TopologyDescription.Processor) byName.get(NewsTopology.DEDUP_NEAR)).stores())
                .containsExactlyInAnyOrder(
                        NewsTopology.DEDUP_NEAR_INDEX_STORE, NewsTopology.DEDUP_NEAR_ARTICLE_STORE);
        assertThat(((TopologyDescription.Processor) byName.get(NewsTopology.ENRICH)).stores())
                .isEmpty();
        assertThat(((TopologyDescription.Sink) byName.get(repartition + "-sink")).topic())
                .isEqualTo(repartition);
        assertThat(((TopologyDescription.Sink) byName.get(NewsTopology.SINK_ENRICHED_ALL)).topic())
                .isEqualTo(KafkaTopics.ENRICHED_ALL);
        assertThat(((TopologyDescription.Sink) byName.get(NewsTopology.SINK_DUPLICATES)).topic())
                .isEqualTo(KafkaTopics.DUPLICATES);
        assertThat(
                        ((TopologyDescription.Sink) byName.get(NewsTopology.SINK_BY_NEWS_TOPIC))
                                .topicNameExtractor())
                .isNotNull();
        assertThat(description.globalStores()).isEmpty();
    }

    @Test
    void printsTheTopologyForTheReadme() {
        System.out.println(topology.describe());
        assertThat(topology.describe().toString()).contains(NewsTopology.DEDUP_NEAR_INDEX_STORE);
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
