package io.newsstream.common.article;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reader-comment section of a page: where it starts and the comments in it.
 *
 * <p>The section starts at a heading line such as "Reader Comments (10)", "Comments" or "12
 * comments". A comment starts at a bullet line ("• Mario"), whose text is the author or, for an
 * anonymous comment, the time ("• Jan 22, 2012 - 3:34PM"); the time may follow on the next line.
 * Pages without bullets are read by their time lines instead: a time line starts a comment, and a
 * short line just above it is its author. Everything else is comment text: paragraphs stay apart,
 * line breaks inside a paragraph are kept, "Recommend" and similar buttons are removed.
 */
final class CommentSection {

    private static final Pattern MARKER =
            Pattern.compile(
                    "(?i)^(?:(?:readers?'?|user|your)\\s+)?comments?\\s*(?:\\(\\s*(?<n>\\d+)\\s*\\))?:?$"
                            + "|^(?<n2>\\d+)\\s+(?:(?:readers?'?|user)\\s+)?comments?$");
    private static final Pattern BULLET = Pattern.compile("^[•·▪●◦‣∙]\\s*(?<rest>.*)$");
    private static final String MONTH =
            "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern TIMESTAMP =
            Pattern.compile(
                    "(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?"
                            + "(?:"
                            + MONTH
                            + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+"
                            + MONTH
                            + ",?\\s+\\d{4}"
                            + "|\\d{4}-\\d{2}-\\d{2})"
                            + "(?:\\s*(?:-|–|,|at|\\|)?\\s*\\d{1,2}[:.]\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?)?"
                            + "(?:\\s*(?-i:[A-Z]{3,4}))?$"
                            + "|(?i)^(?:\\d+|an?|one)\\s+(?:second|minute|hour|day|week|month|year)s?\\s+ago$"
                            + "|(?i)^(?:just now|today|yesterday)(?:\\s+at\\s+\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?)?$");

    /**
     * "Recommend" (optionally with a count) ending a comment's last line after its last sentence.
     */
    private static final Pattern TRAILING_RECOMMEND =
            Pattern.compile("(?:(?<=[.!?…\"”’)\\]])|^)\\s*Recommend(?:ed)?(?:\\s*\\(?\\d+\\)?)?$");

    private static final int MAX_AUTHOR_WORDS = 6;

    private CommentSection() {}

    /** Whether the line is a comment-section heading. */
    static boolean isMarker(String line) {
        return MARKER.matcher(line).matches();
    }

    /** The number of comments the heading announces ("Reader Comments (10)"), if it does. */
    static OptionalInt declaredCount(String markerLine) {
        Matcher m = MARKER.matcher(markerLine);
        if (m.matches()) {
            String n = m.group("n") != null ? m.group("n") : m.group("n2");
            if (n != null) {
                return OptionalInt.of(Integer.parseInt(n));
            }
        }
        return OptionalInt.empty();
    }

    static boolean isTimestamp(String line) {
        return TIMESTAMP.matcher(line).matches();
    }

    /**
     * The comments in the lines after the section heading. Lines are normalised and stripped; an
     * empty string is a blank line.
     */
    static List<ArticleComment> parse(List<String> lines) {
        boolean bullets = lines.stream().anyMatch(l -> BULLET.matcher(l).matches());
        List<Builder> builders = new ArrayList<>();
        Builder cur = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                if (cur != null) {
                    cur.blank();
                }
                continue;
            }
            if (bullets) {
                Matcher b = BULLET.matcher(line);
                if (b.matches()) {
                    cur = new Builder();
                    builders.add(cur);
                    String rest = b.group("rest").strip();
                    if (isTimestamp(rest)) {
                        cur.postedAt = rest;
                    } else if (!rest.isEmpty()) {
                        cur.author = rest;
                        cur.expectingTime = true;
                    }
                    continue;
                }
                if (cur == null) {
                    continue; // text before the first comment: section furniture
                }
                if (cur.expectingTime) {
                    cur.expectingTime = false;
                    if (isTimestamp(line)) {
                        cur.postedAt = line;
                        continue;
                    }
                }
            } else if (isTimestamp(line)) {
                String author = null;
                String above = i > 0 ? lines.get(i - 1) : "";
                if (looksLikeAuthor(above)) {
                    author = above;
                    if (cur != null) {
                        cur.dropLastLine();
                    }
                }
                cur = new Builder();
                cur.author = author;
                cur.postedAt = line;
                builders.add(cur);
                continue;
            }
            if (PageFurniture.isFurniture(line)) {
                continue; // "Recommend", "Reply", "More in Pakistan"
            }
            if (cur != null) {
                cur.line(line);
            }
        }
        List<ArticleComment> comments = new ArrayList<>();
        for (Builder builder : builders) {
            String text = builder.text();
            if (!text.isEmpty()) {
                comments.add(new ArticleComment(builder.author, builder.postedAt, text));
            }
        }
        return comments;
    }

    private static boolean looksLikeAuthor(String line) {
        return !line.isEmpty()
                && line.split("\\s+").length <= MAX_AUTHOR_WORDS
                && !line.matches(".*[.!?:;]$")
                && !PageFurniture.isFurniture(line);
    }

    /** One comment being read. */
    private static final class Builder {
        String author;
        String postedAt;
        boolean expectingTime;
        final List<List<String>> paragraphs = new ArrayList<>(List.of(new ArrayList<>()));

        void line(String line) {
            paragraphs.get(paragraphs.size() - 1).add(line);
        }

        void blank() {
            if (!paragraphs.get(paragraphs.size() - 1).isEmpty()) {
                paragraphs.add(new ArrayList<>());
            }
        }

        void dropLastLine() {
            List<String> last = paragraphs.get(paragraphs.size() - 1);
            if (!last.isEmpty()) {
                last.remove(last.size() - 1);
            }
        }

        String text() {
            List<String> paras = new ArrayList<>();
            for (List<String> p : paragraphs) {
                if (!p.isEmpty()) {
                    paras.add(String.join("\n", p));
                }
            }
            if (!paras.isEmpty()) {
                int last = paras.size() - 1;
                String stripped =
                        TRAILING_RECOMMEND.matcher(paras.get(last)).replaceFirst("").strip();
                if (stripped.isEmpty()) {
                    paras.remove(last);
                } else {
                    paras.set(last, stripped);
                }
            }
            return String.join("\n\n", paras);
        }
    }
}
