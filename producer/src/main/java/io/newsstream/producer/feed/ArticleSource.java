package io.newsstream.producer.feed;

/**
 * A kind of input the producer reads articles from: article files today; RSS, Atom or web pages
 * later. Adding a feed type is one class implementing this interface.
 *
 * <p>Contract: iteration reads inputs lazily, one at a time, in a stable order. A bad input yields
 * a {@link SourceItem.Rejected} and iteration goes on; iteration itself throws only when the source
 * as a whole is unusable. Parsing is the source's job (through a pure parser such as {@link
 * io.newsstream.common.article.ArticleFileParser}); publishing is not.
 */
public interface ArticleSource extends Iterable<SourceItem>, AutoCloseable {

    /** The {@code RawArticle.sourceType} of the articles it yields, e.g. {@code article-file}. */
    String sourceType();

    /** How many inputs iteration will yield, when known up front (for progress), else -1. */
    default int expectedCount() {
        return -1;
    }

    /** Releases what the source holds (connections, files); nothing by default. */
    @Override
    default void close() {}
}
