package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.infra.KafkaBroker;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./newsstream local} exactly as a user does (the script, a separate JVM), waits for
 * the view to serve the three news topics at count 1, stops it with SIGTERM (what Ctrl-C also
 * triggers: the JVM's shutdown hook) and checks that no process it started is left behind.
 */
class NewsstreamScriptIT {

    private static final Path REPO = Path.of(System.getProperty("newsstream.repo.dir", ".."));

    @TempDir Path data;

    @Test
    void oneCommandServesTheSeedsAndStopsLeavingNoProcessBehind() throws Exception {
        int port = KafkaBroker.freePort();
        File log = data.resolve("console.log").toFile();
        ProcessBuilder pb =
                new ProcessBuilder(
                                "bash",
                                REPO.resolve("newsstream").toString(),
                                "local",
                                "--port",
                                Integer.toString(port),
                                "--data-dir",
                                data.resolve("state").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log);
        pb.environment().put("NEWSSTREAM_SKIP_BUILD", "1");
        Process process = pb.start();
        List<ProcessHandle> descendants = List.of();
        try {
            String expected = "airspace-deal=1,intel-chief-visit=1,joint-strikes=1,unclassified=0";
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("newsstream exited", () -> !process.isAlive())
                    .until(() -> expected.equals(counts(port)));
            assertThat(Files.readString(log.toPath()))
                    .contains("newsstream is running")
                    .contains("http://localhost:" + port + "/api/topics");
            descendants = process.descendants().toList();
            assertThat(descendants).as("the registry runs as a child JVM").isNotEmpty();
        } finally {
            process.destroy(); // SIGTERM
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("newsstream stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log.toPath())).contains("newsstream: stopped");
        for (ProcessHandle child : descendants) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child process %s is gone", child.pid()).isFalse();
        }
    }

    /** "id=count,..." for every entry of /api/topics, or null while it does not answer. */
    private static String counts(int port) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/api/topics"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            StringBuilder sb = new StringBuilder();
            for (var t : json) {
                sb.append(sb.isEmpty() ? "" : ",")
                        .append(t.get("id").asText())
                        .append('=')
                        .append(t.get("articleCount").asInt());
            }
            return sb.toString();
        } catch (Exception e) {
            return null;
        }
    }
}
