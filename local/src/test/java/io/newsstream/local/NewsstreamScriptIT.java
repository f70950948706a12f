package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.infra.KafkaBroker;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./newsstream local} exactly as a user does (the script, a separate JVM), waits for
 * the view to serve the seeds under the news topics the classifier gives them, stops it with
 * SIGTERM (what Ctrl-C also triggers: the JVM's shutdown hook; a background job of a
 * non-interactive shell ignores SIGINT) and checks that no process it started is left behind. Every
 * run uses free ports, never the defaults 9092/8081/8080, so parallel runs and a user's own stack
 * do not collide.
 */
class NewsstreamScriptIT {

    private static final Path REPO = Path.of(System.getProperty("newsstream.repo.dir", ".."));

    @TempDir Path data;

    @Test
    void oneCommandServesTheSeedsAndStopsLeavingNoProcessBehind() throws Exception {
        int port = KafkaBroker.freePort();
        File log = data.resolve("console.log").toFile();
        // a feed whose only entry has neither a title nor a link: polled, and said on the console
        HttpServer feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] rss =
                ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                                + "<link>http://example.org/</link><description>d</description>"
                                + "<item><description>Neither a title nor a link.</description>"
                                + "</item></channel></rss>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        feedServer.createContext(
                "/feed.rss",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                    exchange.sendResponseHeaders(200, rss.length);
                    exchange.getResponseBody().write(rss);
                    exchange.close();
                });
        feedServer.start();
        Path feeds = data.resolve("feeds.txt");
        Files.writeString(
                feeds,
                "url = http://127.0.0.1:"
                        + feedServer.getAddress().getPort()
                        + "/feed.rss; interval = 15m\n");
        ProcessBuilder pb =
                new ProcessBuilder(
                                "bash",
                                REPO.resolve("newsstream").toString(),
                                "local",
                                "--port",
                                Integer.toString(port),
                                "--kafka-port",
                                Integer.toString(KafkaBroker.freePort()),
                                "--registry-port",
                                Integer.toString(KafkaBroker.freePort()),
                                "--data-dir",
                                data.resolve("state").toString(),
                                "--feeds",
                                feeds.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log);
        pb.environment().put("NEWSSTREAM_SKIP_BUILD", "1");
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("NEWSSTREAM_") && !k.endsWith("BUILD"));
        Process process = pb.start();
        List<ProcessHandle> descendants = List.of();
        try {
            String expected = expectedCounts(NewsTopicCatalog.loadDefault());
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
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () ->
                                    assertThat(Files.readString(log.toPath()))
                                            .as("the feed's poll on the console")
                                            .contains(
                                                    "1 inputs read: 0 articles published, 1"
                                                            + " dead-lettered")
                                            .contains(
                                                    "(the reasons: ./newsstream tail"
                                                            + " news.deadletter --from-beginning"));
        } finally {
            feedServer.stop(0);
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

    @Test
    void honoursTheTopicsFileOfTheEnvironmentAndTheGivenPortsAndTailReadsThem() throws Exception {
        int port = KafkaBroker.freePort();
        int kafkaPort = KafkaBroker.freePort();
        int registryPort = KafkaBroker.freePort();
        // The bundled news topics cut down to the first one: the other two seeds go unclassified.
        String bundled;
        try (var in =
                getClass().getClassLoader().getResourceAsStream("newsstream/news-topics.yaml")) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int first = bundled.indexOf("\n  - id:");
        Path topicsFile = data.resolve("one-news-topic.yaml");
        Files.writeString(
                topicsFile, bundled.substring(0, bundled.indexOf("\n  - id:", first + 1) + 1));
        File log = data.resolve("console.log").toFile();
        ProcessBuilder pb =
                new ProcessBuilder(
                                "bash",
                                REPO.resolve("newsstream").toString(),
                                "local",
                                "--port",
                                Integer.toString(port),
                                "--kafka-port",
                                Integer.toString(kafkaPort),
                                "--registry-port",
                                Integer.toString(registryPort),
                                "--data-dir",
                                data.resolve("state").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log);
        pb.environment().put("NEWSSTREAM_SKIP_BUILD", "1");
        pb.environment().put("NEWSSTREAM_NEWS_TOPICS_FILE", topicsFile.toString());
        Process process = pb.start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("newsstream exited", () -> !process.isAlive())
                    .until(
                            () ->
                                    expectedCounts(NewsTopicCatalog.load(topicsFile))
                                            .equals(counts(port)));
            assertThat(Files.readString(log.toPath()))
                    .contains("Kafka            127.0.0.1:" + kafkaPort)
                    .contains("http://127.0.0.1:" + registryPort + "/apis/ccompat/v7");

            Path tailOut = data.resolve("tail.out");
            Process tail =
                    new ProcessBuilder(
                                    "bash",
                                    REPO.resolve("newsstream").toString(),
                                    "tail",
                                    "news.topic.airspace-deal",
                                    "--from-beginning",
                                    "--max",
                                    "1",
                                    "--bootstrap",
                                    "127.0.0.1:" + kafkaPort,
                                    "--registry",
                                    "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7")
                            .redirectError(data.resolve("tail.err").toFile())
                            .redirectOutput(tailOut.toFile())
                            .start();
            assertThat(tail.waitFor(60, TimeUnit.SECONDS)).as("tail exits after --max 1").isTrue();
            assertThat(tail.exitValue()).as(Files.readString(data.resolve("tail.err"))).isZero();
            var line =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(Files.readString(tailOut).strip());
            assertThat(line.get("topic").asText()).isEqualTo("news.topic.airspace-deal");
            assertThat(line.get("value").get("primaryNewsTopic").asText())
                    .isEqualTo("airspace-deal");
            assertThat(line.get("key").asText()).isEqualTo(line.get("value").get("id").asText());
        } finally {
            process.destroy(); // SIGTERM
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(log.toPath())).contains("newsstream: stopped");
    }

    @Test
    void aBusyPortIsOneLineNamingTheFlagAndNothingStarts() throws Exception {
        try (java.net.ServerSocket busy =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r =
                    runToEnd(
                            "local",
                            "--kafka-port",
                            Integer.toString(busy.getLocalPort()),
                            "--registry-port",
                            Integer.toString(KafkaBroker.freePort()),
                            "--data-dir",
                            data.resolve("state").toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.output().strip().lines())
                    .singleElement()
                    .asString()
                    .contains("Port " + busy.getLocalPort() + " for Kafka is in use")
                    .contains("--kafka-port")
                    .contains("newsstream.log");
        }
    }

    @Test
    void aMissingInputIsOneLineWithoutAStackTraceBeforeAnythingStarts() throws Exception {
        Result r =
                runToEnd(
                        "local",
                        "--kafka-port",
                        Integer.toString(KafkaBroker.freePort()),
                        "--registry-port",
                        Integer.toString(KafkaBroker.freePort()),
                        "--data-dir",
                        data.resolve("state").toString(),
                        data.resolve("no-such-article.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output().strip().lines())
                .singleElement()
                .asString()
                .contains("no-such-article.txt does not exist")
                .doesNotContain("Exception");
        assertThat(data.resolve("state").resolve("kafka")).doesNotExist();
    }

    private record Result(int exit, String output) {}

    private Result runToEnd(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(REPO.resolve("newsstream").toString());
        command.addAll(List.of(args));
        File out = data.resolve("run-" + System.nanoTime() + ".log").toFile();
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out);
        pb.environment().put("NEWSSTREAM_SKIP_BUILD", "1");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not exit: " + Files.readString(out.toPath()));
        }
        return new Result(p.exitValue(), Files.readString(out.toPath()));
    }

    /** "id=count,..." for every entry of /api/topics, or null while it does not answer. */
    /**
     * What the view must show for the seeds, by the classifier itself: a seed counts in every news
     * topic it belongs to (multi-label), in unclassified when none, in catalogue order as the API
     * lists them.
     */
    private static String expectedCounts(NewsTopicCatalog catalog) throws Exception {
        NewsTopicClassifier classifier = NewsTopicClassifier.fromCatalog(catalog);
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        catalog.ids().forEach(id -> counts.put(id, 0));
        counts.put(NewsTopicCatalog.UNCLASSIFIED, 0);
        ArticleFileParser parser = new ArticleFileParser();
        try (var seeds = Files.newDirectoryStream(REPO.resolve("demo/seeds"), "*.txt")) {
            for (Path seed : seeds) {
                var a =
                        parser.parse(
                                Files.readAllBytes(seed),
                                ArticleHints.fromSource(seed.getFileName().toString()));
                List<String> matched =
                        classifier
                                .classify(new ArticleText(a.title(), a.subtitle(), a.body()))
                                .matched();
                if (matched.isEmpty()) {
                    counts.merge(NewsTopicCatalog.UNCLASSIFIED, 1, Integer::sum);
                }
                matched.forEach(t -> counts.merge(t, 1, Integer::sum));
            }
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach(
                (t, n) -> sb.append(sb.isEmpty() ? "" : ",").append(t).append('=').append(n));
        return sb.toString();
    }

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
