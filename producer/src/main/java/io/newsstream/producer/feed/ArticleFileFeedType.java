package io.newsstream.producer.feed;

import io.newsstream.producer.parse.ArticleFileParser;
import io.newsstream.producer.parse.ArticleHints;
import io.newsstream.producer.parse.ArticleParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Article text files (text copied out of a web page, like the seeds) as a feed type named {@value
 * #NAME}: one document is one article, read by {@link ArticleFileParser}. The fallback of {@code
 * auto} detection. An HTML page (doctype or html element first) is refused as {@value #HTML_PAGE}.
 */
public final class ArticleFileFeedType implements FeedType {

    /** The type's name and the articles' source type. */
    public static final String NAME = ArticleFileSource.SOURCE_TYPE;

    /** Reason code of a dead-lettered HTML page. */
    public static final String HTML_PAGE = "HTML_PAGE";

    private static final Pattern HTML_START =
            Pattern.compile(
                    "^\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html[\\s>])",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ArticleFileParser parser = new ArticleFileParser();

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
        if (isHtmlPage(document.bytes())) {
            // Read as text, an HTML page gives its markup as the headline: refuse it plainly.
            return List.of(
                    new SourceItem.Rejected(
                            document.origin(),
                            HTML_PAGE
                                    + ": an HTML page, not an article text file or an RSS/Atom"
                                    + " feed: give the producer the site's feed, or save the"
                                    + " article's text (headline, then paragraphs) as a .txt file.",
                            null,
                            document.bytes()));
        }
        ArticleHints hints =
                new ArticleHints(
                        document.name() == null ? document.origin() : document.name(),
                        context.outlet(),
                        document.origin().matches("(?i)https?://.*") ? document.origin() : null);
        try {
            return List.of(
                    new SourceItem.Parsed(
                            document.origin(), parser.parse(document.bytes(), hints), NAME));
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
