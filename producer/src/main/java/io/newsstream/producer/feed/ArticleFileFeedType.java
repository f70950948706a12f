package io.newsstream.producer.feed;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ParsedArticle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Article text files (text copied out of a web page, like the seeds) as a feed type named {@value
 * #NAME}: one document is one article, read by {@link ArticleFileParser}. The fallback of {@code
 * auto} detection. An HTML page (doctype or html element first) is read as its headline and main
 * text (readability4j), or refused as {@value #HTML_PAGE} when it has none; the page's own metadata
 * names the outlet ({@link #pageOutlet}) and the language ({@code <html lang>}).
 */
public final class ArticleFileFeedType implements FeedType {

    /** The type's name and the articles' source type. */
    public static final String NAME = "article-file";

    /** Reason code of a dead-lettered HTML page without article text. */
    public static final String HTML_PAGE = "HTML_PAGE";

    private static final Pattern HTML_START =
            Pattern.compile(
                    "^\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html[\\s>])",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The site part of a page title: after the last " | ", " - ", " – " or " — ", 1-5 words. */
    private static final Pattern TITLE_SUFFIX =
            Pattern.compile("\\s[|\\-–—]\\s+((?:[^\\s|\\-–—]+\\s?){1,5})$");

    private static final Pattern COPYRIGHT =
            Pattern.compile(
                    "(?:Copyright|©|\\(c\\))\\s*(?:©\\s*)?(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?\\s*,?\\s*)"
                            + "(\\p{Lu}[\\p{L}&'. ]{1,50}?)\\s*(?:[.,]|All rights|$)");

    private final ArticleFileParser parser = new ArticleFileParser();

    /**
     * The page's headline (its first {@code h1}, else {@code og:title}, else {@code title}) and
     * main text (readability4j) as an article text file, or empty when either is missing.
     */
    static Optional<String> articleText(FeedDocument document) {
        String base = baseUri(document);
        Optional<String> body =
                ReadabilityPages.extract(document.bytes(), document.charset(), base);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Document page =
                Jsoup.parse(
                        new String(
                                document.bytes(),
                                document.charset() == null
                                        ? StandardCharsets.UTF_8
                                        : charsetOr(document.charset())),
                        base);
        String title = null;
        Element h1 = page.selectFirst("h1");
        Element og = page.selectFirst("meta[property=og:title]");
        if (h1 != null && !h1.text().isBlank()) {
            title = h1.text();
        } else if (og != null && !og.attr("content").isBlank()) {
            title = og.attr("content");
        } else if (!page.title().isBlank()) {
            title = page.title();
        }
        if (title == null) {
            return Optional.empty();
        }
        String text = body.get().strip();
        if (text.startsWith(title.strip())) {
            text = text.substring(title.strip().length()).strip();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(title.strip() + "\n\n" + text);
    }

    private static Document page(FeedDocument document) {
        return Jsoup.parse(
                new String(
                        document.bytes(),
                        document.charset() == null
                                ? StandardCharsets.UTF_8
                                : charsetOr(document.charset())),
                baseUri(document));
    }

    /** What a page's relative links resolve against: its URL, or a stand-in for a local file. */
    private static String baseUri(FeedDocument document) {
        return DocumentSource.isUrl(document.origin()) ? document.origin() : "http://localhost/";
    }

    /**
     * The outlet a page names itself, which wins over credits in its text ("told Reuters"): its
     * {@code og:site_name}, else the last part of its title ("Budget passes | Test Daily"), else
     * its copyright line ("Copyright 2025 Test Daily", "© 2025 Test Daily. All rights reserved").
     */
    static Optional<String> pageOutlet(Document page) {
        Element site = page.selectFirst("meta[property=og:site_name]");
        if (site != null && !site.attr("content").isBlank()) {
            return Optional.of(site.attr("content").strip());
        }
        Matcher suffix = TITLE_SUFFIX.matcher(page.title());
        if (suffix.find()) {
            return Optional.of(suffix.group(1).strip());
        }
        Matcher copyright = COPYRIGHT.matcher(page.text());
        if (copyright.find()) {
            return Optional.of(copyright.group(1).strip());
        }
        return Optional.empty();
    }

    /** The page's language ({@code <html lang="en-GB">}) as ISO 639-1, or empty. */
    static Optional<String> pageLanguage(Document page) {
        Element html = page.selectFirst("html");
        String lang = html == null ? "" : html.attr("lang").strip().toLowerCase(Locale.ROOT);
        String code = lang.split("[-_]")[0];
        return code.matches("[a-z]{2}") ? Optional.of(code) : Optional.empty();
    }

    private static java.nio.charset.Charset charsetOr(String name) {
        try {
            return java.nio.charset.Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Whether the document starts like an HTML page (a doctype or an html element). */
    static boolean isHtmlPage(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        String head = new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3);
        }
        return HTML_START.matcher(head).find();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SourceItem> read(FeedDocument document, FeedContext context) {
        byte[] text = document.bytes();
        Document page = null;
        if (isHtmlPage(text)) {
            // An article page: its headline and main text (readability) make an article text,
            // read like any other; a page without main text is refused plainly.
            Optional<String> article = articleText(document);
            if (article.isEmpty()) {
                return List.of(
                        new SourceItem.Rejected(
                                document.origin(),
                                HTML_PAGE
                                        + ": an HTML page without article text (no headline or"
                                        + " main text found): give the producer the site's"
                                        + " RSS/Atom feed, or save the article's text (headline,"
                                        + " then paragraphs) as a .txt file.",
                                null,
                                document.bytes()));
            }
            text = article.get().getBytes(StandardCharsets.UTF_8);
            page = page(document);
        }
        String outlet = context.outlet();
        if (outlet == null && page != null) {
            outlet = pageOutlet(page).orElse(null);
        }
        ArticleHints hints =
                new ArticleHints(
                        document.name() == null ? document.origin() : document.name(),
                        outlet,
                        DocumentSource.isUrl(document.origin()) ? document.origin() : null);
        try {
            ParsedArticle parsed = parser.parse(text, hints);
            String language = page == null ? null : pageLanguage(page).orElse(null);
            if (language != null && parsed.language() == null) {
                parsed = parsed.withLanguage(language);
            }
            return List.of(new SourceItem.Parsed(document.origin(), parsed, NAME));
        } catch (ArticleParseException e) {
            return List.of(
                    new SourceItem.Rejected(
                            document.origin(),
                            e.reason() + ": " + e.getMessage(),
                            e.getClass().getName(),
                            document.bytes()));
        }
    }
}
