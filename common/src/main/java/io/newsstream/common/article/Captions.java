package io.newsstream.common.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Photo captions among an article's paragraphs.
 *
 * <p>Two signs: a caption marker ("FILE - ...", "FILE PHOTO: ...", "Photo: ...", "Image caption,
 * ...", a trailing photo credit such as "Photo: AFP" or "(AFP Photo)"); or, for the paragraph just
 * under the headline, that it ends by repeating the opening of the next paragraph, as wire pages do
 * when the caption is a photo description followed by the lede (the AFP seed). A repeated passage
 * must be at least {@value #MIN_REPEATED_WORDS} words long to count.
 */
final class Captions {

    static final int MIN_REPEATED_WORDS = 8;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]");
    private static final Pattern LEADING_MARKER =
            Pattern.compile(
                    "^(?:FILE\\s*[-–—]\\s|FILE PHOTO\\s*[:\\-–—]|(?i:photo|photograph|image|picture|caption)\\s*:"
                            + "|(?i:image|media) (?:caption|source),)");
    private static final Pattern TRAILING_CREDIT =
            Pattern.compile(
                    "(?:\\b(?:Photo|PHOTO|Photograph|Image)(?:\\s+by|\\s*:|\\s+credit\\s*:)\\s*[A-Z][\\w .&/-]{1,40}"
                            + "|\\((?:[A-Z][\\w .&-]{1,30}\\s+)?(?:Photo|PHOTO)(?:\\s*:\\s*[A-Z][\\w .&/-]{1,30})?\\))\\.?$");
    private static final Pattern SENTENCE_START =
            Pattern.compile("[.!?][\"”’)]?\\s+(?=[\"“‘]?\\p{Lu})");

    private Captions() {}

    /**
     * A trailing photo credit is at most about 80 characters long (with single spaces, as
     * paragraphs are): it is looked for in this many characters at the end of a paragraph only,
     * rather than tried at every position of a long paragraph.
     */
    private static final int TRAILING_CREDIT_SPAN = 256;

    /** Whether the paragraph carries a caption marker or a trailing photo credit. */
    static boolean hasMarker(String paragraph) {
        if (LEADING_MARKER.matcher(paragraph).lookingAt()) {
            return true;
        }
        int from = Math.max(0, paragraph.length() - TRAILING_CREDIT_SPAN);
        if (paragraph.indexOf("Photo", from) < 0
                && paragraph.indexOf("PHOTO", from) < 0
                && paragraph.indexOf("Image", from) < 0) {
            return false; // every credit names a photo or image
        }
        Matcher credit = TRAILING_CREDIT.matcher(paragraph);
        // Transparent bounds: the word boundary at the region's start still sees what precedes.
        credit.region(from, paragraph.length());
        credit.useTransparentBounds(true);
        return credit.find();
    }

    /**
     * Whether {@code candidate} is a photo description followed by the opening of {@code next}:
     * from some sentence of it on (not its first), its words are the first words of {@code next}.
     */
    static boolean repeatsLede(String candidate, String next) {
        List<String> nextWords = words(next);
        Matcher m = SENTENCE_START.matcher(candidate);
        while (m.find()) {
            List<String> tail = words(candidate.substring(m.end()));
            if (tail.size() >= MIN_REPEATED_WORDS
                    && tail.size() <= nextWords.size()
                    && nextWords.subList(0, tail.size()).equals(tail)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words without punctuation, for comparing passages. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : WHITESPACE.split(text.toLowerCase(Locale.ROOT))) {
            String clean = NOT_WORD.matcher(w).replaceAll("");
            if (!clean.isEmpty()) {
                out.add(clean);
            }
        }
        return out;
    }
}
