package io.newsstream.processor.dedup;

import java.nio.ByteBuffer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link DedupState} over two key-value stores (RocksDB in the processor), read with point gets
 * only, so a look-up costs the same whatever the number of stored articles (a bloom filter answers
 * most gets of absent keys without reading a block, see {@link DedupRocksDbConfig}).
 *
 * <ul>
 *   <li>index: {@code int key -> up to maxPerKey x (int handle, int epoch second)}, newest first: 4
 *       + 8 bytes per entry; one entry per key, so a distinct article whose band keys are new (the
 *       common case) adds 9 x 12 = 108 bytes.
 *   <li>articles: {@code int handle -> long timestamp | StoredArticle}: 4 + 8 + 40 + id bytes.
 * </ul>
 *
 * Entries are filtered by the retention around the look-up's record time on read (the article's
 * exact timestamp decides; the index's second is only a coarse pre-filter) and deleted by {@link
 * #indexSweeper}/{@link #articleSweeper} once stream time has passed their retention.
 */
final class KeyValueDedupState implements DedupState {

    /** Bytes of one index entry: handle and epoch second. */
    static final int INDEX_ENTRY_BYTES = 8;

    private static final int[] NONE = new int[0];

    private final KeyValueStore<Integer, byte[]> index;
    private final KeyValueStore<Integer, byte[]> articles;
    private final long retentionMs;
    private final int maxPerKey;

    /**
     * @param maxPerKey index entries kept per key (only the newest are ever read)
     */
    KeyValueDedupState(
            KeyValueStore<Integer, byte[]> index,
            KeyValueStore<Integer, byte[]> articles,
            long retentionMs,
            int maxPerKey) {
        this.index = index;
        this.articles = articles;
        this.retentionMs = retentionMs;
        this.maxPerKey = maxPerKey;
    }

    @Override
    public int[] handles(int key, long timestamp, int max) {
        byte[] v = index.get(key);
        if (v == null) {
            return NONE;
        }
        long from = Math.floorDiv(timestamp - retentionMs, 1000);
        long to = Math.floorDiv(timestamp + retentionMs, 1000);
        ByteBuffer b = ByteBuffer.wrap(v);
        int n = v.length / INDEX_ENTRY_BYTES;
        int[] found = new int[Math.min(n, max)];
        int count = 0;
        for (int i = 0; i < n && count < found.length; i++) {
            int handle = b.getInt();
            long second = Integer.toUnsignedLong(b.getInt());
            if (second >= from && second <= to) {
                found[count++] = handle;
            }
        }
        return count == found.length ? found : java.util.Arrays.copyOf(found, count);
    }

    @Override
    public void index(int key, int handle, long timestamp) {
        byte[] old = index.get(key);
        int second = (int) Math.floorDiv(timestamp, 1000);
        long oldest = Math.floorDiv(timestamp - retentionMs, 1000);
        ByteBuffer out = ByteBuffer.allocate(maxPerKey * INDEX_ENTRY_BYTES);
        boolean written = false;
        int n = 0;
        if (old != null) {
            ByteBuffer b = ByteBuffer.wrap(old);
            while (b.remaining() >= INDEX_ENTRY_BYTES && n < maxPerKey) {
                int h = b.getInt();
                int s = b.getInt();
                if (h == handle || Integer.toUnsignedLong(s) < oldest) {
                    continue; // re-stored article, or out of any look-up's retention
                }
                if (!written && Integer.compareUnsigned(s, second) <= 0) {
                    out.putInt(handle).putInt(second);
                    written = true;
                    if (++n == maxPerKey) {
                        break;
                    }
                }
                out.putInt(h).putInt(s);
                n++;
            }
        }
        if (!written && n < maxPerKey) {
            out.putInt(handle).putInt(second);
            n++;
            written = true;
        }
        if (written) {
            index.put(key, java.util.Arrays.copyOf(out.array(), n * INDEX_ENTRY_BYTES));
        }
    }

    @Override
    public StoredArticle article(int handle, long timestamp) {
        byte[] v = articles.get(handle);
        if (v == null) {
            return null;
        }
        long stored = ByteBuffer.wrap(v).getLong();
        if (stored < timestamp - retentionMs || stored > timestamp + retentionMs) {
            return null;
        }
        return StoredArticle.fromBytes(v, Long.BYTES);
    }

    @Override
    public void store(int handle, StoredArticle article, long timestamp) {
        articles.put(handle, article.toBytes(timestamp));
    }

    /** Deletes index entries older than the cut-off (by their second), keys left empty too. */
    static ExpirySweeper<Integer> indexSweeper(KeyValueStore<Integer, byte[]> index) {
        return ExpirySweeper.ofIntKeys(
                index,
                (v, cutOffMs) -> {
                    // an entry's second is expired once all of it lies before the cut-off
                    long oldest = Math.floorDiv(cutOffMs, 1000);
                    ByteBuffer b = ByteBuffer.wrap(v);
                    ByteBuffer kept = ByteBuffer.allocate(v.length);
                    while (b.remaining() >= INDEX_ENTRY_BYTES) {
                        int h = b.getInt();
                        int s = b.getInt();
                        if (Integer.toUnsignedLong(s) >= oldest) {
                            kept.putInt(h).putInt(s);
                        }
                    }
                    if (kept.position() == v.length) {
                        return v;
                    }
                    return kept.position() == 0
                            ? null
                            : java.util.Arrays.copyOf(kept.array(), kept.position());
                });
    }

    /** Deletes articles stored before the cut-off. */
    static ExpirySweeper<Integer> articleSweeper(KeyValueStore<Integer, byte[]> articles) {
        return ExpirySweeper.ofIntKeys(
                articles, (v, cutOffMs) -> ByteBuffer.wrap(v).getLong() < cutOffMs ? null : v);
    }
}
