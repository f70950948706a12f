package io.newsstream.consumer.view;

import java.time.Instant;
import java.util.Objects;

/**
 * One article as the view stores it under one news topic. The same article matched by two news
 * topics is two rows; {@code (newsTopic, id)} is unique.
 *
 * @param newsTopic the news topic id the row is filed under, or {@code unclassified}
 * @param id article id
 * @param publishedAt publication time, null when the source states none
 * @param primaryNewsTopic the processor's best-scoring news topic, null when unclassified
 * @param scoresJson JSON object {@code {"<news topic>": {"score", "matched", "evidence": [...]}}}
 * @param enrichmentJson the whole enriched article as plain JSON
 * @param sourceKafkaTopic Kafka topic the row was read from
 * @param sourcePartition partition the row was read from
 * @param sourceOffset offset the row was read from
 */
public record ArticleRow(
        String newsTopic,
        String id,
        String title,
        String outlet,
        String url,
        Instant publishedAt,
        Instant fetchedAt,
        Instant processedAt,
        int wordCount,
        String primaryNewsTopic,
        String scoresJson,
        String enrichmentJson,
        String sourceKafkaTopic,
        int sourcePartition,
        long sourceOffset) {

    public ArticleRow {
        Objects.requireNonNull(newsTopic, "newsTopic");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(processedAt, "processedAt");
        Objects.requireNonNull(scoresJson, "scoresJson");
        Objects.requireNonNull(enrichmentJson, "enrichmentJson");
        Objects.requireNonNull(sourceKafkaTopic, "sourceKafkaTopic");
    }

    /**
     * What "newest first" sorts by: the publication time when known. An undated article is not
     * "published when fetched": it sorts after every dated one, the latest fetched first, as the
     * negated fetch time (dated rows are after 1970, the producer drops earlier dates).
     */
    public Instant sortAt() {
        return publishedAt != null ? publishedAt : Instant.ofEpochMilli(-fetchedAt.toEpochMilli());
    }

    /** Whether the source states a publication time. */
    public boolean dated() {
        return publishedAt != null;
    }
}
