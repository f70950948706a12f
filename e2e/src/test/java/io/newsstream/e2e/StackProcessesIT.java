package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.HostEnvironment.Infrastructure;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.testkit.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker stack without Docker: the three packaged applications as separate JVMs, each
 * configured with the environment of its {@code docker-compose.yml} service (parsed, with only
 * addresses and paths translated by {@link HostEnvironment}) and the JVM options of its {@code
 * Dockerfile} target, against a real KRaft broker and the real schema registry; two
 * streams-processor instances as the two replicas. The demo seeds and a real Atom feed go in and
 * the view is queried over HTTP; then one processor instance is killed with SIGKILL, more articles
 * are published, and every article must reach the enriched topic (read_committed, as a subscriber
 * reads it) and the view exactly once.
 *
 * <p>The consumer uses its default store (SQLite) until it supports PostgreSQL; {@link
 * HostEnvironment} already maps the stack's PostgreSQL to the test one ({@code
 * newsstream.test.pg.url}).
 */
class StackProcessesIT {

    private static final int MORE_ARTICLES = 30;

    @TempDir Path work;

    @Test
    @Timeout(value = 170)
    void seedsReachTheViewAndAKilledProcessorLosesAndDuplicatesNothing() throws Exception {
        // Checked before anything starts: skips (or fails in CI) without ../shared/feeds.
        Path heiseFeed = SharedData.feeds().resolve("heise_developer.atom");
        RealInfrastructure real = RealInfrastructure.get();
        Infrastructure infra =
                new Infrastructure(
                        real.bootstrapServers(),
                        real.schemaRegistryUrl(),
                        testPgUrl(),
                        testPgUser(),
                        "");
        try (StackScenario stack = new StackScenario(infra, work)) {
            try {
                stack.createKafkaTopics();
                int httpPort = StackScenario.freePort();
                AppProcess consumer = stack.start(App.CONSUMER, "consumer", httpPort);
                int replicas = stack.compose().replicas(App.STREAMS_PROCESSOR.service);
                assertThat(replicas).isEqualTo(2);
                AppProcess first = stack.start(App.STREAMS_PROCESSOR, "streams-processor-1", 0);
                AppProcess second = stack.start(App.STREAMS_PROCESSOR, "streams-processor-2", 0);
                StackScenario.awaitHealthy(httpPort, consumer);
                StackScenario.awaitLog(first, "-> RUNNING", Duration.ofSeconds(60));
                StackScenario.awaitLog(second, "-> RUNNING", Duration.ofSeconds(60));
                // Both instances own input partitions: the kill below takes work away.
                stack.awaitGroupSharesWork(
                        stack.processorConfig().applicationId(), replicas, Duration.ofSeconds(60));

                // 1. The demo seeds, from the directory the compose file mounts into the producer,
                // then a real Atom feed (German developer news: no news topic matches).
                stack.runProducer("producer-seeds", null);
                Awaitility.await("the seeds in the view")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> StackScenario.assertSeedsInTheirNewsTopics(httpPort));
                // Multi-label: a seed is counted in every news topic it matched.
                Map<String, Integer> seedCounts =
                        new java.util.HashMap<>(StackScenario.counts(httpPort));
                seedCounts.remove("unclassified");
                Path feed = heiseFeed;
                stack.runProducer("producer-feed", feed);
                // The feed's articles (near-duplicates among them are linked, not shown) settle.
                int[] settled = {-1};
                Awaitility.await("the feed's articles in the view")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(
                                () -> {
                                    Map<String, Integer> c = StackScenario.counts(httpPort);
                                    int total = StackScenario.distinctArticles(httpPort);
                                    boolean stable =
                                            total == settled[0] && c.get("unclassified") > 0;
                                    settled[0] = total;
                                    return stable;
                                });
                assertThat(StackScenario.counts(httpPort)).containsAllEntriesOf(seedCounts);
                int beforeKill = settled[0];

                // 2. SIGKILL one processor instance, then publish more.
                first.kill();
                assertThat(first.isAlive()).isFalse();
                Path more =
                        StackScenario.writeArticles(
                                work.resolve("more-articles"), MORE_ARTICLES, 20261121L);
                stack.runProducer("producer-more", more);

                // 3. Every article exactly once on the enriched topic, as a subscriber reads it...
                int expected = beforeKill + MORE_ARTICLES;
                Map<String, Integer> keys =
                        stack.readKeyCounts(
                                stack.processorConfig().enrichedAllKafkaTopic(),
                                expected,
                                Duration.ofSeconds(100),
                                Duration.ofSeconds(3));
                assertThat(keys).as("distinct articles on the enriched topic").hasSize(expected);
                assertThat(StackScenario.keysSeenMoreThanOnce(keys))
                        .as("articles written more than once")
                        .isEmpty();
                // ...and in the view.
                Awaitility.await("every article in the view")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(
                                () ->
                                        assertThat(StackScenario.distinctArticles(httpPort))
                                                .isEqualTo(expected));
                StackScenario.assertSeedsInTheirNewsTopics(httpPort);
                assertThat(second.isAlive()).as("the surviving processor instance").isTrue();
                assertThat(consumer.isAlive()).isTrue();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        e.getMessage() + "\nApplication logs:\n" + stack.logs(), e);
            }
        }
    }

    /** The test PostgreSQL ({@code newsstream.test.pg.url}) as a URL without credentials. */
    static String testPgUrl() {
        String url =
                System.getProperty(
                        "newsstream.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static String testPgUser() {
        String url = System.getProperty("newsstream.test.pg.url", "");
        Map<String, String> params = new HashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String kv : url.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return params.getOrDefault("user", "postgres");
    }
}
