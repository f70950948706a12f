package io.newsstream.producer.feed;

import io.newsstream.producer.parse.ArticleFileParser;
import io.newsstream.producer.parse.ArticleHints;
import io.newsstream.producer.parse.ArticleParseException;
import java.util.List;

/**
 * Article text files (text copied out of a web page, like the seeds) as a feed type named {@value
 * #NAME}: one document is one article, read by {@link ArticleFileParser}. The fallback of {@code
 * auto} detection.
 */
public final class ArticleFileFeedType implements FeedType {

    /** The type's name and the articles' source type. */
    public static final String NAME = ArticleFileSource.SOURCE_TYPE;

    private final ArticleFileParser parser = new ArticleFileParser();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SourceItem> read(FeedDocument document, FeedContext context) {
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
