package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadabilityPagesTest {

    private static final String PARAGRAPH =
            "The talks on the use of Pakistani airspace resumed on Tuesday in Islamabad, officials"
                    + " said, after weeks of delay over the terms of the agreement. ";

    private LocalHttpServer http;

    @BeforeEach
    void start() throws IOException {
        http = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private static byte[] articlePage() {
        String html =
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Talks resume</title></head>"
                        + "<body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav>"
                        + "<div class=\"sidebar\"><p>Most read: celebrity gossip</p></div>"
                        + "<article><h1>Talks resume</h1>"
                        + "<p>First paragraph. "
                        + PARAGRAPH.repeat(3)
                        + "</p><p>Second paragraph. "
                        + PARAGRAPH.repeat(3)
                        + "</p><p>Third paragraph, Pakistan’s “position”. "
                        + PARAGRAPH.repeat(2)
                        + "</p></article><footer>© Example News 2026</footer></body></html>";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] feed() {
        return ("<rss version=\"2.0\"><channel><title>Example News</title><link>"
                        + http.uri("/")
                        + "</link><item><title>Talks resume</title><link>"
                        + http.uri("/world/talks-resume")
                        + "</link><description>Talks resumed on Tuesday.</description></item>"
                        + "<item><title>Gone</title><link>"
                        + http.uri("/world/gone")
                        + "</link><description>Summary of a page that is gone.</description></item>"
                        + "</channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<SourceItem> read(FeedContext context) {
        DocumentSource source =
                new DocumentSource(
                        List.of(http.uri("/feed.rss").toString()),
                        FeedTypes.builtIn(),
                        FeedTypes.AUTO,
                        context,
                        new HttpFetcher(Duration.ofSeconds(5), 1 << 20),
                        1 << 20);
        List<SourceItem> items = new ArrayList<>();
        source.forEach(items::add);
        return items;
    }

    @Test
    void aSummaryOnlyEntryGetsTheMainTextOfItsLinkedPage() {
        http.serve("/feed.rss", "application/rss+xml", feed());
        http.serve("/world/talks-resume", "text/html; charset=utf-8", articlePage());
        HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), 1 << 20);

        List<SourceItem> items = read(new FeedContext(null, new ReadabilityPages(fetcher)));

        SourceItem.Parsed talks = (SourceItem.Parsed) items.get(0);
        assertThat(talks.article().paragraphs()).hasSize(3);
        assertThat(talks.article().body())
                .startsWith("First paragraph. The talks on the use")
                .contains("Pakistan’s “position”")
                .doesNotContain("Most read", "Home", "© Example News");
        // The page that is gone keeps the feed's summary.
        SourceItem.Parsed gone = (SourceItem.Parsed) items.get(1);
        assertThat(gone.article().body()).isEqualTo("Summary of a page that is gone.");
    }

    @Test
    void withoutPageFetchingTheSummaryIsTheBody() {
        http.serve("/feed.rss", "application/rss+xml", feed());
        http.serve("/world/talks-resume", "text/html; charset=utf-8", articlePage());

        List<SourceItem> items = read(FeedContext.NONE);

        assertThat(((SourceItem.Parsed) items.get(0)).article().body())
                .isEqualTo("Talks resumed on Tuesday.");
        assertThat(http.requests.get()).isEqualTo(1);
    }
}
