package io.newsstream.producer;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.SettingsTable;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.ArticleSource;
import io.newsstream.producer.feed.DirectoryWatcher;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.PolledFeed;
import io.newsstream.producer.feed.ReadabilityPages;
import io.newsstream.producer.publish.FeedPoller;
import io.newsstream.producer.publish.KafkaPublisher;
import io.newsstream.producer.publish.PublishRun;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.schemas.serde.SchemaRegistryException;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer application: reads article files and publishes them.
 *
 * <p>Kafka topics written: the raw-articles topic ({@code news.articles.raw} by default; key:
 * article id, value: {@code RawArticle}) and the dead-letter topic ({@code news.deadletter}; key:
 * the input's path, value: {@code DeadLetter}) for inputs that are not articles. Re-publishing the
 * same file gives the same key and id, so downstream de-duplication by id makes re-runs idempotent.
 * Keeps no state.
 *
 * <p>In-process use (the local launcher): {@link #run(ProducerAppConfig, List)} returns the counts
 * and failures. Command line: {@code ProducerApp [--config FILE] [--set NAME=VALUE]...
 * [FILE|DIR|URL]...}; exit status 0 when everything was published, 3 when some inputs were
 * dead-lettered, 1 when records failed or the run stopped, 2 on a usage or configuration error.
 */
public final class ProducerApp {

    private static final Logger log = LoggerFactory.getLogger(ProducerApp.class);

    /** Exit status: every input published. */
    public static final int EXIT_OK = 0;

    /** Exit status: some records were not written, or the run stopped early. */
    public static final int EXIT_FAILURES = 1;

    /** Exit status: bad arguments or configuration. */
    public static final int EXIT_USAGE = 2;

    /**
     * Exit status: every record was written, but some inputs were not articles and went to the
     * dead-letter topic (malformed, unsupported encoding, empty, too large, unreachable...). The
     * default of {@code producer.dead-letters-exit-status}, which docker-compose sets to 0.
     */
    public static final int EXIT_DEAD_LETTERS = 3;

    private ProducerApp() {}

    /** Publishes the configured inputs ({@code producer.inputs}). */
    public static RunResult run(ProducerAppConfig config) {
        return runLocations(config, config.inputs());
    }

    /**
     * Publishes the files the inputs name (files, or directories standing for their files matching
     * {@code producer.file-pattern}, sorted), with a registry client of its own. Each file is read
     * as its {@code producer.feed-type} says (by default: RSS/Atom when it is one, else an article
     * text file).
     *
     * @throws IllegalArgumentException when an input does not exist or a feed type is unknown
     */
    public static RunResult run(ProducerAppConfig config, List<Path> inputs) {
        return runLocations(config, inputs.stream().map(Path::toString).toList());
    }

    /**
     * Publishes what the locations name: files, directories (their matching files, sorted) and
     * http(s) URLs, each fetched once. Unreachable URLs and unreadable documents are dead-lettered
     * and the run goes on.
     *
     * @throws IllegalArgumentException when a path does not exist or a feed type is unknown
     */
    public static RunResult runLocations(ProducerAppConfig config, List<String> locations) {
        FeedTypes types = feedTypes(config);
        try (DocumentSource source =
                        new DocumentSource(
                                DocumentSource.expand(locations, config.filePattern()),
                                types,
                                config.feedType(),
                                feedContext(config, config.outlet()),
                                httpFetcher(config),
                                config.maxDocumentBytes(),
                                config.readThreads());
                AvroSerdes serdes = AvroSerdes.forUrl(config.schemaRegistryUrl())) {
            return run(config, source, serdes);
        }
    }

    /** The feed types: built-in, service-loaded and configured ({@code producer.feed-types}). */
    public static FeedTypes feedTypes(ProducerAppConfig config) {
        FeedTypes types =
                FeedTypes.load(config.feedTypes(), Thread.currentThread().getContextClassLoader());
        if (!types.knows(config.feedType())) {
            types.get(config.feedType()); // throws, naming the known types
        }
        return types;
    }

    /** The HTTP client settings of the configuration. */
    public static HttpFetcher httpFetcher(ProducerAppConfig config) {
        return new HttpFetcher(config.httpTimeout(), config.maxDocumentBytes());
    }

    /** The context feed types get: the outlet, and a page fetcher when pages are fetched. */
    public static FeedContext feedContext(ProducerAppConfig config, String outlet) {
        return new FeedContext(
                outlet,
                config.fetchLinkedPages() ? new ReadabilityPages(httpFetcher(config)) : null);
    }

    /**
     * Publishes everything the source yields, using the given serdes. Neither is closed here (the
     * caller may share the registry client); the Kafka producers are created and closed here.
     */
    public static RunResult run(ProducerAppConfig config, ArticleSource source, AvroSerdes serdes) {
        log.info(
                "Publishing {} input(s) of type {} to {} (dead letters to {}) on {}",
                source.expectedCount() >= 0 ? source.expectedCount() : "an unknown number of",
                source.sourceType(),
                config.rawArticlesKafkaTopic(),
                config.deadLettersKafkaTopic(),
                config.bootstrapServers());
        awaitSchemas(config, serdes);
        try (KafkaPublisher<RawArticle> raw =
                        KafkaPublisher.rawArticles(
                                config.bootstrapServers(),
                                config.clientId() + "-raw",
                                config.rawArticlesKafkaTopic(),
                                serdes.serde(RawArticle.class, false).serializer());
                KafkaPublisher<DeadLetter> deadLetters =
                        KafkaPublisher.deadLetters(
                                config.bootstrapServers(),
                                config.clientId() + "-dead-letters",
                                config.deadLettersKafkaTopic(),
                                serdes.serde(DeadLetter.class, false).serializer())) {
            return new PublishRun(
                            raw,
                            deadLetters,
                            config.feedId(),
                            config.progressEvery(),
                            Clock.systemUTC())
                    .publish(source);
        }
    }

    /**
     * Registers the value schemas of both Kafka topics the producer writes, retrying with back-off
     * while the schema registry is unavailable, for at most {@code producer.registry-wait}. Once
     * registered they are cached by {@code serdes}, so a registry outage later in the run does not
     * fail a record; nor is any input dead-lettered because the registry was down.
     *
     * @throws SchemaRegistryException when the registry stays unavailable for the whole wait, or
     *     refuses a schema
     */
    public static void awaitSchemas(ProducerAppConfig config, AvroSerdes serdes) {
        long deadline = System.nanoTime() + config.registryWait().toNanos();
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                serdes.registerValueSchema(config.rawArticlesKafkaTopic(), RawArticle.class);
                serdes.registerValueSchema(config.deadLettersKafkaTopic(), DeadLetter.class);
                if (attempt > 1) {
                    log.info(
                            "Schema registry at {} is available again", config.schemaRegistryUrl());
                }
                return;
            } catch (SchemaRegistryUnavailableException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.error(
                            "Giving up: the schema registry at {} stayed unavailable for {} ({}"
                                    + " attempts). Start it (or fix {}) and run the producer again;"
                                    + " nothing was published.",
                            config.schemaRegistryUrl(),
                            config.registryWait(),
                            attempt,
                            ProducerAppConfig.SCHEMA_REGISTRY_URL.envVar());
                    throw e;
                }
                log.error(
                        "The schema registry at {} is unavailable (attempt {}): {} Nothing is"
                                + " published or dead-lettered until it answers; retrying in {} s"
                                + " (giving up after {}, {}). Check that it is running and that {}"
                                + " points at it.",
                        config.schemaRegistryUrl(),
                        attempt,
                        e.getMessage(),
                        backoff.toSeconds(),
                        config.registryWait(),
                        ProducerAppConfig.REGISTRY_WAIT.envVar(),
                        ProducerAppConfig.SCHEMA_REGISTRY_URL.envVar());
                try {
                    Thread.sleep(Math.min(backoff.toMillis(), Math.max(1, left / 1_000_000)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff =
                        backoff.multipliedBy(2).compareTo(MAX_REGISTRY_BACKOFF) > 0
                                ? MAX_REGISTRY_BACKOFF
                                : backoff.multipliedBy(2);
            }
        }
    }

    private static final Duration MAX_REGISTRY_BACKOFF = Duration.ofSeconds(15);

    /**
     * Polling mode over the feeds file ({@code producer.feeds-file}): opens the Kafka producers and
     * the registry client; {@link Polling#run()} polls until {@link Polling#stop()}, {@link
     * Polling#pollAllOnce()} polls each feed once. Close it to release everything.
     *
     * @throws IllegalArgumentException when no feeds file is set, it has mistakes, or names an
     *     unknown feed type
     */
    public static Polling polling(ProducerAppConfig config) {
        if (config.feedsFile() == null) {
            throw new IllegalArgumentException(
                    "Polling needs a feeds file: set "
                            + ProducerAppConfig.FEEDS_FILE.name()
                            + " ("
                            + ProducerAppConfig.FEEDS_FILE.envVar()
                            + ") or pass --feeds FILE.");
        }
        List<PolledFeed> feeds = PolledFeed.readFile(config.feedsFile());
        FeedTypes types = feedTypes(config);
        return new Polling(config, feeds, types);
    }

    /** A polling producer: see {@link #polling(ProducerAppConfig)}. */
    public static final class Polling implements AutoCloseable {
        private final AvroSerdes serdes;
        private final KafkaPublisher<RawArticle> raw;
        private final KafkaPublisher<DeadLetter> deadLetters;
        private final FeedPoller poller;

        private Polling(ProducerAppConfig config, List<PolledFeed> feeds, FeedTypes types) {
            this.serdes = AvroSerdes.forUrl(config.schemaRegistryUrl());
            awaitSchemas(config, serdes);
            this.raw =
                    KafkaPublisher.rawArticles(
                            config.bootstrapServers(),
                            config.clientId() + "-raw",
                            config.rawArticlesKafkaTopic(),
                            serdes.serde(RawArticle.class, false).serializer());
            this.deadLetters =
                    KafkaPublisher.deadLetters(
                            config.bootstrapServers(),
                            config.clientId() + "-dead-letters",
                            config.deadLettersKafkaTopic(),
                            serdes.serde(DeadLetter.class, false).serializer());
            this.poller =
                    new FeedPoller(
                            feeds,
                            types,
                            f ->
                                    feedContext(
                                            config,
                                            f.outlet() != null ? f.outlet() : config.outlet()),
                            httpFetcher(config),
                            raw,
                            deadLetters,
                            config.stateDir(),
                            config.progressEvery(),
                            config.pollMaxBackoff(),
                            Clock.systemUTC());
        }

        /** Polls each feed once. */
        public List<FeedPoller.PollResult> pollAllOnce() {
            return poller.pollAllOnce();
        }

        /** Polls each feed at its interval until {@link #stop()}. */
        public void run() {
            poller.run();
        }

        public void stop() {
            poller.stop();
        }

        @Override
        public void close() {
            poller.stop();
            raw.close();
            deadLetters.close();
            serdes.close();
        }
    }

    /**
     * Watch mode: publishes the locations once, then every file that arrives in the directories
     * among them (matching {@code producer.file-pattern}), until {@code stop} is counted down.
     *
     * @return the totals of every run
     */
    public static RunResult watch(
            ProducerAppConfig config, List<String> locations, CountDownLatch stop) {
        List<Path> dirs =
                locations.stream()
                        .filter(l -> !DocumentSource.isUrl(l))
                        .map(Path::of)
                        .filter(Files::isDirectory)
                        .toList();
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException(
                    "Watch mode needs at least one directory among the inputs.");
        }
        FeedTypes types = feedTypes(config);
        HttpFetcher fetcher = httpFetcher(config);
        FeedContext context = feedContext(config, config.outlet());
        List<RunResult> results = new ArrayList<>();
        try (DirectoryWatcher watcher =
                        new DirectoryWatcher(dirs, config.filePattern(), Duration.ofMillis(500));
                AvroSerdes serdes = AvroSerdes.forUrl(config.schemaRegistryUrl())) {
            List<String> batch = DocumentSource.expand(locations, config.filePattern());
            log.info("Watching {} for new files matching {}", dirs, config.filePattern());
            while (true) {
                if (!batch.isEmpty()) {
                    try (DocumentSource source =
                            new DocumentSource(
                                    batch,
                                    types,
                                    config.feedType(),
                                    context,
                                    fetcher,
                                    config.maxDocumentBytes(),
                                    config.readThreads())) {
                        results.add(run(config, source, serdes));
                    }
                }
                if (stop.getCount() == 0) {
                    break;
                }
                try {
                    batch =
                            watcher.poll(Duration.ofMillis(250)).stream()
                                    .map(Path::toString)
                                    .toList();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return RunResult.sum(results);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.err));
    }

    /** The command line, minus {@code System.exit}: returns the exit status. */
    static int execute(String[] args, Map<String, String> env, PrintStream err) {
        Path configFile = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        String mode = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                err.print(usage());
                return EXIT_OK;
            } else if (a.equals("--poll")) {
                mode = "poll";
            } else if (a.equals("--poll-once")) {
                mode = "poll-once";
            } else if (a.equals("--watch")) {
                overrides.put(ProducerAppConfig.WATCH.name(), "true");
            } else if (a.equals("--feeds") && i + 1 < args.length) {
                overrides.put(ProducerAppConfig.FEEDS_FILE.name(), args[++i]);
                mode = mode == null ? "poll" : mode;
            } else if (a.equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (a.equals("--set") && i + 1 < args.length) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    err.println("--set needs NAME=VALUE, got '" + kv + "'\n" + usage());
                    return EXIT_USAGE;
                }
                overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else if (a.startsWith("--") && !a.equals("--")) {
                err.println("Unknown option '" + a + "'\n" + usage());
                return EXIT_USAGE;
            } else if (!a.equals("--")) {
                inputs.add(a);
            }
        }
        ProducerAppConfig config;
        try {
            config = ProducerAppConfig.load(configFile, overrides, env);
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (mode == null && config.feedsFile() != null && inputs.isEmpty()) {
            mode = "poll";
        }
        if (mode != null) {
            return poll(config, mode.equals("poll-once"), err);
        }
        List<String> toRead = inputs.isEmpty() ? config.inputs() : inputs;
        if (toRead.isEmpty()) {
            err.println(
                    "No inputs: give article files or directories as arguments, or set "
                            + ProducerAppConfig.INPUTS.name()
                            + " ("
                            + ProducerAppConfig.INPUTS.envVar()
                            + ").\n"
                            + usage());
            return EXIT_USAGE;
        }
        RunResult result;
        try {
            if (config.watch()) {
                CountDownLatch stop = new CountDownLatch(1);
                Thread main = Thread.currentThread();
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            stop.countDown();
                                            try {
                                                main.join(10_000);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                        }));
                result = watch(config, toRead, stop);
            } else {
                result = runLocations(config, toRead);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            log.error("Producer run failed", e);
            err.println("newsstream producer FAILED: " + e);
            return EXIT_FAILURES;
        }
        if (result.ok() && result.deadLettered() == 0) {
            err.println("newsstream producer: " + result.summary());
            return EXIT_OK;
        }
        if (result.ok()) {
            err.println(
                    "newsstream producer: "
                            + result.deadLettered()
                            + " input(s) were not articles and went to the dead-letter topic: "
                            + result.summary()
                            + ". See the log (\"dead-lettered\") or the dead-letter topic for each"
                            + " reason.");
            return config.deadLettersExitStatus();
        }
        err.println(
                "newsstream producer FAILED: "
                        + (result.failures().size() + result.notRead())
                        + " failure(s): "
                        + result.summary()
                        + ". See the log for each failed record.");
        return EXIT_FAILURES;
    }

    private static int poll(ProducerAppConfig config, boolean once, PrintStream err) {
        Polling polling;
        try {
            polling = polling(config);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (SchemaRegistryException e) {
            err.println("newsstream producer FAILED: " + e.getMessage());
            return EXIT_FAILURES;
        }
        try (polling) {
            if (once) {
                List<FeedPoller.PollResult> results = polling.pollAllOnce();
                long failed =
                        results.stream()
                                .filter(
                                        r ->
                                                r.outcome() == FeedPoller.Outcome.FAILED
                                                        || r.run() != null && !r.run().ok())
                                .count();
                int published = results.stream().mapToInt(FeedPoller.PollResult::published).sum();
                if (failed > 0) {
                    err.println(
                            "newsstream producer FAILED: "
                                    + failed
                                    + " of "
                                    + results.size()
                                    + " feed(s) failed; "
                                    + published
                                    + " articles published. See the log.");
                    return EXIT_FAILURES;
                }
                err.println(
                        "newsstream producer: "
                                + results.size()
                                + " feed(s) polled, "
                                + published
                                + " articles published");
                return EXIT_OK;
            }
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        polling.stop();
                                        try {
                                            done.await(10, java.util.concurrent.TimeUnit.SECONDS);
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    }));
            try {
                polling.run();
            } finally {
                done.countDown();
            }
            return EXIT_OK;
        } catch (RuntimeException e) {
            log.error("Polling failed", e);
            err.println("newsstream producer FAILED: " + e);
            return EXIT_FAILURES;
        }
    }

    static String usage() {
        return "Usage: ProducerApp [--config FILE] [--set NAME=VALUE]... [--watch] [FILE|DIR|URL]...\n"
                + "       ProducerApp [--config FILE] [--set NAME=VALUE]... --feeds FEEDS_FILE"
                + " [--poll|--poll-once]\n"
                + "Publishes article text files and RSS/Atom feeds (a directory stands for its"
                + " files matching producer.file-pattern, sorted; URLs are fetched once) as"
                + " RawArticle events; inputs that are not articles go to the dead-letter topic."
                + " --watch keeps publishing files that arrive in the directories; --feeds polls"
                + " the feeds of the file until stopped (--poll-once: each once).\n"
                + "Exit status: 0 all published, 3 some inputs dead-lettered, 1 records not"
                + " written, 2 usage or configuration error.\nSettings (environment variables win):\n"
                + SettingsTable.markdown(ProducerAppConfig.SETTINGS);
    }
}
