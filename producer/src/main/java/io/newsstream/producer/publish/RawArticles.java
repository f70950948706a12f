package io.newsstream.producer.publish;

import io.newsstream.producer.parse.ArticleComment;
import io.newsstream.producer.parse.ParsedArticle;
import io.newsstream.schemas.event.Comment;
import io.newsstream.schemas.event.RawArticle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Maps a {@link ParsedArticle} to the Avro {@link RawArticle} event. Pure. */
public final class RawArticles {

    private RawArticles() {}

    /**
     * The event for a parsed article.
     *
     * @param article the parsed article; its {@link ParsedArticle#id()} becomes the event id (and
     *     the Kafka key)
     * @param feedId the feed or source id (a configured feed id, or "file")
     * @param sourceType how it was obtained, e.g. {@code article-file}
     * @param fetchedAt when the producer read it (truncated to milliseconds, the event's precision)
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
                .setPublishedAt(millis(article.publishedAt()))
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
