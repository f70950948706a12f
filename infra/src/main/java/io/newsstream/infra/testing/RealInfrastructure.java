package io.newsstream.infra.testing;

import io.newsstream.infra.KafkaBroker;
import io.newsstream.infra.KafkaTopicsAdmin;
import io.newsstream.infra.SchemaRegistryProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real infrastructure shared by every integration test in a JVM: one KRaft Kafka broker (in
 * process) and one schema registry (Apicurio, child JVM), started on first use and stopped when the
 * JVM exits. Starting them once per test JVM rather than per test keeps the suite fast; tests
 * isolate themselves with their own topic names ({@link #uniqueName(String)}) or consumer groups.
 *
 * <p>Usage: {@code RealInfrastructure infra = RealInfrastructure.get();} then {@link
 * #bootstrapServers()} and {@link #schemaRegistryUrl()}.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static RealInfrastructure instance;

    private final Path dir;
    private final KafkaBroker broker;
    private final SchemaRegistryProcess registry;

    private RealInfrastructure(Path dir, KafkaBroker broker, SchemaRegistryProcess registry) {
        this.dir = dir;
        this.broker = broker;
        this.registry = registry;
    }

    /** The shared broker and registry, started on the first call. */
    public static synchronized RealInfrastructure get() {
        if (instance == null) {
            instance = startNew();
            RealInfrastructure started = instance;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(started::stop, "real-infrastructure-stop"));
        }
        return instance;
    }

    private static RealInfrastructure startNew() {
        long t0 = System.currentTimeMillis();
        try {
            Path dir = Files.createTempDirectory("newsstream-it-");
            // The registry is a separate JVM: start it first so it boots while the broker does.
            SchemaRegistryProcess registry =
                    SchemaRegistryProcess.start(
                            SchemaRegistryProcess.Options.defaults()
                                    .withLogFile(dir.resolve("registry.log")));
            KafkaBroker broker;
            try {
                broker = KafkaBroker.start(KafkaBroker.Options.at(dir.resolve("kafka")));
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            log.info(
                    "Real infrastructure up in {} ms: Kafka {} , registry {}",
                    System.currentTimeMillis() - t0,
                    broker.bootstrapServers(),
                    registry.url());
            return new RealInfrastructure(dir, broker, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test infrastructure", e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Base URL of the Confluent-compatible API (what the serde takes). */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** A scratch directory that lives as long as the infrastructure. */
    public Path workDir() {
        return dir;
    }

    /** Creates the topics that don't exist yet, with the given partitions. */
    public void createTopics(Collection<String> names, int partitions) {
        KafkaTopicsAdmin.createMissing(bootstrapServers(), names, partitions, Map.of());
    }

    public void createTopics(String... names) {
        createTopics(List.of(names), 1);
    }

    /** A name unique to this JVM run, for topics, groups and application ids. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void stop() {
        broker.close();
        registry.close();
    }
}
