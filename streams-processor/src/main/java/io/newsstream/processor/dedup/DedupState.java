package io.newsstream.processor.dedup;

/**
 * The state {@link NearDuplicateDetector} reads and writes, abstracted from Kafka: an index from
 * 32-bit keys (LSH band keys and content keys) to 32-bit article handles, and the stored articles
 * by handle. Implementations keep entries for a retention period by record time and drop them
 * afterwards; the Kafka implementation uses window stores ({@link NearDuplicateProcessor}).
 */
public interface DedupState {

    /**
     * Handles indexed under {@code key} within the retention around {@code timestamp}, newest
     * first, at most {@code max} of them (the bound keeps a look-up's cost constant).
     */
    int[] handles(int key, long timestamp, int max);

    void index(int key, int handle, long timestamp);

    /** The article stored under {@code handle} within the retention, or null. */
    StoredArticle article(int handle, long timestamp);

    void store(int handle, StoredArticle article, long timestamp);
}
