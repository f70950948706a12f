package io.newsstream.processor.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the near-duplicate store keeps of one distinct article: its id (to link duplicates to it),
 * its compact MinHash signature and its numbers mask. Serialised as {@code signature (32 bytes) |
 * numbers mask (8 bytes) | id (UTF-8)}: 40 bytes plus the id.
 *
 * @param id article id
 * @param signature {@link Fingerprint#compactSignature()}
 * @param numbersMask {@link Fingerprint#numbersMask()}
 */
public record StoredArticle(String id, byte[] signature, long numbersMask) {

    public StoredArticle {
        if (signature.length != MinHasher.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature must have " + MinHasher.SIGNATURE_BYTES);
        }
    }

    public byte[] toBytes() {
        byte[] id = this.id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MinHasher.SIGNATURE_BYTES + 8 + id.length)
                .put(signature)
                .putLong(numbersMask)
                .put(id)
                .array();
    }

    /** {@code timestamp (8 bytes) | toBytes()}: the value of the processor's article store. */
    public byte[] toBytes(long timestamp) {
        byte[] id = this.id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + MinHasher.SIGNATURE_BYTES + 8 + id.length)
                .putLong(timestamp)
                .put(signature)
                .putLong(numbersMask)
                .put(id)
                .array();
    }

    public static StoredArticle fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0);
    }

    /** The article serialised by {@link #toBytes()} at {@code offset} of {@code bytes}. */
    public static StoredArticle fromBytes(byte[] bytes, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        byte[] signature = new byte[MinHasher.SIGNATURE_BYTES];
        b.get(signature);
        long mask = b.getLong();
        String id = new String(bytes, b.position(), b.remaining(), StandardCharsets.UTF_8);
        return new StoredArticle(id, signature, mask);
    }
}
