package io.newsstream.e2e;

import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.infra.ParentWatchdogMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged application running as a separate JVM, the way its Docker image runs it: {@code java
 * $JAVA_OPTS -jar app.jar} with {@code JAVA_OPTS} and {@code JAVA_TOOL_OPTIONS} taken from the
 * application's {@code Dockerfile} target, the packaged jar of its module ({@code
 * <module>/target/newsstream-<module>-VERSION.jar} with {@code target/lib/}) and only the given
 * environment (plus {@code PATH}, {@code HOME}, {@code JAVA_HOME}).
 *
 * <p>The child runs under {@link ParentWatchdogMain}, so it exits when the test JVM dies, even
 * after {@code kill -9}; {@link #close()} stops it (SIGTERM, then SIGKILL) and {@link #kill()} is a
 * SIGKILL. Its stdout and stderr go to a log file.
 */
final class AppProcess implements AutoCloseable {

    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "JAVA_HOME", "LANG");

    private final App app;
    private final String name;
    private final Process process;
    private final Path logFile;

    private AppProcess(App app, String name, Process process, Path logFile) {
        this.app = app;
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code app} with exactly {@code env} as its {@code NEWSSTREAM_*} configuration.
     *
     * @param name a label for the log file and messages, e.g. {@code streams-processor-1}
     */
    static AppProcess start(
            App app, String name, Map<String, String> env, Path logDir, String... args) {
        Map<String, String> image = Dockerfile.ofRepository().environment(app.module());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = image.getOrDefault("JAVA_OPTS", "");
        if (!javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.strip().split("\\s+")));
        }
        command.add("-cp");
        command.add(watchdogClassPath() + File.pathSeparator + packagedJar(app));
        command.add(ParentWatchdogMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(app.mainClass);
        command.addAll(Arrays.asList(args));

        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> !INHERITED_ENV.contains(k));
        if (image.containsKey("JAVA_TOOL_OPTIONS")) {
            childEnv.put("JAVA_TOOL_OPTIONS", image.get("JAVA_TOOL_OPTIONS"));
        }
        childEnv.putAll(env);
        Path log = logDir.resolve(name + ".log");
        try {
            Files.createDirectories(logDir);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            return new AppProcess(app, name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** {@code <module>/target/newsstream-<module>-*.jar}, which {@code ./mvnw package} builds. */
    static Path packagedJar(App app) {
        Path target = ComposeFile.repoDir().resolve(app.module()).resolve("target");
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(target, "newsstream-" + app.module() + "-*.jar")) {
            for (Path jar : jars) {
                String n = jar.getFileName().toString();
                if (!n.endsWith("-sources.jar") && !n.endsWith("-tests.jar")) {
                    if (!Files.isDirectory(target.resolve("lib"))) {
                        break;
                    }
                    return jar;
                }
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException(
                "No packaged "
                        + app.module()
                        + " in "
                        + target
                        + " (jar + lib/): build it with ./mvnw -pl e2e -am verify (or package)");
    }

    private static String watchdogClassPath() {
        try {
            return Path.of(
                            ParentWatchdogMain.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; its exit status, or throws if it runs longer. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crashed container or host: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (" + app.mainClass + ", pid " + process.pid() + ", log " + logFile + ")";
    }
}
