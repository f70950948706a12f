package io.newsstream.consumer;

import static io.newsstream.consumer.TestArticles.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer on the PostgreSQL view store against a real broker and registry: crashes on either
 * side of the database commit, several instances of one group sharing one view, and the rebuild.
 * Each test has its own Kafka topics, consumer group and PostgreSQL schema.
 */
class PostgresViewIT {

    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final int PARTITIONS = 3;

    private static RealInfrastructure infra;
    private static AvroSerdes serdes;

    @TempDir Path dir;
    private String prefix;
    private String groupId;
    private TestPostgres postgres;
    private KafkaProducer<String, EnrichedArticle> producer;
    private final List<ConsumerApp> apps = new ArrayList<>();

    @BeforeAll
    static void infrastructure() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(90));
        infra = RealInfrastructure.get();
        serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
    }

    @BeforeEach
    void isolate() {
        String run = RealInfrastructure.uniqueName("pg-view-it") + ".";
        prefix = run + KafkaTopics.ENRICHED_PREFIX;
        groupId = run + "view";
        List<String> names = new ArrayList<>(kafkaTopicsRead());
        names.add(deadLetterTopic());
        infra.createTopics(names, PARTITIONS);
        postgres = TestPostgres.freshSchema();
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                run + "tx",
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        serdes.serde(EnrichedArticle.class, false).serializer());
        producer.initTransactions();
    }

    @AfterEach
    void closeAll() {
        apps.forEach(ConsumerApp::close);
        producer.close();
        postgres.close();
    }

    @Test
    void aCrashBetweenTheRowWriteAndTheCommitLosesNothingAndRepeatsNothing() throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        ConsumerApp crashing =
                start(
                        new TransactionHook() {
                            @Override
                            public void beforeCommit(
                                    List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                                if (!rows.isEmpty() && armed.getAndSet(false)) {
                                    throw new SimulatedCrash();
                                }
                            }
                        });
        awaitReady(crashing);
        produce(articles(AIRSPACE, "a", 10));

        await().until(() -> crashing.status().failure() instanceof SimulatedCrash);
        crashing.close();
        assertThat(rowCount(AIRSPACE)).isZero();

        ConsumerApp restarted = start(TransactionHook.NONE);
        await().untilAsserted(() -> assertThat(rowCount(AIRSPACE)).isEqualTo(10));
        // The updater counts a batch just after the commit that made its rows visible.
        await().untilAsserted(() -> assertThat(restarted.status().storedRecords()).isEqualTo(10));
        assertStoredOffsetsAtTheEnd();
    }

    @Test
    void aCrashAfterTheDatabaseCommitRepeatsNothing() throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        ConsumerApp crashing =
                start(
                        new TransactionHook() {
                            @Override
                            public void afterCommit(
                                    List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                                if (!rows.isEmpty() && armed.getAndSet(false)) {
                                    throw new SimulatedCrash();
                                }
                            }
                        });
        awaitReady(crashing);
        produce(articles(AIRSPACE, "a", 10));

        await().until(() -> crashing.status().failure() instanceof SimulatedCrash);
        crashing.close();
        long storedBeforeCrash = rowCount(AIRSPACE);
        assertThat(storedBeforeCrash).isPositive();

        ConsumerApp restarted = start(TransactionHook.NONE);
        await().untilAsserted(() -> assertThat(rowCount(AIRSPACE)).isEqualTo(10));
        // Only what the crashed instance had not committed is read again.
        await().untilAsserted(
                        () ->
                                assertThat(restarted.status().storedRecords())
                                        .isEqualTo(10 - storedBeforeCrash));
        assertStoredOffsetsAtTheEnd();
    }

    @Test
    void twoInstancesOfOneGroupShareOneViewAndOneTakesOverWhenTheOtherStops() throws Exception {
        ConsumerApp first = start(TransactionHook.NONE);
        ConsumerApp second = start(TransactionHook.NONE);
        // Both have joined and split the partitions between them.
        await().until(
                        () ->
                                first.isReady()
                                        && second.isReady()
                                        && !first.status().assignment().isEmpty()
                                        && !second.status().assignment().isEmpty()
                                        && first.status().assignment().size()
                                                        + second.status().assignment().size()
                                                == kafkaTopicsRead().size() * PARTITIONS);
        assertThat(first.status().assignment())
                .doesNotContainAnyElementsOf(second.status().assignment());

        produce(articles(AIRSPACE, "a", 60));
        produce(articles(STRIKES, "s", 60));
        await().untilAsserted(
                        () -> {
                            assertThat(rowCount(AIRSPACE)).isEqualTo(60);
                            assertThat(rowCount(STRIKES)).isEqualTo(60);
                        });
        // Both wrote part of it into the same view.
        assertThat(first.status().storedRecords()).isPositive();
        assertThat(second.status().storedRecords()).isPositive();
        assertThat(first.status().storedRecords() + second.status().storedRecords()).isEqualTo(120);

        first.close();
        produce(articles(AIRSPACE, "late", 30));
        await().untilAsserted(() -> assertThat(rowCount(AIRSPACE)).isEqualTo(90));
        assertThat(distinctIds(AIRSPACE)).isEqualTo(90);
        assertStoredOffsetsAtTheEnd();
        // The survivor reads every partition now, and its metrics say it is up to date on each.
        await().untilAsserted(
                        () -> {
                            String metrics = get(second, "/metrics");
                            assertThat(metrics)
                                    .contains("newsstream_view_records_stored_total")
                                    .contains(
                                            "newsstream_view_lag_records{kafka_topic=\""
                                                    + kafkaTopic(AIRSPACE)
                                                    + "\",partition=\"2\"} 0.0");
                            assertThat(
                                            metrics.lines()
                                                    .filter(
                                                            l ->
                                                                    l.startsWith(
                                                                            "newsstream_view_lag_records{"))
                                                    .count())
                                    .isEqualTo(kafkaTopicsRead().size() * PARTITIONS);
                            assertThat(metrics.lines())
                                    .filteredOn(l -> l.startsWith("newsstream_view_lag_records{"))
                                    .allMatch(l -> l.endsWith(" 0.0"));
                        });
    }

    @Test
    void rebuildDropsTheViewAndReplaysEveryTopicFromTheBeginningWithProgress() throws Exception {
        produce(articles(AIRSPACE, "a", 40));
        produce(articles(STRIKES, "s", 20));
        produceDuplicates(AIRSPACE, "a0", 3);
        ConsumerApp app = start(TransactionHook.NONE);
        await().untilAsserted(() -> assertThat(rowCount(AIRSPACE)).isEqualTo(40));
        await().untilAsserted(
                        () ->
                                assertThat(
                                                app.store()
                                                        .duplicatesOf(AIRSPACE, List.of("a0"))
                                                        .get("a0"))
                                        .hasSize(3));

        // Refused while an instance runs: it would keep writing from its old position.
        assertThatThrownBy(
                        () ->
                                ViewRebuild.run(
                                        config(),
                                        s -> {},
                                        Duration.ofMillis(200),
                                        Duration.ofMinutes(2)))
                .hasMessageContaining("stop every consumer instance");
        app.close();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(groupMembers()).isZero());

        // Something only a drop removes: a row no Kafka record backs.
        try (JdbcViewStore store = postgres.open(TransactionHook.NONE)) {
            store.write(List.of(TestArticles.row("stale", AIRSPACE, null)), Map.of());
        }
        assertThat(rowCount(AIRSPACE)).isEqualTo(41);

        List<String> progress = new CopyOnWriteArrayList<>();
        // A slow step between a batch's commit and its count: the result must still count it.
        TransactionHook slowAfterCommit =
                new TransactionHook() {
                    @Override
                    public void afterCommit(
                            List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
        ViewRebuild.Result result =
                ViewRebuild.run(
                        config(),
                        slowAfterCommit,
                        progress::add,
                        Duration.ofMillis(50),
                        Duration.ofMinutes(2));

        assertThat(rowCount(AIRSPACE)).isEqualTo(40);
        assertThat(rowCount(STRIKES)).isEqualTo(20);
        // The duplicates topic is replayed and waited for too.
        try (JdbcViewStore store = postgres.open(TransactionHook.NONE)) {
            assertThat(store.duplicatesOf(AIRSPACE, List.of("a0")).get("a0")).hasSize(3);
        }
        assertThat(result.records()).isEqualTo(63);
        assertThat(result.articles()).isEqualTo(60);
        assertThat(progress.get(0))
                .contains("Rebuilding the view of group " + groupId)
                .contains(duplicatesTopic());
        assertThat(progress.get(progress.size() - 1)).startsWith("Rebuild done: 63 records read");
        assertStoredOffsetsAtTheEnd();
    }

    // --- fixtures ---

    /** An Error, like a process death: nothing in the application handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private ViewAppConfig config() {
        Map<String, String> settings = new HashMap<>();
        settings.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        settings.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        settings.put(ViewAppConfig.GROUP_ID.name(), groupId);
        settings.put(ViewAppConfig.DATA_DIR.name(), dir.resolve("unused").toString());
        settings.put(ViewAppConfig.HTTP_HOST.name(), "127.0.0.1");
        settings.put(ViewAppConfig.HTTP_PORT.name(), "0");
        settings.put(TopicNames.ENRICHED_PREFIX.name(), prefix);
        settings.put(TopicNames.UNCLASSIFIED.name(), kafkaTopic("unclassified"));
        settings.put(TopicNames.DEAD_LETTERS.name(), deadLetterTopic());
        settings.put(TopicNames.DUPLICATES.name(), duplicatesTopic());
        settings.put(ViewAppConfig.POLL_TIMEOUT.name(), "100ms");
        settings.put(ViewAppConfig.MAX_RETRY_BACKOFF.name(), "1s");
        settings.put(ViewAppConfig.VIEW_STORE.name(), "postgresql");
        settings.put(ViewAppConfig.JDBC_URL.name(), TestPostgres.URL);
        settings.put(ViewAppConfig.JDBC_SCHEMA.name(), postgres.schema());
        settings.put(ViewAppConfig.JDBC_POOL_SIZE.name(), "3");
        return ViewAppConfig.load(null, settings, Map.of());
    }

    private ConsumerApp start(TransactionHook hook) {
        ConsumerApp app = ConsumerApp.start(config(), hook);
        apps.add(app);
        return app;
    }

    private static void awaitReady(ConsumerApp app) {
        await().until(app::isReady);
    }

    private String kafkaTopic(String newsTopic) {
        return prefix + newsTopic;
    }

    private String deadLetterTopic() {
        return prefix.replace(KafkaTopics.ENRICHED_PREFIX, "") + KafkaTopics.DEAD_LETTERS;
    }

    private List<String> kafkaTopicsRead() {
        List<String> names = new ArrayList<>();
        for (String id : NewsTopicCatalog.loadDefault().ids()) {
            names.add(kafkaTopic(id));
        }
        names.add(kafkaTopic(NewsTopicCatalog.UNCLASSIFIED));
        names.add(duplicatesTopic());
        return names;
    }

    /** {@code n} articles keyed by id, so the producer spreads them over the partitions. */
    private List<ProducerRecord<String, EnrichedArticle>> articles(
            String newsTopic, String idPrefix, int n) {
        List<ProducerRecord<String, EnrichedArticle>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = idPrefix + "-" + i;
            out.add(new ProducerRecord<>(kafkaTopic(newsTopic), id, enriched(id, newsTopic, null)));
        }
        return out;
    }

    private String duplicatesTopic() {
        return prefix.replace(KafkaTopics.ENRICHED_PREFIX, "") + KafkaTopics.DUPLICATES;
    }

    /** {@code count} duplicate links of {@code originalId}, one committed transaction. */
    private void produceDuplicates(String newsTopic, String originalId, int count) {
        try (KafkaProducer<String, DuplicateLink> links =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                groupId + "-links-tx",
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        serdes.serde(DuplicateLink.class, false).serializer())) {
            links.initTransactions();
            links.beginTransaction();
            for (int i = 0; i < count; i++) {
                DuplicateLink link =
                        DuplicateLink.newBuilder()
                                .setNewsTopic(newsTopic)
                                .setOriginalId(originalId)
                                .setDuplicateId(originalId + "-copy-" + i)
                                .setKind(DuplicateKind.NEAR_DUPLICATE)
                                .setSimilarity(0.9)
                                .setOutlet("Outlet " + i)
                                .setUrl("https://example.org/" + originalId + "/" + i)
                                .setTitle("Copy " + i)
                                .setPublishedAt(null)
                                .setDetectedAt(Instant.parse("2011-05-20T08:02:00Z"))
                                .build();
                links.send(
                        new ProducerRecord<>(duplicatesTopic(), i % PARTITIONS, originalId, link));
            }
            links.commitTransaction();
        }
    }

    private void produce(List<ProducerRecord<String, EnrichedArticle>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.commitTransaction();
    }

    private long rowCount(String newsTopic) throws Exception {
        return queryLong("SELECT COUNT(*) FROM articles WHERE news_topic = '" + newsTopic + "'");
    }

    private long distinctIds(String newsTopic) throws Exception {
        return queryLong(
                "SELECT COUNT(DISTINCT id) FROM articles WHERE news_topic = '" + newsTopic + "'");
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(TestPostgres.URL);
                Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + postgres.schema());
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Every partition's stored offset is its end: with the transaction markers skipped, a caught-up
     * view has no lag left.
     */
    private void assertStoredOffsetsAtTheEnd() throws Exception {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String t : List.of(kafkaTopic(AIRSPACE), kafkaTopic(STRIKES))) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(t, p));
            }
        }
        Map<TopicPartition, Long> end;
        try (var c =
                new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
                        Map.of(
                                "bootstrap.servers",
                                infra.bootstrapServers(),
                                "isolation.level",
                                "read_committed"),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.StringDeserializer())) {
            end = c.endOffsets(partitions);
        }
        Map<TopicPartition, Long> withData = new HashMap<>();
        end.forEach(
                (tp, o) -> {
                    if (o > 0) {
                        withData.put(tp, o);
                    }
                });
        try (JdbcViewStore store = postgres.open(TransactionHook.NONE)) {
            await().untilAsserted(
                            () ->
                                    assertThat(store.nextOffsets(withData.keySet()))
                                            .isEqualTo(withData));
        }
    }

    private static String get(ConsumerApp app, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                "http://127.0.0.1:" + app.httpPort() + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private long groupMembers() throws Exception {
        try (var admin =
                org.apache.kafka.clients.admin.Admin.create(
                        Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get()
                    .members()
                    .size();
        }
    }
}
