package io.newsstream.consumer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.newsstream.consumer.metrics.Metrics;
import java.time.Duration;

/**
 * Wires {@link Metrics} into the HTTP server: {@code GET /metrics} in Prometheus text format, and
 * every request's latency by method, route template and status.
 */
final class MetricsRoutes {

    private MetricsRoutes() {}

    static void install(JavalinConfig cfg, Metrics metrics) {
        cfg.routes.get(
                "/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        cfg.requestLogger.http(
                (ctx, ms) ->
                        metrics.recordRequest(
                                ctx.method().name(),
                                route(ctx),
                                ctx.statusCode(),
                                Duration.ofNanos((long) (ms * 1_000_000d))));
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            // No endpoint matched (404): one series for all of them.
            return null;
        }
    }
}
