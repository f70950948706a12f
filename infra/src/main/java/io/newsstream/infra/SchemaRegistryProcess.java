package io.newsstream.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry (Apicurio Registry 2.4.2, Confluent-compatible REST API) running as a
 * child JVM, for integration tests and the local run.
 *
 * <p>{@link #start(Options)} launches the Quarkus application built by the {@code registry} module
 * ({@code registry/target/quarkus-app/quarkus-run.jar}, see {@link #locateApplication()}) with the
 * same {@code java} as this JVM, listening on 127.0.0.1 only, and returns once {@code
 * /health/ready} answers 200. Schemas are registered and read through {@link #url()}, the base URL
 * of the Confluent API ({@code http://127.0.0.1:PORT/apis/ccompat/v7}); in that API a schema id is
 * Apicurio's content id.
 *
 * <p>Storage: with no data directory the registry keeps schemas in memory (H2) and forgets them on
 * stop. With a data directory it keeps them in an H2 file database ({@code
 * DATA_DIR/registry.mv.db}), so schema ids already written into Kafka records still resolve after a
 * restart on the same directory; writes are flushed at commit ({@code WRITE_DELAY=0}) so they
 * survive even a killed registry. One directory serves one registry at a time (H2 locks the file).
 *
 * <p>The child's stdout and stderr go to a log file ({@link Options#logFile()}), never to ours. It
 * does not outlive this JVM: {@link #close()} stops it (SIGTERM, then SIGKILL after {@value
 * #STOP_TIMEOUT_SECONDS} s), and the child runs under {@link ParentWatchdogMain}, which stops it
 * when this JVM exits or dies in any way, including {@code kill -9}. There is no shutdown hook of
 * its own: the owner stops it when the parts that use it have stopped (the local run's hook closes
 * them newest first), and a hook would stop it at the same time as theirs. For the same reason the
 * child ignores Ctrl-C, which a terminal sends to every process of the foreground group.
 */
public final class SchemaRegistryProcess implements AutoCloseable {

    /** System property naming the registry application (quarkus-run.jar or its directory). */
    public static final String APP_PROPERTY = "newsstream.registry.app";

    /** Environment variable naming the registry application, used when the property is unset. */
    public static final String APP_ENV = "NEWSSTREAM_REGISTRY_APP";

    /** Where the {@code registry} module puts the application, relative to the repository root. */
    public static final Path APP_RELATIVE_PATH =
            Path.of("registry", "target", "quarkus-app", "quarkus-run.jar");

    /** Path of the Confluent-compatible API under {@link #baseUrl()}. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    static final long STOP_TIMEOUT_SECONDS = 20;
    static final String BUILD_HINT =
            "Build it with `./mvnw -pl registry package` from the repository root, or point -D"
                    + APP_PROPERTY
                    + " (or "
                    + APP_ENV
                    + ") at its quarkus-run.jar.";

    /**
     * JVM flags of the child. C1 only and the serial collector: the registry serves a handful of
     * requests, so start-up time and footprint matter more than peak throughput.
     */
    static final List<String> JVM_FLAGS =
            List.of(
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryProcess.class);
    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more)");

    /**
     * How to start the registry; {@link #defaults()} and the {@code with*} methods build one.
     *
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @param dataDir directory for the H2 file database; {@code null} keeps schemas in memory
     * @param maxHeap the child's {@code -Xmx} value, such as {@code 256m}
     * @param logFile file the child's output is appended to; {@code null} means {@code
     *     DATA_DIR/registry.log}, or a new temporary file without a data directory
     * @param appJar the registry's quarkus-run.jar; {@code null} means {@link #locateApplication()}
     * @param startTimeout how long to wait for {@code /health/ready}
     */
    public record Options(
            int port,
            Path dataDir,
            String maxHeap,
            Path logFile,
            Path appJar,
            Duration startTimeout) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(
                        "port must be 0 (any free port) to 65535: " + port);
            }
            if (maxHeap == null || !HEAP_SIZE.matcher(maxHeap).matches()) {
                throw new IllegalArgumentException(
                        "maxHeap must be a -Xmx size such as 256m or 1g: " + maxHeap);
            }
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "startTimeout must be positive: " + startTimeout);
            }
        }

        /** Any free port, in memory, {@code -Xmx256m}, temporary log file, 90 s to become ready. */
        public static Options defaults() {
            return new Options(0, null, "256m", null, null, Duration.ofSeconds(90));
        }

        public Options withPort(int port) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }

        public Options withDataDir(Path dataDir) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }

        public Options withMaxHeap(String maxHeap) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }

        public Options withLogFile(Path logFile) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }

        public Options withAppJar(Path appJar) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }

        public Options withStartTimeout(Duration startTimeout) {
            return new Options(port, dataDir, maxHeap, logFile, appJar, startTimeout);
        }
    }

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final Path workDir;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean served;

    private SchemaRegistryProcess(
            Process process, int port, Path dataDir, Path logFile, Path workDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.workDir = workDir;
    }

    /** Starts a registry with {@link Options#defaults()}. */
    public static SchemaRegistryProcess start() throws IOException {
        return start(Options.defaults());
    }

    /**
     * Starts the registry and waits until it is ready.
     *
     * @throws IllegalStateException if the application is not built, the port is taken, or the
     *     registry exits or is not ready in time (the message carries the end of its log)
     * @throws IOException if the data directory, log file or work directory cannot be written
     */
    public static SchemaRegistryProcess start(Options options) throws IOException {
        Path app =
                options.appJar() != null
                        ? requireApplication(options.appJar(), "Options.appJar")
                        : locateApplication();
        int port = options.port() == 0 ? freePort() : requireFreePort(options.port());
        Path dataDir = options.dataDir() == null ? null : options.dataDir().toAbsolutePath();
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        Path logFile = logFile(options, dataDir, port);
        long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;

        Path workDir = Files.createTempDirectory("newsstream-registry-");
        Process process;
        try {
            Path watchdogClasses = copyWatchdogClass(workDir);
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    command(app, workDir, watchdogClasses, port, options.maxHeap()))
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            configureEnvironment(builder.environment(), dataDir);
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(workDir);
            throw e;
        }
        SchemaRegistryProcess registry =
                new SchemaRegistryProcess(process, port, dataDir, logFile, workDir);
        log.info(
                "Starting schema registry on port {} (pid {}, {}, log {})",
                port,
                process.pid(),
                dataDir == null ? "in memory" : "data in " + dataDir,
                logFile);
        try {
            registry.awaitReady(options.startTimeout(), logOffset);
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
        registry.served = true;
        return registry;
    }

    /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String url() {
        return baseUrl() + CCOMPAT_PATH;
    }

    /** The registry's root URL, e.g. {@code http://127.0.0.1:8081}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Process id of the child JVM. */
    public long pid() {
        return process.pid();
    }

    /** The H2 data directory, or {@code null} when schemas are kept in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The file the child's output goes to. */
    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the registry and waits for it to exit; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (served && !process.isAlive()) {
            log.warn(
                    "Schema registry on port {} had exited (status {}) before it was stopped: the"
                            + " parts still using it saw it unavailable. Its log: {}",
                    port,
                    process.exitValue(),
                    logFile);
        }
        stopProcess();
        deleteRecursively(workDir);
        log.info("Schema registry on port {} stopped", port);
    }

    @Override
    public String toString() {
        return "SchemaRegistryProcess[" + baseUrl() + ", pid " + process.pid() + "]";
    }

    /**
     * Finds the registry application: the {@value #APP_PROPERTY} system property, else the {@value
     * #APP_ENV} environment variable, else {@link #APP_RELATIVE_PATH} in the working directory or
     * one of its parents (so it works from the repository root and from any module).
     *
     * @throws IllegalStateException if it is not found, saying how to build it
     */
    public static Path locateApplication() {
        return locateApplication(
                System.getProperty(APP_PROPERTY),
                System.getenv(APP_ENV),
                Path.of("").toAbsolutePath());
    }

    static Path locateApplication(String property, String env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return requireApplication(Path.of(property), "-D" + APP_PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return requireApplication(Path.of(env), APP_ENV);
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(APP_RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "Schema registry application not found: no "
                        + APP_RELATIVE_PATH
                        + " in "
                        + workingDir
                        + " or its parents. "
                        + BUILD_HINT);
    }

    private static Path requireApplication(Path path, String source) {
        Path jar = Files.isDirectory(path) ? path.resolve("quarkus-run.jar") : path;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Schema registry application not found at "
                            + jar
                            + " (from "
                            + source
                            + "). "
                            + BUILD_HINT);
        }
        return jar.toAbsolutePath();
    }

    static List<String> command(
            Path app, Path workDir, Path watchdogClasses, int port, String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + maxHeap);
        command.addAll(JVM_FLAGS);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.banner.enabled=false");
        // Sentry is off; its client still warns about a missing DSN on every start.
        command.add("-Dquarkus.log.category.\"io.sentry\".level=ERROR");
        command.add("-D" + ParentWatchdogMain.DELETE_ON_ORPHAN_PROPERTY + "=" + workDir);
        command.add("-cp");
        // quarkus-run.jar's manifest Class-Path brings lib/boot; the app finds the rest itself.
        command.add(watchdogClasses + java.io.File.pathSeparator + app);
        command.add(ParentWatchdogMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(QUARKUS_MAIN);
        return command;
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void configureEnvironment(Map<String, String> env, Path dataDir) {
        // Apicurio reads many settings from the environment; ours must not leak into the child.
        env.keySet()
                .removeIf(
                        name ->
                                name.startsWith("QUARKUS_")
                                        || name.startsWith("REGISTRY_")
                                        || name.equals("HTTP_PORT"));
        env.put(
                "REGISTRY_DATASOURCE_URL",
                dataDir == null
                        ? "jdbc:h2:mem:registry_db"
                        // WRITE_DELAY=0: flush at commit, so an id handed out survives a kill -9.
                        : "jdbc:h2:file:" + dataDir.resolve("registry") + ";WRITE_DELAY=0");
    }

    private static Path logFile(Options options, Path dataDir, int port) throws IOException {
        Path logFile;
        if (options.logFile() != null) {
            logFile = options.logFile().toAbsolutePath();
        } else if (dataDir != null) {
            logFile = dataDir.resolve("registry.log");
        } else {
            logFile = Files.createTempFile("newsstream-registry-" + port + "-", ".log");
        }
        Files.createDirectories(logFile.getParent());
        return logFile;
    }

    private static Path copyWatchdogClass(Path workDir) throws IOException {
        String resource = ParentWatchdogMain.class.getName().replace('.', '/') + ".class";
        Path classes = workDir.resolve("classes");
        Path target = classes.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in =
                ParentWatchdogMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Cannot read " + resource + " from the class path");
            }
            Files.copy(in, target);
        }
        return classes;
    }

    private void awaitReady(Duration timeout, long logOffset) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready =
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw startFailure(
                            "exited with code " + process.exitValue() + " before it was ready",
                            logOffset);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode()
                            == 200) {
                        break;
                    }
                } catch (IOException notListeningYet) {
                    // Connection refused or reset while it boots: poll again.
                }
                if (System.nanoTime() > deadline) {
                    throw startFailure(
                            "was not ready within " + timeout.toSeconds() + " s", logOffset);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the schema registry");
        }
        // A port picked as free could have been taken in between; then ours has died by now.
        if (!process.isAlive()) {
            throw startFailure("exited right after start", logOffset);
        }
        log.info(
                "Schema registry ready at {} in {} ms",
                url(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private IllegalStateException startFailure(String what, long logOffset) {
        String tail = logTail(logFile, logOffset, LOG_TAIL_LINES);
        String hint =
                dataDir != null && tail.contains("file is locked")
                        ? " Another registry is using the data directory "
                                + dataDir
                                + ": stop it or use another directory."
                        : "";
        return new IllegalStateException(
                "Schema registry (pid "
                        + process.pid()
                        + ", port "
                        + port
                        + ") "
                        + what
                        + "."
                        + hint
                        + " Its log is "
                        + logFile
                        + "; last lines (stack frames left out):\n"
                        + tail);
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn(
                        "Schema registry pid {} ignored SIGTERM for {} s; killing it",
                        process.pid(),
                        STOP_TIMEOUT_SECONDS);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The last {@code maxLines} lines written to {@code file} after {@code fromOffset}, without
     * stack frames, so the messages that explain a failure fit.
     */
    static String logTail(Path file, long fromOffset, int maxLines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(fromOffset, raf.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines =
                    new String(bytes, StandardCharsets.UTF_8)
                            .lines()
                            .filter(line -> !STACK_FRAME.matcher(line).lookingAt())
                            .toList();
            String tail =
                    String.join(
                            "\n",
                            lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
            return tail.isEmpty() ? "(empty)" : tail;
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port "
                            + port
                            + " on 127.0.0.1 is in use, so the schema registry cannot listen on it:"
                            + " stop what uses it or choose another port (0 picks a free one).",
                    e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.deleteIfExists(path);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
