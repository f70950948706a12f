package io.newsstream.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.ContentHash;
import io.newsstream.processor.enrich.RawArticles;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.schemas.serde.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor alone, input keyed by bucket as the repartition topic delivers it. */
class NearDuplicateProcessorTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    private static final String BODY =
            "Pakistan and the United States are close to an agreement that would let the US"
                    + " military use Pakistani airspace for operations in Afghanistan, officials"
                    + " said on Friday, after talks in Islamabad this week.";

    @TempDir Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> in;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void setUp() {
        AvroSerdes serdes = new AvroSerdes(new InMemorySchemaRegistryClient());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        "in",
                        Consumed.with(Serdes.String(), serdes.serde(EnrichedArticle.class, false))
                                .withName("in"))
                .process(
                        NearDuplicateProcessor.supplier(
                                new NearDuplicateDetector(5, 0.5), "index", "articles", RETENTION),
                        Named.as("dedup"))
                .mapValues(
                        o ->
                                o.isDuplicate()
                                        ? o.duplicate().getKind()
                                                + " "
                                                + o.duplicate().getDuplicateId()
                                                + " "
                                                + o.duplicate().getNewsTopic()
                                        : "DISTINCT " + o.distinct().getId(),
                        Named.as("describe"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "near-dedup-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        in =
                driver.createInputTopic(
                        "in",
                        new StringSerializer(),
                        serdes.serde(EnrichedArticle.class, false).serializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void linksACopyWithinItsNewsTopicButNotAcrossNewsTopics() {
        in.pipeInput("airspace-deal", article("a", "airspace-deal", BODY), T0);
        in.pipeInput("airspace-deal", article("b", "airspace-deal", BODY + " Reuters"), T0);
        in.pipeInput("joint-strikes", article("c", "joint-strikes", BODY), T0);
        in.pipeInput(NearDuplicateProcessor.UNCLASSIFIED_BUCKET, article("d", null, BODY), T0);
        in.pipeInput(NearDuplicateProcessor.UNCLASSIFIED_BUCKET, article("e", null, BODY), T0);

        assertThat(out.readKeyValuesToList())
                .extracting(kv -> kv.key + ": " + kv.value)
                .containsExactly(
                        "a: DISTINCT a",
                        "a: NEAR_DUPLICATE b airspace-deal",
                        "c: DISTINCT c",
                        "d: DISTINCT d",
                        "d: SAME_CONTENT e null");
    }

    @Test
    void forgetsAnArticleOnceStreamTimeHasPassedItsRetention() {
        in.pipeInput("news", article("a", "news", BODY), T0);
        in.pipeInput(
                "news",
                article("other", "news", "Unrelated text about rates."),
                T0.plus(RETENTION).plusSeconds(1));
        in.pipeInput("news", article("b", "news", BODY), T0.plus(RETENTION).plusSeconds(2));

        assertThat(out.readValuesToList())
                .containsExactly("DISTINCT a", "DISTINCT other", "DISTINCT b");
    }

    @Test
    void keepsNineIndexEntriesAndOneArticleEntryPerDistinctArticle() {
        in.pipeInput("news", article("a", "news", BODY), T0);
        in.pipeInput("news", article("b", "news", BODY), T0.plusSeconds(1));

        KeyValueStore<Integer, byte[]> index = driver.getKeyValueStore("index");
        KeyValueStore<Integer, byte[]> articles = driver.getKeyValueStore("articles");
        List<KeyValue<Integer, byte[]>> indexEntries = new java.util.ArrayList<>();
        index.all().forEachRemaining(indexEntries::add);
        List<KeyValue<Integer, byte[]>> articleEntries = new java.util.ArrayList<>();
        articles.all().forEachRemaining(articleEntries::add);
        assertThat(indexEntries).hasSize(NearDuplicateDetector.BANDS + 1);
        assertThat(indexEntries)
                .allSatisfy(
                        kv -> assertThat(kv.value).hasSize(KeyValueDedupState.INDEX_ENTRY_BYTES));
        assertThat(articleEntries).hasSize(1);
        byte[] stored = articleEntries.get(0).value;
        assertThat(StoredArticle.fromBytes(stored, Long.BYTES).id()).isEqualTo("a");
        assertThat(stored).hasSize(8 + 40 + 1);
    }

    @Test
    void sweepsArticlesOutOfItsStoresOnceStreamTimeHasPassedTheirRetention() {
        in.pipeInput("news", article("a", "news", BODY), T0);
        in.pipeInput(
                "news",
                article("other", "news", "Unrelated text about rates."),
                T0.plus(RETENTION).plusSeconds(1));
        KeyValueStore<Integer, byte[]> index = driver.getKeyValueStore("index");
        KeyValueStore<Integer, byte[]> articles = driver.getKeyValueStore("articles");
        assertThat(articles.approximateNumEntries()).isEqualTo(2);

        sweepAllSlices();

        List<String> ids = new java.util.ArrayList<>();
        articles.all()
                .forEachRemaining(
                        kv -> ids.add(StoredArticle.fromBytes(kv.value, Long.BYTES).id()));
        assertThat(ids).containsExactly("other");
        List<KeyValue<Integer, byte[]>> indexEntries = new java.util.ArrayList<>();
        index.all().forEachRemaining(indexEntries::add);
        assertThat(indexEntries).hasSize(NearDuplicateDetector.BANDS + 1);
    }

    private static EnrichedArticle article(String id, String newsTopic, String body) {
        RawArticle raw = RawArticles.of(id, "Airspace talks", body);
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setArticle(raw)
                .setPrimaryNewsTopic(newsTopic)
                .setWordCount(10)
                .setContentHash(ContentHash.of(raw.getTitle(), raw.getBody()))
                .setProcessedAt(T0)
                .build();
    }

    /** One punctuation per slice: a full sweep of the stores. */
    private void sweepAllSlices() {
        for (int s = 0; s < ExpirySweeper.SLICES; s++) {
            driver.advanceWallClockTime(NearDuplicateProcessor.SWEEP_EVERY);
        }
    }
}
