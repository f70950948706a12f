package io.newsstream.consumer.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API: the stable contract the README documents. */
final class ApiJson {

    private ApiJson() {}

    /** The {@code kind} of a configured news topic in {@code GET /api/topics}. */
    static final String KIND_NEWS_TOPIC = "news-topic";

    /** The {@code kind} of the bucket of articles matching no news topic. */
    static final String KIND_UNCLASSIFIED = "unclassified";

    /**
     * One entry of {@code GET /api/topics}. firstSeen/lastSeen are null while articleCount is 0.
     */
    record NewsTopicJson(
            String id,
            String name,
            String description,
            String kind,
            long articleCount,
            Instant firstSeen,
            Instant lastSeen) {}

    /** {@code GET /api/topics/{topic}/articles}. */
    record ArticlePageJson(
            String newsTopic, long total, int limit, int offset, List<ArticleJson> articles) {}

    /** One article of a news topic. */
    record ArticleJson(
            String id,
            String title,
            String outlet,
            String url,
            Instant publishedAt,
            Instant fetchedAt,
            Instant processedAt,
            int wordCount,
            String primaryNewsTopic,
            JsonNode newsTopicScores) {}

    /** Every error response. */
    record ErrorJson(int status, String error) {}

    /** {@code GET /health}. */
    record HealthJson(String status, Map<String, Object> details) {}
}
