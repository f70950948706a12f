package io.newsstream.common.article;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datelines at the start of an article's first paragraph: "ISLAMABAD:", "WASHINGTON (AFP) -",
 * "KABUL, Oct 9 (Reuters) -", "NEW DELHI, India —", "ISLAMABAD, Nov 26, 2011 (AFP) -",
 * "WASHINGTON/ISLAMABAD, Oct 23 (Reuters) -".
 *
 * <p>The place must be in capitals (at least three letters), which keeps sentences such as "US and
 * Pakistani sources told Reuters..." from being read as datelines.
 */
public final class Datelines {

    /** A dateline found at the start of a paragraph. */
    public record Dateline(String place, String agency, String rest) {}

    private static final Pattern DATELINE =
            Pattern.compile(
                    "^(?<place>[A-Z][A-Z'’.\\-]{2,}(?:(?:[ \\-]| ?/ ?)[A-Z][A-Z'’.\\-]+){0,3})"
                            + "(?:,\\s*(?<extra>[A-Z][A-Za-z.]*(?:\\s[A-Za-z0-9.]+){0,3}(?:,\\s*\\d{4})?))?"
                            + "\\s*(?:\\((?<agency>[A-Za-z][A-Za-z .&\\-]{0,30})\\))?"
                            + "(?::\\s*|\\s+[—–\\-]{1,2}\\s+|\\s*[—–]\\s*)"
                            + "(?<rest>.*)$",
                    Pattern.DOTALL);

    /** Capitalised openings that are labels, not places. */
    private static final java.util.Set<String> NOT_PLACES =
            java.util.Set.of(
                    "FILE",
                    "FILE PHOTO",
                    "PHOTO",
                    "UPDATE",
                    "UPDATED",
                    "EDITOR'S NOTE",
                    "EDITOR’S NOTE",
                    "NOTE",
                    "BREAKING",
                    "WATCH",
                    "LIVE",
                    "VIDEO",
                    "AUDIO",
                    "OPINION",
                    "ANALYSIS",
                    "EXCLUSIVE",
                    "CORRECTION");

    private Datelines() {}

    /**
     * The dateline this paragraph starts with, and the paragraph without it. A paragraph that is a
     * dateline alone ("ISLAMABAD:") gives an empty rest.
     */
    public static Optional<Dateline> find(String paragraph) {
        Matcher m = DATELINE.matcher(paragraph);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group("rest").strip();
        if (!rest.isEmpty()
                && !Character.isUpperCase(rest.codePointAt(0))
                && !isOpeningQuote(rest.charAt(0))
                && !Character.isDigit(rest.charAt(0))) {
            // "ABC: the..." reads as a label, not a dateline.
            return Optional.empty();
        }
        String place = m.group("place").replaceAll("[.\\-]+$", "").strip();
        if (NOT_PLACES.contains(place)) {
            return Optional.empty();
        }
        return Optional.of(new Dateline(place, m.group("agency"), rest));
    }

    static boolean startsWithDateline(String paragraph) {
        return find(paragraph).filter(d -> !d.rest().isEmpty()).isPresent();
    }

    private static boolean isOpeningQuote(char c) {
        return c == '"' || c == '“' || c == '‘' || c == '\'';
    }
}
