package io.newsstream.consumer.http;

import static io.newsstream.consumer.TestArticles.FETCHED;
import static io.newsstream.consumer.TestArticles.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.schemas.KafkaTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ViewHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant MAY_1 = Instant.parse("2011-05-01T09:00:00Z");
    private static final Instant MAY_3 = Instant.parse("2011-05-03T09:00:00Z");

    @TempDir static Path dir;
    private static JdbcViewStore store;
    private static ViewHttpServer server;
    private static final AtomicBoolean ready = new AtomicBoolean(true);

    @BeforeAll
    static void start() {
        store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
        store.write(
                List.of(
                        row("older", "airspace-deal", MAY_1),
                        row("newer", "airspace-deal", MAY_3),
                        row("undated", "airspace-deal", null),
                        row("newer", "joint-strikes", MAY_3),
                        row("misc", "unclassified", MAY_1)),
                Map.of(new TopicPartition(KafkaTopics.enrichedFor("airspace-deal"), 0), 3L));
        server =
                ViewHttpServer.start(
                        store,
                        NewsTopicCatalog.loadDefault(),
                        () ->
                                new HealthCheck.Health(
                                        ready.get(), Map.of("store", "open", "partitions", 4)),
                        "127.0.0.1",
                        0);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void bindsAFreePortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void listsEveryConfiguredNewsTopicWithCountsThenTheUnclassifiedBucket() throws Exception {
        HttpResponse<String> r = get("/api/topics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode topics = JSON.readTree(r.body());
        assertThat(topics.findValuesAsText("id"))
                .containsExactly(
                        "airspace-deal", "intel-chief-visit", "joint-strikes", "unclassified");

        JsonNode airspace = topics.get(0);
        assertThat(airspace.get("name").asText()).isEqualTo("Airspace deal");
        assertThat(airspace.get("kind").asText()).isEqualTo("news-topic");
        assertThat(airspace.get("articleCount").asLong()).isEqualTo(3);
        assertThat(airspace.get("firstSeen").asText()).isEqualTo("2011-05-01T09:00:00Z");
        // The undated article counts, but its fetch time is no publication date: the latest is
        // the newer dated one, not "today".
        assertThat(airspace.get("lastSeen").asText()).isEqualTo("2011-05-03T09:00:00Z");

        JsonNode intel = topics.get(1);
        assertThat(intel.get("articleCount").asLong()).isZero();
        assertThat(intel.get("firstSeen").isNull()).isTrue();
        assertThat(intel.get("lastSeen").isNull()).isTrue();

        assertThat(topics.get(2).get("articleCount").asLong()).isEqualTo(1);
        JsonNode unclassified = topics.get(3);
        assertThat(unclassified.get("kind").asText()).isEqualTo("unclassified");
        assertThat(unclassified.get("articleCount").asLong()).isEqualTo(1);
    }

    @Test
    void servesANewsTopicsArticlesNewestFirstWithScoresAndEvidence() throws Exception {
        HttpResponse<String> r = get("/api/topics/airspace-deal/articles");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(r.body());
        assertThat(page.get("newsTopic").asText()).isEqualTo("airspace-deal");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(ViewHttpServer.DEFAULT_LIMIT);
        assertThat(page.get("offset").asInt()).isZero();
        assertThat(page.get("articles").findValuesAsText("id"))
                .containsExactly("newer", "older", "undated");

        JsonNode newer = page.get("articles").get(0);
        assertThat(newer.get("title").asText()).isEqualTo("Title of newer");
        assertThat(newer.get("outlet").asText()).isEqualTo("The Express Tribune");
        assertThat(newer.get("url").asText()).isEqualTo("https://tribune.example/newer");
        assertThat(newer.get("publishedAt").asText()).isEqualTo("2011-05-03T09:00:00Z");
        assertThat(newer.get("processedAt").asText()).isEqualTo("2011-05-20T08:01:00Z");
        assertThat(newer.get("wordCount").asInt()).isEqualTo(120);
        assertThat(newer.get("primaryNewsTopic").asText()).isEqualTo("airspace-deal");
        JsonNode score = newer.get("newsTopicScores").get("airspace-deal");
        assertThat(score.get("score").asDouble()).isEqualTo(7.5);
        assertThat(score.get("matched").asBoolean()).isTrue();
        JsonNode evidence = score.get("evidence").get(0);
        assertThat(evidence.get("phrase").asText()).isEqualTo("airspace");
        assertThat(evidence.get("field").asText()).isEqualTo("title");
        assertThat(evidence.get("count").asInt()).isEqualTo(2);

        JsonNode undated = page.get("articles").get(2);
        assertThat(undated.get("publishedAt").isNull()).as("undated reads as undated").isTrue();
        assertThat(undated.get("fetchedAt").asText()).isEqualTo(FETCHED.toString());
    }

    @Test
    void pagesWithLimitAndOffset() throws Exception {
        JsonNode page =
                JSON.readTree(get("/api/topics/airspace-deal/articles?limit=1&offset=1").body());

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("articles").findValuesAsText("id")).containsExactly("older");
    }

    @Test
    void servesTheUnclassifiedBucketLikeANewsTopic() throws Exception {
        JsonNode page = JSON.readTree(get("/api/topics/unclassified/articles").body());

        assertThat(page.get("articles").findValuesAsText("id")).containsExactly("misc");
        assertThat(page.get("articles").get(0).get("primaryNewsTopic").isNull()).isTrue();
    }

    @Test
    void aConfiguredNewsTopicWithoutArticlesIsAnEmptyPageNotAnError() throws Exception {
        HttpResponse<String> r = get("/api/topics/intel-chief-visit/articles");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("articles").size()).isZero();
    }

    @Test
    void answersAnUnknownNewsTopicWith404AndAJsonError() throws Exception {
        HttpResponse<String> r = get("/api/topics/no-such-topic/articles");

        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(error.get("error").asText()).contains("no-such-topic").contains("airspace-deal");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limit=0",
                "limit=-1",
                "limit=501",
                "limit=ten",
                "limit=",
                "offset=-1",
                "offset=1.5",
                "offset=99999999999"
            })
    void answersABadLimitOrOffsetWith400AndAJsonError(String query) throws Exception {
        HttpResponse<String> r = get("/api/topics/airspace-deal/articles?" + query);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText()).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void healthIs200WhenReadyAnd503WhenNot() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(up.body()).get("details").get("partitions").asInt()).isEqualTo(4);

        ready.set(false);
        try {
            HttpResponse<String> down = get("/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("DOWN");
        } finally {
            ready.set(true);
        }
    }

    @Test
    void servesTheWebPageWithItsScriptAndStylesFromTheServerItself() throws Exception {
        HttpResponse<String> page = get("/");
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> styles = get("/app.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("src=\"/app.js\"", "href=\"/app.css\"");
        // Works offline: nothing is loaded from another host.
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(styles.body()).doesNotContain("url(", "@import");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/javascript"));
        assertThat(script.body()).contains("new EventSource('/api/events')");
        assertThat(styles.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
