package io.newsstream.consumer.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsstream.consumer.view.ViewUpdater;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The consumer's metrics, served in Prometheus text format by {@code GET /metrics}.
 *
 * <ul>
 *   <li>{@code newsstream_view_records_consumed_total}: records polled from the enriched topics (a
 *       record read again after a retry counts again).
 *   <li>{@code newsstream_view_records_stored_total}: articles written to the view.
 *   <li>{@code newsstream_view_dead_letters_total}: records sent to the dead-letter topic.
 *   <li>{@code newsstream_view_lag_records{kafka_topic, partition}}: per partition this instance
 *       reads, the records between the view's stored offset and the end of the partition (its last
 *       stable offset). 0 when the view is up to date.
 *   <li>{@code newsstream_http_requests_seconds{method, route, status}}: request latencies, with
 *       the route template ({@code /api/topics/{topic}/articles}) so paths do not explode the
 *       series; requests no route matched are {@code route="unmatched"}.
 *   <li>JVM memory, threads and CPU.
 * </ul>
 *
 * Thread-safe: HTTP threads record requests while the view updater runs.
 */
public final class Metrics {

    /** Content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile MultiGauge lag;
    private volatile Supplier<ViewUpdater.Status> status;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Publishes the view updater's counters and per-partition lag, read at every scrape. */
    public void bindViewUpdater(Supplier<ViewUpdater.Status> updaterStatus) {
        Objects.requireNonNull(updaterStatus);
        this.status = updaterStatus;
        FunctionCounter.builder(
                        "newsstream.view.records.consumed",
                        updaterStatus,
                        s -> s.get().consumedRecords())
                .description("Records polled from the enriched Kafka topics")
                .register(registry);
        FunctionCounter.builder(
                        "newsstream.view.records.stored",
                        updaterStatus,
                        s -> s.get().storedRecords())
                .description("Articles written to the view store")
                .register(registry);
        FunctionCounter.builder(
                        "newsstream.view.dead.letters", updaterStatus, s -> s.get().deadLetters())
                .description("Records the view sent to the dead-letter topic")
                .register(registry);
        lag =
                MultiGauge.builder("newsstream.view.lag")
                        .baseUnit("records")
                        .description(
                                "Records between the view's stored offset and the end of the"
                                        + " partition")
                        .register(registry);
    }

    /**
     * Records one HTTP request.
     *
     * @param route the route template that matched, null when none did
     */
    public void recordRequest(String method, String route, int status, Duration elapsed) {
        Timer.builder("newsstream.http.requests")
                .description("HTTP request latencies of the view API")
                .tags("method", method, "route", route == null ? "unmatched" : route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Everything in Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        refreshLag();
        return registry.scrape();
    }

    private void refreshLag() {
        MultiGauge gauge = lag;
        Supplier<ViewUpdater.Status> s = status;
        if (gauge == null || s == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows =
                s.get().lag().entrySet().stream()
                        .<MultiGauge.Row<?>>map(
                                e ->
                                        MultiGauge.Row.of(
                                                Tags.of(
                                                        "kafka_topic",
                                                        e.getKey().topic(),
                                                        "partition",
                                                        Integer.toString(e.getKey().partition())),
                                                e.getValue()))
                        .toList();
        // Overwrite: partitions this instance no longer reads disappear from the output.
        gauge.register(rows, true);
    }

    /** The registry, for binders that want to add their own meters (e.g. the connection pool). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
