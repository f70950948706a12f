package io.newsstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newsstream.common.config.Setting;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.config.ProducerAppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The repository's {@code docker-compose.yml}, read (not copied) by the tests: services, their
 * environment, images, replicas, volumes, and the Kafka topic list of the topic-init service.
 *
 * <p>Only what the tests need is modelled; everything else is reachable through {@link #root()}.
 */
final class ComposeFile {

    /** The service that creates the Kafka topics, and its variable listing them. */
    static final String TOPICS_INIT_SERVICE = "kafka-topics-init";

    static final String TOPICS_VARIABLE = "NEWSSTREAM_KAFKA_TOPICS";

    /** The application services, each with the main class its image runs and its settings. */
    enum App {
        PRODUCER(
                "producer",
                "io.newsstream.producer.ProducerApp",
                "log4j2-producer.xml",
                ProducerAppConfig.SETTINGS),
        STREAMS_PROCESSOR(
                "streams-processor",
                "io.newsstream.processor.StreamsProcessorApp",
                "log4j2-processor.xml",
                ProcessorConfig.SETTINGS),
        CONSUMER(
                "consumer",
                "io.newsstream.consumer.ConsumerApp",
                "log4j2-consumer.xml",
                ViewAppConfig.SETTINGS);

        final String service;
        final String mainClass;
        final String logConfig;
        final List<Setting> settings;

        App(String service, String mainClass, String logConfig, List<Setting> settings) {
            this.service = service;
            this.mainClass = mainClass;
            this.logConfig = logConfig;
            this.settings = settings;
        }

        /** The Maven module, which is also the Dockerfile target. */
        String module() {
            return service;
        }
    }

    /** One line of the topic-init list: {@code name:partitions:retention.ms}. */
    record KafkaTopicSpec(String name, int partitions, long retentionMs) {
        static KafkaTopicSpec parse(String line) {
            String[] parts = line.strip().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        "Topic spec '" + line + "' is not name:partitions:retention.ms");
            }
            return new KafkaTopicSpec(
                    parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final JsonNode root;

    private ComposeFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static ComposeFile load(Path file) {
        try {
            return new ComposeFile(file, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The repository's compose file ({@code newsstream.repo.dir}, else the parent directory). */
    static ComposeFile ofRepository() {
        return load(repoDir().resolve("docker-compose.yml"));
    }

    static Path repoDir() {
        return Path.of(System.getProperty("newsstream.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    List<String> services() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode s = root.path("services").path(name);
        if (s.isMissingNode()) {
            throw new IllegalArgumentException(file + " has no service '" + name + "'");
        }
        return s;
    }

    /** The service's environment, whether written as a mapping or as a list of NAME=VALUE. */
    Map<String, String> environment(String service) {
        JsonNode env = service(service).path("environment");
        Map<String, String> vars = new LinkedHashMap<>();
        if (env.isObject()) {
            env.fields()
                    .forEachRemaining(
                            e ->
                                    vars.put(
                                            e.getKey(),
                                            e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (env.isArray()) {
            for (JsonNode item : env) {
                String kv = item.asText();
                int eq = kv.indexOf('=');
                vars.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
        }
        return vars;
    }

    Optional<String> image(String service) {
        JsonNode image = service(service).path("image");
        return image.isTextual() ? Optional.of(image.asText()) : Optional.empty();
    }

    int replicas(String service) {
        return service(service).path("deploy").path("replicas").asInt(1);
    }

    /** Short-syntax volumes of a service: container path to source (a host path or volume name). */
    Map<String, String> volumes(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode v : service(service).path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length >= 2) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    /** The Kafka topics the init service creates, in its order. */
    List<KafkaTopicSpec> kafkaTopics() {
        String list =
                Objects.requireNonNull(
                        environment(TOPICS_INIT_SERVICE).get(TOPICS_VARIABLE),
                        TOPICS_INIT_SERVICE + " sets no " + TOPICS_VARIABLE);
        return list.lines().filter(l -> !l.isBlank()).map(KafkaTopicSpec::parse).toList();
    }

    /** Whether an image reference names a fixed version: a tag other than latest, or a digest. */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isBlank() && !tag.equals("latest") && !tag.contains("$");
    }
}
