package io.newsstream.processor.enrich;

/**
 * The text the classifier reads: title, optional subtitle, body. Captions and reader comments are
 * deliberately not part of it (comments are not the article; captions repeat it).
 *
 * @param title headline, never null (may be empty)
 * @param subtitle standfirst, or null
 * @param body article text, never null (may be empty)
 */
public record ArticleText(String title, String subtitle, String body) {
    public ArticleText {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }

    String field(ArticleField field) {
        return switch (field) {
            case TITLE -> title;
            case SUBTITLE -> subtitle;
            case BODY -> body;
        };
    }
}
