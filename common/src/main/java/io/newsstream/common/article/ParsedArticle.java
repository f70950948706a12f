package io.newsstream.common.article;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One article as read from a text file: its parts told apart, page furniture removed. Free of any
 * Kafka or Avro type.
 *
 * <p>Optional parts are {@code null} when the text does not give them.
 *
 * @param url canonical URL ({@link ArticleIds#canonicalUrl(String)}), or {@code null}
 * @param outlet publishing outlet, e.g. "The Express Tribune", "AFP", "VOA", or {@code null}
 * @param title the headline
 * @param subtitle the standfirst, or {@code null}
 * @param byline the author line without its "By", or {@code null}
 * @param dateline the dateline place as printed, e.g. "ISLAMABAD", or {@code null}
 * @param publishedAt publication time stated by the text (a date alone means 00:00 UTC that day),
 *     or {@code null}
 * @param body the article text: paragraphs separated by one blank line ({@code "\n\n"}), without
 *     title, captions, comments or furniture
 * @param captions photo captions, in order of appearance
 * @param comments reader comments, in order of appearance
 * @param charset the encoding the bytes were decoded with, e.g. "UTF-8" or "windows-1252"; {@code
 *     null} when the parser was given text
 * @param language ISO 639-1 code of the language the source declares (e.g. a feed's {@code
 *     <language>}), or {@code null}
 */
public record ParsedArticle(
        String url,
        String outlet,
        String title,
        String subtitle,
        String byline,
        String dateline,
        Instant publishedAt,
        String body,
        List<String> captions,
        List<ArticleComment> comments,
        String charset,
        String language) {

    public ParsedArticle {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        captions = List.copyOf(captions);
        comments = List.copyOf(comments);
    }

    /** A copy with another body (e.g. the text of the linked page instead of a summary). */
    public ParsedArticle withBody(String newBody) {
        return new ParsedArticle(
                url,
                outlet,
                title,
                subtitle,
                byline,
                dateline,
                publishedAt,
                newBody,
                captions,
                comments,
                charset,
                language);
    }

    /** A copy in another language (an ISO 639-1 code, e.g. from the page's {@code lang}). */
    public ParsedArticle withLanguage(String newLanguage) {
        return new ParsedArticle(
                url,
                outlet,
                title,
                subtitle,
                byline,
                dateline,
                publishedAt,
                body,
                captions,
                comments,
                charset,
                newLanguage);
    }

    /** The body's paragraphs, in order. */
    public List<String> paragraphs() {
        return Arrays.asList(body.split("\n\n"));
    }

    /** The stable id of this article: see {@link ArticleIds#of(ParsedArticle)}. */
    public String id() {
        return ArticleIds.of(this);
    }
}
