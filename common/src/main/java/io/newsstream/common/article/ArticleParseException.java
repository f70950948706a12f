package io.newsstream.common.article;

/**
 * An input that cannot be turned into an article. The message says what is wrong and what to do;
 * {@link #reason()} classifies it for counting and dead letters.
 */
public class ArticleParseException extends Exception {

    /** Why an input was rejected. */
    public enum Reason {
        /** No bytes, or only white space. */
        EMPTY,
        /** The bytes are not text in a supported encoding (binary data, NUL bytes...). */
        UNDECODABLE,
        /** No line usable as a headline before the body text. */
        NO_TITLE,
        /** A headline but no article text under it. */
        NO_BODY,
        /** The input could not be read at all (I/O error, too large). */
        UNREADABLE,
        /** Not well-formed XML, or XML that is not an RSS or Atom feed. */
        MALFORMED,
        /** The input declares an encoding this Java runtime does not support. */
        UNSUPPORTED_ENCODING,
        /** The input is larger than the producer accepts. */
        TOO_LARGE
    }

    private final Reason reason;

    public ArticleParseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ArticleParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
