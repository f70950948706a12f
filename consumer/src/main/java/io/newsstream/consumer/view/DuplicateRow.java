package io.newsstream.consumer.view;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.schemas.event.DuplicateLink;
import java.time.Instant;
import java.util.Objects;

/**
 * One other outlet's copy of a story, as the view stores it: a {@link DuplicateLink} read from the
 * duplicates Kafka topic. {@code (newsTopic, originalId, duplicateId)} is unique; writing the same
 * link twice leaves one row.
 *
 * @param newsTopic the news topic within which it is a duplicate ({@code unclassified} when the
 *     link names none)
 * @param originalId id of the story's first article, as published on the enriched topics
 * @param duplicateId id of the article recognised as a duplicate
 * @param kind how it was recognised ({@code SAME_ID}, {@code SAME_CONTENT}, {@code NEAR_DUPLICATE})
 * @param similarity estimated similarity to the original, 0..1
 * @param publishedAt publication time of the duplicate, null when unknown
 * @param detectedAt when the processor recognised it
 */
public record DuplicateRow(
        String newsTopic,
        String originalId,
        String duplicateId,
        String kind,
        double similarity,
        String outlet,
        String url,
        String title,
        Instant publishedAt,
        Instant detectedAt) {

    public DuplicateRow {
        Objects.requireNonNull(newsTopic, "newsTopic");
        Objects.requireNonNull(originalId, "originalId");
        Objects.requireNonNull(duplicateId, "duplicateId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    /**
     * Maps a link read from Kafka; rejects what the view cannot show with {@link
     * ArticleRows.InvalidArticleException}.
     *
     * @param link the event, or null for a tombstone
     */
    public static DuplicateRow from(DuplicateLink link) {
        if (link == null) {
            throw new ArticleRows.InvalidArticleException(
                    "null value (tombstone): the view never deletes duplicates, so the duplicates"
                            + " topic must not carry tombstones");
        }
        if (link.getOriginalId() == null
                || link.getOriginalId().isBlank()
                || link.getDuplicateId() == null
                || link.getDuplicateId().isBlank()) {
            throw new ArticleRows.InvalidArticleException(
                    "duplicate link without an original or a duplicate id");
        }
        if (link.getTitle() == null || link.getDetectedAt() == null || link.getKind() == null) {
            throw new ArticleRows.InvalidArticleException(
                    "duplicate link "
                            + link.getDuplicateId()
                            + " has no title, kind or detection time");
        }
        String newsTopic =
                link.getNewsTopic() == null || link.getNewsTopic().isBlank()
                        ? NewsTopicCatalog.UNCLASSIFIED
                        : link.getNewsTopic();
        return new DuplicateRow(
                newsTopic,
                link.getOriginalId(),
                link.getDuplicateId(),
                link.getKind().name(),
                link.getSimilarity(),
                link.getOutlet(),
                link.getUrl(),
                link.getTitle(),
                link.getPublishedAt(),
                link.getDetectedAt());
    }
}
