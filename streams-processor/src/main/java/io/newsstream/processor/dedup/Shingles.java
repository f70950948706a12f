package io.newsstream.processor.dedup;

import java.util.Arrays;

/**
 * The word shingles of a text, as 64-bit hashes, plus the hashes of its numbers: what {@link
 * MinHasher} and {@link NearDuplicateDetector} compare. Pure and allocation-light.
 *
 * <p>Normalisation: a word is a run of letters and digits, lower-cased; apostrophes inside a word
 * are dropped ({@code Pakistan's} = {@code Pakistans}); {@code ,} and {@code .} between digits stay
 * inside a number ({@code 45,000} and {@code 3.5} are one word each). Every other character
 * separates words, so whitespace, punctuation, quotes and dashes do not matter.
 *
 * <p>Numbers are kept verbatim in the shingles on purpose: two daily bulletins that share a
 * template but report different figures differ in every shingle that covers a figure, and their
 * distinct number sets are compared separately ({@link #numbers()}).
 */
public final class Shingles {

    private static final long[] NO_HASHES = new long[0];

    private final long[] shingles;
    private final long[] numbers;
    private final int words;

    private Shingles(long[] shingles, long[] numbers, int words) {
        this.shingles = shingles;
        this.numbers = numbers;
        this.words = words;
    }

    /**
     * @param text any text (null is empty)
     * @param shingleWords words per shingle, at least 1; a text with fewer words yields one shingle
     *     of all its words
     */
    public static Shingles of(String text, int shingleWords) {
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingleWords must be >= 1");
        }
        if (text == null || text.isEmpty()) {
            return new Shingles(NO_HASHES, NO_HASHES, 0);
        }
        int n = text.length();
        long[] wordHashes = new long[Math.max(8, n / 5)];
        long[] numbers = new long[8];
        int words = 0;
        int numberCount = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            long h = 0xcbf29ce484222325L; // FNV-1a over the lower-cased chars
            boolean digitsOnly = true;
            while (i < n) {
                c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    char lc = c < 128 ? asciiLower(c) : Character.toLowerCase(c);
                    digitsOnly &= lc >= '0' && lc <= '9';
                    h = (h ^ lc) * 0x100000001b3L;
                    i++;
                } else if ((c == ',' || c == '.')
                        && digitsOnly
                        && i + 1 < n
                        && isDigit(text.charAt(i + 1))) {
                    h = (h ^ c) * 0x100000001b3L; // 45,000 / 3.5: one number
                    i++;
                } else if (isApostrophe(c) && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    i++; // inner apostrophe dropped
                } else {
                    break;
                }
            }
            if (words == wordHashes.length) {
                wordHashes = Arrays.copyOf(wordHashes, words * 2);
            }
            wordHashes[words++] = h;
            if (digitsOnly) {
                if (numberCount == numbers.length) {
                    numbers = Arrays.copyOf(numbers, numberCount * 2);
                }
                numbers[numberCount++] = mix(h);
            }
        }
        if (words == 0) {
            return new Shingles(NO_HASHES, Arrays.copyOf(numbers, numberCount), 0);
        }
        int k = Math.min(shingleWords, words);
        long[] shingles = new long[words - k + 1];
        for (int s = 0; s < shingles.length; s++) {
            long h = 0;
            for (int j = 0; j < k; j++) {
                h = h * 0x9E3779B97F4A7C15L + wordHashes[s + j];
            }
            shingles[s] = mix(h);
        }
        return new Shingles(shingles, Arrays.copyOf(numbers, numberCount), words);
    }

    /** Hash of each shingle, in text order (repeats included). */
    public long[] hashes() {
        return shingles;
    }

    /** Hash of each number in the text, in text order (repeats included). */
    public long[] numbers() {
        return numbers;
    }

    public int words() {
        return words;
    }

    /** The finaliser of SplitMix64 / MurmurHash3: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC';
    }
}
