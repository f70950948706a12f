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

    private ContentHash() {}

    public static String of(String title, String body) {
        String text = normalise(title) + "\n" + normalise(body);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
            out.append(
                    switch (c) {
                        case '\u2018', '\u2019', '\u02BC', '`' -> '\'';
                        case '\u201C', '\u201D', '\u00AB', '\u00BB' -> '"';
                        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                        default -> c;
                    });
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
