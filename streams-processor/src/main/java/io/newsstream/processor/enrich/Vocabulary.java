package io.newsstream.processor.enrich;

import java.util.Arrays;

/**
 * Words to dense ids, looked up straight from a region of a {@code char[]} so that scanning an
 * article allocates no string per word. Open addressing, {@link String#hashCode()}-compatible hash.
 * Built once, then read-only (safe to share between threads).
 *
 * <p>Most words of an article are not in a vocabulary, so a miss must be cheap: each slot packs the
 * word's hash and its id into one {@code long}, and a look-up reads one array until a hash matches.
 */
final class Vocabulary {

    /** Per slot: the hash in the high half, id + 1 in the low half; 0 for an empty slot. */
    private long[] slots = new long[16];

    /** The words by id. */
    private char[][] words = new char[8][];

    private int size;

    int size() {
        return size;
    }

    /** The id of {@code word}, adding it when new. */
    int add(String word) {
        int found = find(word);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (size == words.length) {
            words = Arrays.copyOf(words, size * 2);
        }
        words[size] = word.toCharArray();
        insert(word.hashCode(), size);
        return size++;
    }

    int find(String word) {
        char[] c = word.toCharArray();
        return find(c, 0, c.length, false);
    }

    /**
     * The id of the word {@code buf[off, off + len)}, followed by a {@code 'y'} when {@code
     * appendY}; -1 when unknown.
     */
    int find(char[] buf, int off, int len, boolean appendY) {
        int h = 0;
        for (int k = off; k < off + len; k++) {
            h = 31 * h + buf[k];
        }
        if (appendY) {
            h = 31 * h + 'y';
        }
        return find(buf, off, len, appendY, h);
    }

    /**
     * As {@link #find(char[], int, int, boolean)}, the word's hash already known ({@code hash}).
     */
    int find(char[] buf, int off, int len, boolean appendY, int hash) {
        int fullLen = appendY ? len + 1 : len;
        int mask = slots.length - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            long s = slots[slot];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == hash) {
                int id = (int) s - 1;
                char[] word = words[id];
                if (word.length == fullLen
                        && equalsRegion(word, buf, off, len)
                        && (!appendY || word[len] == 'y')) {
                    return id;
                }
            }
        }
    }

    /** A plain loop: words are short, shorter than {@code Arrays.equals}' set-up pays for. */
    private static boolean equalsRegion(char[] word, char[] buf, int off, int len) {
        for (int k = 0; k < len; k++) {
            if (word[k] != buf[off + k]) {
                return false;
            }
        }
        return true;
    }

    private void insert(int hash, int id) {
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long) hash << 32) | (id + 1L);
    }

    private void grow() {
        slots = new long[slots.length * 2];
        for (int id = 0; id < size; id++) {
            insert(String.valueOf(words[id]).hashCode(), id);
        }
    }

    private static int mix(int h) {
        int m = h * 0x9E3779B9;
        return m ^ (m >>> 15);
    }
}
