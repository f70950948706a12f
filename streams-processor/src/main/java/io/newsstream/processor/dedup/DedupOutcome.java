package io.newsstream.processor.dedup;

import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;

/**
 * What {@link NearDuplicateProcessor} forwards: either a distinct article (to publish) or the link
 * of a duplicate to its original. Lives only between processors of one sub-topology; never
 * serialised.
 *
 * @param bucket the de-duplication bucket it was decided in: a news topic id, or {@link
 *     NearDuplicateProcessor#UNCLASSIFIED_BUCKET}; the sinks route by it
 * @param distinct the distinct article, or null
 * @param duplicate the duplicate's link, or null
 */
public record DedupOutcome(String bucket, EnrichedArticle distinct, DuplicateLink duplicate) {

    public DedupOutcome {
        if (bucket == null) {
            throw new IllegalArgumentException("bucket");
        }
        if ((distinct == null) == (duplicate == null)) {
            throw new IllegalArgumentException("exactly one of distinct and duplicate");
        }
    }

    public static DedupOutcome distinct(String bucket, EnrichedArticle article) {
        return new DedupOutcome(bucket, article, null);
    }

    public static DedupOutcome duplicate(String bucket, DuplicateLink link) {
        return new DedupOutcome(bucket, null, link);
    }

    /**
     * True for the outcome decided in the article's primary bucket: the one that stands for the
     * article on the all-articles Kafka topic (each article is de-duplicated once per bucket).
     */
    public boolean inPrimaryBucket() {
        EnrichedArticle article = distinct;
        return article != null && bucket.equals(NearDuplicateProcessor.bucketOf(article));
    }

    public boolean isDuplicate() {
        return duplicate != null;
    }
}
