package io.newsstream.consumer.http;

import static io.newsstream.consumer.TestArticles.rowWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.TestPostgres;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.schemas.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile requests against every endpoint of the HTTP API, on both view stores
 * (SQLite and the PostgreSQL of the stack): SQL metacharacters, huge, negative and non-numeric page
 * sizes, overlong strings, path traversal (plain and percent-encoded) towards the web resources,
 * invalid percent-encoding and UTF-8, unknown news topics and routes. Requests go over a raw socket
 * so that bytes a well-behaved client would refuse to send reach the server as written.
 *
 * <p>Each answer must be the expected status, never a 500, and every 4xx is a JSON error {@code
 * {"status": ..., "error": "..."}}; afterwards the view still holds its articles. The slowest
 * answer is printed (not asserted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AIRSPACE = "airspace-deal";
    private static final String LONG = "a".repeat(100 * 1024);

    @TempDir static Path dir;
    private final List<Server> servers = new ArrayList<>();
    private long slowestMillis;
    private String slowest = "";

    /** A view store with four articles, served over HTTP. */
    record Server(String name, JdbcViewStore store, ViewHttpServer http, AutoCloseable extra) {}

    @BeforeAll
    void start() {
        servers.add(
                serve(
                        "sqlite",
                        JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE),
                        null));
        TestPostgres pg = TestPostgres.freshSchema();
        servers.add(serve("postgresql", pg.open(TransactionHook.NONE), pg));
    }

    private static Server serve(String name, JdbcViewStore store, AutoCloseable extra) {
        Instant t = Instant.parse("2011-05-01T09:00:00Z");
        store.write(
                List.of(
                        rowWith(
                                "a1",
                                AIRSPACE,
                                t,
                                "Pakistan and the US discussed airspace.",
                                "Pakistan:PLACE:3"),
                        rowWith(
                                "a2",
                                AIRSPACE,
                                t.plusSeconds(3600),
                                "Islamabad denies an airspace deal."),
                        rowWith("a3", AIRSPACE, t.plusSeconds(7200), "Talks continue."),
                        rowWith("s1", "joint-strikes", t, "Drone strikes in North Waziristan.")),
                List.of(),
                Map.of(new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 0), 3L));
        ViewHttpServer http =
                ViewHttpServer.start(
                        store,
                        NewsTopicCatalog.loadDefault(),
                        () -> new HealthCheck.Health(true, Map.of()),
                        "127.0.0.1",
                        0);
        return new Server(name, store, http, extra);
    }

    @AfterAll
    void stop() throws Exception {
        for (Server s : servers) {
            s.http().close();
            s.store().close();
            if (s.extra() != null) {
                s.extra().close();
            }
        }
        System.out.printf(
                "HostileRequestsTest: slowest answer %d ms: %s%n", slowestMillis, slowest);
    }

    static Stream<Arguments> requests() {
        String articles = "/api/topics/airspace-deal/articles";
        return Stream.of(
                // page sizes and offsets
                Arguments.of(articles + "?limit=1000000", 400),
                Arguments.of(articles + "?limit=501", 400),
                Arguments.of(articles + "?limit=0", 400),
                Arguments.of(articles + "?limit=-1", 400),
                Arguments.of(articles + "?limit=abc", 400),
                Arguments.of(articles + "?limit=", 400),
                Arguments.of(articles + "?limit=1e3", 400),
                Arguments.of(articles + "?limit=99999999999999999999999", 400),
                Arguments.of(articles + "?limit=0x10", 400),
                Arguments.of(articles + "?offset=-5", 400),
                Arguments.of(articles + "?offset=2147483648", 400),
                Arguments.of(articles + "?offset=2147483647", 400),
                Arguments.of(articles + "?offset=100001", 400),
                Arguments.of(articles + "?offset=100000", 200),
                Arguments.of("/api/search?q=airspace&offset=100001", 400),
                Arguments.of(articles + "?limit=10;DROP%20TABLE%20articles", 400),
                Arguments.of("/api/topics/airspace-deal/entities?limit=100000", 400),
                Arguments.of("/api/search?q=x&limit=-3", 400),
                Arguments.of("/api/search?q=x&offset=abc", 400),
                // times
                Arguments.of(articles + "?from=2011-05-01'%20OR%20'1'='1", 400),
                Arguments.of(articles + "?from=yesterday", 400),
                Arguments.of(articles + "?from=2011-05-03&to=2011-05-01", 400),
                Arguments.of(articles + "?from=+999999999-12-31T23:59:59Z", 400),
                Arguments.of("/api/topics/airspace-deal/timeline?from=%00", 400),
                // SQL metacharacters where a value reaches a query
                Arguments.of("/api/topics/'%20OR%201=1--/articles", 404),
                Arguments.of("/api/topics/airspace-deal;DROP%20TABLE%20articles/articles", 404),
                Arguments.of(articles + "/'%20OR%20'1'='1", 404),
                Arguments.of(articles + "/a1'--", 404),
                Arguments.of(articles + "/%25", 404),
                Arguments.of("/api/search?q='%20OR%201=1;%20DROP%20TABLE%20articles;--", 200),
                Arguments.of("/api/search?q=%22unbalanced", 200),
                Arguments.of("/api/search?q=NEAR(airspace%20deal)%20OR%20*", 200),
                Arguments.of("/api/search?q=title:airspace%20AND%20-body:x", 200),
                Arguments.of("/api/search?q=%25%25%25_%5C", 200),
                Arguments.of("/api/search?q=airspace&topic='%20OR%201=1", 404),
                Arguments.of("/api/search?q=", 400),
                Arguments.of("/api/search", 400),
                // overlong strings
                Arguments.of("/api/search?q=" + "a%20".repeat(300), 400),
                Arguments.of("/api/search?q=" + LONG, 414),
                Arguments.of("/api/topics/" + LONG + "/articles", 414),
                Arguments.of(articles + "/" + LONG, 414),
                // path traversal towards the web resources and beyond
                Arguments.of("/../../../../etc/passwd", 400),
                Arguments.of("/app.js/../../../pom.xml", 400),
                Arguments.of("/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 400),
                Arguments.of("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
                Arguments.of("/..%2f..%2fweb%2findex.html", 404),
                Arguments.of("/web/index.html", 404),
                Arguments.of("/web/../web/app.js", 404),
                Arguments.of("/index.html", 404),
                Arguments.of("/app.js%00.html", 400),
                Arguments.of("/api/topics/..%2f..%2fetc/articles", 404),
                Arguments.of("/api/topics/%2e%2e/articles", 404),
                // invalid percent-encoding and UTF-8
                Arguments.of("/api/search?q=%ZZ", 400),
                Arguments.of("/api/search?q=%E0%A4%A", 400),
                Arguments.of("/api/search?q=%C3%28", 200),
                Arguments.of("/api/search?q=%FF%FE%FD", 200),
                Arguments.of("/api/topics/%C3%28/articles", 400),
                Arguments.of("/api/topics/%ZZ/articles", 400),
                Arguments.of("/api/topics/%00/articles", 400),
                // unknown news topics and routes
                Arguments.of("/api/topics/no-such-topic/articles", 404),
                Arguments.of("/api/topics/no-such-topic/timeline", 404),
                Arguments.of("/api/topics/no-such-topic/entities", 404),
                Arguments.of("/api/topics/no-such-topic/articles/a1", 404),
                Arguments.of("/api/topics/no-such-topic/events", 404),
                Arguments.of("/api/topics/AIRSPACE-DEAL/articles", 404),
                Arguments.of("/api/no-such-endpoint", 404),
                Arguments.of("/api/events", 406));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("requests")
    void aHostileRequestGetsItsStatusAndAJsonErrorNeverA500(String target, int expected)
            throws Exception {
        for (Server s : servers) {
            Answer a = get(s, target);

            assertThat(a.status())
                    .as("%s %s: %s%n%s", s.name(), shorten(target), a.head(), a.body())
                    .isEqualTo(expected);
            if (a.status() >= 400) {
                JsonNode error = JSON.readTree(a.body());
                assertThat(error.get("status").asInt())
                        .as(s.name() + " " + a.body())
                        .isEqualTo(expected);
                assertThat(error.get("error").asText()).isNotBlank();
            }
        }
    }

    @Test
    void theViewStillHoldsItsArticlesAfterTheHostileRequests() throws Exception {
        for (Server s : servers) {
            get(s, "/api/search?q='%20OR%201=1;%20DROP%20TABLE%20articles;--");

            Answer a = get(s, "/api/topics/airspace-deal/articles");
            assertThat(a.status()).isEqualTo(200);
            assertThat(JSON.readTree(a.body()).get("total").asLong()).as(s.name()).isEqualTo(3);
        }
    }

    @Test
    void aHugeHeaderGetsA431JsonErrorNotA500() throws Exception {
        for (Server s : servers) {
            Answer a =
                    request(
                            s,
                            "GET /api/topics HTTP/1.1\r\nHost: x\r\nX-Junk: "
                                    + LONG
                                    + "\r\nConnection: close\r\n\r\n",
                            "huge header");
            assertThat(a.status()).as(s.name() + ": " + a.body()).isEqualTo(431);
            assertThat(JSON.readTree(a.body()).get("status").asInt()).isEqualTo(431);
        }
    }

    @Test
    void methodsOtherThanGetAreRefusedWithAJsonError() throws Exception {
        for (Server s : servers) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                Answer a =
                        request(
                                s,
                                method
                                        + " /api/topics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                                method);
                assertThat(a.status())
                        .as(s.name() + " " + method + ": " + a.body())
                        .isBetween(400, 499);
                assertThat(JSON.readTree(a.body()).get("error").asText()).isNotBlank();
            }
        }
    }

    /** The status, the body (de-chunked) and the head, for messages. */
    record Answer(int status, String body, String head) {}

    private Answer get(Server s, String target) throws IOException {
        return request(
                s,
                "GET "
                        + target
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
                target);
    }

    private Answer request(Server s, String request, String what) throws IOException {
        long start = System.nanoTime();
        byte[] response;
        try (Socket socket = new Socket("127.0.0.1", s.http().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            response = all.toByteArray();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (this) {
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = s.name() + " " + shorten(what);
            }
        }
        String text = new String(response, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        return new Answer(status, body, head);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes are bytes; bodies here are ASCII JSON or close to it
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " chars)";
    }
}
