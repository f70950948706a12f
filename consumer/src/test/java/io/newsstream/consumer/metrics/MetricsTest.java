package io.newsstream.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.http.HealthCheck;
import io.newsstream.consumer.http.ViewHttpServer;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.consumer.view.ViewUpdater;
import io.newsstream.schemas.KafkaTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    private static final TopicPartition AIRSPACE_P0 =
            new TopicPartition(KafkaTopics.enrichedFor("airspace-deal"), 0);
    private static final TopicPartition AIRSPACE_P1 =
            new TopicPartition(KafkaTopics.enrichedFor("airspace-deal"), 1);

    @TempDir Path dir;

    @Test
    void exposesCountersAndTheLagOfExactlyThePartitionsCurrentlyRead() {
        AtomicReference<ViewUpdater.Status> status =
                new AtomicReference<>(status(12, 10, 1, Map.of(AIRSPACE_P0, 5L, AIRSPACE_P1, 0L)));
        Metrics metrics = new Metrics();
        metrics.bindViewUpdater(status::get);

        String first = metrics.scrape();

        assertThat(first)
                .contains("newsstream_view_records_consumed_total 12.0")
                .contains("newsstream_view_records_stored_total 10.0")
                .contains("newsstream_view_dead_letters_total 1.0")
                .contains(
                        "newsstream_view_lag_records{kafka_topic=\""
                                + AIRSPACE_P0.topic()
                                + "\",partition=\"0\"} 5.0")
                .contains("partition=\"1\"} 0.0");

        // A rebalance took partition 1 away: its series goes, partition 0 caught up.
        status.set(status(20, 18, 1, Map.of(AIRSPACE_P0, 0L)));
        String second = metrics.scrape();

        assertThat(second)
                .contains("newsstream_view_records_consumed_total 20.0")
                .contains("partition=\"0\"} 0.0")
                .doesNotContain("partition=\"1\"}");
    }

    @Test
    void theHttpServerServesMetricsAndTimesRequestsByRouteTemplate() throws Exception {
        Metrics metrics = new Metrics();
        try (JdbcViewStore store =
                        JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
                ViewHttpServer server =
                        ViewHttpServer.start(
                                store,
                                NewsTopicCatalog.loadDefault(),
                                () -> new HealthCheck.Health(true, Map.of()),
                                "127.0.0.1",
                                0,
                                metrics)) {
            get(server, "/api/topics/airspace-deal/articles");
            get(server, "/api/topics/joint-strikes/articles?limit=0");
            get(server, "/no/such/page");

            HttpResponse<String> r = get(server, "/metrics");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body())
                    .contains(
                            "newsstream_http_requests_seconds_count{method=\"GET\","
                                    + "route=\"/api/topics/{topic}/articles\",status=\"200\"} 1")
                    .contains("route=\"/api/topics/{topic}/articles\",status=\"400\"} 1")
                    .contains("route=\"unmatched\",status=\"404\"} 1")
                    .contains("jvm_memory_used_bytes");
        }
    }

    private static ViewUpdater.Status status(
            long consumed, long stored, long deadLetters, Map<TopicPartition, Long> lag) {
        return new ViewUpdater.Status(
                true,
                true,
                Set.copyOf(lag.keySet()),
                stored,
                deadLetters,
                null,
                null,
                consumed,
                lag);
    }

    private static HttpResponse<String> get(ViewHttpServer server, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
