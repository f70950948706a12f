package io.newsstream.consumer;

import static io.newsstream.consumer.TestArticles.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer application against a real broker and registry: the view as seen over HTTP,
 * restarts, crashes on either side of the database commit, and dead letters.
 *
 * <p>Every test gets its own Kafka topics (a unique prefix in front of the default names), consumer
 * group and data directory, so tests share the broker but nothing else.
 */
class ConsumerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final String INTEL = "intel-chief-visit";
    private static final int PARTITIONS = 2;

    private static RealInfrastructure infra;
    private static String bootstrap;
    private static String registryUrl;
    private static AvroSerdes serdes;

    @TempDir Path dir;
    private String prefix;
    private String groupId;
    private KafkaProducer<String, EnrichedArticle> producer;
    private final List<ConsumerApp> apps = new ArrayList<>();

    @BeforeAll
    static void infrastructure() {
        // Joining a consumer group on a fresh broker takes a few seconds.
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        infra = RealInfrastructure.get();
        bootstrap = infra.bootstrapServers();
        registryUrl = infra.schemaRegistryUrl();
        serdes = AvroSerdes.forUrl(registryUrl);
    }

    @BeforeEach
    void topics() {
        String run = RealInfrastructure.uniqueName("consumer-it") + ".";
        prefix = run + KafkaTopics.ENRICHED_PREFIX;
        groupId = run + "view";
        List<String> names = new ArrayList<>(kafkaTopicsRead());
        names.add(deadLetterTopic());
        names.add(duplicatesTopic());
        infra.createTopics(names, PARTITIONS);
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
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
    }

    @Test
    void servesEveryNewsTopicAndAfterARestartNeitherLosesNorRepeats() throws Exception {
        produce(
                List.of(
                        article(AIRSPACE, "a1", "2011-05-01T09:00:00Z"),
                        article(AIRSPACE, "a2", "2011-05-03T09:00:00Z"),
                        article(AIRSPACE, "shared", "2011-05-02T09:00:00Z"),
                        article(STRIKES, "shared", "2011-05-02T09:00:00Z"),
                        article(STRIKES, "s1", "2011-04-30T09:00:00Z"),
                        article(NewsTopicCatalog.UNCLASSIFIED, "u1", null)));
        produceAborted(List.of(article(AIRSPACE, "aborted", "2011-05-04T09:00:00Z")));

        ConsumerApp first = start(TransactionHook.NONE);
        await().untilAsserted(
                        () ->
                                assertThat(counts(first))
                                        .containsExactlyEntriesOf(counts(3, 0, 2, 1)));
        JsonNode page = json(first, "/api/topics/" + AIRSPACE + "/articles");
        assertThat(page.get("articles").findValuesAsText("id"))
                .containsExactly("a2", "shared", "a1");
        assertThat(json(first, "/health").get("status").asText()).isEqualTo("UP");
        first.close();

        // While it is down: two new articles and a repeated delivery of an old one.
        produce(
                List.of(
                        article(AIRSPACE, "a3", "2011-05-05T09:00:00Z"),
                        article(INTEL, "i1", "2011-05-06T09:00:00Z"),
                        article(AIRSPACE, "a1", "2011-05-01T09:00:00Z")));
        ConsumerApp second = start(TransactionHook.NONE);

        // Only what was produced while it was down is read: nothing of the first run again.
        await().untilAsserted(
                        () -> {
                            assertThat(second.status().storedRecords()).isEqualTo(3);
                            assertThat(counts(second)).containsExactlyEntriesOf(counts(4, 1, 2, 1));
                        });
        assertThat(
                        json(second, "/api/topics/" + AIRSPACE + "/articles")
                                .get("articles")
                                .findValuesAsText("id"))
                .containsExactly("a3", "a2", "shared", "a1")
                .doesNotContain("aborted");
    }

    @Test
    void aCrashBetweenTheRowWriteAndTheCommitLosesNothing() throws Exception {
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
        produce(List.of(article(AIRSPACE, "a1", null), article(AIRSPACE, "a2", null)));

        await().until(() -> crashing.status().failure() instanceof SimulatedCrash);
        assertThat(counts(crashing).get(AIRSPACE)).isZero();
        crashing.close();

        ConsumerApp restarted = start(TransactionHook.NONE);
        await().untilAsserted(() -> assertThat(counts(restarted).get(AIRSPACE)).isEqualTo(2));
        // The updater counts a batch just after the commit that made its rows visible.
        await().untilAsserted(() -> assertThat(restarted.status().storedRecords()).isEqualTo(2));
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
        // One transaction, one partition: the whole batch lands in a single poll.
        produce(
                List.of(
                        article(AIRSPACE, "a1", null),
                        article(AIRSPACE, "a2", null),
                        article(AIRSPACE, "a3", null)));

        await().until(() -> crashing.status().failure() instanceof SimulatedCrash);
        long storedBeforeCrash = counts(crashing).get(AIRSPACE);
        assertThat(storedBeforeCrash).isPositive();
        crashing.close();
        // Kafka never got the commit for what the database holds: restarting from Kafka's
        // committed offsets would read it again.
        assertThat(kafkaCommitted(kafkaTopic(AIRSPACE))).isLessThan(storedBeforeCrash);

        ConsumerApp restarted = start(TransactionHook.NONE);
        awaitReady(restarted);
        produce(List.of(article(AIRSPACE, "marker", null)));
        await().untilAsserted(() -> assertThat(counts(restarted).get(AIRSPACE)).isEqualTo(4));
        // The updater counts a batch just after the commit that made its rows visible.
        await().untilAsserted(
                        () ->
                                assertThat(restarted.status().storedRecords())
                                        .isEqualTo(4 - storedBeforeCrash));
    }

    @Test
    void deadLettersAnUndecodableRecordAndKeepsGoing() throws Exception {
        ConsumerApp app = start(TransactionHook.NONE);
        byte[] garbage = "this is not an enriched article".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(kafkaTopic(AIRSPACE), 0, "bad", garbage)).get();
        }
        producer.beginTransaction();
        producer.send(
                new ProducerRecord<>(
                        kafkaTopic(AIRSPACE), 0, "a1", enriched("a1", AIRSPACE, null)));
        producer.commitTransaction();

        await().untilAsserted(() -> assertThat(counts(app).get(AIRSPACE)).isEqualTo(1));
        assertThat(app.status().deadLetters()).isEqualTo(1);
        DeadLetter letter = readOneDeadLetter();
        assertThat(letter.getComponent()).isEqualTo("consumer");
        assertThat(letter.getKafkaTopic()).isEqualTo(kafkaTopic(AIRSPACE));
        assertThat(letter.getPartition()).isEqualTo(0);
        assertThat(letter.getOffset()).isEqualTo(0L);
        assertThat(letter.getSource()).isEqualTo(kafkaTopic(AIRSPACE) + "/0@0");
        assertThat(letter.getPayload().remaining()).isEqualTo(garbage.length);
    }

    /**
     * Wrong magic byte, unknown schema id, truncated Avro, an empty value and a null value on an
     * enriched Kafka topic and on the duplicates Kafka topic: ten dead letters with the reason and
     * the record's place, the view keeps going, and the good article and duplicate link written
     * after them are served.
     */
    @Test
    void deadLettersEveryUndecodableRecordOnTheEnrichedAndDuplicatesTopicsAndKeepsGoing()
            throws Exception {
        ConsumerApp app = start(TransactionHook.NONE);
        byte[] article =
                serdes.serde(EnrichedArticle.class, false)
                        .serializer()
                        .serialize(kafkaTopic(AIRSPACE), enriched("a0", AIRSPACE, null));
        DuplicateLink link =
                DuplicateLink.newBuilder()
                        .setNewsTopic(AIRSPACE)
                        .setOriginalId("a1")
                        .setDuplicateId("d1")
                        .setKind(DuplicateKind.SAME_CONTENT)
                        .setSimilarity(1.0)
                        .setOutlet("Dawn")
                        .setUrl(null)
                        .setTitle("A copy")
                        .setPublishedAt(null)
                        .setDetectedAt(Instant.parse("2011-05-02T09:00:00Z"))
                        .build();
        byte[] linkBytes =
                serdes.serde(DuplicateLink.class, false)
                        .serializer()
                        .serialize(duplicatesTopic(), link);
        Map<String, java.util.function.Function<byte[], byte[]>> poison =
                new java.util.LinkedHashMap<>();
        poison.put(
                "wrong magic byte",
                b -> {
                    byte[] c = b.clone();
                    c[0] = 7;
                    return c;
                });
        poison.put(
                "unknown schema id",
                b -> {
                    byte[] c = b.clone();
                    java.nio.ByteBuffer.wrap(c).putInt(1, Integer.MAX_VALUE - 1);
                    return c;
                });
        poison.put("truncated Avro", b -> java.util.Arrays.copyOf(b, b.length / 2));
        poison.put("empty value", b -> new byte[0]);
        poison.put("null value", b -> null);
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (var p : poison.entrySet()) {
                raw.send(
                                new ProducerRecord<>(
                                        kafkaTopic(AIRSPACE),
                                        0,
                                        p.getKey(),
                                        p.getValue().apply(article)))
                        .get();
                raw.send(
                                new ProducerRecord<>(
                                        duplicatesTopic(),
                                        0,
                                        p.getKey(),
                                        p.getValue().apply(linkBytes)))
                        .get();
            }
            raw.send(new ProducerRecord<>(duplicatesTopic(), 0, "a1", linkBytes)).get();
        }
        producer.beginTransaction();
        producer.send(
                new ProducerRecord<>(
                        kafkaTopic(AIRSPACE), 0, "a1", enriched("a1", AIRSPACE, null)));
        producer.commitTransaction();

        await().untilAsserted(
                        () -> {
                            JsonNode page = json(app, "/api/topics/" + AIRSPACE + "/articles");
                            assertThat(page.get("articles").findValuesAsText("id"))
                                    .containsExactly("a1");
                            assertThat(page.get("articles").get(0).get("duplicateCount").asInt())
                                    .isEqualTo(1);
                        });
        List<DeadLetter> letters = readDeadLetters(2 * poison.size());
        assertThat(app.status().deadLetters()).isEqualTo(2L * poison.size());
        assertThat(app.isReady()).isTrue();
        for (String kafkaTopic : List.of(kafkaTopic(AIRSPACE), duplicatesTopic())) {
            assertThat(letters)
                    .filteredOn(l -> l.getKafkaTopic().equals(kafkaTopic))
                    .allSatisfy(
                            l -> {
                                assertThat(l.getComponent()).isEqualTo("consumer");
                                assertThat(l.getSource())
                                        .isEqualTo(kafkaTopic + "/0@" + l.getOffset());
                                assertThat(l.getReason()).isNotBlank();
                            })
                    .extracting(DeadLetter::getOffset)
                    .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        }
        letters.forEach(
                l ->
                        System.out.printf(
                                "ConsumerIT dead letter %s: %s%n", l.getSource(), l.getReason()));
    }

    @Test
    void streamsAStoryToLiveClientsWithinASecondOfItReachingTheEnrichedTopic() throws Exception {
        ConsumerApp app = start(TransactionHook.NONE);
        awaitReady(app);
        java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + app.httpPort()
                                                        + "/api/topics/"
                                                        + AIRSPACE
                                                        + "/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                stream.body().forEach(lines::add);
                            } catch (RuntimeException e) {
                                // closed
                            }
                        },
                        "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(nextData(lines, "ready", Duration.ofSeconds(10))).contains(AIRSPACE);

            long sent = System.nanoTime();
            produce(List.of(article(AIRSPACE, "live1", "2011-05-07T09:00:00Z")));
            String data = nextData(lines, "article", Duration.ofSeconds(10));
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);

            JsonNode event = JSON.readTree(data);
            assertThat(event.get("newsTopic").asText()).isEqualTo(AIRSPACE);
            assertThat(event.get("article").get("id").asText()).isEqualTo("live1");
            assertThat(latency).isLessThan(Duration.ofSeconds(1));
        } finally {
            stream.body().close();
        }
    }

    /** The data of the next event named {@code name} on an SSE stream read line by line. */
    private static String nextData(
            java.util.concurrent.BlockingQueue<String> lines, String name, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inEvent = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                inEvent = line.substring(6).strip().equals(name);
            } else if (inEvent && line.startsWith("data:")) {
                return line.substring(5).strip();
            }
        }
        throw new AssertionError("No '" + name + "' event within " + timeout);
    }

    // --- fixtures ---

    /** An Error, like a process death: nothing in the application handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private ConsumerApp start(TransactionHook hook) {
        Map<String, String> settings = new HashMap<>();
        settings.put(SharedSettings.BOOTSTRAP_SERVERS.name(), bootstrap);
        settings.put(SharedSettings.REGISTRY_URL.name(), registryUrl);
        settings.put(ViewAppConfig.GROUP_ID.name(), groupId);
        settings.put(ViewAppConfig.DATA_DIR.name(), dir.resolve("view").toString());
        settings.put(ViewAppConfig.HTTP_HOST.name(), "127.0.0.1");
        settings.put(ViewAppConfig.HTTP_PORT.name(), "0");
        settings.put(TopicNames.ENRICHED_PREFIX.name(), prefix);
        settings.put(TopicNames.UNCLASSIFIED.name(), kafkaTopic("unclassified"));
        settings.put(TopicNames.DEAD_LETTERS.name(), deadLetterTopic());
        settings.put(TopicNames.DUPLICATES.name(), duplicatesTopic());
        settings.put(ViewAppConfig.POLL_TIMEOUT.name(), "100ms");
        settings.put(ViewAppConfig.MAX_RETRY_BACKOFF.name(), "1s");
        ConsumerApp app = ConsumerApp.start(ViewAppConfig.load(null, settings, Map.of()), hook);
        apps.add(app);
        return app;
    }

    private static void awaitReady(ConsumerApp app) {
        await().atMost(Duration.ofSeconds(60)).until(app::isReady);
    }

    private String kafkaTopic(String newsTopic) {
        return prefix + newsTopic;
    }

    private String deadLetterTopic() {
        return prefix.replace(KafkaTopics.ENRICHED_PREFIX, "") + KafkaTopics.DEAD_LETTERS;
    }

    private String duplicatesTopic() {
        return prefix.replace(KafkaTopics.ENRICHED_PREFIX, "") + KafkaTopics.DUPLICATES;
    }

    private List<String> kafkaTopicsRead() {
        List<String> names = new ArrayList<>();
        for (String id : NewsTopicCatalog.loadDefault().ids()) {
            names.add(kafkaTopic(id));
        }
        names.add(kafkaTopic(NewsTopicCatalog.UNCLASSIFIED));
        return names;
    }

    private ProducerRecord<String, EnrichedArticle> article(
            String newsTopic, String id, String published) {
        String primary = NewsTopicCatalog.UNCLASSIFIED.equals(newsTopic) ? null : newsTopic;
        return new ProducerRecord<>(
                kafkaTopic(newsTopic),
                0,
                id,
                enriched(id, primary, published == null ? null : Instant.parse(published)));
    }

    private void produce(List<ProducerRecord<String, EnrichedArticle>> records) throws Exception {
        producer.beginTransaction();
        for (ProducerRecord<String, EnrichedArticle> r : records) {
            producer.send(r);
        }
        producer.commitTransaction();
    }

    private void produceAborted(List<ProducerRecord<String, EnrichedArticle>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.flush();
        producer.abortTransaction();
    }

    private static Map<String, Long> counts(long airspace, long intel, long strikes, long none) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put(AIRSPACE, airspace);
        m.put(INTEL, intel);
        m.put(STRIKES, strikes);
        m.put(NewsTopicCatalog.UNCLASSIFIED, none);
        return m;
    }

    /** Article count per entry of GET /api/topics, in response order. */
    private static Map<String, Long> counts(ConsumerApp app) throws Exception {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (JsonNode t : json(app, "/api/topics")) {
            out.put(t.get("id").asText(), t.get("articleCount").asLong());
        }
        return out;
    }

    private static JsonNode json(ConsumerApp app, String path) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + app.httpPort() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private long kafkaCommitted(String kafkaTopic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(kafkaTopic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    private DeadLetter readOneDeadLetter() {
        return readDeadLetters(1).get(0);
    }

    /** Exactly {@code count} dead letters (waits for them, then a little more for any extra). */
    private List<DeadLetter> readDeadLetters(int count) {
        try (KafkaConsumer<String, DeadLetter> c =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers",
                                bootstrap,
                                "group.id",
                                groupId + "-dead-letter-reader",
                                "auto.offset.reset",
                                "earliest"),
                        new StringDeserializer(),
                        serdes.serde(DeadLetter.class, false).deserializer())) {
            c.subscribe(List.of(deadLetterTopic()));
            List<DeadLetter> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (ConsumerRecord<String, DeadLetter> r :
                                        c.poll(Duration.ofMillis(200))) {
                                    letters.add(r.value());
                                }
                                return letters.size() >= count;
                            });
            assertThat(letters).hasSize(count);
            return letters;
        }
    }
}
