package io.newsstream.processor.dedup;

/**
 * The similarity fingerprint of one article's text, computed by {@link MinHasher}: {@value
 * MinHasher#HASHES} MinHash values over its word shingles (the estimate of the Jaccard similarity
 * of two shingle sets is the share of equal values) and a 64-bit set of the numbers it contains.
 *
 * @param minHashes the full 32-bit MinHash values (LSH band keys are built from them); empty when
 *     the text has no words
 * @param numbersMask bit {@code h & 63} set for the hash {@code h} of each number in the text
 */
public record Fingerprint(int[] minHashes, long numbersMask) {

    /** Whether the text had no words (nothing to compare). */
    public boolean isEmpty() {
        return minHashes.length == 0;
    }

    /**
     * The compact signature kept in the store: the low {@value MinHasher#SIGNATURE_BITS} bits of
     * each MinHash value (b-bit MinHash), packed two per byte.
     */
    public byte[] compactSignature() {
        byte[] out = new byte[MinHasher.SIGNATURE_BYTES];
        for (int i = 0; i < minHashes.length; i += 2) {
            out[i >> 1] = (byte) ((minHashes[i] & 0x0F) | ((minHashes[i + 1] & 0x0F) << 4));
        }
        return out;
    }
}
