package io.newsstream.processor.dedup;

/**
 * What {@link NearDuplicateDetector#check} decided about one article.
 *
 * @param kind distinct, or how it duplicates an earlier article
 * @param originalId id of the earlier distinct article it duplicates, null when distinct
 * @param similarity estimated Jaccard similarity to the original (1 for the same content, 0 when
 *     distinct)
 */
public record DedupVerdict(Kind kind, String originalId, double similarity) {

    public enum Kind {
        DISTINCT,
        SAME_CONTENT,
        NEAR_DUPLICATE
    }

    static final DedupVerdict DISTINCT = new DedupVerdict(Kind.DISTINCT, null, 0);

    public boolean isDuplicate() {
        return kind != Kind.DISTINCT;
    }
}
