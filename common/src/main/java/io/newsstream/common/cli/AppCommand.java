package io.newsstream.common.cli;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command-line shell every application shares (picocli): {@code --config FILE}, {@code --set
 * NAME=VALUE} (repeatable, both from {@link SettingsOptions}), {@code --help}, {@code --version},
 * and the same exit statuses.
 *
 * <p>Settings resolve from the declared defaults, then the {@code --config} file, then {@code
 * --set}, then {@code NEWSSTREAM_*} environment variables ({@link ConfigSource}). A subclass
 * declares its settings ({@link #settings()}), adds its own options with picocli annotations and
 * implements {@link #run(ConfigSource)}. {@link #execute} maps outcomes to exit statuses: a usage
 * or configuration error prints one line and gives {@link #EXIT_USAGE}; an unexpected failure is
 * logged with its stack trace and gives {@link #EXIT_FAILURE}.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = AppCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true)
public abstract class AppCommand implements Callable<Integer> {

    /** Exit status: done, or stopped on request. */
    public static final int EXIT_OK = 0;

    /** Exit status: failed (a supervisor may restart it). */
    public static final int EXIT_FAILURE = 1;

    /** Exit status: bad arguments or configuration; nothing was started. */
    public static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(AppCommand.class);

    @Mixin private SettingsOptions options = new SettingsOptions();

    private Map<String, String> env = Map.of();
    private PrintStream err = System.err;

    /** Every setting the application reads, pass-through prefixes included. */
    protected abstract List<Setting> settings();

    /** Runs the application with its resolved settings; returns the exit status. */
    protected abstract int run(ConfigSource settings) throws Exception;

    /** Where one-line messages for the user go (standard error). */
    protected PrintStream err() {
        return err;
    }

    /** The settings from defaults, {@code --config}, {@code extra}, {@code --set}, environment. */
    protected ConfigSource settings(Map<String, String> extra) {
        return options.load(settings(), extra, env);
    }

    /** Settings that the application's own options stand for (e.g. {@code --watch}). */
    protected Map<String, String> optionSettings() {
        return Map.of();
    }

    @Override
    public final Integer call() throws Exception {
        return run(settings(optionSettings()));
    }

    /**
     * Parses {@code args} and runs {@code command}; never calls {@code System.exit}.
     *
     * @return the exit status
     */
    public static int execute(
            AppCommand command, String[] args, Map<String, String> env, PrintStream err) {
        return execute(command, args, env, System.out, err);
    }

    /**
     * As {@link #execute(AppCommand, String[], Map, PrintStream)}, with help and version to {@code
     * out}.
     */
    public static int execute(
            AppCommand command,
            String[] args,
            Map<String, String> env,
            PrintStream out,
            PrintStream err) {
        command.env = Map.copyOf(env);
        command.err = err;
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.getCommandSpec().usageMessage().footer(settingsFooter(command.settings()));
        cl.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    if (e instanceof ConfigException) {
                        err.println("Configuration error: " + e.getMessage());
                        return EXIT_USAGE;
                    }
                    if (e instanceof UsageException) {
                        err.println(e.getMessage());
                        return EXIT_USAGE;
                    }
                    String name = line.getCommandName();
                    log.error("{} failed", name, e);
                    err.println(name + " FAILED: " + e);
                    return EXIT_FAILURE;
                });
        return cl.execute(args);
    }

    /**
     * Runs {@code command} with the process's arguments and environment, and exits with its status.
     */
    public static void main(AppCommand command, String[] args) {
        System.exit(execute(command, args, System.getenv(), System.err));
    }

    private static String settingsFooter(List<Setting> settings) {
        StringBuilder sb =
                new StringBuilder(
                        "%nExit status: 0 done, 1 failed, 2 usage or configuration error.%n"
                                + "%nSettings (NAME, environment variable, default):%n");
        for (Setting s : settings) {
            sb.append("  ")
                    .append(s.displayName())
                    .append("  ")
                    .append(s.displayEnvVar())
                    .append("  ")
                    .append(
                            s.defaultValue() == null
                                    ? "(required)"
                                    : s.defaultValue().isEmpty() ? "-" : s.defaultValue())
                    .append("%n");
        }
        return sb.toString().replace("%n", System.lineSeparator());
    }

    /**
     * A mistake in the arguments found after parsing: one line, exit status {@link #EXIT_USAGE}.
     */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The version from the jar's manifest, or "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AppCommand.class.getPackage().getImplementationVersion();
            return new String[] {"newsstream " + (v == null ? "(development build)" : v)};
        }
    }
}
