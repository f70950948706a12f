package io.newsstream.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./newsstream local}: the whole pipeline on this machine, no Docker.
 *
 * <p>Parses the command line, points logging at the data directory, then hands over to {@link
 * LocalStack}. Stops everything on Ctrl-C (a JVM shutdown hook).
 */
@Command(
        name = "newsstream local",
        mixinStandardHelpOptions = true,
        description =
                "Runs a Kafka broker, the schema registry, the streams-processor, the consumer"
                        + " (HTTP view) and the producer on this machine; publishes the demo seeds"
                        + " and the given inputs.")
public final class LocalRun implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port of the view (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            description = "Directory holding all state (default: .newsstream in the repository).")
    Path dataDir;

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
                            + " publish besides the demo seeds.")
    List<String> inputs = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return new CommandLine(new LocalRun()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("newsstream.home", ".")).toAbsolutePath();
        Path data = (dataDir != null ? dataDir : home.resolve(".newsstream")).toAbsolutePath();
        Path logs = data.resolve("logs");
        java.nio.file.Files.createDirectories(logs);
        // Before the first logger exists: everything to DATA_DIR/logs, progress to the console.
        System.setProperty("newsstream.log.dir", logs.toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        LocalStack.Options options =
                new LocalStack.Options(
                        data, port, home.resolve("demo").resolve("seeds"), List.copyOf(inputs));
        LocalStack stack = new LocalStack(options).reprocess(reprocess);
        Thread hook = new Thread(stack::close, "newsstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(LocalRun.class)
                    .error(
                            "newsstream could not start: {} (full log: {})",
                            e.getMessage(),
                            logs.resolve("newsstream.log"),
                            e);
            stack.close();
            return 1;
        }
        stack.awaitStop();
        return 0;
    }
}
