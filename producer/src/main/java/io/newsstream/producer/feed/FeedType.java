package io.newsstream.producer.feed;

import java.util.List;

/**
 * A kind of feed document the producer can read: an RSS/Atom feed, an article text file, or any
 * format a new class teaches it. Adding a feed type is one class implementing this interface, with
 * a public no-argument constructor, registered by name (see {@link FeedTypes}).
 *
 * <p>Contract: {@link #read} turns one fetched document (a file's bytes or an HTTP response body)
 * into items, in a stable order: {@link SourceItem.Parsed} for each article, {@link
 * SourceItem.Rejected} for each part (or the whole document) that is not one. It never throws for
 * bad input and does no publishing. It may use the {@link FeedContext}'s page fetcher.
 * Implementations must be thread-safe (one instance serves every feed).
 */
public interface FeedType {

    /** The name configuration uses ({@code type = rss}), also the articles' {@code sourceType}. */
    String name();

    /**
     * Whether the document looks like this type, for inputs whose type is {@code auto}. The
     * article-file type is the fallback and answers false.
     */
    default boolean recognises(FeedDocument document) {
        return false;
    }

    /** Reads one document into articles and rejections; never throws for bad input. */
    List<SourceItem> read(FeedDocument document, FeedContext context);
}
