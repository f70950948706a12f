package io.newsstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker ({@link KafkaBroker#main}) in its own JVM, for benchmarks and
 * fault tests that must measure it, kill it or restart it apart from the test JVM.
 *
 * <p>The broker keeps its port and data directory across {@link #stop()} / {@link #kill()} and
 * {@link #start()}, so clients reconnect to the same address and find their topics, offsets and
 * transactions. The child runs under {@link ParentWatchdogMain}: it exits when the JVM that started
 * it dies. Its output goes to {@code DATA_DIR/broker.log}.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final String maxHeap;
    private final Path logFile;
    private Process process;

    private BrokerProcess(Path dataDir, int port, String maxHeap) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.maxHeap = maxHeap;
        this.logFile = this.dataDir.resolve("broker.log");
    }

    /**
     * Starts a broker on a free port and waits until it answers.
     *
     * @param dataDir its log directory and log file (formatted when new)
     * @param maxHeap the child's {@code -Xmx}, e.g. {@code 1g}
     */
    public static BrokerProcess start(Path dataDir, String maxHeap) {
        BrokerProcess broker = new BrokerProcess(dataDir, KafkaBroker.freePort(), maxHeap);
        broker.start();
        return broker;
    }

    /** (Re)starts the child on the same port and data directory; waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The broker at " + bootstrapServers() + " is running");
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            process =
                    new ProcessBuilder(command())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Kafka broker in " + dataDir, e);
        }
        awaitReady();
        log.info(
                "Kafka broker process {} ready at {} in {} ms (log {})",
                process.pid(),
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                logFile);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Xms" + maxHeap);
        command.add("-XX:+UseG1GC");
        command.add("-cp");
        // Under Surefire/Failsafe java.class.path may be a manifest-only booter jar.
        command.add(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(ParentWatchdogMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(KafkaBroker.class.getName());
        command.add(dataDir.toString());
        command.add(Integer.toString(port));
        return command;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                3000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                3000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "The Kafka broker exited with status "
                                    + process.exitValue()
                                    + " during start-up; see "
                                    + logFile);
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "The Kafka broker at "
                        + bootstrapServers()
                        + " did not answer within "
                        + READY_TIMEOUT
                        + "; see "
                        + logFile
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"),
                last);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Controlled shutdown (SIGTERM) and wait; the data stays for {@link #start()}. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("Kafka broker {} did not stop in 60 s; killing it", process.pid());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, as a crash; the data stays for {@link #start()}. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
