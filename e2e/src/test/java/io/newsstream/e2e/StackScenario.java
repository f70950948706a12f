package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.ComposeFile.KafkaTopicSpec;
import io.newsstream.e2e.HostEnvironment.Infrastructure;
import io.newsstream.infra.KafkaBroker;
import io.newsstream.infra.KafkaTopicsAdmin;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * The stack's applications run as separate processes, each configured exactly as {@code
 * docker-compose.yml} configures its service (through {@link HostEnvironment}), against a broker,
 * registry and PostgreSQL given by the caller; the Kafka topics are created as the compose file's
 * topic-init service creates them. Stops every process it started on {@link #close()}.
 */
final class StackScenario implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Expected news topic of each demo seed, with a word of its title (demo/seeds/README.md). */
    static final Map<String, String> SEED_TITLE_WORDS =
            Map.of(
                    "joint-strikes", "drone campaign",
                    "intel-chief-visit", "intel chief",
                    "airspace-deal", "Airspace");

    private final ComposeFile compose = ComposeFile.ofRepository();
    private final Infrastructure infra;
    private final Path workDir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    StackScenario(Infrastructure infra, Path workDir) {
        this.infra = infra;
        this.workDir = workDir;
    }

    ComposeFile compose() {
        return compose;
    }

    Path logDir() {
        return workDir.resolve("logs");
    }

    /** What the topic-init service does: every topic of its list, partitions and retention. */
    void createKafkaTopics() {
        for (KafkaTopicSpec t : compose.kafkaTopics()) {
            KafkaTopicsAdmin.createMissing(
                    infra.bootstrapServers(),
                    List.of(t.name()),
                    t.partitions(),
                    Map.of("retention.ms", Long.toString(t.retentionMs())));
        }
    }

    /** Starts one instance of a long-running application service. */
    AppProcess start(App app, String instance, int httpPort) {
        return start(app, instance, httpPort, Map.of());
    }

    /**
     * As {@link #start(App, String, int)}, with {@code overrides} added to (or replacing) the
     * service's environment, e.g. a setting under test or {@code JDK_JAVA_OPTIONS}.
     */
    AppProcess start(App app, String instance, int httpPort, Map<String, String> overrides) {
        Map<String, String> env =
                new HashMap<>(
                        HostEnvironment.of(
                                compose, app, infra, workDir.resolve(instance), httpPort));
        env.putAll(overrides);
        AppProcess p = AppProcess.start(app, instance, env, logDir());
        started.push(p);
        return p;
    }

    /**
     * As {@link #start(App, String, int)}, with {@code overrides} added to (or replacing in) the
     * service's environment, and the output going to {@code logName}{@code .log}, so that a
     * restarted instance keeps its directory (state, view) but gets a log of its own.
     */
    AppProcess start(
            App app, String instance, String logName, int httpPort, Map<String, String> overrides) {
        Map<String, String> env =
                new HashMap<>(
                        HostEnvironment.of(
                                compose, app, infra, workDir.resolve(instance), httpPort));
        env.putAll(overrides);
        AppProcess p = AppProcess.start(app, logName, env, logDir());
        started.push(p);
        return p;
    }

    /**
     * Starts the producer service on {@code articles} without waiting for it (it is stopped with
     * the stack), with {@code overrides} added to its environment.
     */
    AppProcess startProducer(String run, Path articles, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put(ProducerAppConfig.INPUTS.envVar(), articles.toString());
        return start(App.PRODUCER, run, run, 0, env);
    }

    /**
     * Runs the producer service once, as {@code docker compose run producer} does; with {@code
     * articles} non-null, that directory replaces the mounted article directory (as {@code -v
     * DIR:/data/articles} would).
     *
     * @return its exit status
     */
    int runProducer(String run, Path articles) throws InterruptedException {
        Map<String, String> env =
                new HashMap<>(
                        HostEnvironment.of(compose, App.PRODUCER, infra, workDir.resolve(run), 0));
        if (articles != null) {
            env.put(ProducerAppConfig.INPUTS.envVar(), articles.toString());
        }
        try (AppProcess producer = AppProcess.start(App.PRODUCER, run, env, logDir())) {
            int status = producer.awaitExit(Duration.ofSeconds(60));
            assertThat(status).as("%s exit status; log:\n%s", run, producer.logTail()).isZero();
            return status;
        }
    }

    /** The resolved configuration of the processor service (topic names). */
    ProcessorConfig processorConfig() {
        return ProcessorConfig.load(
                null, Map.of(), compose.environment(App.STREAMS_PROCESSOR.service));
    }

    static int freePort() {
        return KafkaBroker.freePort();
    }

    static void awaitLog(AppProcess p, String text, Duration timeout) {
        Awaitility.await(p.name() + " logs '" + text + "'")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast(() -> !p.isAlive())
                .until(() -> p.log().contains(text));
    }

    static void awaitHealthy(int port, AppProcess consumer) {
        Awaitility.await("consumer /health")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .failFast(() -> !consumer.isAlive())
                .ignoreExceptions()
                .until(() -> status(port, "/health") == 200);
    }

    /** News topic id to its article count, as {@code GET /api/topics} reports them. */
    static Map<String, Integer> counts(int port) throws IOException, InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode t : get(port, "/api/topics")) {
            counts.put(t.get("id").asText(), t.get("articleCount").asInt());
        }
        return counts;
    }

    /**
     * Distinct articles shown in the view, over every news topic: an article of several news topics
     * (multi-label) is a row in each but counts once here.
     */
    static int distinctArticles(int port) throws IOException, InterruptedException {
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode t : get(port, "/api/topics")) {
            String id = t.get("id").asText();
            for (int offset = 0; ; offset += 500) {
                JsonNode page =
                        get(port, "/api/topics/" + id + "/articles?limit=500&offset=" + offset);
                page.get("articles").forEach(a -> ids.add(a.get("id").asText()));
                if (page.get("articles").size() < 500) {
                    break;
                }
            }
        }
        return ids.size();
    }

    static JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int status(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Asserts that each demo seed is in the view under its news topic (as its primary news topic)
     * and under every other news topic it matched (multi-label), once each.
     */
    static void assertSeedsInTheirNewsTopics(int port) throws IOException, InterruptedException {
        for (var e : SEED_TITLE_WORDS.entrySet()) {
            JsonNode a = seedIn(port, e.getKey(), e.getValue());
            assertThat(a.get("primaryNewsTopic").asText()).isEqualTo(e.getKey());
            var scores = a.get("newsTopicScores").fields();
            while (scores.hasNext()) {
                var score = scores.next();
                if (score.getValue().get("matched").asBoolean()) {
                    seedIn(port, score.getKey(), e.getValue());
                }
            }
        }
    }

    /** The one article of {@code newsTopic} whose title contains {@code titleWord}. */
    private static JsonNode seedIn(int port, String newsTopic, String titleWord)
            throws IOException, InterruptedException {
        JsonNode page = get(port, "/api/topics/" + newsTopic + "/articles");
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : page.get("articles")) {
            if (a.get("title")
                    .asText()
                    .toLowerCase(Locale.ROOT)
                    .contains(titleWord.toLowerCase(Locale.ROOT))) {
                found.add(a);
            }
        }
        assertThat(found).as("'%s' in %s", titleWord, newsTopic).hasSize(1);
        return found.get(0);
    }

    /**
     * Writes {@code count} distinct article files: prose assembled at random (fixed seed) from the
     * words of the demo seeds, so that no two are near-duplicates of each other or of a seed.
     */
    static Path writeArticles(Path dir, int count, long seed) throws IOException {
        List<String> words;
        try (Stream<Path> seeds = Files.list(ComposeFile.repoDir().resolve("demo/seeds"))) {
            words =
                    seeds.filter(f -> f.toString().endsWith(".txt"))
                            .flatMap(StackScenario::words)
                            .filter(w -> w.length() > 3)
                            .distinct()
                            .toList();
        }
        Random random = new Random(seed);
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            text.append("Dispatch ").append(seed).append('-').append(i).append(": ");
            text.append(capitalised(sentence(words, random, 7))).append("\n\n");
            for (int p = 0; p < 4; p++) {
                for (int s = 0; s < 3; s++) {
                    text.append(capitalised(sentence(words, random, 12 + random.nextInt(8))))
                            .append(". ");
                }
                text.append("\n\n");
            }
            Files.writeString(
                    dir.resolve(String.format("dispatch-%d-%03d.txt", seed, i)),
                    text,
                    StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static Stream<String> words(Path file) {
        try {
            return Stream.of(
                    Files.readString(file, StandardCharsets.UTF_8)
                            .toLowerCase(java.util.Locale.ROOT)
                            .split("[^\\p{L}]+"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sentence(List<String> words, Random random, int length) {
        return random.ints(length, 0, words.size())
                .mapToObj(words::get)
                .collect(Collectors.joining(" "));
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Reads a Kafka topic from the beginning as a subscriber would (read_committed, Avro with the
     * project's serde) and counts the records per key, until {@code expectedKeys} distinct keys are
     * seen and a further {@code settle} brings nothing new.
     */
    Map<String, Integer> readKeyCounts(
            String kafkaTopic, int expectedKeys, Duration timeout, Duration settle) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> counts = new HashMap<>();
        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
                KafkaConsumer<String, EnrichedArticle> consumer =
                        new KafkaConsumer<>(
                                props,
                                new StringDeserializer(),
                                serdes.serde(EnrichedArticle.class, false).deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(kafkaTopic)
                    .forEach(p -> partitions.add(new TopicPartition(kafkaTopic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && System.nanoTime() < settledAt) {
                for (ConsumerRecord<String, EnrichedArticle> r :
                        consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.key(), 1, Integer::sum);
                }
                if (counts.size() >= expectedKeys && settledAt == Long.MAX_VALUE) {
                    settledAt = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return counts;
    }

    /**
     * Waits until the consumer group has exactly {@code members} members, each assigned at least
     * one partition (so that killing one of them takes work away from the group).
     */
    void awaitGroupSharesWork(String groupId, int members, Duration timeout) {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers()))) {
            Awaitility.await(groupId + " shared by " + members + " members")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> {
                                ConsumerGroupDescription group =
                                        admin.describeConsumerGroups(List.of(groupId))
                                                .describedGroups()
                                                .get(groupId)
                                                .get(10, TimeUnit.SECONDS);
                                assertThat(group.members()).hasSize(members);
                                assertThat(group.members())
                                        .allMatch(
                                                m -> !m.assignment().topicPartitions().isEmpty(),
                                                "has partitions");
                            });
        }
    }

    static Set<String> keysSeenMoreThanOnce(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    String logs() {
        StringBuilder all = new StringBuilder();
        for (AutoCloseable c : started) {
            if (c instanceof AppProcess p) {
                all.append("---- ").append(p).append('\n').append(p.logTail()).append('\n');
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }
}
