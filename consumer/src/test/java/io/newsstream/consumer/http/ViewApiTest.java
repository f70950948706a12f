package io.newsstream.consumer.http;

import static io.newsstream.consumer.TestArticles.duplicate;
import static io.newsstream.consumer.TestArticles.row;
import static io.newsstream.consumer.TestArticles.rowWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.schemas.KafkaTopics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API beyond the two skeleton endpoints: stories, timeline, entities, search, live events. */
class ViewApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final Instant MAY_1 = Instant.parse("2011-05-01T09:00:00Z");
    private static final Instant MAY_3 = Instant.parse("2011-05-03T09:00:00Z");
    private static final Instant MAY_5 = Instant.parse("2011-05-05T09:00:00Z");

    @TempDir static Path dir;
    private static JdbcViewStore store;
    private static LiveUpdates live;
    private static ViewHttpServer server;

    @BeforeAll
    static void start() {
        store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
        store.write(
                List.of(
                        rowWith(
                                "a1",
                                AIRSPACE,
                                MAY_1,
                                "Pakistan and the US discussed airspace, officials told CNN.",
                                "Pakistan:PLACE:3",
                                "CNN:ORGANIZATION:1"),
                        rowWith(
                                "a2",
                                AIRSPACE,
                                MAY_3,
                                "Islamabad denies an airspace deal.",
                                "Pakistan:PLACE:1"),
                        rowWith("a3", AIRSPACE, MAY_5, "Talks continue."),
                        rowWith("s1", STRIKES, MAY_3, "Drone strikes in North Waziristan.")),
                List.of(
                        duplicate(AIRSPACE, "a2", "d1", "Dawn"),
                        duplicate(AIRSPACE, "a2", "d2", "VOA"),
                        duplicate(AIRSPACE, "a2", "d3", "The Express Tribune")),
                Map.of(new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 0), 4L));
        live = new LiveUpdates();
        server =
                ViewHttpServer.start(
                        store,
                        NewsTopicCatalog.loadDefault(),
                        () -> new HealthCheck.Health(true, Map.of()),
                        live,
                        "127.0.0.1",
                        0);
    }

    @AfterAll
    static void stop() {
        server.close();
        live.close();
        store.close();
    }

    @Test
    void listsTopEntitiesPerNewsTopicAndAnEmptyListWhenThereAreNone() throws Exception {
        JsonNode topics = json("/api/topics", 200);

        JsonNode airspace = topics.get(0);
        assertThat(airspace.get("topEntities").findValuesAsText("name"))
                .containsExactly("Pakistan", "CNN");
        assertThat(airspace.get("topEntities").get(0).get("articles").asLong()).isEqualTo(2);
        assertThat(airspace.get("topEntities").get(0).get("mentions").asLong()).isEqualTo(4);
        assertThat(airspace.get("topEntities").get(0).get("type").asText()).isEqualTo("PLACE");
        assertThat(topics.get(1).get("topEntities").size()).isZero();
    }

    @Test
    void countsTheOutletsThatCarriedEachStoryInTheArticleList() throws Exception {
        JsonNode page = json("/api/topics/airspace-deal/articles", 200);

        JsonNode a2 = page.get("articles").get(1);
        assertThat(a2.get("id").asText()).isEqualTo("a2");
        assertThat(a2.get("duplicateCount").asInt()).isEqualTo(3);
        // The Express Tribune carried the original too: three distinct outlets, not four.
        assertThat(a2.get("outletCount").asInt()).isEqualTo(3);
        assertThat(page.get("articles").get(0).get("outletCount").asInt()).isEqualTo(1);
    }

    @Test
    void limitsTheArticleListToATimeRange() throws Exception {
        JsonNode page =
                json(
                        "/api/topics/airspace-deal/articles?from=2011-05-02&to=2011-05-05T09:00:00Z",
                        200);

        assertThat(page.get("articles").findValuesAsText("id")).containsExactly("a2");
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("from").asText()).isEqualTo("2011-05-02T00:00:00Z");
        assertThat(page.get("to").asText()).isEqualTo("2011-05-05T09:00:00Z");
        assertThat(
                        json(
                                        "/api/topics/airspace-deal/articles?from=2011-05-03T11:00:00%2B02:00",
                                        200)
                                .get("articles")
                                .findValuesAsText("id"))
                .containsExactly("a3", "a2");
    }

    @Test
    void servesOneStoryWithItsEnrichmentEvidenceAndEveryOutlet() throws Exception {
        JsonNode story = json("/api/topics/airspace-deal/articles/a2", 200);

        assertThat(story.get("newsTopic").asText()).isEqualTo(AIRSPACE);
        assertThat(story.get("article").get("title").asText()).isEqualTo("Title of a2");
        assertThat(story.get("article").get("outletCount").asInt()).isEqualTo(3);
        JsonNode evidence =
                story.get("article").get("newsTopicScores").get(AIRSPACE).get("evidence").get(0);
        assertThat(evidence.get("phrase").asText()).isEqualTo("airspace");
        JsonNode enrichment = story.get("enrichment");
        assertThat(enrichment.get("article").get("body").asText())
                .isEqualTo("Islamabad denies an airspace deal.");
        assertThat(enrichment.get("entities").findValuesAsText("name")).containsExactly("Pakistan");
        assertThat(enrichment.get("attributions").get(0).get("cue").asText())
                .isEqualTo("told Reuters");
        assertThat(story.get("duplicates").findValuesAsText("id"))
                .containsExactly("d1", "d2", "d3");
        assertThat(story.get("duplicates").get(0).get("kind").asText()).isEqualTo("NEAR_DUPLICATE");
        assertThat(story.get("outlets").findValuesAsText("outlet"))
                .containsExactly("The Express Tribune", "Dawn", "VOA", "The Express Tribune");
        assertThat(story.get("outlets").get(0).get("kind").asText()).isEqualTo("ORIGINAL");
    }

    @Test
    void answersAnUnknownStoryWith404AndAJsonError() throws Exception {
        JsonNode error = json("/api/topics/airspace-deal/articles/nope", 404);
        assertThat(error.get("error").asText()).contains("nope", "airspace-deal");

        // Filed under another news topic only.
        json("/api/topics/joint-strikes/articles/a2", 404);
        json("/api/topics/no-such-topic/articles/a2", 404);
    }

    @Test
    void servesAPerDayTimelineWithinTheRange() throws Exception {
        JsonNode timeline = json("/api/topics/airspace-deal/timeline", 200);

        assertThat(timeline.get("days").findValuesAsText("day"))
                .containsExactly("2011-05-01", "2011-05-03", "2011-05-05");
        assertThat(timeline.get("days").get(0).get("articles").asLong()).isEqualTo(1);
        assertThat(
                        json("/api/topics/airspace-deal/timeline?to=2011-05-04", 200)
                                .get("days")
                                .findValuesAsText("day"))
                .containsExactly("2011-05-01", "2011-05-03");
        assertThat(json("/api/topics/intel-chief-visit/timeline", 200).get("days").size()).isZero();
    }

    @Test
    void servesTheEntitiesOfANewsTopic() throws Exception {
        JsonNode entities = json("/api/topics/airspace-deal/entities?limit=1", 200);

        assertThat(entities.get("newsTopic").asText()).isEqualTo(AIRSPACE);
        assertThat(entities.get("entities").findValuesAsText("name")).containsExactly("Pakistan");
        assertThat(json("/api/topics/unclassified/entities", 200).get("entities").size()).isZero();
    }

    @Test
    void searchesEveryNewsTopicOrOne() throws Exception {
        JsonNode all = json("/api/search?q=" + encode("Airspace deal"), 200);

        assertThat(all.get("query").asText()).isEqualTo("Airspace deal");
        assertThat(all.get("results").findValuesAsText("newsTopic")).containsExactly(AIRSPACE);
        assertThat(all.get("results").get(0).get("article").get("id").asText()).isEqualTo("a2");
        assertThat(all.get("results").get(0).get("article").get("outletCount").asInt())
                .isEqualTo(3);

        JsonNode strikes = json("/api/search?q=waziristan&topic=joint-strikes", 200);
        assertThat(strikes.get("results").size()).isEqualTo(1);
        assertThat(json("/api/search?q=waziristan&topic=airspace-deal", 200).get("results").size())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/search",
                "/api/search?q=",
                "/api/search?q=%20%20",
                "/api/search?q=a+b+c+d+e+f+g+h+i+j+k",
                "/api/search?q=x&limit=0",
                "/api/search?q=x&offset=-1",
                "/api/topics/airspace-deal/articles?from=yesterday",
                "/api/topics/airspace-deal/articles?to=2011-13-01",
                "/api/topics/airspace-deal/articles?from=2011-05-03&to=2011-05-01",
                "/api/topics/airspace-deal/timeline?from=2011-05-03&to=2011-05-03",
                "/api/topics/airspace-deal/entities?limit=0",
                "/api/topics/airspace-deal/entities?limit=x"
            })
    void answersBadParametersWith400AndAJsonError(String path) throws Exception {
        JsonNode error = json(path, 400);

        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText()).isNotBlank();
    }

    @Test
    void answersAnUnknownNewsTopicWith404Everywhere() throws Exception {
        for (String path :
                List.of(
                        "/api/topics/nope/timeline",
                        "/api/topics/nope/entities",
                        "/api/search?q=x&topic=nope")) {
            assertThat(json(path, 404).get("error").asText()).contains("nope");
        }
        HttpResponse<String> events = getEvents("/api/topics/nope/events");
        assertThat(events.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnEventStreamRequestThatDoesNotAcceptEventStreamsWith406() throws Exception {
        JsonNode error = json("/api/events", 406);

        assertThat(error.get("error").asText()).contains("Accept: text/event-stream");
    }

    @Test
    void streamsANewStoryToEveryClientFollowingItsNewsTopicWithinASecond() throws Exception {
        try (EventStream all = EventStream.open("/api/events");
                EventStream airspace = EventStream.open("/api/topics/airspace-deal/events");
                EventStream strikes = EventStream.open("/api/topics/joint-strikes/events")) {
            assertThat(all.next().name).isEqualTo("ready");
            assertThat(airspace.next().data.get("newsTopic").asText()).isEqualTo(AIRSPACE);
            assertThat(strikes.next().data.get("newsTopic").asText()).isEqualTo(STRIKES);

            ArticleRow fresh = row("fresh", AIRSPACE, MAY_5);
            long sent = System.nanoTime();
            live.committed(List.of(fresh), List.of(duplicate(AIRSPACE, "fresh", "fd", "Dawn")));

            Event event = airspace.next();
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(event.name).isEqualTo("article");
            assertThat(event.data.get("newsTopic").asText()).isEqualTo(AIRSPACE);
            assertThat(event.data.get("article").get("id").asText()).isEqualTo("fresh");
            assertThat(event.data.get("article").get("title").asText()).isEqualTo("Title of fresh");
            assertThat(event.data.get("article").get("outletCount").asInt()).isEqualTo(2);
            Event dup = airspace.next();
            assertThat(dup.name).isEqualTo("duplicate");
            assertThat(dup.data.get("originalId").asText()).isEqualTo("fresh");
            assertThat(dup.data.get("duplicate").get("outlet").asText()).isEqualTo("Dawn");
            assertThat(all.next().name).isEqualTo("article");
            assertThat(all.next().name).isEqualTo("duplicate");

            // The joint-strikes client hears nothing about airspace-deal, then its own story.
            live.committed(List.of(row("s9", STRIKES, MAY_5)), List.of());
            Event own = strikes.next();
            assertThat(own.name).isEqualTo("article");
            assertThat(own.data.get("article").get("id").asText()).isEqualTo("s9");
        }
    }

    @Test
    void forgetsClientsThatDisconnect() throws Exception {
        int open;
        // A raw socket, so that closing it really closes the connection.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write(
                            ("GET /api/events HTTP/1.1\r\nHost: localhost\r\n"
                                            + "Accept: text/event-stream\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in =
                    new java.io.BufferedReader(
                            new java.io.InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("event: ready")) {
                // headers and the start of the stream
            }
            assertThat(line).isEqualTo("event: ready");
            open = live.clients();
            assertThat(open).isPositive();
        }
        // The server notices on its next write at the latest. (HttpClient streams of other tests
        // may linger: only this one is sure to be gone.)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (live.clients() >= open && System.nanoTime() < deadline) {
            live.committed(List.of(row("ping", STRIKES, MAY_5)), List.of());
            Thread.sleep(100);
        }
        assertThat(live.clients()).isLessThan(open);
    }

    // --- fixtures ---

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(uri(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> getEvents(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private record Event(String name, JsonNode data) {}

    /** A Server-Sent-Events client reading one stream on its own thread. */
    private static final class EventStream implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Stream<String> lines;
        private final Thread reader;

        private EventStream(Stream<String> lines) {
            this.lines = lines;
            this.reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(String path) throws Exception {
            HttpResponse<Stream<String>> r =
                    HTTP.send(
                            HttpRequest.newBuilder(uri(path))
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/event-stream"));
            return new EventStream(r.body());
        }

        private void read() {
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            try {
                lines.forEach(
                        line -> {
                            if (line.startsWith("event:")) {
                                name[0] = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                data.append(line.substring(5).strip());
                            } else if (line.isEmpty() && name[0] != null) {
                                try {
                                    events.add(new Event(name[0], JSON.readTree(data.toString())));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                name[0] = null;
                                data.setLength(0);
                            }
                        });
            } catch (RuntimeException e) {
                // closed
            }
        }

        Event next() throws InterruptedException {
            Event e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("an event within 5 s").isNotNull();
            return e;
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
