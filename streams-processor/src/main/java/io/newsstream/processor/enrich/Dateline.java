package io.newsstream.processor.enrich;

import io.newsstream.schemas.event.RawArticle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dateline place of an article: the producer's {@code dateline} field when set, else a
 * paragraph of the body that opens with a place in capitals followed by a colon or a dash, with an
 * optional date or outlet between ({@code ISLAMABAD:}, {@code KARACHI, Jan 5 (Reuters) -}). Only
 * the first 2,000 characters are searched (page furniture may come before it).
 *
 * @param place the place as a name ({@code Islamabad}), title-cased
 * @param position character offset in the body, -1 when it came from the producer's field
 */
public record Dateline(String place, int position) {

    /** Matched from the start of a line ({@code lookingAt}), never across one. */
    private static final Pattern AT_LINE_START =
            Pattern.compile(
                    "\\h*(\\p{Lu}{2,}(?:[ .'-]\\p{Lu}{2,}){0,2})(?:,[^:\\n]{1,40}?)?"
                            + "\\h*(?::|\\u2014|\\u2013|--| -)\\h");

    private static final int SEARCHED = 2_000;

    /** The dateline of {@code article}, or null. */
    public static Dateline of(RawArticle article) {
        String given = article.getDateline();
        if (given != null && !given.isBlank()) {
            return new Dateline(titleCase(given.replaceAll("[:,\\s]+$", "").strip()), -1);
        }
        // Line by line rather than find() with (?m)^: the engine would try every character.
        String body = article.getBody();
        int end = Math.min(body.length(), SEARCHED);
        Matcher m = AT_LINE_START.matcher(body);
        int line = 0;
        while (line < end) {
            if (m.region(line, end).lookingAt()) {
                return new Dateline(titleCase(m.group(1)), m.start(1));
            }
            int next = body.indexOf('\n', line);
            if (next < 0) {
                break;
            }
            line = next + 1;
        }
        return null;
    }

    static String titleCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return out.toString();
    }
}
