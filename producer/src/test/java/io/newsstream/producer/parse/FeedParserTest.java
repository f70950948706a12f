package io.newsstream.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.article.ArticleIds;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ArticleParseException.Reason;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.producer.parse.FeedParser.FeedEntry;
import io.newsstream.producer.parse.FeedParser.ParsedFeed;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String rss(String encoding, String title) {
        return "<?xml version=\"1.0\""
                + (encoding == null ? "" : " encoding=\"" + encoding + "\"")
                + "?>\n<rss version=\"2.0\"><channel><title>T</title><link>https://o.example/</link>"
                + "<item><title>"
                + title
                + "</title><link>https://o.example/a</link><description>Body.</description></item>"
                + "</channel></rss>";
    }

    @Test
    void everyItemOfACommentsFeedKeepsAnIdOfItsOwn() throws Exception {
        // Eight comments on one post: links differ only by #comment-N, guids are ?p=4242#comment-N.
        ParsedFeed feed = parser.parse(resource("wordpress-comments.rss"), null, null);

        assertThat(feed.entries()).hasSize(8).allMatch(e -> e.article() != null);
        List<String> ids = feed.entries().stream().map(e -> e.article().id()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids.get(0))
                .isEqualTo("https://blog.example.test/2024/05/bridge-repairs/#comment-501");
        assertThat(feed.entries().get(1).article().title()).isEqualTo("By: Bo Critic");
        assertThat(feed.entries().get(1).article().body()).contains("Comment number 2");
    }

    @Test
    void aDatelineOpeningAnItemsDescriptionIsReadAsInArticleFiles() throws Exception {
        String xml =
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>"
                        + "<link>https://o.example/</link><item><title>Talks resume</title>"
                        + "<link>https://o.example/talks</link><description>ISLAMABAD: Talks"
                        + " resumed on Monday, officials said.</description></item></channel></rss>";

        ParsedArticle a =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null)
                        .entries()
                        .get(0)
                        .article();

        assertThat(a.dateline()).isEqualTo("ISLAMABAD");
        assertThat(a.body()).isEqualTo("Talks resumed on Monday, officials said.");
    }

    /**
     * What a site's feed adds to every summary is not the article's: a cut and a link to the rest,
     * a link to another story, a WordPress footer that repeats the headline.
     */
    @Test
    void aSummarysCutLinksAndFooterAreNotItsText() throws Exception {
        String xml =
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>"
                        + "<link>https://o.example/</link><item><title>Strike in Datta Khel</title>"
                        + "<link>https://o.example/strike</link><description><![CDATA["
                        + "<p>A drone strike hit a house in Datta Khel, officials said. Two [&#8230;]</p>"
                        + "<p><span>Related: </span><a href=\"https://o.example/x\">US and Pakistan"
                        + " agree on supply routes</a></p>"
                        + "<p>The post <a href=\"https://o.example/strike\">Strike in Datta Khel</a>"
                        + " appeared first on <a href=\"https://o.example\">Desk</a>.</p>"
                        + "<a href=\"https://o.example/strike\">Continue reading...</a>"
                        + "]]></description></item></channel></rss>";

        ParsedArticle a =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, null)
                        .entries()
                        .get(0)
                        .article();

        assertThat(a.body())
                .isEqualTo("A drone strike hit a house in Datta Khel, officials said. Two");
    }

    @Test
    void aFragmentThatIsNotACommentAnchorIsStillDropped() {
        assertThat(ArticleIds.canonicalUrl("https://o.example/a/#respond"))
                .isEqualTo("https://o.example/a/");
        assertThat(ArticleIds.canonicalUrl("https://o.example/a/?p=7#li-comment-12"))
                .isEqualTo("https://o.example/a/?p=7#li-comment-12");
    }

    @Test
    void rssItemsBecomeArticlesWithStrippedTitlesResolvedLinksAndForeignDates() throws Exception {
        ParsedFeed feed = parser.parse(resource("rss-odd.rss"), null, null);

        assertThat(feed.format()).isEqualTo("rss");
        assertThat(feed.language()).isEqualTo("de");
        assertThat(feed.entries()).hasSize(4);
        ParsedArticle first = feed.entries().get(0).article();
        assertThat(first.title()).isEqualTo("Kabinett beschließt & vertagt");
        assertThat(first.url()).isEqualTo("https://zeitung.example/politik/kabinett-123.html");
        assertThat(first.id()).isEqualTo(first.url());
        assertThat(first.body()).isEqualTo("Erster Absatz mit Link.\n\nZweiter Absatz.");
        assertThat(first.byline()).isEqualTo("Erika Muster");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2018-01-03T13:11:52Z"));
        assertThat(first.outlet()).isEqualTo("Beispiel Zeitung");
        assertThat(first.language()).isEqualTo("de");
        assertThat(feed.entries().get(0).summaryOnly()).isTrue();
    }

    @Test
    void anItemWithOnlyALinkIsTitledByItsTextAndOneWithOnlyATitleHasAContentHashId()
            throws Exception {
        ParsedFeed feed = parser.parse(resource("rss-odd.rss"), null, null);

        ParsedArticle linkOnly = feed.entries().get(1).article();
        assertThat(linkOnly.title()).isEqualTo("Nur ein Link und dieser Text, kein Titel.");
        assertThat(linkOnly.url()).isEqualTo("https://zeitung.example/wirtschaft/nur-link.html");
        ParsedArticle titleOnly = feed.entries().get(2).article();
        assertThat(titleOnly.url()).isNull();
        assertThat(titleOnly.id()).startsWith("sha256:");
        assertThat(titleOnly.body())
                .isEqualTo("Full text paragraph one.\n\nFull text paragraph two.");
        assertThat(titleOnly.publishedAt()).isEqualTo(Instant.parse("2018-01-03T09:00:00Z"));
        assertThat(feed.entries().get(2).summaryOnly()).isFalse();
    }

    @Test
    void anItemWithNeitherTitleNorLinkIsRejectedWithItsXml() throws Exception {
        FeedEntry entry = parser.parse(resource("rss-odd.rss"), null, null).entries().get(3);

        assertThat(entry.article()).isNull();
        assertThat(entry.key()).isEqualTo("item-without-title-or-link");
        assertThat(entry.rejection()).contains("neither a title nor a link");
        assertThat(entry.xml()).contains("Neither title nor link.");
    }

    @Test
    void atomHtmlTitlesAreStrippedRedirectLinksUnwrappedAndUpdatedDatesUsed() throws Exception {
        ParsedFeed feed = parser.parse(resource("atom-odd.atom"), null, "Configured Outlet");

        assertThat(feed.format()).isEqualTo("atom");
        assertThat(feed.language()).isEqualTo("en");
        ParsedArticle first = feed.entries().get(0).article();
        assertThat(first.title()).isEqualTo("Report on Slack & more");
        assertThat(first.url()).isEqualTo("https://news.example.com/2019/07/slack-story/?id=7");
        assertThat(first.byline()).isNull();
        assertThat(first.outlet()).isEqualTo("Configured Outlet");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2019-07-10T11:53:37Z"));
        ParsedArticle second = feed.entries().get(1).article();
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2019-07-09T06:00:00Z"));
        assertThat(second.body()).isEqualTo("Body in XHTML.");
        assertThat(second.byline()).isEqualTo("Jane Doe");
    }

    @Test
    void declaredIso88591AndGb2312AreDecoded() throws Exception {
        byte[] latin = rss("ISO-8859-1", "Mãe é presidente").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(latin, null, null).entries().get(0).article().title())
                .isEqualTo("Mãe é presidente");
        byte[] gb = rss("GB2312", "巴基斯坦 新闻").getBytes(Charset.forName("GB2312"));
        assertThat(parser.parse(gb, null, null).entries().get(0).article().title())
                .isEqualTo("巴基斯坦 新闻");
    }

    @Test
    void latin1BytesWithoutADeclarationAreReadAsWindows1252() throws Exception {
        byte[] latin = rss(null, "Não “aspas”").getBytes(Charset.forName("windows-1252"));
        ParsedFeed feed = parser.parse(latin, null, null);
        assertThat(feed.entries().get(0).article().title()).isEqualTo("Não “aspas”");
        assertThat(feed.charset()).isEqualTo("windows-1252");
    }

    @Test
    void theHttpCharsetIsUsedWhenTheDocumentDeclaresNone() throws Exception {
        byte[] gb = rss(null, "新闻").getBytes(Charset.forName("GB2312"));
        assertThat(parser.parse(gb, "gb2312", null).entries().get(0).article().title())
                .isEqualTo("新闻");
    }

    @Test
    void anUnsupportedEncodingIsRefusedSayingWhich() {
        byte[] bytes = rss("x-klingon", "tlhIngan").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parse(bytes, null, null))
                .isInstanceOf(ArticleParseException.class)
                .hasMessageContaining("x-klingon")
                .satisfies(
                        e ->
                                assertThat(((ArticleParseException) e).reason())
                                        .isEqualTo(Reason.UNSUPPORTED_ENCODING));
    }

    /** Well-formed for the XML parser, refused by JDOM: found by {@code FeedFuzzTest}. */
    @Test
    void aNamespaceUriThatStartsWithADigitIsRefusedAsMalformed() {
        byte[] bytes =
                ("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:i=\"5rn:atom-extension\">"
                                + "<entry><title>a</title></entry></feed>")
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(bytes, null, null))
                .isInstanceOf(ArticleParseException.class)
                .hasMessageContaining("not well-formed XML")
                .hasMessageContaining("5rn:atom-extension")
                .satisfies(
                        e ->
                                assertThat(((ArticleParseException) e).reason())
                                        .isEqualTo(Reason.MALFORMED));
    }

    @Test
    void malformedXmlAndNonFeedsAndEmptyBodiesAreRefused() {
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        "<rss><channel><item><title>a</title></channel></rss>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        null,
                                        null))
                .isInstanceOf(ArticleParseException.class)
                .satisfies(
                        e ->
                                assertThat(((ArticleParseException) e).reason())
                                        .isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        "<html><body>Not a feed</body></html>"
                                                .getBytes(StandardCharsets.UTF_8),
                                        null,
                                        null))
                .hasMessageContaining("not an RSS or Atom feed");
        assertThatThrownBy(() -> parser.parse(" \n ".getBytes(StandardCharsets.UTF_8), null, null))
                .satisfies(
                        e ->
                                assertThat(((ArticleParseException) e).reason())
                                        .isEqualTo(Reason.EMPTY));
    }

    static Stream<Path> sharedFeeds() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.feeds())) {
            return files
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedFeeds")
    void everySharedFeedParsesAndEveryItemWithATitleOrLinkIsAnArticle(Path file) throws Exception {
        ParsedFeed feed = parser.parse(Files.readAllBytes(file), null, null);

        assertThat(feed.entries()).isNotEmpty();
        List<ParsedArticle> articles =
                feed.entries().stream().map(FeedEntry::article).filter(a -> a != null).toList();
        for (ParsedArticle a : articles) {
            assertThat(a.title()).isNotBlank().doesNotContain("<b>", "&lt;", "&amp;");
        }
        if (!file.getFileName().toString().startsWith("missing-fields")) {
            assertThat(articles).hasSameSizeAs(feed.entries());
            assertThat(articles).allSatisfy(a -> assertThat(a.publishedAt()).isNotNull());
            assertThat(articles).allSatisfy(a -> assertThat(a.url()).startsWith("http"));
        }
    }

    @Test
    void sharedFeedOddities() throws Exception {
        ParsedFeed jn =
                parser.parse(
                        Files.readAllBytes(SharedData.feeds().resolve("jn_pt_iso-8859-1.rss")),
                        null,
                        null);
        assertThat(jn.language()).isEqualTo("pt");
        assertThat(jn.entries().get(0).article().title())
                .isEqualTo("Mãe de utente é a nova presidente da Raríssimas");
        ParsedFeed google =
                parser.parse(
                        Files.readAllBytes(
                                SharedData.feeds().resolve("google_alerts_html-in-title.atom")),
                        null,
                        null);
        assertThat(google.entries().get(0).article().url())
                .startsWith("https://www.aglobalmarketresearch.com/report-offers-prediction");
        ParsedFeed guardian =
                parser.parse(
                        Files.readAllBytes(SharedData.feeds().resolve("guardian_us.rss")),
                        null,
                        null);
        assertThat(guardian.entries().get(0).article().outlet()).isEqualTo("The Guardian");
        assertThat(guardian.entries())
                .allSatisfy(
                        e ->
                                assertThat(e.article().body())
                                        .doesNotContain("Continue reading")
                                        .doesNotContain("Related:"));
        ParsedFeed dailyTimes =
                parser.parse(
                        Files.readAllBytes(
                                SharedData.feeds().resolve("dailytimes_pk_khyber-pakhtunkhwa.rss")),
                        null,
                        null);
        assertThat(dailyTimes.entries())
                .hasSize(10)
                .allSatisfy(
                        e ->
                                assertThat(e.article().body())
                                        .doesNotContain("appeared first on")
                                        .doesNotEndWith("[\u2026]"));
    }
}
