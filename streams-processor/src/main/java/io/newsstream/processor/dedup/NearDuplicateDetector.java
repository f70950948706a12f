package io.newsstream.processor.dedup;

import java.nio.charset.StandardCharsets;

/**
 * Decides whether an article repeats an earlier one of the same bucket (a news topic, or the
 * unclassified bucket) and remembers the distinct ones. Pure logic over a {@link DedupState}; no
 * Kafka types.
 *
 * <ol>
 *   <li><b>Same content</b>: the content hash (normalised title + body) was seen in the bucket.
 *   <li><b>Near duplicate</b>: MinHash with LSH banding. The first {@value #BANDS} x {@value #ROWS}
 *       MinHash values form {@value #BANDS} band keys (bucket, band number, values); an article
 *       sharing any band key with a stored one is a candidate (probability {@code 1 - (1 - s^2)^8}
 *       at similarity s: 0.90 at 0.5, 0.98 at 0.6, 0.9997 at 0.8; 0.3% at 0.02). Each candidate is
 *       verified with the stored 64-value signature; the most similar one at or above the threshold
 *       is the original.
 *   <li><b>Templated reports</b> (daily bulletins with other figures) are kept apart twice: numbers
 *       stay in the shingles, so each changed figure breaks every shingle over it; and when the two
 *       texts hold at least {@value #MIN_NUMBERS} distinct numbers between them and the other text
 *       lacks more than 40% of the numbers of the one with fewer, they are distinct whatever the
 *       text similarity.
 * </ol>
 *
 * <p>Cost of a look-up: at most 1 + {@value #BANDS} index reads of at most {@value #MAX_PER_KEY}
 * entries each and as many article reads: independent of how many articles are stored. Duplicates
 * are not stored (their original already is). State per distinct article: {@value #BANDS} + 1 index
 * entries (4-byte key, 4-byte handle) and one article entry (4-byte handle, {@link StoredArticle}:
 * 40 bytes + id).
 *
 * <p>Thread-safe (the state is the caller's).
 */
public final class NearDuplicateDetector {

    public static final int BANDS = 8;
    public static final int ROWS = 2;

    /** Index entries read per key: bounds a look-up when many articles share a band key. */
    public static final int MAX_PER_KEY = 4;

    /** Distinct numbers (of both texts together) from which the numbers must agree. */
    public static final int MIN_NUMBERS = 3;

    /**
     * Share of the distinct numbers of the text with fewer of them that the other must contain for
     * the two to be duplicates (overlap, not Jaccard: a shortened copy that lost a paragraph of
     * figures stays a duplicate).
     */
    public static final double MIN_SHARED_NUMBERS = 0.6;

    private final MinHasher hasher;
    private final double threshold;

    /**
     * @param shingleWords words per shingle
     * @param threshold estimated Jaccard similarity from which an article is a near duplicate
     */
    public NearDuplicateDetector(int shingleWords, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]");
        }
        this.hasher = new MinHasher(shingleWords);
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** The fingerprint of an article's title and body. */
    public Fingerprint fingerprint(String title, String body) {
        return hasher.fingerprint(
                title == null || title.isEmpty()
                        ? body
                        : body == null ? title : title + "\n" + body);
    }

    /**
     * Checks an article against the distinct articles of its bucket within the retention, and
     * stores it when it is distinct.
     *
     * @param bucket the news topic id, or any fixed name for the unclassified bucket
     * @param articleId the article's id (articles are never duplicates of themselves)
     * @param contentHash hash of the normalised content, or null
     * @param fingerprint {@link #fingerprint(String, String)} of the article
     * @param timestamp record time, for retention
     */
    public DedupVerdict check(
            String bucket,
            String articleId,
            String contentHash,
            Fingerprint fingerprint,
            long timestamp,
            DedupState state) {
        int bucketHash = hash32(bucket);
        int contentKey = contentHash == null ? 0 : contentKey(bucketHash, contentHash);
        if (contentHash != null) {
            for (int handle : state.handles(contentKey, timestamp, MAX_PER_KEY)) {
                StoredArticle original = state.article(handle, timestamp);
                if (original != null && !original.id().equals(articleId)) {
                    return new DedupVerdict(DedupVerdict.Kind.SAME_CONTENT, original.id(), 1.0);
                }
            }
        }
        int[] bandKeys = fingerprint.isEmpty() ? new int[0] : bandKeys(bucketHash, fingerprint);
        int[] seen = new int[BANDS * MAX_PER_KEY];
        int seenCount = 0;
        String bestId = null;
        double best = -1;
        for (int key : bandKeys) {
            for (int handle : state.handles(key, timestamp, MAX_PER_KEY)) {
                if (contains(seen, seenCount, handle)) {
                    continue;
                }
                seen[seenCount++] = handle;
                StoredArticle candidate = state.article(handle, timestamp);
                if (candidate == null || candidate.id().equals(articleId)) {
                    continue;
                }
                if (!numbersAgree(fingerprint.numbersMask(), candidate.numbersMask())) {
                    continue;
                }
                double similarity = MinHasher.similarity(fingerprint, candidate.signature());
                if (similarity >= threshold && similarity > best) {
                    best = similarity;
                    bestId = candidate.id();
                }
            }
        }
        if (bestId != null) {
            return new DedupVerdict(DedupVerdict.Kind.NEAR_DUPLICATE, bestId, best);
        }
        int handle = hash32(bucket + '\u0000' + articleId);
        state.store(
                handle,
                new StoredArticle(
                        articleId,
                        fingerprint.isEmpty()
                                ? new byte[MinHasher.SIGNATURE_BYTES]
                                : fingerprint.compactSignature(),
                        fingerprint.numbersMask()),
                timestamp);
        if (contentHash != null) {
            state.index(contentKey, handle, timestamp);
        }
        for (int key : bandKeys) {
            state.index(key, handle, timestamp);
        }
        return DedupVerdict.DISTINCT;
    }

    /** Whether two number sets are close enough for the texts to be the same report. */
    static boolean numbersAgree(long a, long b) {
        int smaller = Math.min(Long.bitCount(a), Long.bitCount(b));
        if (smaller == 0 || Long.bitCount(a | b) < MIN_NUMBERS) {
            return true;
        }
        return (double) Long.bitCount(a & b) / smaller >= MIN_SHARED_NUMBERS;
    }

    static int[] bandKeys(int bucketHash, Fingerprint fingerprint) {
        int[] v = fingerprint.minHashes();
        int[] keys = new int[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = bucketHash * 0x9E3779B97F4A7C15L + b + 1;
            for (int r = 0; r < ROWS; r++) {
                h = h * 0x9E3779B97F4A7C15L + v[b * ROWS + r];
            }
            keys[b] = (int) Shingles.mix(h);
        }
        return keys;
    }

    private static int contentKey(int bucketHash, String contentHash) {
        // tagged so that a content key cannot meet a band key of the same bucket by construction
        return (int) Shingles.mix(bucketHash * 0x9E3779B97F4A7C15L + hash64(contentHash) + 0xC0);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    static int hash32(String s) {
        return (int) hash64(s);
    }

    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return Shingles.mix(h);
    }
}
