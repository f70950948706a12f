package io.newsstream.consumer;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ConsumerConfig;
import io.newsstream.consumer.http.HealthCheck;
import io.newsstream.consumer.http.LiveUpdates;
import io.newsstream.consumer.http.ViewHttpServer;
import io.newsstream.consumer.metrics.Metrics;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.consumer.view.ViewDatabase;
import io.newsstream.consumer.view.ViewStore;
import io.newsstream.consumer.view.ViewUpdater;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer application: keeps the topic-aware view ({@link ViewUpdater} into a {@link
 * ViewStore}) and serves it over HTTP ({@link ViewHttpServer}).
 *
 * <p>In: the per-news-topic enriched Kafka topics and the unclassified topic. Out: the HTTP API;
 * dead letters for records it cannot use. State: the view database (SQLite by default) holding the
 * articles and the consumer's offsets.
 *
 * <p>{@link #start} runs it in-process (the local launcher, tests) and returns a running instance;
 * {@link #close()} stops the poll loop, the HTTP server and the store cleanly. {@link #main} is the
 * stand-alone entry point.
 */
public final class ConsumerApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerApp.class);

    private final ConsumerConfig config;
    private final ViewStore store;
    private final ViewUpdater updater;
    private final ViewHttpServer http;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private ConsumerApp(
            ConsumerConfig config,
            ViewStore store,
            ViewUpdater updater,
            ViewHttpServer http,
            Deque<AutoCloseable> resources) {
        this.config = config;
        this.store = store;
        this.updater = updater;
        this.http = http;
        this.resources = resources;
    }

    /** Starts the view and its HTTP API; returns once the HTTP port is bound. */
    public static ConsumerApp start(ConsumerConfig config) {
        return start(config, TransactionHook.NONE);
    }

    /**
     * As {@link #start(ConsumerConfig)}, with a hook around every store transaction: the seam crash
     * tests use to stop the application between the row write and the commit.
     */
    public static ConsumerApp start(ConsumerConfig config, TransactionHook hook) {
        // Closed in reverse order of opening, on failure here or in close().
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            NewsTopicCatalog catalog = NewsTopicCatalog.load(config.newsTopicsFile());
            Map<String, String> newsTopicByKafkaTopic = config.newsTopicByKafkaTopic(catalog);

            JdbcViewStore store = new JdbcViewStore(ViewDatabase.open(config), hook);
            opened.push(store);

            AvroSerdes serdes = AvroSerdes.forUrl(config.schemaRegistryUrl());
            opened.push(serdes);

            KafkaProducer<String, DeadLetter> deadLetters =
                    new KafkaProducer<>(
                            producerProperties(config),
                            new StringSerializer(),
                            serdes.serde(DeadLetter.class, false).serializer());
            opened.push(deadLetters);

            KafkaConsumer<String, Object> consumer =
                    new KafkaConsumer<>(
                            consumerProperties(config),
                            new StringDeserializer(),
                            ViewUpdater.valueDeserializer(
                                    config.duplicatesKafkaTopic(),
                                    serdes.serde(EnrichedArticle.class, false).deserializer(),
                                    serdes.serde(DuplicateLink.class, false).deserializer()));
            ViewUpdater updater =
                    new ViewUpdater(
                            consumer,
                            deadLetters,
                            store,
                            newsTopicByKafkaTopic,
                            config.duplicatesKafkaTopic(),
                            config.deadLetterKafkaTopic(),
                            config.pollTimeout(),
                            config.maxRetryBackoff());
            LiveUpdates live = new LiveUpdates();
            updater.addListener(live);
            opened.push(live);
            Thread loop = new Thread(updater, "view-updater");
            loop.start();
            opened.push(updater);

            Metrics metrics = new Metrics();
            metrics.bindViewUpdater(updater::status);
            ViewHttpServer http =
                    ViewHttpServer.start(
                            store,
                            catalog,
                            health(store, updater, live),
                            live,
                            config.httpHost(),
                            config.httpPort(),
                            metrics);
            opened.push(http);

            log.info(
                    "Consumer started: reading {} into {}, HTTP on port {}",
                    newsTopicByKafkaTopic.keySet(),
                    store,
                    http.port());
            return new ConsumerApp(config, store, updater, http, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static HealthCheck health(ViewStore store, ViewUpdater updater, LiveUpdates live) {
        return () -> {
            ViewUpdater.Status s = updater.status();
            boolean storeOpen = store.isOpen();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("store", storeOpen ? "open" : "closed");
            details.put("consumer", s.running() ? "running" : "stopped");
            details.put("assigned", s.assigned());
            details.put("partitions", s.assignment().size());
            details.put("storedRecords", s.storedRecords());
            details.put("deadLetters", s.deadLetters());
            details.put("lastError", s.lastError());
            details.put("liveClients", live.clients());
            return new HealthCheck.Health(storeOpen && s.assigned(), details);
        };
    }

    static Map<String, Object> consumerProperties(ConsumerConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(CommonClientConfigs.GROUP_ID_CONFIG, config.groupId());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.groupId() + "-consumer");
        // Only what the processor's transactions committed; the view keeps its own offsets.
        p.put(KafkaConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(KafkaConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Used only when neither the view nor Kafka knows a partition; the view seeks anyway.
        p.put(KafkaConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(KafkaConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        p.put(
                KafkaConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) config.sessionTimeout().toMillis());
        // Kafka's rule: heartbeats at most a third of the session timeout (default 3 s of 45 s).
        p.put(
                KafkaConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.min(3000, config.sessionTimeout().toMillis() / 3));
        return p;
    }

    /** Kafka's consumer settings, under a name that does not clash with ours. */
    private static final class KafkaConsumerConfig {
        static final String ISOLATION_LEVEL_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG;
        static final String ENABLE_AUTO_COMMIT_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
        static final String AUTO_OFFSET_RESET_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;
        static final String MAX_POLL_RECORDS_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG;
        static final String SESSION_TIMEOUT_MS_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;
        static final String HEARTBEAT_INTERVAL_MS_CONFIG =
                org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG;
    }

    static Map<String, Object> producerProperties(ConsumerConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-dead-letters");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A dead letter is sent synchronously before its offset is stored: fail in bounded time.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        return p;
    }

    /** The bound HTTP port (the actual one when configured with 0). */
    public int httpPort() {
        return http.port();
    }

    /** True when the consumer has its assignment and the store is open (what /health reports). */
    public boolean isReady() {
        return store.isOpen() && updater.status().assigned();
    }

    /** The view store this instance reads and writes. */
    public ViewStore store() {
        return store;
    }

    /** The view updater's counters and state. */
    public ViewUpdater.Status status() {
        return updater.status();
    }

    public ConsumerConfig config() {
        return config;
    }

    /** Stops the HTTP server and the poll loop, then closes the producer and the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Stop serving first, then the loop (it owns the consumer), then what the loop used.
        resources.remove(http);
        http.close();
        closeAll(resources);
        log.info("Consumer stopped");
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", c, e);
            }
        }
    }

    /**
     * Runs until interrupted (Ctrl-C, SIGTERM). Configuration: {@code NEWSSTREAM_*} environment
     * variables over an optional properties file. With {@code --rebuild} it drops the view, replays
     * the enriched topics from the beginning with progress on standard output ({@link ViewRebuild})
     * and exits: 0 when caught up, 1 on failure.
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean rebuild = rest.remove("--rebuild");
        if (rest.size() > 1 || rest.stream().anyMatch(a -> a.startsWith("--"))) {
            System.err.println("Usage: ConsumerApp [--rebuild] [consumer.properties]");
            System.exit(2);
        }
        ConsumerConfig config;
        try {
            config =
                    ConsumerConfig.load(
                            rest.size() == 1 ? Path.of(rest.get(0)) : null,
                            Map.of(),
                            System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (rebuild) {
            try {
                ViewRebuild.run(
                        config, System.out::println, Duration.ofSeconds(2), Duration.ofHours(6));
                System.exit(0);
            } catch (RuntimeException e) {
                System.err.println("Rebuild failed: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        ConsumerApp app = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    app.close();
                                    stopped.countDown();
                                },
                                "consumer-shutdown"));
        stopped.await();
    }
}
