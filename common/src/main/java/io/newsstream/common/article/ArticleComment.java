package io.newsstream.common.article;

import java.util.Objects;

/**
 * A reader comment found with an article, kept apart from its body.
 *
 * @param author display name of the commenter, {@code null} when the page shows none
 * @param postedAt the comment's time exactly as the page shows it (not parsed: it is often relative
 *     or local), {@code null} when absent
 * @param text the comment text without page furniture such as "Recommend"; paragraphs separated by
 *     a blank line, line breaks inside a paragraph kept
 */
public record ArticleComment(String author, String postedAt, String text) {
    public ArticleComment {
        Objects.requireNonNull(text, "text");
    }
}
