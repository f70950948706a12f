package io.newsstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How many rows per second the consumer sustains into its view store: produces {@code
 * -Dnewsstream.bench.records} (default 20,000) enriched articles of about 600 words (~4 KB) to one
 * enriched topic with 3 partitions, then starts the consumer application with the store under test
 * ({@code -Dnewsstream.bench.instances} instances of one group for PostgreSQL, default 1) and
 * counts the rows stored from the moment every instance has its partitions until the last one
 * (Kafka, Avro, JSON, upserts and the search index included). Prints the figure and appends it to
 * {@code target/view-throughput.txt}. Run alone with:
 *
 * <pre>
 * ./mvnw -B -q -pl consumer -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ViewThroughputIT -Dnewsstream.bench.records=50000
 * </pre>
 */
class ViewThroughputIT {

    private static final int RECORDS = Integer.getInteger("newsstream.bench.records", 20_000);

    /** Consumer instances of one group sharing the PostgreSQL view (SQLite always runs one). */
    private static final int INSTANCES = Integer.getInteger("newsstream.bench.instances", 1);

    private static final String AIRSPACE = "airspace-deal";
    private static final int PARTITIONS = 3;

    private static RealInfrastructure infra;
    private static AvroSerdes serdes;

    @TempDir Path dir;

    @BeforeAll
    static void infrastructure() {
        infra = RealInfrastructure.get();
        serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
    }

    @ParameterizedTest
    @EnumSource(ViewAppConfig.ViewStoreKind.class)
    void measuresTheRowsPerSecondTheConsumerSustainsIntoTheStore(ViewAppConfig.ViewStoreKind kind)
            throws Exception {
        String run = RealInfrastructure.uniqueName("view-bench") + ".";
        String prefix = run + KafkaTopics.ENRICHED_PREFIX;
        List<String> topics = new ArrayList<>();
        for (String id : NewsTopicCatalog.loadDefault().ids()) {
            topics.add(prefix + id);
        }
        topics.add(prefix + NewsTopicCatalog.UNCLASSIFIED);
        topics.add(run + KafkaTopics.DEAD_LETTERS);
        infra.createTopics(topics, PARTITIONS);
        produce(prefix + AIRSPACE);

        Map<String, String> settings = new HashMap<>();
        settings.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        settings.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        settings.put(ViewAppConfig.GROUP_ID.name(), run + "view");
        settings.put(ViewAppConfig.DATA_DIR.name(), dir.resolve("view").toString());
        settings.put(ViewAppConfig.HTTP_HOST.name(), "127.0.0.1");
        settings.put(ViewAppConfig.HTTP_PORT.name(), "0");
        settings.put(TopicNames.ENRICHED_PREFIX.name(), prefix);
        settings.put(TopicNames.UNCLASSIFIED.name(), prefix + NewsTopicCatalog.UNCLASSIFIED);
        settings.put(TopicNames.DEAD_LETTERS.name(), run + KafkaTopics.DEAD_LETTERS);
        // The benchmark measures article rows only: no duplicates topic.
        settings.put(TopicNames.DUPLICATES.name(), "");
        settings.put(ViewAppConfig.VIEW_STORE.name(), kind.name().toLowerCase());
        TestPostgres postgres = null;
        if (kind == ViewAppConfig.ViewStoreKind.POSTGRESQL) {
            postgres = TestPostgres.freshSchema();
            settings.put(ViewAppConfig.JDBC_URL.name(), TestPostgres.URL);
            settings.put(ViewAppConfig.JDBC_SCHEMA.name(), postgres.schema());
        }
        int instances = kind == ViewAppConfig.ViewStoreKind.POSTGRESQL ? INSTANCES : 1;
        List<ConsumerApp> apps = new ArrayList<>();
        try {
            ViewAppConfig config = ViewAppConfig.load(null, settings, Map.of());
            for (int i = 0; i < instances; i++) {
                apps.add(ConsumerApp.start(config, TransactionHook.NONE));
            }
            // Timed from the moment every instance reads its share of the airspace partitions.
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    apps.stream()
                                            .allMatch(
                                                    a ->
                                                            a.isReady()
                                                                    && a
                                                                            .status()
                                                                            .assignment()
                                                                            .stream()
                                                                            .anyMatch(
                                                                                    tp ->
                                                                                            tp.topic()
                                                                                                    .endsWith(
                                                                                                            AIRSPACE))));
            ConsumerApp app = apps.get(0);
            long t0 = System.nanoTime();
            long before = app.store().countArticles(AIRSPACE);
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> app.store().countArticles(AIRSPACE) >= RECORDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long timed = RECORDS - before;

            assertThat(app.store().countArticles(AIRSPACE)).isEqualTo(RECORDS);
            report(
                    String.format(
                            "%s view, %d instance(s): %,d rows in %.1f s = %,.0f rows/s"
                                    + " (max.poll.records %d, %d partitions, ~%d KB per article)",
                            kind,
                            instances,
                            timed,
                            seconds,
                            timed / seconds,
                            app.config().maxPollRecords(),
                            PARTITIONS,
                            BODY_WORDS * 7 / 1024));
        } finally {
            apps.forEach(ConsumerApp::close);
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static final int BODY_WORDS = 600;

    private void produce(String kafkaTopic) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>(RECORDS);
        Random random = new Random(42);
        String[] words = TestArticles.VOCABULARY.split(" ");
        try (KafkaProducer<String, EnrichedArticle> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                131_072,
                                ProducerConfig.LINGER_MS_CONFIG,
                                10,
                                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                "lz4"),
                        new StringSerializer(),
                        serdes.serde(EnrichedArticle.class, false).serializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String id = "bench-" + i;
                String body = TestArticles.randomBody(random, BODY_WORDS);
                EnrichedArticle base =
                        TestArticles.enriched(
                                id, AIRSPACE, Instant.parse("2011-05-01T00:00:00Z").plusSeconds(i));
                EnrichedArticle article =
                        EnrichedArticle.newBuilder(base)
                                .setArticle(
                                        RawArticle.newBuilder(base.getArticle())
                                                .setTitle(
                                                        "Airspace talks "
                                                                + words[
                                                                        random.nextInt(
                                                                                words.length)]
                                                                + " "
                                                                + i)
                                                .setBody(body)
                                                .build())
                                .setWordCount(BODY_WORDS)
                                .build();
                sent.add(producer.send(new ProducerRecord<>(kafkaTopic, id, article)));
            }
            producer.flush();
            // Measure only what really is on the topic: a failed send fails here, not as a
            // consumer that waits for records that never came.
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
    }

    private static void report(String line) throws IOException {
        // A benchmark's result is its output: printed for whoever runs it, kept under target/.
        System.out.println(line);
        Path out = Path.of("target", "view-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                Instant.now() + " " + line + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
