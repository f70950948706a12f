package io.newsstream.consumer.view;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * @param memberOf every news topic (view ids, {@code unclassified} when none) the article belongs
 *     to in this version; the store drops the article's rows elsewhere when this version is the
 *     newest it has ({@code processedAt}). Null when unknown (rows read back from the store): no
 *     membership change
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
        long sourceOffset,
        Set<String> memberOf) {

    /** A row whose membership is unknown (see {@code memberOf}). */
    public ArticleRow(
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
        this(
                newsTopic,
                id,
                title,
                outlet,
                url,
                publishedAt,
                fetchedAt,
                processedAt,
                wordCount,
                primaryNewsTopic,
                scoresJson,
                enrichmentJson,
                sourceKafkaTopic,
                sourcePartition,
                sourceOffset,
                null);
    }

    public ArticleRow {
        memberOf = memberOf == null ? null : Set.copyOf(memberOf);
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

    /** The stored columns only: {@code memberOf} comes with an event and is not stored. */
    private List<Object> stored() {
        return Arrays.asList(
                newsTopic,
                id,
                title,
                outlet,
                url,
                publishedAt,
                fetchedAt,
                processedAt,
                wordCount,
                primaryNewsTopic,
                scoresJson,
                enrichmentJson,
                sourceKafkaTopic,
                sourcePartition,
                sourceOffset);
    }

    /** Equal when the stored columns are ({@code memberOf} is not stored, see above). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArticleRow other && stored().equals(other.stored());
    }

    @Override
    public int hashCode() {
        return stored().hashCode();
    }
}
