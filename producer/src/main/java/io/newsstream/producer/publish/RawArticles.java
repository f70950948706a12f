package io.newsstream.producer.publish;

import io.newsstream.common.article.ArticleComment;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.schemas.event.Comment;
import io.newsstream.schemas.event.RawArticle;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Maps a {@link ParsedArticle} to the Avro {@link RawArticle} event. Pure. */
public final class RawArticles {

    /**
     * How far after the fetch a publication time may lie (time zones, clocks a little ahead); a
     * later one is a feed's error, not news from the future.
     */
    public static final Duration MAX_PUBLISHED_AHEAD = Duration.ofDays(1);

    private RawArticles() {}

    /**
     * The publication time if it is plausible, else {@code null} (unknown): a time at or before
     * 1970-01-01T00:00Z (an unset Unix time, or a year like 1800 that no news feed means) or more
     * than {@link #MAX_PUBLISHED_AHEAD} after the fetch (2999) is dropped rather than kept, since
     * the view sorts newest first and a story dated 2999 would stay on top forever. The article is
     * kept either way.
     */
    public static Instant plausiblePublishedAt(Instant publishedAt, Instant fetchedAt) {
        if (publishedAt == null
                || !publishedAt.isAfter(Instant.EPOCH)
                || publishedAt.isAfter(fetchedAt.plus(MAX_PUBLISHED_AHEAD))) {
            return null;
        }
        return publishedAt;
    }

    /**
     * The event for a parsed article.
     *
     * @param article the parsed article; its {@link ParsedArticle#id()} becomes the event id (and
     *     the Kafka key)
     * @param feedId the feed or source id (a configured feed id, or "file")
     * @param sourceType how it was obtained, e.g. {@code article-file}
     * @param fetchedAt when the producer read it (truncated to milliseconds, the event's precision)
     *     and the reference for {@link #plausiblePublishedAt}
     */
    public static RawArticle from(
            ParsedArticle article, String feedId, String sourceType, Instant fetchedAt) {
        List<Comment> comments = article.comments().stream().map(RawArticles::comment).toList();
        return RawArticle.newBuilder()
                .setId(article.id())
                .setFeedId(feedId)
                .setSourceType(sourceType)
                .setOutlet(article.outlet())
                .setUrl(article.url())
                .setTitle(article.title())
                .setSubtitle(article.subtitle())
                .setByline(article.byline())
                .setDateline(article.dateline())
                .setPublishedAt(millis(plausiblePublishedAt(article.publishedAt(), fetchedAt)))
                .setFetchedAt(millis(fetchedAt))
                .setBody(article.body())
                .setCaptions(List.copyOf(article.captions()))
                .setComments(comments)
                .setLanguage(article.language())
                .build();
    }

    private static Comment comment(ArticleComment c) {
        return Comment.newBuilder()
                .setAuthor(c.author())
                .setPostedAt(c.postedAt())
                .setText(c.text())
                .build();
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
