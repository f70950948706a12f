package io.newsstream.processor.enrich;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 (lower-case hex) of an article's normalised title and body: the same story re-sent with
 * different whitespace, letter case, typographic quotes or dashes hashes the same, so the hash
 * identifies exact duplicates across ids.
 *
 * <p>Normalisation: Unicode NFKC, lower case, typographic apostrophes and quotes to ASCII, dashes
 * to {@code -}, every whitespace run to one space, trimmed. Title and body are hashed as {@code
 * title + "\n" + body} so that text cannot move between them unnoticed.
 */
public final class ContentHash {

    /**
     * Characters the fast path handles: ASCII, and the Latin-1, Latin Extended and General
     * Punctuation characters (curly quotes, dashes, accented letters) that NFKC leaves unchanged,
     * that no preceding character composes with, and whose lower case is one character. A text of
     * only these is normalised character by character, with the same result as {@link
     * #normalise(String)}; any other character sends the whole text down the general path.
     */
    private static final boolean[] SIMPLE = new boolean[0x2070];

    /** ASCII: lower case (a backtick as an apostrophe), or 0 for whitespace. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 0; c < SIMPLE.length; c++) {
            if (c < 0x80) {
                SIMPLE[c] = c != 0; // 0 marks whitespace in ASCII
                boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
                ASCII[c] = space ? 0 : (byte) mapPunctuation(Character.toLowerCase(c));
                continue;
            }
            if ((c >= 0x250 && c < 0x2000) || Character.isISOControl(c)) {
                continue;
            }
            String one = String.valueOf(c);
            int type = Character.getType(c);
            SIMPLE[c] =
                    Character.isDefined(c)
                            && type != Character.NON_SPACING_MARK
                            && type != Character.COMBINING_SPACING_MARK
                            && type != Character.ENCLOSING_MARK
                            && Normalizer.normalize(one, Normalizer.Form.NFKC).equals(one)
                            && one.toLowerCase(Locale.ROOT)
                                    .equals(String.valueOf(Character.toLowerCase(c)));
        }
    }

    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(
                                    "SHA-256 is part of every Java runtime", e);
                        }
                    });

    private ContentHash() {}

    public static String of(String title, String body) {
        String t = title == null ? "" : title;
        String b = body == null ? "" : body;
        byte[] utf8;
        int length;
        char[] tc = t.toCharArray(); // array reads: no per-character bounds or coder checks
        char[] bc = b.toCharArray();
        if (isSimple(tc) && isSimple(bc)) {
            // one pass, straight to UTF-8: no NFKC, no intermediate strings
            utf8 = new byte[3 * (tc.length + bc.length) + 1];
            length = normaliseSimple(tc, utf8, 0);
            utf8[length++] = '\n';
            length = normaliseSimple(bc, utf8, length);
        } else {
            utf8 = (normalise(t) + "\n" + normalise(b)).getBytes(StandardCharsets.UTF_8);
            length = utf8.length;
        }
        MessageDigest sha = SHA256.get();
        sha.reset();
        sha.update(utf8, 0, length);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean isSimple(char[] s) {
        for (char c : s) {
            if (c >= SIMPLE.length || !SIMPLE[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #normalise(String)} of a text of {@link #SIMPLE} characters, as UTF-8 at {@code at}.
     */
    private static int normaliseSimple(char[] s, byte[] out, int at) {
        int start = at;
        boolean space = false;
        for (char c : s) {
            char lc;
            if (c < 0x80) {
                lc = (char) ASCII[c];
                if (lc == 0) {
                    space = at > start;
                    continue;
                }
            } else {
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    space = at > start;
                    continue;
                }
                lc = mapPunctuation(Character.toLowerCase(c));
            }
            if (space) {
                out[at++] = ' ';
                space = false;
            }
            if (lc < 0x80) {
                out[at++] = (byte) lc;
            } else if (lc < 0x800) {
                out[at++] = (byte) (0xC0 | (lc >> 6));
                out[at++] = (byte) (0x80 | (lc & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (lc >> 12));
                out[at++] = (byte) (0x80 | ((lc >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (lc & 0x3F));
            }
        }
        return at;
    }

    private static char mapPunctuation(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u02BC', '`' -> '\'';
            case '\u201C', '\u201D', '\u00AB', '\u00BB' -> '"';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
            default -> c;
        };
    }

    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        // NFKC leaves ASCII unchanged; skipping it there saves most of the cost
        String n =
                (isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC))
                        .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(mapPunctuation(c));
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
