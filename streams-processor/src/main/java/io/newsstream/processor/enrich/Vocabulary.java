package io.newsstream.processor.enrich;

/**
 * Words to dense ids, looked up straight from a region of a {@code char[]} so that scanning an
 * article allocates no string per word. Open addressing, {@link String#hashCode()}-compatible hash.
 * Built once, then read-only (safe to share between threads).
 */
final class Vocabulary {

    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int[] ids = new int[16];
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
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(word, size);
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
        int fullLen = appendY ? len + 1 : len;
        int mask = keys.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return -1;
            }
            if (hashes[slot] == h
                    && key.length() == fullLen
                    && equalsRegion(key, buf, off, len, appendY)) {
                return ids[slot];
            }
        }
    }

    private static boolean equalsRegion(String key, char[] buf, int off, int len, boolean appendY) {
        for (int k = 0; k < len; k++) {
            if (key.charAt(k) != buf[off + k]) {
                return false;
            }
        }
        return !appendY || key.charAt(len) == 'y';
    }

    private void insert(String word, int id) {
        int mask = keys.length - 1;
        int slot = mix(word.hashCode()) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = word;
        hashes[slot] = word.hashCode();
        ids[slot] = id;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                insert(oldKeys[k], oldIds[k]);
            }
        }
    }

    private static int mix(int h) {
        int m = h * 0x9E3779B9;
        return m ^ (m >>> 15);
    }
}
