package io.newsstream.local;

import io.newsstream.common.cli.SettingsOptions;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a running stack is and how to reach it, for {@code tail}, {@code publish} and {@code poll}:
 * the shared {@code --config FILE} / {@code --set NAME=VALUE} ({@link SettingsOptions}, as the
 * applications have them) with {@code kafka.bootstrap.servers}, {@code registry.url} and the {@code
 * kafka.*} / {@code registry.*} pass-through, the {@code NEWSSTREAM_*} environment winning over
 * them; {@code --bootstrap} and {@code --registry} win over everything. The defaults are the stable
 * ports that both {@code ./newsstream local} and the Docker stack publish on this host.
 */
final class StackOptions {

    // Constants for the help texts; StackOptionsTest checks they are the shared defaults.
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:" + LocalStack.DEFAULT_KAFKA_PORT;
    static final String DEFAULT_REGISTRY =
            "http://127.0.0.1:" + LocalStack.DEFAULT_REGISTRY_PORT + "/apis/ccompat/v7";

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka bootstrap servers, winning over kafka.bootstrap.servers of --config,"
                            + " --set and NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS (default "
                            + DEFAULT_BOOTSTRAP
                            + ": the local run and the Docker stack).")
    String bootstrap;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description =
                    "Schema registry, Confluent API, winning over registry.url of --config, --set"
                            + " and NEWSSTREAM_REGISTRY_URL (default "
                            + DEFAULT_REGISTRY
                            + ").")
    String registry;

    @Mixin SettingsOptions settings = new SettingsOptions();

    /**
     * The settings of a command that declares {@code declared}: defaults, {@code --config}, {@code
     * extra}, {@code --set}, the environment, then {@code --bootstrap} / {@code --registry}.
     *
     * @throws ConfigException naming a bad file or an unknown setting
     */
    ConfigSource source(
            Collection<Setting> declared, Map<String, String> extra, Map<String, String> env) {
        Map<String, String> overrides = settings.overrides(extra);
        Map<String, String> environment = new HashMap<>(env);
        if (bootstrap != null && !bootstrap.isBlank()) {
            overrides.put(SharedSettings.BOOTSTRAP_SERVERS.name(), bootstrap.strip());
            withoutVariables(environment, SharedSettings.BOOTSTRAP_SERVERS);
        }
        if (registry != null && !registry.isBlank()) {
            overrides.put(SharedSettings.REGISTRY_URL.name(), registry.strip());
            withoutVariables(environment, SharedSettings.REGISTRY_URL);
        }
        return ConfigSource.load(declared, settings.configFile(), overrides, environment);
    }

    /** A configuration error as the applications print it: one line; exit status 2. */
    static int configurationError(PrintWriter err, RuntimeException e) {
        err.println("Configuration error: " + e.getMessage());
        err.flush();
        return LocalRun.EXIT_USAGE;
    }

    private static void withoutVariables(Map<String, String> env, Setting s) {
        env.remove(s.envVar());
        s.oldNames().forEach(old -> env.remove(Setting.envVar(old)));
    }
}
