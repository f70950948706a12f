package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton as a user runs it: a real broker and registry, the processor, the consumer
 * and the producer, the demo seeds in, the view queried over HTTP. Then a second start on the same
 * data directory, which must publish nothing again and serve the same view.
 */
class LocalStackIT {

    private static final Path SEEDS =
            Path.of(System.getProperty("newsstream.repo.dir", "..")).resolve("demo/seeds");

    /** Expected news topic of each seed, by a word of its title (from shared/seeds/README.md). */
    private static final Map<String, String> EXPECTED_TITLE_WORD =
            Map.of(
                    "joint-strikes", "drone campaign",
                    "intel-chief-visit", "intel chief",
                    "airspace-deal", "Airspace");

    @TempDir Path data;

    @Test
    void seedsReachTheirNewsTopicsAndASecondRunPublishesNothingAgain() throws Exception {
        Map<String, Integer> expected;
        try (LocalStack stack = new LocalStack(new LocalStack.Options(data, 0, SEEDS, List.of()))) {
            stack.start();
            assertThat(stack.lastPublish().published()).isEqualTo(3);
            expected = awaitSeedsInTheirNewsTopics(stack.httpPort());
            awaitCounts(stack.httpPort(), expected);
            for (var e : EXPECTED_TITLE_WORD.entrySet()) {
                JsonNode articles =
                        ViewApi.get(stack.httpPort(), "/api/topics/" + e.getKey() + "/articles");
                // multi-label: another seed that also matches this news topic is listed too
                assertThat(articles.get("articles"))
                        .allSatisfy(
                                a ->
                                        assertThat(
                                                        a.get("newsTopicScores")
                                                                .get(e.getKey())
                                                                .get("matched")
                                                                .asBoolean())
                                                .isTrue());
                JsonNode a = seed(articles, e.getValue());
                assertThat(a.get("primaryNewsTopic").asText()).isEqualTo(e.getKey());
            }
            JsonNode tribune =
                    seed(
                            ViewApi.get(stack.httpPort(), "/api/topics/joint-strikes/articles"),
                            EXPECTED_TITLE_WORD.get("joint-strikes"));
            assertThat(tribune.get("outlet").asText()).isEqualTo("The Express Tribune");
            assertThat(tribune.get("publishedAt").asText()).startsWith("2012-01-22");
        }

        try (LocalStack again = new LocalStack(new LocalStack.Options(data, 0, SEEDS, List.of()))) {
            again.start();
            assertThat(again.lastPublish()).as("nothing published on the second run").isNull();
            awaitCounts(again.httpPort(), expected);
        }
    }

    /**
     * Waits until each seed is in the news topic it is the primary seed of, and returns the count
     * every news topic must reach: a seed is filed under every news topic it matches.
     */
    private static Map<String, Integer> awaitSeedsInTheirNewsTopics(int port) {
        Map<String, Integer> expected = new HashMap<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> {
                            expected.clear();
                            expected.put("unclassified", 0);
                            for (String t : EXPECTED_TITLE_WORD.keySet()) {
                                expected.putIfAbsent(t, 0);
                            }
                            for (var e : EXPECTED_TITLE_WORD.entrySet()) {
                                JsonNode a =
                                        seed(
                                                ViewApi.get(
                                                        port,
                                                        "/api/topics/" + e.getKey() + "/articles"),
                                                e.getValue());
                                var scores = a.get("newsTopicScores").fields();
                                while (scores.hasNext()) {
                                    var s = scores.next();
                                    if (s.getValue().get("matched").asBoolean()) {
                                        expected.merge(s.getKey(), 1, Integer::sum);
                                    }
                                }
                            }
                        });
        assertThat(expected.values().stream().mapToInt(Integer::intValue).sum())
                .as("every seed in at least one news topic")
                .isGreaterThanOrEqualTo(EXPECTED_TITLE_WORD.size());
        return Map.copyOf(expected);
    }

    /** The article of a news topic's page whose title contains {@code titleWord}. */
    private static JsonNode seed(JsonNode page, String titleWord) {
        for (JsonNode a : page.get("articles")) {
            if (a.get("title")
                    .asText()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains(titleWord.toLowerCase(java.util.Locale.ROOT))) {
                return a;
            }
        }
        throw new AssertionError("no article titled '" + titleWord + "' in " + page);
    }

    private static void awaitCounts(int port, Map<String, Integer> expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(counts(port)).isEqualTo(expected));
    }

    private static Map<String, Integer> counts(int port) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode t : ViewApi.get(port, "/api/topics")) {
            counts.put(t.get("id").asText(), t.get("articleCount").asInt());
        }
        return counts;
    }
}
