package io.newsstream.producer;

import io.newsstream.common.cli.AppCommand;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.retry.RetryPolicy;
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
import io.newsstream.schemas.PipelineTopics;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    public static final int EXIT_OK = AppCommand.EXIT_OK;

    /** Exit status: some records were not written, or the run stopped early. */
    public static final int EXIT_FAILURES = AppCommand.EXIT_FAILURE;

    /** Exit status: bad arguments or configuration. */
    public static final int EXIT_USAGE = AppCommand.EXIT_USAGE;

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
        try (DocumentSource source = documents(config, locations);
                AvroSerdes serdes = serdes(config)) {
            return run(config, source, serdes);
        }
    }

    /**
     * The documents the locations name (directories as their files matching {@code
     * producer.file-pattern}), read with the configured feed types, outlet, page fetching and size
     * limit: what {@link #runLocations} publishes.
     *
     * @throws IllegalArgumentException when a path does not exist or a feed type is unknown
     */
    public static DocumentSource documents(ProducerAppConfig config, List<String> locations) {
        return new DocumentSource(
                DocumentSource.expand(locations, config.filePattern()),
                feedTypes(config),
                config.feedType(),
                feedContext(config, config.outlet()),
                httpFetcher(config),
                config.maxDocumentBytes(),
                config.readThreads());
    }

    /** The Avro serde factory of the configured registry and its {@code registry.*} settings. */
    static AvroSerdes serdes(ProducerAppConfig config) {
        return AvroSerdes.forRegistry(config.schemaRegistryUrl(), config.clients().registry());
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
                                config.clients(),
                                config.clientId() + "-raw",
                                new PipelineTopics(config.topics(), serdes).rawArticles());
                KafkaPublisher<DeadLetter> deadLetters =
                        KafkaPublisher.deadLetters(
                                config.clients(),
                                config.clientId() + "-dead-letters",
                                new PipelineTopics(config.topics(), serdes).deadLetters())) {
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
        AtomicInteger attempts = new AtomicInteger();
        try {
            REGISTRY_RETRY.call(
                    "register schemas",
                    Integer.MAX_VALUE,
                    e ->
                            e instanceof SchemaRegistryUnavailableException
                                    && System.nanoTime() < deadline,
                    (attempt, e, wait) ->
                            log.error(
                                    "The schema registry at {} is unavailable (attempt {}): {}"
                                            + " Nothing is published or dead-lettered until it"
                                            + " answers; retrying in {} s (giving up after {}, {})."
                                            + " Check that it is running and that {} points at it.",
                                    config.schemaRegistryUrl(),
                                    attempt,
                                    e.getMessage(),
                                    wait.toSeconds(),
                                    config.registryWait(),
                                    ProducerAppConfig.REGISTRY_WAIT.envVar(),
                                    SharedSettings.REGISTRY_URL.envVar()),
                    () -> {
                        attempts.incrementAndGet();
                        PipelineTopics topics = new PipelineTopics(config.topics(), serdes);
                        serdes.registerValueSchema(topics.rawArticles().name(), RawArticle.class);
                        serdes.registerValueSchema(topics.deadLetters().name(), DeadLetter.class);
                        return null;
                    });
        } catch (SchemaRegistryUnavailableException e) {
            log.error(
                    "Giving up: the schema registry at {} stayed unavailable for {} ({}"
                            + " attempts). Start it (or fix {}) and run the producer again;"
                            + " nothing was published.",
                    config.schemaRegistryUrl(),
                    config.registryWait(),
                    attempts.get(),
                    SharedSettings.REGISTRY_URL.envVar());
            throw e;
        }
        if (attempts.get() > 1) {
            log.info("Schema registry at {} is available again", config.schemaRegistryUrl());
        }
    }

    /** Back-off while the registry is down at start-up: 1 s doubling to 15 s, with jitter. */
    private static final RetryPolicy REGISTRY_RETRY =
            RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(15));

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
            this.serdes = serdes(config);
            awaitSchemas(config, serdes);
            this.raw =
                    KafkaPublisher.rawArticles(
                            config.clients(),
                            config.clientId() + "-raw",
                            new PipelineTopics(config.topics(), serdes).rawArticles());
            this.deadLetters =
                    KafkaPublisher.deadLetters(
                            config.clients(),
                            config.clientId() + "-dead-letters",
                            new PipelineTopics(config.topics(), serdes).deadLetters());
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
                AvroSerdes serdes = serdes(config)) {
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
        AppCommand.main(new Cli(), args);
    }

    /** The command line, minus {@code System.exit}: returns the exit status; help goes to err. */
    static int execute(String[] args, Map<String, String> env, PrintStream err) {
        return AppCommand.execute(new Cli(), args, env, err, err);
    }

    /** {@code producer [--config FILE] [--set NAME=VALUE]... [--watch] [FILE|DIR|URL]...}. */
    @Command(
            name = "producer",
            description = {
                "Publishes article text files and RSS/Atom feeds (a directory stands for its files"
                        + " matching producer.file-pattern, sorted; URLs are fetched once) as"
                        + " RawArticle events; inputs that are not articles go to the dead-letter"
                        + " topic.",
                "Exit status: 0 all published, 3 some inputs dead-lettered"
                        + " (producer.dead-letters-exit-status), 1 records not written, 2 usage or"
                        + " configuration error."
            })
    static final class Cli extends AppCommand {
        @Option(
                names = "--watch",
                description = "Keep publishing files that arrive in the directories.")
        boolean watch;

        @Option(
                names = "--feeds",
                paramLabel = "FEEDS_FILE",
                description = "Poll the feeds of the file until stopped (producer.feeds-file).")
        String feeds;

        @Option(names = "--poll", description = "Poll the feeds file until stopped.")
        boolean poll;

        @Option(names = "--poll-once", description = "Poll each feed of the feeds file once.")
        boolean pollOnce;

        @Parameters(paramLabel = "FILE|DIR|URL", arity = "0..*", description = "What to publish.")
        List<String> inputs = new ArrayList<>();

        @Override
        protected List<Setting> settings() {
            return ProducerAppConfig.SETTINGS;
        }

        @Override
        protected Map<String, String> optionSettings() {
            Map<String, String> m = new LinkedHashMap<>();
            if (watch) {
                m.put(ProducerAppConfig.WATCH.name(), "true");
            }
            if (feeds != null) {
                m.put(ProducerAppConfig.FEEDS_FILE.name(), feeds);
            }
            return m;
        }

        @Override
        protected int run(ConfigSource settings) {
            ProducerAppConfig config = ProducerAppConfig.from(settings);
            PrintStream err = err();
            String mode = pollOnce ? "poll-once" : poll || feeds != null ? "poll" : null;
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
                                + "(see --help)");
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
}
