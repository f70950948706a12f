package io.newsstream.producer.feed;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.producer.parse.HtmlText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LinkedPages} over HTTP: fetches the page with an {@link HttpFetcher} and extracts its main
 * text with readability4j (Mozilla Readability's algorithm), paragraphs kept. The page's charset
 * comes from the HTTP header, else from its {@code <meta charset>}, else UTF-8.
 */
public final class ReadabilityPages implements LinkedPages {

    private static final Logger log = LoggerFactory.getLogger(ReadabilityPages.class);

    private final HttpFetcher fetcher;

    public ReadabilityPages(HttpFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Optional<String> mainText(String url) {
        HttpFetcher.Response response;
        try {
            response = fetcher.get(URI.create(url));
        } catch (IOException | IllegalArgumentException e) {
            log.warn(
                    "Cannot fetch the linked page {} (keeping the feed's summary): {}",
                    url,
                    e.toString());
            return Optional.empty();
        }
        if (!response.ok()) {
            log.warn(
                    "The linked page {} answered HTTP {} (keeping the feed's summary)",
                    url,
                    response.status());
            return Optional.empty();
        }
        return extract(
                response.body(),
                new FeedDocument(url, response.body(), response.contentType(), null).charset(),
                url);
    }

    /** The main text of an HTML page, or empty when it has none. Pure. */
    public static Optional<String> extract(byte[] html, String charset, String url) {
        Charset cs = StandardCharsets.UTF_8;
        if (charset != null) {
            try {
                cs = Charset.forName(charset);
            } catch (RuntimeException e) {
                cs = StandardCharsets.UTF_8;
            }
        }
        try {
            Document document =
                    charset == null
                            ? Jsoup.parse(new java.io.ByteArrayInputStream(html), null, url)
                            : Jsoup.parse(new String(html, cs), url);
            Article article = new Readability4J(url, document).parse();
            if (article.getArticleContent() == null) {
                return Optional.empty();
            }
            String text =
                    ArticleFileParser.withoutPageFurniture(
                            HtmlText.paragraphs(article.getArticleContent()));
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot extract the text of {}: {}", url, e.toString());
            return Optional.empty();
        }
    }
}
