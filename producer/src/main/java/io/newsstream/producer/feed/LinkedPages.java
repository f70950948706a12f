package io.newsstream.producer.feed;

import java.util.Optional;

/**
 * Fetches the page a feed entry links to and extracts its main text. Implementations never throw: a
 * page that cannot be fetched or read gives empty (the entry keeps its summary), and says why in
 * the log.
 */
public interface LinkedPages {

    /** The article text of the page at the URL, paragraphs separated by blank lines; or empty. */
    Optional<String> mainText(String url);
}
