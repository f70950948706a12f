package io.newsstream.processor.dedup;

import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;

/**
 * What {@link NearDuplicateProcessor} forwards: either a distinct article (to publish) or the link
 * of a duplicate to its original. Lives only between processors of one sub-topology; never
 * serialised.
 *
 * @param distinct the distinct article, or null
 * @param duplicate the duplicate's link, or null
 */
public record DedupOutcome(EnrichedArticle distinct, DuplicateLink duplicate) {

    public DedupOutcome {
        if ((distinct == null) == (duplicate == null)) {
            throw new IllegalArgumentException("exactly one of distinct and duplicate");
        }
    }

    public static DedupOutcome distinct(EnrichedArticle article) {
        return new DedupOutcome(article, null);
    }

    public static DedupOutcome duplicate(DuplicateLink link) {
        return new DedupOutcome(null, link);
    }

    public boolean isDuplicate() {
        return duplicate != null;
    }
}
