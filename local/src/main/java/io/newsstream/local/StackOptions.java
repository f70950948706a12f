package io.newsstream.local;

import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a running stack is: {@code --bootstrap} and {@code --registry}, else the environment
 * ({@code NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS}, {@code NEWSSTREAM_REGISTRY_URL}), else the stable
 * ports that both {@code ./newsstream local} and the Docker stack publish on this host.
 */
final class StackOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:" + LocalStack.DEFAULT_KAFKA_PORT;
    static final String DEFAULT_REGISTRY =
            "http://127.0.0.1:" + LocalStack.DEFAULT_REGISTRY_PORT + "/apis/ccompat/v7";

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "Kafka bootstrap servers (default: NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS, else "
                            + DEFAULT_BOOTSTRAP
                            + ": the local run and the Docker stack).")
    String bootstrap;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description =
                    "Schema registry, Confluent API (default: NEWSSTREAM_REGISTRY_URL, else "
                            + DEFAULT_REGISTRY
                            + ").")
    String registry;

    String bootstrap(Map<String, String> env) {
        return first(
                bootstrap, env.get(SharedSettings.BOOTSTRAP_SERVERS.envVar()), DEFAULT_BOOTSTRAP);
    }

    String registry(Map<String, String> env) {
        return first(
                registry,
                env.get(SharedSettings.REGISTRY_URL.envVar()),
                // the former name, still honoured
                env.get(Setting.envVar("schema.registry.url")),
                DEFAULT_REGISTRY);
    }

    /** The environment without the two variables these options already resolved. */
    static Map<String, String> withoutStackVariables(Map<String, String> env) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.remove(SharedSettings.BOOTSTRAP_SERVERS.envVar());
        m.remove(SharedSettings.REGISTRY_URL.envVar());
        m.remove(Setting.envVar("schema.registry.url"));
        return m;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        throw new IllegalStateException("no value");
    }
}
