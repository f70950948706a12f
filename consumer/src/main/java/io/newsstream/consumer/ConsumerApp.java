package io.newsstream.consumer;

import io.newsstream.common.cli.AppCommand;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.http.HealthCheck;
import io.newsstream.consumer.http.LiveUpdates;
import io.newsstream.consumer.http.ViewHttpServer;
import io.newsstream.consumer.metrics.Metrics;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.consumer.view.ViewDatabase;
import io.newsstream.consumer.view.ViewStore;
import io.newsstream.consumer.view.ViewUpdater;
import io.newsstream.schemas.PipelineTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    private final ViewAppConfig config;
    private final ViewStore store;
    private final ViewUpdater updater;
    private final ViewHttpServer http;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private ConsumerApp(
            ViewAppConfig config,
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
    public static ConsumerApp start(ViewAppConfig config) {
        return start(config, TransactionHook.NONE);
    }

    /**
     * As {@link #start(ViewAppConfig)}, with a hook around every store transaction: the seam crash
     * tests use to stop the application between the row write and the commit.
     */
    public static ConsumerApp start(ViewAppConfig config, TransactionHook hook) {
        // Closed in reverse order of opening, on failure here or in close().
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            NewsTopicCatalog catalog = NewsTopicCatalog.load(config.newsTopicsFile());
            Map<String, String> newsTopicByKafkaTopic = config.newsTopicByKafkaTopic(catalog);

            JdbcViewStore store = new JdbcViewStore(ViewDatabase.open(config), hook);
            opened.push(store);

            AvroSerdes serdes =
                    AvroSerdes.forRegistry(config.schemaRegistryUrl(), config.clients().registry());
            opened.push(serdes);
            PipelineTopics topics = new PipelineTopics(config.topics(), serdes);

            KafkaProducer<String, DeadLetter> deadLetters =
                    new KafkaProducer<>(
                            producerProperties(config),
                            topics.deadLetters().keySerializer(),
                            topics.deadLetters().valueSerializer());
            opened.push(deadLetters);

            KafkaConsumer<String, Object> consumer =
                    new KafkaConsumer<>(
                            consumerProperties(config),
                            new StringDeserializer(),
                            ViewUpdater.valueDeserializer(
                                    config.duplicatesKafkaTopic(),
                                    topics.unclassified().valueDeserializer(),
                                    // also when topic.duplicates is empty: null then
                                    serdes.serde(DuplicateLink.class, false).deserializer()));
            ViewUpdater updater =
                    new ViewUpdater(
                            consumer,
                            deadLetters,
                            store,
                            newsTopicByKafkaTopic,
                            config.duplicatesKafkaTopic(),
                            config.deadLettersKafkaTopic(),
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

    static Map<String, Object> consumerProperties(ViewAppConfig config) {
        Map<String, Object> p = config.clients().kafkaProperties(Map.of());
        p.put(CommonClientConfigs.GROUP_ID_CONFIG, config.groupId());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.groupId() + "-consumer");
        // Only what the processor's transactions committed; the view keeps its own offsets.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Used only when neither the view nor Kafka knows a partition; the view seeks anyway.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        // Kafka's rule: heartbeats at most a third of the session timeout (default 3 s of 45 s).
        p.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.min(3000, config.sessionTimeout().toMillis() / 3));
        return p;
    }

    static Map<String, Object> producerProperties(ViewAppConfig config) {
        Map<String, Object> p = config.clients().kafkaProperties(Map.of());
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

    public ViewAppConfig config() {
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
     * Runs until interrupted (Ctrl-C, SIGTERM): {@code consumer [--config FILE] [--set
     * NAME=VALUE]... [--rebuild]}. With {@code --rebuild} it drops the view, replays the enriched
     * topics from the beginning with progress on standard output ({@link ViewRebuild}) and exits: 0
     * when caught up, 1 on failure.
     */
    public static void main(String[] args) {
        AppCommand.main(new Cli(), args);
    }

    /** The command line of the view. */
    @Command(
            name = "consumer",
            description =
                    "Keeps the topic-aware view of the enriched topics and serves it over HTTP.")
    static final class Cli extends AppCommand {
        @Option(
                names = "--rebuild",
                description =
                        "Drop the view, replay the enriched topics from the beginning, and exit"
                                + " when caught up.")
        boolean rebuild;

        @Override
        protected List<Setting> settings() {
            return ViewAppConfig.SETTINGS;
        }

        @Override
        protected int run(ConfigSource settings) throws InterruptedException {
            ViewAppConfig config = ViewAppConfig.from(settings);
            if (rebuild) {
                ViewRebuild.run(
                        config, System.out::println, Duration.ofSeconds(2), Duration.ofHours(6));
                return EXIT_OK;
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
            return EXIT_OK;
        }
    }
}
