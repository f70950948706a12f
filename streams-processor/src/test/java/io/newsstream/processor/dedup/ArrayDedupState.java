package io.newsstream.processor.dedup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A compact in-memory {@link DedupState} for tests, the evaluation and benchmarks: the index is an
 * open-addressing table of {@code long} slots packing key and handle (multi-valued, linear
 * probing), the articles a hash map. Keeps everything (no retention): the Kafka store's retention
 * is tested through the topology.
 */
final class ArrayDedupState implements DedupState {

    private final long[] slots;
    private final int mask;
    private final Map<Integer, StoredArticle> articles;
    private int size;

    /**
     * @param expectedArticles sizes the tables for this many distinct articles
     */
    ArrayDedupState(int expectedArticles) {
        long entries = (long) expectedArticles * (NearDuplicateDetector.BANDS + 1);
        int capacity = Integer.highestOneBit((int) Math.min(1 << 30, Math.max(16, entries * 2)));
        capacity = capacity < entries * 2 ? capacity << 1 : capacity;
        slots = new long[capacity];
        mask = capacity - 1;
        articles = new HashMap<>(expectedArticles * 2);
    }

    @Override
    public int[] handles(int key, long timestamp, int max) {
        int[] found = new int[max];
        int n = 0;
        int i = spread(key) & mask;
        while (slots[i] != 0) {
            long s = slots[i];
            if ((int) (s >>> 32) == key) {
                if (n == max) {
                    System.arraycopy(found, 1, found, 0, max - 1); // keep the newest
                    n--;
                }
                found[n++] = (int) s;
            }
            i = (i + 1) & mask;
        }
        int[] newestFirst = new int[n];
        for (int k = 0; k < n; k++) {
            newestFirst[k] = found[n - 1 - k];
        }
        return newestFirst;
    }

    @Override
    public void index(int key, int handle, long timestamp) {
        if (size * 4L >= slots.length * 3L) {
            throw new IllegalStateException("ArrayDedupState full: size it for more articles");
        }
        long packed = ((long) key << 32) | (handle & 0xffffffffL);
        if (packed == 0) {
            packed = 1; // 0 marks an empty slot
        }
        int i = spread(key) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = packed;
        size++;
    }

    @Override
    public StoredArticle article(int handle, long timestamp) {
        return articles.get(handle);
    }

    @Override
    public void store(int handle, StoredArticle article, long timestamp) {
        articles.put(handle, article);
    }

    int articleCount() {
        return articles.size();
    }

    private static int spread(int key) {
        return key * 0x9E3779B9 ^ (key >>> 16);
    }

    @Override
    public String toString() {
        return "ArrayDedupState" + Arrays.toString(new int[] {size, articles.size()});
    }
}
