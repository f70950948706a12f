package io.newsstream.producer;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.SettingsTable;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.ArticleSource;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.ReadabilityPages;
import io.newsstream.producer.publish.DeadLetterPublisher;
import io.newsstream.producer.publish.PublishRun;
import io.newsstream.producer.publish.RawArticlePublisher;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * [FILE|DIR]...}; exit status 0 when everything was published or dead-lettered, 1 when records
 * failed or the run stopped, 2 on a usage or configuration error.
 */
public final class ProducerApp {

    private static final Logger log = LoggerFactory.getLogger(ProducerApp.class);

    /** Exit status: every input published or dead-lettered. */
    public static final int EXIT_OK = 0;

    /** Exit status: some records were not written, or the run stopped early. */
    public static final int EXIT_FAILURES = 1;

    /** Exit status: bad arguments or configuration. */
    public static final int EXIT_USAGE = 2;

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
                                config.maxDocumentBytes());
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
        try (RawArticlePublisher raw =
                        RawArticlePublisher.create(
                                config.bootstrapServers(),
                                config.clientId() + "-raw",
                                config.rawArticlesKafkaTopic(),
                                serdes.serde(RawArticle.class, false).serializer());
                DeadLetterPublisher deadLetters =
                        DeadLetterPublisher.create(
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

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.err));
    }

    /** The command line, minus {@code System.exit}: returns the exit status. */
    static int execute(String[] args, Map<String, String> env, PrintStream err) {
        Path configFile = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                err.print(usage());
                return EXIT_OK;
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
            result = runLocations(config, toRead);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            log.error("Producer run failed", e);
            err.println("newsstream producer FAILED: " + e);
            return EXIT_FAILURES;
        }
        if (result.ok()) {
            err.println("newsstream producer: " + result.summary());
            return EXIT_OK;
        }
        err.println(
                "newsstream producer FAILED: "
                        + (result.failures().size() + result.notRead())
                        + " failure(s): "
                        + result.summary()
                        + ". See the log for each failed record.");
        return EXIT_FAILURES;
    }

    static String usage() {
        return "Usage: ProducerApp [--config FILE] [--set NAME=VALUE]... [FILE|DIR]...\n"
                + "Publishes article text files (a directory stands for its files matching"
                + " producer.file-pattern, sorted) as RawArticle events; inputs that are not"
                + " articles go to the dead-letter topic.\n"
                + "Exit status: 0 all published or dead-lettered, 1 failures, 2 usage or"
                + " configuration error.\nSettings (environment variables win):\n"
                + SettingsTable.markdown(ProducerAppConfig.SETTINGS);
    }
}
