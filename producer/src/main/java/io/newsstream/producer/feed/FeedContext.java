package io.newsstream.producer.feed;

/**
 * What a {@link FeedType} may use besides the document.
 *
 * @param outlet the configured outlet of the feed (wins over what the document says), or {@code
 *     null}
 * @param pages fetches linked article pages for entries that carry only a summary; {@code null}
 *     when page fetching is off
 */
public record FeedContext(String outlet, LinkedPages pages) {

    /** No outlet, no page fetching. */
    public static final FeedContext NONE = new FeedContext(null, null);
}
