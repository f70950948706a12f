package io.newsstream.producer.feed;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One document to read: a file's bytes or an HTTP response body.
 *
 * @param origin where it came from (absolute file path or URL): the dead-letter source, and the
 *     prefix of its entries' origins
 * @param bytes the content as read
 * @param contentType the HTTP {@code Content-Type}, or {@code null} for files
 * @param name the file name or last URL path segment (a hint for the outlet), or {@code null}
 */
public record FeedDocument(String origin, byte[] bytes, String contentType, String name) {

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    public FeedDocument {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The charset the Content-Type names, or {@code null}. */
    public String charset() {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    /** The media type without parameters, lower case, or {@code null}. */
    public String mediaType() {
        return contentType == null
                ? null
                : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }
}
