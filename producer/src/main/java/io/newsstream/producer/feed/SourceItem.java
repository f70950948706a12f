package io.newsstream.producer.feed;

import io.newsstream.common.article.ParsedArticle;
import java.util.Objects;

/**
 * One input read by an {@link ArticleSource}: a parsed article, or an input that could not be read
 * as one (which goes to the dead-letter topic, never silently away).
 */
public sealed interface SourceItem {

    /** Where the input came from: a file path, a feed URL, a feed URL plus entry id... */
    String origin();

    /**
     * An input read as an article.
     *
     * @param origin where it came from
     * @param article the article
     * @param sourceType the {@code RawArticle.sourceType} when it differs from the source's (a feed
     *     type reading both RSS and Atom says which), else {@code null}
     */
    record Parsed(String origin, ParsedArticle article, String sourceType) implements SourceItem {
        public Parsed {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(article, "article");
        }

        public Parsed(String origin, ParsedArticle article) {
            this(origin, article, null);
        }
    }

    /**
     * An input that is not an article.
     *
     * @param origin where it came from
     * @param reason human-readable reason, saying what to do where possible
     * @param errorClass class of the exception behind it, or {@code null}
     * @param payload the input's bytes as read, or {@code null} when they could not be read
     */
    record Rejected(String origin, String reason, String errorClass, byte[] payload)
            implements SourceItem {
        public Rejected {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
