package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.producer.publish.RawArticles;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of bad input a user can hand the producer, read the way a one-shot run reads it
 * ({@link DocumentSource}, type {@code auto}, the default 16 MiB limit), with its counted outcome:
 * n articles, or n dead letters with reason code X. Each case ends with a good article file after
 * the bad input, which must still come out as an article. Publishing the outcomes (and the article
 * larger than the topic's message size) is in {@code BadInputIT}.
 */
class BadInputTest {

    private static final Path GOOD_ARTICLE =
            SharedData.seeds().resolve("voa-2021-10-pakistan-us-airspace-talks.txt");
    private static final long MAX_BYTES = 16L << 20;

    @TempDir Path dir;
    private LocalHttpServer http;

    @BeforeEach
    void start() throws IOException {
        http = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    /** What reading the locations gave: articles, and dead letters by reason code. */
    record Outcome(List<SourceItem.Parsed> articles, Map<String, Integer> deadLetters) {
        @Override
        public String toString() {
            return articles.size() + " articles, dead letters " + deadLetters;
        }
    }

    /** Reads the bad input, then the good article; asserts the good article came out last. */
    private Outcome read(String badLocation) {
        List<SourceItem> items = new ArrayList<>();
        try (DocumentSource source =
                new DocumentSource(
                        List.of(badLocation, GOOD_ARTICLE.toString()),
                        FeedTypes.builtIn(),
                        FeedTypes.AUTO,
                        FeedContext.NONE,
                        new HttpFetcher(Duration.ofSeconds(10), MAX_BYTES),
                        MAX_BYTES)) {
            source.forEach(items::add);
        }
        SourceItem last = items.remove(items.size() - 1);
        assertThat(last).isInstanceOf(SourceItem.Parsed.class);
        assertThat(last.origin()).endsWith(GOOD_ARTICLE.getFileName().toString());
        List<SourceItem.Parsed> articles = new ArrayList<>();
        Map<String, Integer> deadLetters = new TreeMap<>();
        for (SourceItem i : items) {
            if (i instanceof SourceItem.Parsed p) {
                articles.add(p);
            } else if (i instanceof SourceItem.Rejected r) {
                deadLetters.merge(code(r.reason()), 1, Integer::sum);
            }
        }
        Outcome outcome = new Outcome(articles, deadLetters);
        System.out.println("BadInputTest " + badLocation + ": " + outcome);
        return outcome;
    }

    /** The reason code a dead letter's reason starts with ("MALFORMED: ..."). */
    static String code(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private String file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes).toString();
    }

    private String file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] feed(String name) throws IOException {
        return Files.readAllBytes(SharedData.feeds().resolve(name));
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Bad input | Example News</title><link>https://example.com/</link>"
                + items
                + "</channel></rss>";
    }

    private static String item(String link, String title, String pubDate, String description) {
        return "<item><title>"
                + title
                + "</title><link>"
                + link
                + "</link>"
                + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>")
                + "<description>"
                + description
                + "</description></item>";
    }

    @Test
    void malformedXmlIsOneDeadLetterMalformed() throws IOException {
        Outcome o = read(file("malformed.rss", "<rss><channel><item><title>x</channel></rss>"));

        assertThat(o.articles()).isEmpty();
        assertThat(o.deadLetters()).isEqualTo(Map.of("MALFORMED", 1));
    }

    @Test
    void aFeedTruncatedHalfWayIsOneDeadLetterMalformed() throws IOException {
        byte[] guardian = feed("guardian_us.rss");

        Outcome o = read(file("truncated.rss", Arrays.copyOf(guardian, guardian.length / 2)));

        assertThat(o.articles()).isEmpty();
        assertThat(o.deadLetters()).isEqualTo(Map.of("MALFORMED", 1));
    }

    @Test
    void latin1BytesDeclaredUtf8AreStillReadAsArticlesWithTheirAccents() throws IOException {
        byte[] jn = feed("jn_pt_iso-8859-1.rss");
        String latin1 = new String(jn, StandardCharsets.ISO_8859_1);
        byte[] declaredUtf8 =
                latin1.replaceFirst("(?i)encoding=\"iso-8859-1\"", "encoding=\"UTF-8\"")
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(declaredUtf8, StandardCharsets.ISO_8859_1)).contains("UTF-8");
        int entries = countOf(jn, "<item>");

        Outcome o = read(file("declared-utf8.rss", declaredUtf8));

        assertThat(o.deadLetters()).isEmpty();
        assertThat(o.articles()).hasSize(entries);
        assertThat(o.articles()).anySatisfy(a -> assertThat(a.article().title()).contains("Mãe"));
    }

    @Test
    void utf8BytesDeclaredLatin1AreReadAsArticlesNotDropped() throws IOException {
        String utf8 =
                rss(
                        item(
                                "https://example.com/a",
                                "Mãe e Raríssimas",
                                null,
                                "Uma notícia com acentos."));
        byte[] declaredLatin1 =
                utf8.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                        .getBytes(StandardCharsets.UTF_8);

        Outcome o = read(file("declared-latin1.rss", declaredLatin1));

        // Read as declared (mojibake, "MÃ£e"): the publisher's error is visible, nothing is lost.
        assertThat(o.deadLetters()).isEmpty();
        assertThat(o.articles())
                .singleElement()
                .satisfies(a -> assertThat(a.article().title()).startsWith("M"));
    }

    @Test
    void anEncodingJavaDoesNotKnowIsOneDeadLetterUnsupportedEncoding() throws IOException {
        Outcome o =
                read(
                        file(
                                "klingon.rss",
                                "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss version=\"2.0\"><channel/></rss>"));

        assertThat(o.articles()).isEmpty();
        assertThat(o.deadLetters()).isEqualTo(Map.of("UNSUPPORTED_ENCODING", 1));
    }

    @Test
    void binaryJunkIsOneDeadLetterUndecodable() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(8).nextBytes(junk);

        Outcome xml = read(file("junk.xml", junk));
        Outcome txt = read(file("junk.txt", junk));

        assertThat(xml.articles()).isEmpty();
        assertThat(xml.deadLetters()).isEqualTo(Map.of("UNDECODABLE", 1));
        assertThat(txt.deadLetters()).isEqualTo(Map.of("UNDECODABLE", 1));
    }

    @Test
    void aZeroLengthFileIsOneDeadLetterEmpty() throws IOException {
        Outcome xml = read(file("empty.xml", new byte[0]));
        Outcome txt = read(file("empty.txt", new byte[0]));

        assertThat(xml.deadLetters()).isEqualTo(Map.of("EMPTY", 1));
        assertThat(txt.deadLetters()).isEqualTo(Map.of("EMPTY", 1));
    }

    @Test
    void a50MegabyteFileOrHttpBodyIsOneDeadLetterTooLargeWithoutBeingRead() throws IOException {
        Path big = dir.resolve("big.rss");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L << 20); // sparse: the producer must refuse it by its size, unread
        }
        byte[] body = new byte[50 << 20];
        Arrays.fill(body, (byte) 'a');
        http.serve("/big.rss", "application/rss+xml", body);

        Outcome fromFile = read(big.toString());
        Outcome fromHttp = read(http.uri("/big.rss").toString());

        assertThat(fromFile.deadLetters()).isEqualTo(Map.of("TOO_LARGE", 1));
        assertThat(fromHttp.deadLetters()).isEqualTo(Map.of("TOO_LARGE", 1));
    }

    @Test
    void anHtmlArticlePageIsOneArticleFromItsHeadlineAndMainTextWhetherAFileOrAUrl()
            throws IOException {
        String page =
                "<!DOCTYPE html>\n<html><head><title>Pakistan airspace deal | Dawn</title></head>"
                        + "<body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
                        + "<h1>Pakistan and US near airspace deal</h1>"
                        + "<p>ISLAMABAD: Officials said on Monday that talks on the use of Pakistani"
                        + " airspace by American aircraft had progressed, and that a written"
                        + " agreement could be signed within weeks.</p>"
                        + "<p>The agreement would allow overflights and the use of ground lines of"
                        + " communication, the officials said, speaking on condition of anonymity"
                        + " because they were not authorised to talk to the media.</p>"
                        + "</article><footer>Copyright Dawn</footer></body></html>";
        http.serve("/story", "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));

        Outcome fromFile = read(file("page.txt", page));
        Outcome fromHttp = read(http.uri("/story").toString());

        for (Outcome o : List.of(fromFile, fromHttp)) {
            assertThat(o.deadLetters()).isEmpty();
            assertThat(o.articles())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.article().title())
                                        .isEqualTo("Pakistan and US near airspace deal");
                                assertThat(a.article().body())
                                        .contains("written agreement could be signed")
                                        .doesNotContain("<p>", "Home", "Copyright");
                            });
        }
        assertThat(fromHttp.articles().get(0).article().url())
                .isEqualTo(http.uri("/story").toString());
    }

    @Test
    void anHtmlPageWithoutArticleTextIsOneDeadLetterHtmlPage() throws IOException {
        http.serve(
                "/empty",
                "text/html",
                "<!doctype html><html><body><nav>Home</nav></body></html>"
                        .getBytes(StandardCharsets.UTF_8));

        Outcome noText =
                read(file("page.txt", "\n<!-- cached -->\n<html lang=en><head></head></html>"));
        Outcome fromHttp = read(http.uri("/empty").toString());

        assertThat(noText.articles()).isEmpty();
        assertThat(noText.deadLetters()).isEqualTo(Map.of("HTML_PAGE", 1));
        assertThat(fromHttp.deadLetters()).isEqualTo(Map.of("HTML_PAGE", 1));
    }

    @Test
    void aFeedWithFiveThousandItemsGivesFiveThousandArticles() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            items.append(
                    item(
                            "https://example.com/story/" + i,
                            "Story number " + i,
                            "Wed, 03 Jan 2018 14:11:52 GMT",
                            "Paragraph of story " + i + " about the airspace talks."));
        }

        Outcome o = read(file("thousands.rss", rss(items.toString())));

        assertThat(o.deadLetters()).isEmpty();
        assertThat(o.articles()).hasSize(5000);
        assertThat(o.articles().stream().map(a -> a.article().id()).distinct()).hasSize(5000);
    }

    @Test
    void duplicateIdsWithDifferentContentAreBothArticlesUnderTheSameId() throws IOException {
        String feed =
                rss(
                        item("https://example.com/a", "First version", null, "Talks began.")
                                + item(
                                        "https://example.com/a",
                                        "Edited version",
                                        null,
                                        "Talks began and ended."));

        Outcome o = read(file("duplicate-ids.rss", feed));

        // Both go out, keyed by the same id: the processor publishes the edited one as the newer
        // version (NewsTopologyTest) and drops only re-sends with the same content.
        assertThat(o.deadLetters()).isEmpty();
        assertThat(o.articles())
                .extracting(a -> a.article().id())
                .containsExactly("https://example.com/a", "https://example.com/a");
        assertThat(o.articles())
                .extracting(a -> a.article().title())
                .containsExactly("First version", "Edited version");
    }

    @Test
    void datesFarInThePastOrFutureKeepTheArticleWithAnUnknownPublicationTime() throws IOException {
        String feed =
                rss(
                        item(
                                        "https://example.com/1800",
                                        "Old",
                                        "Wed, 01 Jan 1800 00:00:00 GMT",
                                        "a")
                                + item(
                                        "https://example.com/2999",
                                        "Future",
                                        "Tue, 01 Jan 2999 00:00:00 GMT",
                                        "b")
                                + item(
                                        "https://example.com/epoch",
                                        "Epoch",
                                        "Thu, 01 Jan 1970 00:00:00 GMT",
                                        "c")
                                + item(
                                        "https://example.com/ok",
                                        "Fine",
                                        "Wed, 03 Jan 2018 14:11:52 GMT",
                                        "d"));
        Instant fetched = Instant.parse("2026-11-21T12:00:00Z");

        Outcome o = read(file("dates.rss", feed));

        assertThat(o.deadLetters()).isEmpty();
        assertThat(o.articles()).hasSize(4);
        assertThat(
                        o.articles().stream()
                                .map(a -> RawArticles.from(a.article(), "f", "rss", fetched))
                                .map(r -> r.getTitle() + "=" + r.getPublishedAt())
                                .toList())
                .containsExactly(
                        "Old=null",
                        "Future=null",
                        "Epoch=null",
                        "Fine=" + Instant.parse("2018-01-03T14:11:52Z"));
    }

    @Test
    void externalEntitiesAreNeverLoaded() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe =
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
                        + secret.toUri()
                        + "\">]>"
                        + rss(item("https://example.com/x", "&xxe; title", null, "&xxe; body"))
                                .replaceFirst("<\\?xml[^>]*>", "");

        Outcome o = read(file("xxe.rss", xxe));

        assertThat(o.articles().size() + o.deadLetters().values().stream().mapToInt(i -> i).sum())
                .isEqualTo(1);
        assertThat(o.articles())
                .allSatisfy(
                        a ->
                                assertThat(a.article().title() + a.article().body())
                                        .doesNotContain("TOP-SECRET"));
    }

    @Test
    void anEntityExpansionBombIsRefusedQuicklyAsMalformed() throws IOException {
        StringBuilder bomb =
                new StringBuilder(
                        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol0 \"lollollollol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol" + i + " \"" + ("&lol" + (i - 1) + ";").repeat(10) + "\">");
        }
        bomb.append("]>")
                .append(
                        rss(item("https://example.com/x", "&lol9;", null, "&lol9;"))
                                .replaceFirst("<\\?xml[^>]*>", ""));
        long start = System.nanoTime();

        Outcome o = read(file("billion-laughs.rss", bomb.toString()));

        System.out.printf(
                "BadInputTest billion laughs refused in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(o.articles()).isEmpty();
        assertThat(o.deadLetters()).isEqualTo(Map.of("MALFORMED", 1));
    }

    private static int countOf(byte[] bytes, String what) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
