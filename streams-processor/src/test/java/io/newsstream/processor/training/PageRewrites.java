package io.newsstream.processor.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An article file's text printed the ways other pages print it, with nothing said differently:
 * typography, datelines, bylines, captions, advertisement slots, embedded posts, wrapping. Each
 * rewrite leaves a file it does not apply to unchanged.
 */
final class PageRewrites {

    record Rewrite(String name, UnaryOperator<String> apply) {}

    private PageRewrites() {}

    static List<Rewrite> all() {
        return List.of(
                new Rewrite("curly quotes and dashes", PageRewrites::curly),
                new Rewrite("U.S. for US", t -> US.matcher(t).replaceAll("U.S.")),
                new Rewrite("US for U.S.", t -> t.replace("U.S.", "US")),
                new Rewrite(
                        "datelines as Dawn prints them",
                        t ->
                                WIRE_DATELINE
                                        .matcher(t)
                                        .replaceAll(m -> m.group(1).toUpperCase() + ": ")),
                new Rewrite("non-breaking spaces", t -> t.replace(' ', '\u00a0')),
                new Rewrite(
                        "zero-width spaces and soft hyphens",
                        t ->
                                t.replaceAll("(\\w{4})(?=\\w{4})", "$1\u00ad")
                                        .replace(". ", ".\u200b ")),
                new Rewrite("paragraphs wrapped at 72 columns", PageRewrites::wrapped),
                new Rewrite(
                        "the headline printed again above the text",
                        t -> belowHeadline(t, 0, blocks(t).get(0))),
                new Rewrite(
                        "a byline and a date under the headline",
                        t ->
                                belowHeadline(
                                        t,
                                        0,
                                        "By Sarah Collins and Imran Ali\n"
                                                + "Published March 6, 2025 10:42 PM")),
                new Rewrite(
                        "a photo caption with its credit",
                        t ->
                                belowHeadline(
                                        t,
                                        2,
                                        "Pakistani soldiers stand guard at a checkpoint"
                                                + " near the Afghan border. (Photo:"
                                                + " Reuters)")),
                new Rewrite(
                        "an advertisement's slot",
                        t -> belowHeadline(t, 3, "Story continues below advertisement")),
                new Rewrite(
                        "a feed's footer and a summary's cut and link",
                        t ->
                                !hasHeadline(t)
                                        ? t
                                        : t.strip()
                                                + " [\u2026]\n\nContinue reading...\n\nThe post "
                                                + blocks(t).get(0)
                                                + " appeared first on Daily Times.\n"),
                new Rewrite(
                        "an embedded post's credit",
                        t ->
                                belowHeadline(
                                        t,
                                        3,
                                        "pic.twitter.com/AbCdEf12 \u2014 Ministry of"
                                                + " Foreign Affairs (@ForeignOfficePk)"
                                                + " March 6, 2025")));
    }

    private static final Pattern US = Pattern.compile("\\bUS\\b");

    private static final Pattern WIRE_DATELINE =
            Pattern.compile(
                    "(?m)^([A-Z][A-Za-z .]+?)(?:, *[A-Z][A-Za-z ]+)? *\\((?:CNN|AP|AFP|Reuters)\\)"
                            + " *(?:--|\u2014|-)? *");

    private static final Pattern BLOCK_BREAK = Pattern.compile("\n\\s*\n");

    private static String curly(String text) {
        return text.replaceAll("(^|[\\s(\\[])\"", "$1\u201c")
                .replace('"', '\u201d')
                .replaceAll("(\\w)'(\\w)", "$1\u2019$2")
                .replaceAll("(^|\\s)'", "$1\u2018")
                .replace('\'', '\u2019')
                .replace(" -- ", " \u2014 ");
    }

    /**
     * Every paragraph under the first block hard-wrapped, as plain-text mail is (a block of several
     * lines, a paragraph per line, is left as it is).
     */
    private static String wrapped(String text) {
        List<String> blocks = blocks(text);
        List<String> out = new ArrayList<>(List.of(blocks.get(0)));
        for (String b : blocks.subList(1, blocks.size())) {
            if (b.contains("\n")) {
                out.add(b);
                continue;
            }
            StringBuilder wrapped = new StringBuilder();
            int column = 0;
            for (String word : b.split("\\s+")) {
                if (column > 0 && column + 1 + word.length() > 72) {
                    wrapped.append('\n');
                    column = 0;
                } else if (column > 0) {
                    wrapped.append(' ');
                    column++;
                }
                wrapped.append(word);
                column += word.length();
            }
            out.add(wrapped.toString());
        }
        return String.join("\n\n", out) + "\n";
    }

    /**
     * A block inserted after block {@code after} of the text under the headline (0: right under
     * it), when the file starts with a headline and has that many blocks under it.
     */
    private static String belowHeadline(String text, int after, String block) {
        List<String> blocks = blocks(text);
        if (!hasHeadline(text) || blocks.size() < after + 3) {
            return text;
        }
        List<String> out = new ArrayList<>(blocks);
        out.add(after + 1, block);
        return String.join("\n\n", out) + "\n";
    }

    /** Whether the text starts with a headline: a first line of at most 20 words, alone. */
    private static boolean hasHeadline(String text) {
        String first = blocks(text).get(0);
        return !first.contains("\n") && first.split("\\s+").length <= 20;
    }

    private static List<String> blocks(String text) {
        return Arrays.stream(BLOCK_BREAK.split(text.strip())).toList();
    }
}
