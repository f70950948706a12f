package io.newsstream.local;

import io.newsstream.common.cli.SettingsOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./newsstream local}: the whole pipeline on this machine, no Docker.
 *
 * <p>Parses the command line, points logging at the data directory, then hands over to {@link
 * LocalStack}. Stops everything on Ctrl-C or SIGTERM (a JVM shutdown hook). A wrong input or a busy
 * port is one line on the console (exit 2), a failed start one line plus the log path (exit 1); the
 * stack traces go to the log file only.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description =
                "Runs a Kafka broker, the schema registry, the streams-processor, the consumer"
                        + " (HTTP view) and the producer on this machine; publishes the demo seeds"
                        + " and the given inputs, polls --feeds and watches --watch until stopped."
                        + " Application settings: --config, --set and NEWSSTREAM_* environment"
                        + " variables.")
public final class LocalRun implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Spec CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port of the view (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--kafka-port",
            defaultValue = "" + LocalStack.DEFAULT_KAFKA_PORT,
            description = "Kafka port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            defaultValue = "" + LocalStack.DEFAULT_REGISTRY_PORT,
            description = "Schema registry port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(
            names = "--data-dir",
            description = "Directory holding all state (default: .newsstream in the repository).")
    Path dataDir;

    /**
     * {@code --config FILE} and {@code --set NAME=VALUE}, shared with the applications: each
     * setting goes to every application that declares it.
     */
    @Mixin SettingsOptions settings = new SettingsOptions();

    @Option(
            names = "--feeds",
            paramLabel = "FILE",
            description =
                    "Feeds file to poll until stopped (one feed per line: 'url = ...;"
                            + " interval = 15m'); state under DATA_DIR/producer/feeds.")
    Path feedsFile;

    @Option(
            names = "--watch",
            paramLabel = "DIR",
            description = "Publish article or feed files that arrive in DIR (repeatable).")
    List<Path> watchDirs = new ArrayList<>();

    @Option(
            names = "--reprocess",
            description =
                    "Re-process every retained raw article with the current news topics (after"
                            + " changing them), then run as usual.")
    boolean reprocess;

    @Parameters(
            paramLabel = "FILE|DIR|URL",
            arity = "0..*",
            description =
                    "Article or feed (RSS/Atom) files, directories of them, or http(s) URLs to"
                            + " publish besides the demo seeds (URLs: only what changed).")
    List<String> inputs = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return new CommandLine(new LocalRun()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path home = Path.of(System.getProperty("newsstream.home", ".")).toAbsolutePath();
        Path data = (dataDir != null ? dataDir : home.resolve(".newsstream")).toAbsolutePath();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        Path logFile = logs.resolve("newsstream.log");
        // Before the first logger exists: everything to DATA_DIR/logs, progress to the console.
        System.setProperty("newsstream.log.dir", logs.toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        LocalStack stack =
                new LocalStack(options(data, home, System.getenv())).reprocess(reprocess);
        Thread hook = new Thread(stack::close, "newsstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
        } catch (LocalStack.InvalidInput e) {
            fileOnly().warn("Invalid input", e);
            if (e.getMessage().startsWith(AppSettings.CONFIGURATION_ERROR)) {
                // as the applications say it (AppCommand): one line, exit status 2
                err.println(e.getMessage());
                err.flush();
                stack.close();
                return EXIT_USAGE;
            }
            err.println("newsstream: " + e.getMessage() + " (log: " + logFile + ")");
            err.flush();
            stack.close();
            return EXIT_USAGE;
        } catch (Exception e) {
            fileOnly().error("newsstream could not start", e);
            err.println(
                    "newsstream could not start: " + oneLine(e) + " (full log: " + logFile + ")");
            err.flush();
            stack.close();
            return EXIT_FAILED;
        }
        stack.awaitStop();
        return 0;
    }

    LocalStack.Options options(Path data, Path home, Map<String, String> env) {
        return new LocalStack.Options(
                data,
                port,
                kafkaPort,
                registryPort,
                home.resolve("demo").resolve("seeds"),
                List.copyOf(inputs),
                settings.configFile(),
                settings.set(),
                feedsFile,
                watchDirs.stream().map(Path::toAbsolutePath).toList(),
                env);
    }

    /** The log file's logger: its console appender takes nothing below ERROR from it. */
    private static org.slf4j.Logger fileOnly() {
        return org.slf4j.LoggerFactory.getLogger("io.newsstream.local.errors");
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
