package io.newsstream.processor.enrich;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * The words of one text, normalised for matching, with their character offsets in the original.
 *
 * <p>A word is a run of letters and digits. Normalisation, applied identically to article text and
 * to configured phrases so that they meet in the middle:
 *
 * <ul>
 *   <li>every other character separates words, so hyphenated forms equal spaced ones ({@code
 *       al-Qaeda} = {@code al Qaeda}, {@code drone-strike} = {@code drone strike});
 *   <li>apostrophes (straight or typographic) inside a word are dropped, and a possessive {@code
 *       's} is removed: {@code Pakistan’s} = {@code Pakistan}, {@code don't} = {@code dont};
 *   <li>dotted initialisms are joined: {@code U.S.} = {@code US};
 *   <li>the <em>lower</em> form is lower-cased and accent-folded; the <em>stem</em> additionally
 *       strips English plural endings ({@code drones} = {@code drone}, {@code agencies} = {@code
 *       agency}); the <em>exact</em> form keeps the original case, for case-sensitive phrases such
 *       as {@code US}.
 * </ul>
 *
 * <p>Built for speed (this is most of the classifier's cost): the words are written into two shared
 * {@code char[]} buffers, lower and exact, with per-word offsets; no string is created per word.
 * Immutable once built.
 */
final class Tokens {

    /** Words ending in 's' that are not plurals; stripping them would create false matches. */
    private static final Vocabulary NOT_PLURAL = new Vocabulary();

    static {
        for (String w :
                new String[] {
                    "news",
                    "series",
                    "species",
                    "means",
                    "always",
                    "perhaps",
                    "whereas",
                    "overseas",
                    "whereabouts",
                    "headquarters",
                    "afterwards",
                    "towards",
                    "sometimes",
                    "various",
                    "previous",
                    "serious",
                    "tennis",
                    "pelvis",
                    "trellis",
                    "metropolis",
                    "acropolis",
                    "harris",
                    "morris",
                    "curtis",
                    "travis",
                    "francis"
                }) {
            NOT_PLURAL.add(w);
        }
    }

    /** ASCII lower-case map; 0 for characters that are not letters or digits. */
    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_LOWER[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_LOWER[c] = c;
            ASCII_LOWER[c - 'a' + 'A'] = c;
        }
    }

    /** Whether each ASCII character is a space ({@link #isSpace}), looked up, not computed. */
    private static final boolean[] ASCII_SPACE = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    static final Tokens EMPTY =
            new Tokens(
                    0,
                    new char[0],
                    new char[0],
                    new int[] {0},
                    new int[0],
                    new int[0],
                    new boolean[0],
                    0);

    final int size;

    /** Lower-cased, accent-folded words, concatenated; word i is {@code [off[i], off[i+1])}. */
    final char[] lower;

    /** The same words in their original case. */
    final char[] exact;

    /** {@code off[i]}: start of word i in the buffers; {@code off[size]} is the end. */
    final int[] off;

    /** Character offset of each word's first character in the original text. */
    final int[] start;

    /** {@link String#hashCode()} of each word's lower form, for {@link Vocabulary} look-ups. */
    final int[] hash;

    /** Whether each word has a character whose lower form differs (a capital, mostly). */
    final boolean[] upper;

    /**
     * Words as a reader counts them: runs of non-space characters holding a letter or digit ({@code
     * al-Qaeda} is one, where it is two words here).
     */
    final int spaceSeparated;

    private Tokens(
            int size,
            char[] lower,
            char[] exact,
            int[] off,
            int[] start,
            int[] hash,
            boolean[] upper,
            int spaceSeparated) {
        this.size = size;
        this.lower = lower;
        this.exact = exact;
        this.off = off;
        this.start = start;
        this.hash = hash;
        this.upper = upper;
        this.spaceSeparated = spaceSeparated;
    }

    static Tokens of(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        int n = text.length();
        char[] src = text.toCharArray(); // array reads: no per-character bounds or coder checks
        char[] lower = new char[n];
        char[] exact = new char[n];
        int cap = Math.max(8, n / 5);
        int[] off = new int[cap + 1];
        int[] start = new int[cap];
        int[] hash = new int[cap];
        boolean[] upper = new boolean[cap];
        int size = 0;
        int spaceSeparated = 0;
        boolean inRun = false; // inside a run of non-space characters already counted
        int w = 0; // write position in the buffers
        int i = 0;
        while (i < n) {
            char c = src[i];
            if (lowerOf(c) == 0) {
                if (isSpace(c)) {
                    inRun = false;
                }
                i++;
                continue;
            }
            if (!inRun) {
                spaceSeparated++;
                inRun = true;
            }
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                off = Arrays.copyOf(off, size * 2 + 1);
                hash = Arrays.copyOf(hash, size * 2);
                upper = Arrays.copyOf(upper, size * 2);
            }
            off[size] = w;
            start[size] = i;
            int h = 0;
            boolean up = false;
            int segment = 0; // letters since the word start or the last initialism dot
            while (i < n) {
                c = src[i];
                char lc = lowerOf(c);
                if (lc != 0) {
                    exact[w] = c;
                    lower[w++] = lc;
                    h = 31 * h + lc;
                    up |= lc != c;
                    segment++;
                    i++;
                } else if (isApostrophe(c) && i + 1 < n && lowerOf(src[i + 1]) != 0) {
                    char next = src[i + 1];
                    if ((next == 's' || next == 'S') && (i + 2 >= n || lowerOf(src[i + 2]) == 0)) {
                        i += 2; // possessive 's: drop it and end the word
                        break;
                    }
                    i++; // inner apostrophe: drop it, the word continues
                } else if (c == '.'
                        && segment == 1
                        && i + 1 < n
                        && Character.isLetter(src[i + 1])
                        && (i + 2 >= n || lowerOf(src[i + 2]) == 0)) {
                    i++; // dotted initialism: U.S. -> US
                    segment = 0;
                } else {
                    break;
                }
            }
            hash[size] = h;
            upper[size] = up;
            size++;
        }
        off[size] = w;
        return new Tokens(size, lower, exact, off, start, hash, upper, spaceSeparated);
    }

    /**
     * The tokens of {@code aText + gap + bText} from those of {@code aText} ({@code a}) and {@code
     * bText} ({@code b}), without tokenising again; {@code bOffset} = {@code aText.length() +
     * gap.length()}. Equal to {@code of(aText + gap + bText)} when the gap starts with a character
     * that is not part of a word (a line feed): no word, apostrophe or initialism spans it.
     */
    static Tokens join(Tokens a, int bOffset, Tokens b) {
        if (b.size == 0 && a.size == 0) {
            return EMPTY;
        }
        int aChars = a.off[a.size];
        int bChars = b.off[b.size];
        int size = a.size + b.size;
        char[] lower = new char[aChars + bChars];
        char[] exact = new char[aChars + bChars];
        System.arraycopy(a.lower, 0, lower, 0, aChars);
        System.arraycopy(b.lower, 0, lower, aChars, bChars);
        System.arraycopy(a.exact, 0, exact, 0, aChars);
        System.arraycopy(b.exact, 0, exact, aChars, bChars);
        int[] off = new int[size + 1];
        int[] start = new int[size];
        System.arraycopy(a.off, 0, off, 0, a.size);
        System.arraycopy(a.start, 0, start, 0, a.size);
        for (int i = 0; i <= b.size; i++) {
            off[a.size + i] = aChars + b.off[i];
        }
        for (int i = 0; i < b.size; i++) {
            start[a.size + i] = bOffset + b.start[i];
        }
        int[] hash = new int[size];
        System.arraycopy(a.hash, 0, hash, 0, a.size);
        System.arraycopy(b.hash, 0, hash, a.size, b.size);
        boolean[] upper = new boolean[size];
        System.arraycopy(a.upper, 0, upper, 0, a.size);
        System.arraycopy(b.upper, 0, upper, a.size, b.size);
        return new Tokens(
                size, lower, exact, off, start, hash, upper, a.spaceSeparated + b.spaceSeparated);
    }

    /** The lower-case, accent-folded form of a letter or digit; 0 for any other character. */
    private static char lowerOf(char c) {
        if (c < 128) {
            return ASCII_LOWER[c];
        }
        if (!Character.isLetterOrDigit(c)) {
            return 0;
        }
        char lc = Character.toLowerCase(c);
        if (lc >= 0xC0 && lc < 0x250) { // Latin-1 and Latin Extended: drop diacritics
            String d = Normalizer.normalize(String.valueOf(lc), Normalizer.Form.NFD);
            return d.charAt(0);
        }
        return lc;
    }

    private static boolean isSpace(char c) {
        return c < 128 ? ASCII_SPACE[c] : Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '`';
    }

    int length(int i) {
        return off[i + 1] - off[i];
    }

    boolean hasUpperCase(int i) {
        return upper[i];
    }

    String lower(int i) {
        return new String(lower, off[i], length(i));
    }

    String exact(int i) {
        return new String(exact, off[i], length(i));
    }

    String stem(int i) {
        int s = stemLength(lower, off[i], length(i));
        String base = new String(lower, off[i], Math.abs(s));
        return s < 0 ? base + 'y' : base;
    }

    /** Whether word i starts with {@code prefix} (lower form). */
    boolean startsWith(int i, char[] prefix) {
        if (length(i) < prefix.length) {
            return false;
        }
        int o = off[i];
        for (int k = 0; k < prefix.length; k++) {
            if (lower[o + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A light English plural stemmer, deliberately not a full stemmer (verb forms are configured
     * explicitly or with a {@code *} prefix). Returns the length of the stem within the word,
     * negated when a {@code 'y'} must be appended ({@code agencies} -> {@code agenc} + y).
     */
    static int stemLength(char[] b, int o, int n) {
        if (n <= 3 || b[o + n - 1] != 's') {
            return n;
        }
        char p = b[o + n - 2];
        if (p == 's' || p == 'u' || NOT_PLURAL.find(b, o, n, false) >= 0) {
            return n; // class, campus, news
        }
        if (p == 'i') {
            // Pakistanis, Iraqis are plurals; this, isis, crisis, analysis are not
            return n >= 6 && b[o + n - 3] != 's' ? n - 1 : n;
        }
        if (p == 'e') {
            char q = b[o + n - 3];
            if (n > 4 && q == 'i') {
                return -(n - 3); // agencies -> agency, spies -> spy
            }
            if (q == 'x'
                    || q == 'z'
                    || (q == 'h' && (b[o + n - 4] == 's' || b[o + n - 4] == 'c'))
                    || (q == 's' && b[o + n - 4] == 's')) {
                return n - 2; // taxes, searches, pushes, passes
            }
        }
        return n - 1;
    }

    /** The plural stem of a single lower-case word. */
    static String stem(String word) {
        char[] c = word.toCharArray();
        int s = stemLength(c, 0, c.length);
        String base = new String(c, 0, Math.abs(s));
        return s < 0 ? base + 'y' : base;
    }
}
