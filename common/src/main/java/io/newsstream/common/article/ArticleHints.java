package io.newsstream.common.article;

/**
 * What the caller knows about an article file besides its bytes.
 *
 * <p>All fields are optional ({@code null} when unknown). An {@link #outlet()} given here always
 * wins over what the parser infers from the text; a {@link #url()} given here wins over a URL line
 * in the text.
 *
 * @param sourceName where the text came from, usually the file name; it is a (weak) hint for the
 *     outlet, e.g. {@code voa-2021-10-....txt} names VOA
 * @param outlet the publishing outlet, when the caller knows it (e.g. configured for a feed)
 * @param url the canonical URL of the article, when the caller knows it
 */
public record ArticleHints(String sourceName, String outlet, String url) {

    /** No hints at all. */
    public static final ArticleHints NONE = new ArticleHints(null, null, null);

    public ArticleHints {
        sourceName = blankToNull(sourceName);
        outlet = blankToNull(outlet);
        url = blankToNull(url);
    }

    /** Only a source name (e.g. the file name). */
    public static ArticleHints fromSource(String sourceName) {
        return new ArticleHints(sourceName, null, null);
    }

    /** A copy with the given outlet, which then wins over the text. */
    public ArticleHints withOutlet(String newOutlet) {
        return new ArticleHints(sourceName, newOutlet, url);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
