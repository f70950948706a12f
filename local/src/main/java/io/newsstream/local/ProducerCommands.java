package io.newsstream.local;

import io.newsstream.common.config.ConfigException;
import io.newsstream.producer.ProducerApp;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.publish.FeedPoller;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.event.DeadLetter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./newsstream publish} and {@code ./newsstream poll}: the producer against a running stack
 * (the local run or the Docker stack), configured as the producer application is: defaults, then
 * {@code --config}, then {@code --set}, then {@code NEWSSTREAM_*} variables, then {@code
 * --bootstrap} / {@code --registry} ({@link StackOptions}); {@code kafka.*} and {@code registry.*}
 * reach every client, the rejected-inputs reader included.
 */
final class ProducerCommands {

    private ProducerCommands() {}

    /** Options both commands share: where the stack is, {@code --config} and {@code --set}. */
    static final class Common {
        @Mixin StackOptions stack = new StackOptions();

        ProducerAppConfig config(Map<String, String> extra) {
            return config(extra, System.getenv());
        }

        ProducerAppConfig config(Map<String, String> extra, Map<String, String> env) {
            return ProducerAppConfig.from(stack.source(ProducerAppConfig.SETTINGS, extra, env));
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description =
                    "Publishes article or feed files, directories of them, or http(s) URLs once to"
                            + " a running stack, and lists the inputs it rejected with reasons.")
    static final class Publish implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Mixin Common common = new Common();

        @Parameters(paramLabel = "FILE|DIR|URL", arity = "1..*", description = "What to publish.")
        List<String> inputs = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ProducerAppConfig config;
            try {
                config = common.config(Map.of());
            } catch (ConfigException e) {
                return StackOptions.configurationError(err, e);
            }
            for (String input : inputs) {
                if (!DocumentSource.isUrl(input) && !Files.exists(Path.of(input))) {
                    err.println(
                            "newsstream publish: input "
                                    + input
                                    + " does not exist: pass article or feed files, directories"
                                    + " of them, or http(s) URLs");
                    return LocalRun.EXIT_USAGE;
                }
            }
            try {
                RejectedInputs rejected =
                        RejectedInputs.from(config.clients(), config.deadLettersKafkaTopic());
                RunResult result = ProducerApp.runLocations(config, inputs);
                err.println("newsstream publish: " + result.summary());
                if (result.deadLettered() > 0) {
                    report(
                            err,
                            rejected.read("producer", Duration.ofSeconds(10)),
                            config.deadLettersKafkaTopic());
                }
                return result.ok() ? 0 : LocalRun.EXIT_FAILED;
            } catch (RuntimeException e) {
                err.println(
                        "newsstream publish FAILED: "
                                + e.getMessage()
                                + " (is the stack running at "
                                + config.bootstrapServers()
                                + "? else pass --bootstrap and --registry)");
                return LocalRun.EXIT_FAILED;
            }
        }
    }

    @Command(
            name = "poll",
            mixinStandardHelpOptions = true,
            description =
                    "Polls the feeds of a feeds file against a running stack until stopped"
                            + " (--once: each feed once); only new items are published.")
    static final class Poll implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Mixin Common common = new Common();

        @Option(
                names = "--feeds",
                paramLabel = "FILE",
                required = true,
                description = "Feeds file: one feed per line, 'url = ...; interval = 15m'.")
        Path feedsFile;

        @Option(
                names = "--state-dir",
                paramLabel = "DIR",
                description =
                        "Where each feed's validators and seen items are kept (default: the local"
                                + " run's, .newsstream/producer/feeds in the repository).")
        Path stateDir;

        @Option(names = "--once", description = "Poll each feed once, then exit.")
        boolean once;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Path home = Path.of(System.getProperty("newsstream.home", ".")).toAbsolutePath();
            Path state =
                    stateDir != null
                            ? stateDir
                            : home.resolve(".newsstream").resolve("producer").resolve("feeds");
            ProducerAppConfig config;
            try {
                config =
                        common.config(
                                Map.of(
                                        ProducerAppConfig.FEEDS_FILE.name(),
                                        feedsFile.toString(),
                                        ProducerAppConfig.STATE_DIR.name(),
                                        state.toString()));
            } catch (ConfigException e) {
                return StackOptions.configurationError(err, e);
            }
            ProducerApp.Polling polling;
            try {
                polling = ProducerApp.polling(config);
            } catch (ConfigException | IllegalArgumentException e) {
                err.println("newsstream poll: " + e.getMessage());
                return LocalRun.EXIT_USAGE;
            } catch (RuntimeException e) {
                err.println("newsstream poll FAILED: " + e.getMessage());
                return LocalRun.EXIT_FAILED;
            }
            try (polling) {
                if (once) {
                    int failed = 0;
                    for (FeedPoller.PollResult r : polling.pollAllOnce()) {
                        err.println(
                                "  "
                                        + r.feedId()
                                        + ": "
                                        + r.outcome()
                                        + (r.run() != null ? " (" + r.run().summary() + ")" : ""));
                        if (r.outcome() == FeedPoller.Outcome.FAILED) {
                            failed++;
                        }
                    }
                    return failed == 0 ? 0 : LocalRun.EXIT_FAILED;
                }
                CountDownLatch done = new CountDownLatch(1);
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            polling.stop();
                                            try {
                                                done.await(10, TimeUnit.SECONDS);
                                            } catch (InterruptedException e) {
                                                Thread.currentThread().interrupt();
                                            }
                                        }));
                err.println("newsstream poll: polling " + feedsFile + " until stopped (Ctrl-C)");
                err.flush();
                try {
                    polling.run();
                } finally {
                    done.countDown();
                }
                return 0;
            }
        }
    }

    /** The first few rejected inputs with their reasons, then where the rest are. */
    static void report(PrintWriter err, List<DeadLetter> rejected, String deadLetterTopic) {
        err.println(rejected.size() + " input(s) rejected:");
        rejected.stream()
                .limit(LocalStack.REJECTED_SHOWN)
                .forEach(d -> err.println("  " + d.getSource() + ": " + d.getReason()));
        if (rejected.size() > LocalStack.REJECTED_SHOWN) {
            err.println(
                    "  ... and "
                            + (rejected.size() - LocalStack.REJECTED_SHOWN)
                            + " more: ./newsstream tail "
                            + deadLetterTopic
                            + " --from-beginning");
        }
    }
}
