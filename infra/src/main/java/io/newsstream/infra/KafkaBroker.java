package io.newsstream.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * built from the {@code kafka_2.13} jar with production defaults. Used by integration tests and by
 * the local run; no Docker needed.
 *
 * <p>The log directory is formatted on first start and reused afterwards, so a broker restarted on
 * the same data directory keeps its topics and records. Listeners bind to 127.0.0.1 only.
 * Replication factors of the internal topics are 1, as a single node requires.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Starting options.
     *
     * @param dataDir where the log directory lives (created and formatted when new)
     * @param port client port; 0 picks a free one
     * @param overrides extra broker properties (e.g. {@code message.max.bytes})
     * @param startTimeout how long to wait for the broker to answer
     */
    public record Options(
            Path dataDir, int port, Map<String, String> overrides, Duration startTimeout) {
        public static Options at(Path dataDir) {
            return new Options(dataDir, 0, Map.of(), Duration.ofSeconds(60));
        }

        public Options withPort(int p) {
            return new Options(dataDir, p, overrides, startTimeout);
        }

        public Options withOverrides(Map<String, String> o) {
            return new Options(dataDir, port, o, startTimeout);
        }
    }

    /** Formats (when new), starts the broker and waits until it answers an Admin request. */
    public static KafkaBroker start(Options options) {
        long t0 = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath();
        Path logDir = dataDir.resolve("kraft-logs");
        int port = options.port() == 0 ? freePort() : options.port();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        // Static voter set: the controller port may change between runs without re-formatting.
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.toString());
        // A single node cannot replicate: internal topics must accept replication factor 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their partitions and retention.
        props.put("auto.create.topics.enable", "false");
        props.putAll(options.overrides());
        try {
            Files.createDirectories(dataDir);
            format(props, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + dataDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        KafkaBroker broker = new KafkaBroker(server, bootstrap, dataDir);
        try {
            broker.awaitReady(options.startTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info(
                "Kafka broker ready at {} (data {}) in {} ms",
                bootstrap,
                dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return broker;
    }

    private static void format(Properties props, Path dataDir) throws IOException {
        Path clusterIdFile = dataDir.resolve("cluster.id");
        String clusterId;
        if (Files.exists(clusterIdFile)) {
            clusterId = Files.readString(clusterIdFile).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(clusterIdFile, clusterId);
        }
        Path propsFile = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
            props.store(w, "Written by newsstream KafkaBroker; regenerated at every start");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc =
                StorageTool.execute(
                        new String[] {
                            "format",
                            "-t",
                            clusterId,
                            "-c",
                            propsFile.toString(),
                            "--ignore-formatted"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException(
                    "Formatting the Kafka log directory failed ("
                            + rc
                            + "): "
                            + out.toString(StandardCharsets.UTF_8)
                            + " - if "
                            + dataDir
                            + " holds data of another Kafka version, move it away");
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                5000))) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                sleep(100);
            }
        }
        throw new IllegalStateException(
                "Kafka broker at "
                        + bootstrapServers
                        + " did not become ready within "
                        + timeout
                        + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
            log.info("Kafka broker at {} stopped", bootstrapServers);
        } catch (RuntimeException e) {
            log.warn("Kafka broker at {} did not stop cleanly", bootstrapServers, e);
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    /**
     * Runs a broker as its own process: {@code java -cp ... io.newsstream.infra.KafkaBroker
     * DATA_DIR PORT}; stops on SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: KafkaBroker DATA_DIR [PORT]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        KafkaBroker broker = start(Options.at(Path.of(args[0])).withPort(port));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        Thread.currentThread().join();
    }
}
