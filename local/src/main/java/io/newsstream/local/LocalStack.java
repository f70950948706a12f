package io.newsstream.local;

import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.ConsumerApp;
import io.newsstream.consumer.config.ConsumerConfig;
import io.newsstream.infra.KafkaBroker;
import io.newsstream.infra.KafkaTopicsAdmin;
import io.newsstream.infra.SchemaRegistryProcess;
import io.newsstream.processor.StreamsProcessorApp;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.ProducerApp;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.KafkaTopics;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: a Kafka broker (in this JVM), the schema registry (a child JVM
 * that exits with us), the streams-processor and the consumer (in this JVM), and a producer run
 * over the demo seeds and the user's inputs.
 *
 * <p>State layout under the data directory: {@code kafka/} (broker log), {@code registry/} (schema
 * database, H2 file), {@code processor/} (Kafka Streams state), {@code consumer/} (the view
 * database), {@code producer/published.txt} (inputs already published, so a second run does not
 * publish them again) and {@code logs/}.
 */
final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * @param dataDir root of all state
     * @param httpPort port of the view's HTTP API
     * @param seedsDir the demo seeds, published on first start
     * @param inputs extra files or directories to publish
     */
    record Options(Path dataDir, int httpPort, Path seedsDir, List<String> inputs) {}

    private final Options options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int boundHttpPort = -1;
    private volatile RunResult lastPublish;
    private boolean closed;
    private boolean reprocess;

    LocalStack(Options options) {
        this.options = options;
    }

    /**
     * Starts the processor in re-processing mode ({@code processor.reprocess}): every raw article
     * still retained is enriched again with the current news topics.
     */
    LocalStack reprocess(boolean reprocess) {
        this.reprocess = reprocess;
        return this;
    }

    /** Starts every part in dependency order; throws (after stopping what started) on failure. */
    synchronized void start() throws IOException {
        long t0 = System.currentTimeMillis();
        Path data = options.dataDir();
        log.info("newsstream: starting on this machine (state in {})", data);
        NewsTopicCatalog catalog = NewsTopicCatalog.loadDefault();

        // The registry is a separate JVM: boot it while the broker starts here.
        CompletableFuture<SchemaRegistryProcess> registryStart =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return SchemaRegistryProcess.start(
                                        SchemaRegistryProcess.Options.defaults()
                                                .withDataDir(data.resolve("registry"))
                                                .withLogFile(
                                                        data.resolve("logs")
                                                                .resolve("registry.log")));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
        KafkaBroker broker;
        try {
            broker = KafkaBroker.start(KafkaBroker.Options.at(data.resolve("kafka")));
        } catch (RuntimeException e) {
            registryStart.thenAccept(SchemaRegistryProcess::close);
            throw e;
        }
        running.push(broker);
        SchemaRegistryProcess registry;
        try {
            registry = registryStart.join();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The schema registry did not start: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        running.push(registry);
        log.info(
                "Kafka broker at {}, schema registry at {}",
                broker.bootstrapServers(),
                registry.url());

        List<String> created =
                KafkaTopicsAdmin.createMissing(
                        broker.bootstrapServers(), KafkaTopics.all(catalog.ids()), 1, Map.of());
        if (!created.isEmpty()) {
            log.info("Created Kafka topics {}", created);
        }

        Map<String, String> common =
                Map.of(
                        "kafka.bootstrap.servers", broker.bootstrapServers(),
                        "schema.registry.url", registry.url());

        ProcessorConfig processorConfig =
                ProcessorConfig.from(
                        ConfigSource.load(
                                ProcessorConfig.SETTINGS,
                                null,
                                merge(
                                        common,
                                        Map.of(
                                                ProcessorConfig.STATE_DIR.name(),
                                                data.resolve("processor").toString(),
                                                ProcessorConfig.REPROCESS.name(),
                                                String.valueOf(reprocess))),
                                Map.of()));
        running.push(StreamsProcessorApp.start(processorConfig, Duration.ofSeconds(60)));
        log.info("Streams processor running");

        ConsumerConfig consumerConfig =
                ConsumerConfig.from(
                        ConfigSource.load(
                                ConsumerConfig.SETTINGS,
                                null,
                                merge(
                                        common,
                                        Map.of(
                                                ConsumerConfig.DATA_DIR.name(),
                                                data.resolve("consumer").toString(),
                                                ConsumerConfig.HTTP_HOST.name(),
                                                "127.0.0.1",
                                                ConsumerConfig.HTTP_PORT.name(),
                                                Integer.toString(options.httpPort()))),
                                Map.of()));
        ConsumerApp consumer = ConsumerApp.start(consumerConfig);
        running.push(consumer);
        boundHttpPort = consumer.httpPort();

        publish(data, common);

        String base = "http://localhost:" + boundHttpPort;
        log.info("");
        log.info(
                "newsstream is running (started in {} s):",
                (System.currentTimeMillis() - t0) / 1000);
        log.info("  web page         {}/", base);
        log.info("  news topics      {}/api/topics", base);
        log.info("  articles         {}/api/topics/{}/articles", base, catalog.ids().get(0));
        log.info(
                "  Kafka            {}   (topics: {})",
                broker.bootstrapServers(),
                KafkaTopics.ENRICHED_ALL + ", " + KafkaTopics.ENRICHED_PREFIX + "*");
        log.info("  schema registry  {}", registry.url());
        log.info("  logs             {}", data.resolve("logs"));
        log.info("Press Ctrl-C to stop.");
    }

    private void publish(Path data, Map<String, String> common) throws IOException {
        ProducerAppConfig producerConfig =
                ProducerAppConfig.from(
                        ConfigSource.load(
                                ProducerAppConfig.SETTINGS,
                                null,
                                merge(
                                        common,
                                        Map.of(
                                                ProducerAppConfig.STATE_DIR.name(),
                                                data.resolve("producer")
                                                        .resolve("feeds")
                                                        .toString())),
                                Map.of()));
        PathMatcher articleFiles =
                FileSystems.getDefault().getPathMatcher("glob:" + producerConfig.filePattern());
        PublishLedger ledger = new PublishLedger(data.resolve("producer").resolve("published.txt"));
        List<Path> files = new ArrayList<>(filesIn(options.seedsDir(), articleFiles));
        List<String> urls = new ArrayList<>();
        for (String input : options.inputs()) {
            if (input.matches("(?i)https?://.*")) {
                urls.add(input);
                continue;
            }
            Path p = Path.of(input).toAbsolutePath();
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(
                        "Input "
                                + input
                                + " does not exist: pass article or feed files,"
                                + " directories of them, or http(s) URLs");
            }
            files.addAll(filesIn(p, articleFiles));
        }
        List<Path> todo = files.stream().filter(f -> !ledger.isPublished(f)).toList();
        if (todo.isEmpty() && urls.isEmpty()) {
            log.info(
                    "Nothing new to publish ({} input file(s) already published in an earlier run)",
                    files.size());
            return;
        }
        if (files.size() > todo.size()) {
            log.info("Skipping {} input file(s) already published", files.size() - todo.size());
        }
        List<String> locations = new ArrayList<>();
        todo.forEach(f -> locations.add(f.toString()));
        // URLs are fetched at every start: their items keep their ids (the canonical URL), so
        // the processor drops the ones it has already seen.
        locations.addAll(urls);
        RunResult result = ProducerApp.runLocations(producerConfig, locations);
        lastPublish = result;
        log.info("Producer: {}", result.summary());
        if (result.ok()) {
            todo.forEach(ledger::markPublished);
        } else {
            log.warn(
                    "Some inputs could not be published; they will be retried at the next start."
                            + " Details in {}",
                    data.resolve("logs").resolve("newsstream.log"));
        }
    }

    /** A file itself, or a directory's article and feed files (the producer's file pattern). */
    private static List<Path> filesIn(Path p, PathMatcher articleFiles) throws IOException {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> articleFiles.matches(f.getFileName()))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    int httpPort() {
        return boundHttpPort;
    }

    RunResult lastPublish() {
        return lastPublish;
    }

    /** Blocks until {@link #close()} has run. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops everything that started, newest first; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!running.isEmpty()) {
            log.info("newsstream: stopping...");
        }
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("newsstream: stopped");
        stopped.countDown();
    }
}
