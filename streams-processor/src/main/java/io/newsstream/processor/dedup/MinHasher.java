package io.newsstream.processor.dedup;

/**
 * MinHash over word shingles: {@value #HASHES} independent hash functions {@code h_i(x) = (a_i x +
 * b_i) >>> 32} (multiply-shift over the already mixed 64-bit shingle hashes), keeping the minimum
 * of each. Two texts agree on a given value with probability equal to the Jaccard similarity of
 * their shingle sets. Deterministic (fixed seeds): fingerprints are comparable across restarts and
 * instances. Thread-safe.
 */
public final class MinHasher {

    /** MinHash values per text. */
    public static final int HASHES = 64;

    /** Bits of each value kept in the stored signature (b-bit MinHash). */
    public static final int SIGNATURE_BITS = 4;

    /** Bytes of the stored signature. */
    public static final int SIGNATURE_BYTES = HASHES * SIGNATURE_BITS / 8;

    private static final long[] A = new long[HASHES];
    private static final long[] B = new long[HASHES];

    static {
        long seed = 0x6e657773L; // "news"
        for (int i = 0; i < HASHES; i++) {
            seed += 0x9E3779B97F4A7C15L;
            A[i] = Shingles.mix(seed) | 1L;
            seed += 0x9E3779B97F4A7C15L;
            B[i] = Shingles.mix(seed);
        }
    }

    private final int shingleWords;

    /**
     * @param shingleWords words per shingle
     */
    public MinHasher(int shingleWords) {
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingleWords must be >= 1");
        }
        this.shingleWords = shingleWords;
    }

    public int shingleWords() {
        return shingleWords;
    }

    /** The fingerprint of a text. */
    public Fingerprint fingerprint(String text) {
        Shingles shingles = Shingles.of(text, shingleWords);
        long mask = 0;
        for (long n : shingles.numbers()) {
            mask |= 1L << (n & 63);
        }
        long[] hashes = shingles.hashes();
        if (hashes.length == 0) {
            return new Fingerprint(new int[0], mask);
        }
        int[] min = new int[HASHES];
        java.util.Arrays.fill(min, Integer.MAX_VALUE);
        for (long x : hashes) {
            for (int i = 0; i < HASHES; i++) {
                int v = (int) ((x * A[i] + B[i]) >>> 32);
                if (v < min[i]) {
                    min[i] = v;
                }
            }
        }
        return new Fingerprint(min, mask);
    }

    /**
     * The Jaccard similarity estimated from a full fingerprint and a stored compact signature: the
     * share of equal {@value #SIGNATURE_BITS}-bit values, corrected for the 1/16 chance that two
     * different values agree on their low bits. Standard error about 0.065 at similarity 0.5.
     */
    public static double similarity(Fingerprint fingerprint, byte[] compactSignature) {
        if (fingerprint.isEmpty()) {
            return 0;
        }
        int[] v = fingerprint.minHashes();
        int equal = 0;
        for (int i = 0; i < HASHES; i += 2) {
            int packed = compactSignature[i >> 1];
            if ((v[i] & 0x0F) == (packed & 0x0F)) {
                equal++;
            }
            if ((v[i + 1] & 0x0F) == ((packed >> 4) & 0x0F)) {
                equal++;
            }
        }
        double chance = 1.0 / (1 << SIGNATURE_BITS);
        double estimate = ((double) equal / HASHES - chance) / (1 - chance);
        return Math.max(0, Math.min(1, estimate));
    }
}
