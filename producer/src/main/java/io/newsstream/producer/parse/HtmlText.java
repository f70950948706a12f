package io.newsstream.producer.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text out of the HTML that feeds put in titles, summaries and content (with jsoup). Pure.
 *
 * <p>{@link #line} gives one line (titles, bylines): tags dropped, entities decoded, white space
 * collapsed. {@link #paragraphs} gives paragraphs separated by one blank line: block elements
 * ({@code p}, {@code div}, headings, list items...) and double {@code <br>} start a new paragraph;
 * scripts, styles and images are dropped.
 */
public final class HtmlText {

    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<[a-zA-Z/!]|&[#a-zA-Z0-9]+;");
    private static final Set<String> BLOCKS =
            Set.of(
                    "p",
                    "div",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "li",
                    "ul",
                    "ol",
                    "blockquote",
                    "pre",
                    "table",
                    "tr",
                    "section",
                    "article",
                    "header",
                    "footer",
                    "figure",
                    "figcaption",
                    "dd",
                    "dt",
                    "hr",
                    "aside",
                    "main",
                    "nav");
    private static final Set<String> DROPPED =
            Set.of("script", "style", "noscript", "iframe", "object", "embed", "svg", "form");

    private HtmlText() {}

    /** One line of text; text without markup is only white-space-normalised. */
    public static String line(String html) {
        if (html == null) {
            return null;
        }
        String text = LOOKS_LIKE_HTML.matcher(html).find() ? Jsoup.parse(html).text() : html;
        return collapseSpaces(text);
    }

    /** Paragraphs separated by {@code "\n\n"}; empty string when there is no text. */
    public static String paragraphs(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (!LOOKS_LIKE_HTML.matcher(html).find()) {
            return join(List.of(html.split("\\R\\s*\\R")));
        }
        return paragraphs(Jsoup.parseBodyFragment(html).body());
    }

    /** Paragraphs of an element's text, as {@link #paragraphs(String)}. */
    public static String paragraphs(Element root) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    int skipping = 0;

                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (DROPPED.contains(tag)) {
                                skipping++;
                            } else if (BLOCKS.contains(tag)) {
                                flush();
                            } else if (tag.equals("br")) {
                                if (current.length() > 0
                                        && current.charAt(current.length() - 1) == '\n') {
                                    flush();
                                } else {
                                    current.append('\n');
                                }
                            }
                        } else if (node instanceof TextNode t && skipping == 0) {
                            current.append(t.getWholeText());
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (DROPPED.contains(tag)) {
                                skipping--;
                            } else if (BLOCKS.contains(tag)) {
                                flush();
                            }
                        }
                    }

                    private void flush() {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                },
                root);
        out.add(current.toString());
        return join(out);
    }

    /**
     * Runs of white space (ASCII, no-break, typographic and zero-width spaces) as one space, then
     * stripped; by hand rather than with a regular expression, as it runs over every body.
     */
    static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' '
                    || c >= '\t' && c <= '\r'
                    || c == '\u00a0'
                    || c >= '\u2000' && c <= '\u200b'
                    || c == '\u202f') {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        if (space) {
            out.append(' ');
        }
        return out.toString().strip();
    }

    private static String join(List<String> parts) {
        List<String> paragraphs = new ArrayList<>();
        for (String p : parts) {
            String s = collapseSpaces(p);
            if (!s.isEmpty()) {
                paragraphs.add(s);
            }
        }
        return String.join("\n\n", paragraphs);
    }
}
