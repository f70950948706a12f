package io.newsstream.producer.feed;

import io.newsstream.producer.parse.ArticleFileParser;
import io.newsstream.producer.parse.ArticleHints;
import io.newsstream.producer.parse.ArticleParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Article text files (text copied out of a web page, like the seeds) as a feed type named {@value
 * #NAME}: one document is one article, read by {@link ArticleFileParser}. The fallback of {@code
 * auto} detection. An HTML page (doctype or html element first) is read as its headline and main
 * text (readability4j), or refused as {@value #HTML_PAGE} when it has none.
 */
public final class ArticleFileFeedType implements FeedType {

    /** The type's name and the articles' source type. */
    public static final String NAME = ArticleFileSource.SOURCE_TYPE;

    /** Reason code of a dead-lettered HTML page without article text. */
    public static final String HTML_PAGE = "HTML_PAGE";

    private static final Pattern HTML_START =
            Pattern.compile(
                    "^\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html[\\s>])",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ArticleFileParser parser = new ArticleFileParser();

    /**
     * The page's headline (its first {@code h1}, else {@code og:title}, else {@code title}) and
     * main text (readability4j) as an article text file, or empty when either is missing.
     */
    static Optional<String> articleText(FeedDocument document) {
        String base =
                document.origin().matches("(?i)https?://.*")
                        ? document.origin()
                        : "http://localhost/";
        Optional<String> body =
                ReadabilityPages.extract(document.bytes(), document.charset(), base);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Document page =
                Jsoup.parse(
                        new String(
                                document.bytes(),
                                document.charset() == null
                                        ? StandardCharsets.UTF_8
                                        : charsetOr(document.charset())),
                        base);
        String title = null;
        Element h1 = page.selectFirst("h1");
        Element og = page.selectFirst("meta[property=og:title]");
        if (h1 != null && !h1.text().isBlank()) {
            title = h1.text();
        } else if (og != null && !og.attr("content").isBlank()) {
            title = og.attr("content");
        } else if (!page.title().isBlank()) {
            title = page.title();
        }
        if (title == null) {
            return Optional.empty();
        }
        String text = body.get().strip();
        if (text.startsWith(title.strip())) {
            text = text.substring(title.strip().length()).strip();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(title.strip() + "\n\n" + text);
    }

    private static java.nio.charset.Charset charsetOr(String name) {
        try {
            return java.nio.charset.Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Whether the document starts like an HTML page (a doctype or an html element). */
    static boolean isHtmlPage(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        String head = new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3);
        }
        return HTML_START.matcher(head).find();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SourceItem> read(FeedDocument document, FeedContext context) {
        byte[] text = document.bytes();
        if (isHtmlPage(text)) {
            // An article page: its headline and main text (readability) make an article text,
            // read like any other; a page without main text is refused plainly.
            Optional<String> article = articleText(document);
            if (article.isEmpty()) {
                return List.of(
                        new SourceItem.Rejected(
                                document.origin(),
                                HTML_PAGE
                                        + ": an HTML page without article text (no headline or"
                                        + " main text found): give the producer the site's"
                                        + " RSS/Atom feed, or save the article's text (headline,"
                                        + " then paragraphs) as a .txt file.",
                                null,
                                document.bytes()));
            }
            text = article.get().getBytes(StandardCharsets.UTF_8);
        }
        ArticleHints hints =
                new ArticleHints(
                        document.name() == null ? document.origin() : document.name(),
                        context.outlet(),
                        document.origin().matches("(?i)https?://.*") ? document.origin() : null);
        try {
            return List.of(
                    new SourceItem.Parsed(document.origin(), parser.parse(text, hints), NAME));
        } catch (ArticleParseException e) {
            return List.of(
                    new SourceItem.Rejected(
                            document.origin(),
                            e.reason() + ": " + e.getMessage(),
                            e.getClass().getName(),
                            document.bytes()));
        }
    }
}
