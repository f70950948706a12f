package io.newsstream.consumer.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
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
     * One entry of {@code GET /api/topics}. firstSeen/lastSeen (publication times) are null while
     * no article is dated.
     */
    record NewsTopicJson(
            String id,
            String name,
            String description,
            String kind,
            long articleCount,
            Instant firstSeen,
            Instant lastSeen,
            List<EntityJson> topEntities) {}

    /**
     * {@code GET /api/topics/{topic}/articles}; {@code from}/{@code to} echo the time range asked
     * for (null when open).
     */
    record ArticlePageJson(
            String newsTopic,
            long total,
            int limit,
            int offset,
            Instant from,
            Instant to,
            List<ArticleJson> articles) {}

    /**
     * One article of a news topic. {@code duplicateCount}: copies of the story other outlets
     * carried; {@code outletCount}: distinct outlets that carried it, this one included.
     */
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
            JsonNode newsTopicScores,
            int duplicateCount,
            int outletCount) {}

    /**
     * {@code GET /api/topics/{topic}/articles/{id}}: the article, its whole enrichment (body,
     * entities, attributions, scores with evidence, as in {@code EnrichedArticle}), its duplicates
     * and every outlet that carried it (the original first).
     */
    record StoryJson(
            String newsTopic,
            ArticleJson article,
            JsonNode enrichment,
            List<DuplicateJson> duplicates,
            List<OutletJson> outlets) {}

    /** One other outlet's copy of a story. */
    record DuplicateJson(
            String id,
            String kind,
            double similarity,
            String outlet,
            String url,
            String title,
            Instant publishedAt,
            Instant detectedAt) {}

    /**
     * One article that carried a story: {@code kind} is {@code ORIGINAL} for the story itself, else
     * how the duplicate was recognised.
     */
    record OutletJson(
            String outlet,
            String articleId,
            String url,
            String title,
            Instant publishedAt,
            String kind) {}

    /** An entity of a news topic: articles naming it and mentions in them. */
    record EntityJson(String name, String type, long articles, long mentions) {}

    /** {@code GET /api/topics/{topic}/entities}. */
    record EntitiesJson(String newsTopic, List<EntityJson> entities) {}

    /** Articles on one UTC day ({@code yyyy-MM-dd}). */
    record DayJson(LocalDate day, long articles) {}

    /** {@code GET /api/topics/{topic}/timeline}. */
    record TimelineJson(String newsTopic, Instant from, Instant to, List<DayJson> days) {}

    /** {@code GET /api/search}. */
    record SearchJson(
            String query, String newsTopic, int limit, int offset, List<SearchHitJson> results) {}

    /** One search result: the article and the news topic it is filed under. */
    record SearchHitJson(String newsTopic, ArticleJson article) {}

    /** Data of the SSE {@code article} event: a story just stored under a news topic. */
    record ArticleEventJson(String newsTopic, ArticleJson article) {}

    /** Data of the SSE {@code duplicate} event: another outlet's copy of a stored story. */
    record DuplicateEventJson(String newsTopic, String originalId, DuplicateJson duplicate) {}

    /** Data of the SSE {@code ready} event, sent once when the stream opens. */
    record ReadyEventJson(String newsTopic) {}

    /** Every error response. */
    record ErrorJson(int status, String error) {}

    /** {@code GET /health}. */
    record HealthJson(String status, Map<String, Object> details) {}
}
