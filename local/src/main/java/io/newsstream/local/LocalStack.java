package io.newsstream.local;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.ConsumerApp;
import io.newsstream.infra.KafkaBroker;
import io.newsstream.infra.KafkaTopicsAdmin;
import io.newsstream.infra.SchemaRegistryProcess;
import io.newsstream.processor.StreamsProcessorApp;
import io.newsstream.producer.ProducerApp;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.DirectoryWatcher;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.PolledFeed;
import io.newsstream.producer.publish.FeedPoller;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: a Kafka broker (in this JVM), the schema registry (a child JVM
 * that exits with us), the streams-processor and the consumer (in this JVM), a producer run over
 * the demo seeds and the user's inputs, and optionally feed polling and a watched directory.
 *
 * <p>Configuration: each application's settings come from its defaults, then the {@code --config}
 * file (each key goes to every application that declares it), then the {@code NEWSSTREAM_*}
 * environment, then what the local run itself decides (bootstrap servers, registry URL, state
 * directories, the HTTP port): those win, and setting them elsewhere is ignored with a warning.
 *
 * <p>Every input (paths, URLs, the feeds file, watched directories, the config and news topics
 * files, the ports) is checked before anything starts: a mistake is an {@link InvalidInput} with a
 * one-line message.
 *
 * <p>State layout under the data directory: {@code kafka/} (broker log), {@code registry/} (schema
 * database, H2 file), {@code processor/} (Kafka Streams state), {@code consumer/} (the view
 * database), {@code producer/published.txt} (input files already published, so a second run does
 * not publish them again), {@code producer/feeds/} (per feed or URL: HTTP validators and the items
 * already seen, as polling keeps them) and {@code logs/}.
 */
final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Stable default ports, so that a user's own client configuration keeps working. */
    static final int DEFAULT_KAFKA_PORT = 9092;

    static final int DEFAULT_REGISTRY_PORT = 8081;

    /** How many rejected inputs the console lists after a one-shot publish. */
    static final int REJECTED_SHOWN = 5;

    /**
     * @param dataDir root of all state
     * @param httpPort port of the view's HTTP API (0: any free port)
     * @param kafkaPort the broker's client port (0: any free port)
     * @param registryPort the schema registry's port (0: any free port)
     * @param seedsDir the demo seeds, published on first start
     * @param inputs extra files, directories or http(s) URLs to publish once
     * @param configFile optional properties file of application settings
     * @param sets {@code --set NAME=VALUE} settings, winning over the file
     * @param feedsFile optional feeds file to poll until stopped
     * @param watchDirs directories whose new article or feed files are published until stopped
     * @param env the environment ({@code NEWSSTREAM_*} settings of the applications)
     */
    record Options(
            Path dataDir,
            int httpPort,
            int kafkaPort,
            int registryPort,
            Path seedsDir,
            List<String> inputs,
            Path configFile,
            Map<String, String> sets,
            Path feedsFile,
            List<Path> watchDirs,
            Map<String, String> env) {

        Options {
            inputs = List.copyOf(inputs);
            sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
            watchDirs = List.copyOf(watchDirs);
            env = Map.copyOf(env);
        }

        /** Any free ports, no config file, feeds or watched directory, an empty environment. */
        Options(Path dataDir, int httpPort, Path seedsDir, List<String> inputs) {
            this(
                    dataDir, httpPort, 0, 0, seedsDir, inputs, null, Map.of(), null, List.of(),
                    Map.of());
        }
    }

    /** A mistake in what the user gave: the message is one line naming it. */
    static final class InvalidInput extends RuntimeException {
        InvalidInput(String message) {
            super(message);
        }

        InvalidInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Options options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int boundHttpPort = -1;
    private volatile String bootstrapServers;
    private volatile String registryUrl;
    private volatile AppSettings settings;
    private volatile RunResult lastPublish;
    private volatile List<DeadLetter> lastRejected = List.of();
    private boolean closed;
    private boolean reprocess;

    LocalStack(Options options) {
        this.options = options;
    }

    /** What {@link #validate()} resolved: the ports, and the inputs split by kind. */
    record Plan(
            int kafkaPort,
            int registryPort,
            AppSettings settings,
            NewsTopicCatalog catalog,
            List<Path> files,
            List<String> urls,
            Path feedsFile) {}

    /**
     * Checks every input before anything starts.
     *
     * @throws InvalidInput naming the first mistake, in one line
     */
    Plan validate() {
        AppSettings settings =
                AppSettings.load(
                        options.configFile(), options.sets(), options.env(), options.dataDir());
        settings.ignored()
                .forEach(
                        name ->
                                log.warn(
                                        "{} is ignored by the local run: {}",
                                        name,
                                        AppSettings.MANAGED_WHY));
        int kafkaPort = Ports.resolve(options.kafkaPort(), "Kafka", "--kafka-port");
        int registryPort =
                Ports.resolve(options.registryPort(), "the schema registry", "--registry-port");
        if (options.httpPort() != 0) {
            Ports.resolve(options.httpPort(), "the view's HTTP API", "--port");
        }
        if (kafkaPort == registryPort) {
            throw new InvalidInput(
                    "--kafka-port and --registry-port are both " + kafkaPort + ": pick two ports");
        }
        // Builds every application's configuration once with the URLs it will get: a bad setting
        // fails here, naming it, before anything starts.
        AppSettings.Configs probe =
                settings.configs(
                        "127.0.0.1:" + kafkaPort,
                        "http://127.0.0.1:" + registryPort + SchemaRegistryProcess.CCOMPAT_PATH,
                        options.httpPort());
        NewsTopicCatalog catalog;
        try {
            catalog = NewsTopicCatalog.load(probe.processor().newsTopicsFile());
        } catch (RuntimeException e) {
            throw new InvalidInput("News topics: " + e.getMessage(), e);
        }
        PathMatcher articleFiles =
                FileSystems.getDefault().getPathMatcher("glob:" + probe.producer().filePattern());
        List<Path> files = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try {
            files.addAll(filesIn(options.seedsDir(), articleFiles));
            List<String> inputs = new ArrayList<>(options.inputs());
            inputs.addAll(probe.producer().inputs());
            for (String input : inputs) {
                if (DocumentSource.isUrl(input)) {
                    try {
                        PolledFeed.parseLine("url = " + input);
                    } catch (RuntimeException e) {
                        throw new InvalidInput("Input " + input + " is not a usable URL", e);
                    }
                    urls.add(input);
                    continue;
                }
                Path p = Path.of(input).toAbsolutePath();
                if (!Files.exists(p)) {
                    throw new InvalidInput(
                            "Input "
                                    + input
                                    + " does not exist: pass article or feed files, directories of"
                                    + " them, or http(s) URLs");
                }
                files.addAll(filesIn(p, articleFiles));
            }
            for (Path dir : options.watchDirs()) {
                if (!Files.isDirectory(dir)) {
                    throw new InvalidInput("--watch " + dir + " is not a directory");
                }
            }
        } catch (IOException e) {
            throw new InvalidInput("Cannot read an input: " + e.getMessage(), e);
        }
        Path feedsFile =
                options.feedsFile() != null ? options.feedsFile() : probe.producer().feedsFile();
        if (feedsFile != null) {
            try {
                PolledFeed.readFile(feedsFile);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(e.getMessage(), e);
            }
        }
        return new Plan(
                kafkaPort,
                registryPort,
                settings,
                catalog,
                List.copyOf(files),
                List.copyOf(urls),
                feedsFile);
    }

    /**
     * Starts the processor in re-processing mode ({@code processor.reprocess}): every raw article
     * still retained is enriched again with the current news topics.
     */
    LocalStack reprocess(boolean reprocess) {
        this.reprocess = reprocess;
        return this;
    }

    /**
     * Validates, then starts every part in dependency order; throws (after stopping what started)
     * on failure.
     *
     * @throws InvalidInput when an input is wrong (nothing has started then)
     */
    synchronized void start() throws IOException {
        long t0 = System.currentTimeMillis();
        Path data = options.dataDir();
        Plan plan = validate();
        settings = plan.settings();
        log.info("newsstream: starting on this machine (state in {})", data);

        // The registry is a separate JVM: boot it while the broker starts here.
        CompletableFuture<SchemaRegistryProcess> registryStart =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return SchemaRegistryProcess.start(
                                        SchemaRegistryProcess.Options.defaults()
                                                .withPort(plan.registryPort())
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
            broker =
                    KafkaBroker.start(
                            KafkaBroker.Options.at(data.resolve("kafka"))
                                    .withPort(plan.kafkaPort()));
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
        bootstrapServers = broker.bootstrapServers();
        registryUrl = registry.url();
        log.info("Kafka broker at {}, schema registry at {}", bootstrapServers, registryUrl);

        List<String> created =
                KafkaTopicsAdmin.createMissing(
                        bootstrapServers, KafkaTopics.all(plan.catalog().ids()), 1, Map.of());
        if (!created.isEmpty()) {
            log.info("Created Kafka topics {}", created);
        }

        AppSettings.Configs configs =
                plan.settings()
                        .configs(bootstrapServers, registryUrl, options.httpPort(), reprocess);
        running.push(StreamsProcessorApp.start(configs.processor(), Duration.ofSeconds(60)));
        log.info("Streams processor running");

        ConsumerApp consumer = ConsumerApp.start(configs.consumer());
        running.push(consumer);
        boundHttpPort = consumer.httpPort();

        publish(plan, configs.producer());
        if (plan.feedsFile() != null) {
            startPolling(plan.feedsFile());
        }
        if (!options.watchDirs().isEmpty()) {
            startWatching(configs.producer());
        }

        String base = "http://localhost:" + boundHttpPort;
        log.info("");
        log.info(
                "newsstream is running (started in {} s):",
                (System.currentTimeMillis() - t0) / 1000);
        log.info("  web page         {}/", base);
        log.info("  news topics      {}/api/topics", base);
        log.info("  articles         {}/api/topics/{}/articles", base, plan.catalog().ids().get(0));
        log.info(
                "  Kafka            {}   (topics: {})",
                bootstrapServers,
                KafkaTopics.ENRICHED_ALL + ", " + KafkaTopics.ENRICHED_PREFIX + "*");
        log.info("  schema registry  {}", registryUrl);
        log.info("  subscribe        ./newsstream tail {}", KafkaTopics.ENRICHED_ALL);
        if (plan.feedsFile() != null) {
            log.info("  polling feeds    {}", plan.feedsFile());
        }
        for (Path dir : options.watchDirs()) {
            log.info("  watching         {}", dir);
        }
        log.info("  logs             {}", data.resolve("logs"));
        log.info("Press Ctrl-C to stop.");
    }

    /** Publishes the input files not published before, and the URLs that changed. */
    private void publish(Plan plan, ProducerAppConfig producerConfig) throws IOException {
        Path data = options.dataDir();
        PublishLedger ledger = new PublishLedger(data.resolve("producer").resolve("published.txt"));
        List<Path> files = plan.files();
        List<Path> todo = files.stream().filter(f -> !ledger.isPublished(f)).toList();
        if (files.size() > todo.size()) {
            log.info("Skipping {} input file(s) already published", files.size() - todo.size());
        }
        if (todo.isEmpty() && plan.urls().isEmpty()) {
            log.info("Nothing new to publish");
            return;
        }
        RejectedInputs rejected =
                RejectedInputs.from(
                        producerConfig.clients(), producerConfig.deadLettersKafkaTopic());
        List<RunResult> results = new ArrayList<>();
        if (!todo.isEmpty()) {
            RunResult result =
                    ProducerApp.runLocations(
                            producerConfig, todo.stream().map(Path::toString).toList());
            results.add(result);
            if (result.ok()) {
                todo.forEach(ledger::markPublished);
            }
        }
        if (!plan.urls().isEmpty()) {
            results.add(publishUrls(producerConfig, plan.urls()));
        }
        RunResult result = RunResult.sum(results);
        lastPublish = result;
        log.info("Producer: {}", result.summary());
        Path logFile = data.resolve("logs").resolve("newsstream.log");
        if (result.deadLettered() > 0) {
            lastRejected = rejected.read("producer", Duration.ofSeconds(10));
            log.warn("{} input(s) rejected:", lastRejected.size());
            lastRejected.stream()
                    .limit(REJECTED_SHOWN)
                    .forEach(d -> log.warn("  {}: {}", d.getSource(), d.getReason()));
            if (lastRejected.size() > REJECTED_SHOWN) {
                log.warn("  ... and {} more", lastRejected.size() - REJECTED_SHOWN);
            }
            log.warn(
                    "  (every reason: {}, or ./newsstream tail {} --from-beginning)",
                    logFile,
                    producerConfig.deadLettersKafkaTopic());
        }
        if (!result.ok()) {
            log.warn(
                    "Some inputs could not be published; they will be retried at the next start."
                            + " Details in {}",
                    logFile);
        }
    }

    /**
     * URLs given on the command line are polled once, as feeds are: a conditional GET with the
     * validators kept under {@code producer/feeds/}, and only items not seen before are published.
     */
    private RunResult publishUrls(ProducerAppConfig producerConfig, List<String> urls)
            throws IOException {
        Path urlsFile = options.dataDir().resolve("producer").resolve("urls.feeds");
        Files.createDirectories(urlsFile.getParent());
        StringBuilder lines = new StringBuilder("# URLs given to ./newsstream local (rewritten)\n");
        urls.stream().distinct().forEach(u -> lines.append("url = ").append(u).append('\n'));
        Files.writeString(urlsFile, lines.toString());
        ProducerAppConfig config = feedsConfig(urlsFile);
        List<RunResult> results = new ArrayList<>();
        try (ProducerApp.Polling polling = ProducerApp.polling(config)) {
            for (FeedPoller.PollResult r : polling.pollAllOnce()) {
                log.info("{}: {}", r.feedId(), r.outcome());
                if (r.run() != null) {
                    results.add(r.run());
                }
            }
        }
        return RunResult.sum(results);
    }

    private void startPolling(Path feedsFile) {
        ProducerApp.Polling polling = ProducerApp.polling(feedsConfig(feedsFile));
        Thread t = new Thread(polling::run, "newsstream-feeds");
        t.setDaemon(true);
        t.start();
        running.push(
                () -> {
                    polling.stop();
                    t.join(10_000);
                    polling.close();
                });
        log.info("Polling the feeds of {}", feedsFile);
    }

    /** The producer's configuration with the given feeds file (polling mode). */
    private ProducerAppConfig feedsConfig(Path feedsFile) {
        return settings.producer(
                bootstrapServers,
                registryUrl,
                Map.of(ProducerAppConfig.FEEDS_FILE.name(), feedsFile.toString()));
    }

    /** Publishes files that arrive in the watched directories (and were not published before). */
    private void startWatching(ProducerAppConfig producerConfig) {
        PublishLedger ledger =
                new PublishLedger(options.dataDir().resolve("producer").resolve("published.txt"));
        DirectoryWatcher watcher =
                new DirectoryWatcher(
                        options.watchDirs(), producerConfig.filePattern(), Duration.ofMillis(500));
        AtomicBoolean stop = new AtomicBoolean();
        Thread t =
                new Thread(
                        () -> {
                            while (!stop.get()) {
                                try {
                                    List<Path> arrived =
                                            watcher.poll(Duration.ofMillis(250)).stream()
                                                    .filter(f -> !ledger.isPublished(f))
                                                    .toList();
                                    if (arrived.isEmpty()) {
                                        continue;
                                    }
                                    RunResult r =
                                            ProducerApp.runLocations(
                                                    producerConfig,
                                                    arrived.stream().map(Path::toString).toList());
                                    log.info("Watched directory: {}", r.summary());
                                    if (r.ok()) {
                                        arrived.forEach(ledger::markPublished);
                                    }
                                } catch (InterruptedException e) {
                                    return;
                                } catch (RuntimeException e) {
                                    log.error("Publishing watched files failed: {}", e.toString());
                                }
                            }
                        },
                        "newsstream-watch");
        t.setDaemon(true);
        t.start();
        running.push(
                () -> {
                    stop.set(true);
                    t.join(10_000);
                    watcher.close();
                });
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

    /** The inputs the last one-shot publish rejected (its dead letters), oldest first. */
    List<DeadLetter> lastRejected() {
        return lastRejected;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String registryUrl() {
        return registryUrl;
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
        boolean anything = !running.isEmpty();
        if (anything) {
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
        if (anything) {
            log.info("newsstream: stopped");
        }
        stopped.countDown();
    }
}
