package io.newsstream.e2e;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.e2e.ComposeFile.App;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a compose service's environment into the environment of the same application run as a
 * process on this machine: every variable of the service and nothing else, with only what differs
 * between a container and a process replaced.
 *
 * <ul>
 *   <li>Addresses of the stack's services: the broker and registry addresses the service uses
 *       become those of the test's broker and registry; {@code jdbc:postgresql://postgres:5432/DB}
 *       becomes the test PostgreSQL (and {@code *_JDBC_USER}/{@code *_JDBC_PASSWORD} its
 *       credentials, and {@code *_JDBC_SCHEMA} a schema of this run, since the test database is
 *       shared).
 *   <li>Paths in the container: a bind-mounted path becomes its host source (relative to the
 *       repository); any other absolute path (a named volume, the container's own file system)
 *       becomes a directory of this instance, since each container has its own.
 *   <li>{@code NEWSSTREAM_HTTP_PORT}: a free port (the compose file publishes it on the host).
 * </ul>
 */
final class HostEnvironment {

    /**
     * Where the infrastructure of the test listens.
     *
     * @param bootstrapServers Kafka
     * @param schemaRegistryUrl the registry's Confluent-compatible API
     * @param postgresJdbcUrl a PostgreSQL JDBC URL without credentials, e.g. {@code
     *     jdbc:postgresql://127.0.0.1:5432/test}
     * @param postgresUser its user
     * @param postgresPassword its password (may be empty)
     */
    record Infrastructure(
            String bootstrapServers,
            String schemaRegistryUrl,
            String postgresJdbcUrl,
            String postgresUser,
            String postgresPassword) {}

    private static final Pattern STACK_POSTGRES =
            Pattern.compile("jdbc:postgresql://postgres:5432/[A-Za-z0-9_]+");

    private HostEnvironment() {}

    /**
     * @param instanceDir private directory of this instance (its "container file system")
     * @param httpPort the port to use for {@code NEWSSTREAM_HTTP_PORT}
     */
    static Map<String, String> of(
            ComposeFile compose, App app, Infrastructure infra, Path instanceDir, int httpPort) {
        Map<String, String> service = compose.environment(app.service);
        String composeBootstrap = service.get(SharedSettings.BOOTSTRAP_SERVERS.envVar());
        String composeRegistry = service.get(SharedSettings.REGISTRY_URL.envVar());
        Map<String, String> mounts = compose.volumes(app.service);
        Map<String, String> env = new LinkedHashMap<>();
        for (var e : service.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (value.equals(composeBootstrap)) {
                value = infra.bootstrapServers();
            } else if (value.equals(composeRegistry)) {
                value = infra.schemaRegistryUrl();
            } else if (name.equals("NEWSSTREAM_HTTP_PORT")) {
                value = Integer.toString(httpPort);
            } else if (name.endsWith("_JDBC_USER")) {
                value = infra.postgresUser();
            } else if (name.endsWith("_JDBC_PASSWORD")) {
                value = infra.postgresPassword();
            } else if (name.endsWith("_JDBC_SCHEMA")) {
                // The test database is shared and outlives the test: a schema of this run only.
                value = value + "_e2e_" + Long.toHexString(System.nanoTime());
            } else {
                Matcher pg = STACK_POSTGRES.matcher(value);
                if (pg.find()) {
                    value = pg.replaceAll(Matcher.quoteReplacement(infra.postgresJdbcUrl()));
                } else if (value.startsWith("/")) {
                    value = hostPath(value, mounts, instanceDir).toString();
                }
            }
            env.put(name, value);
        }
        return env;
    }

    private static Path hostPath(String containerPath, Map<String, String> mounts, Path instance) {
        for (var m : mounts.entrySet()) {
            String target = m.getKey();
            if (containerPath.equals(target) || containerPath.startsWith(target + "/")) {
                String source = m.getValue();
                String rest = containerPath.substring(target.length());
                if (source.startsWith(".") || source.startsWith("/")) {
                    Path host = ComposeFile.repoDir().resolve(source).normalize();
                    return rest.isEmpty() ? host : host.resolve(rest.substring(1));
                }
                // A named volume: private to this instance.
                return instance.resolve("volumes")
                        .resolve(source)
                        .resolve(rest.replaceFirst("^/", ""));
            }
        }
        return instance.resolve("fs").resolve(containerPath.substring(1));
    }
}
