package io.newsstream.consumer.http;

import java.util.Map;

/** Tells {@code GET /health} whether the application is ready, and why (or why not). */
@FunctionalInterface
public interface HealthCheck {

    Health check();

    /**
     * @param up ready to serve an up-to-date view
     * @param details named facts shown in the response body (JSON-serialisable values)
     */
    record Health(boolean up, Map<String, Object> details) {}
}
