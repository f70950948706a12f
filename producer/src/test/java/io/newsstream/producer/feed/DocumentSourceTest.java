package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourceTest {

    private static final Path SEEDS = SharedData.seeds();

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

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DocumentSourceTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        }
    }

    private static List<SourceItem> read(DocumentSource source) {
        List<SourceItem> items = new ArrayList<>();
        source.forEach(items::add);
        return items;
    }

    private DocumentSource source(List<String> locations, FeedTypes types, long maxBytes) {
        return new DocumentSource(
                DocumentSource.expand(locations, "*.{txt,rss,atom,headlines}"),
                types,
                FeedTypes.AUTO,
                FeedContext.NONE,
                new HttpFetcher(Duration.ofSeconds(5), maxBytes),
                maxBytes);
    }

    @Test
    void aFeedUrlIsFetchedOnceAndItsEntriesBecomeItemsTypedRssOrAtom() throws IOException {
        http.serve("/feed.atom", "application/atom+xml", resource("atom-odd.atom"));

        List<SourceItem> items =
                read(
                        source(
                                List.of(http.uri("/feed.atom").toString()),
                                FeedTypes.builtIn(),
                                1 << 20));

        assertThat(http.requests.get()).isEqualTo(1);
        assertThat(items)
                .hasSize(2)
                .allSatisfy(i -> assertThat(i).isInstanceOf(SourceItem.Parsed.class));
        SourceItem.Parsed first = (SourceItem.Parsed) items.get(0);
        assertThat(first.sourceType()).isEqualTo("atom");
        assertThat(first.origin()).isEqualTo(http.uri("/feed.atom") + "#urn:example:1");
    }

    @Test
    void aDirectoryMixingArticleFilesAndFeedsYieldsBothKinds() throws IOException {
        Files.copy(
                SEEDS.resolve("voa-2021-10-pakistan-us-airspace-talks.txt"),
                dir.resolve("voa.txt"));
        Files.write(dir.resolve("odd.rss"), resource("rss-odd.rss"));

        List<SourceItem> items =
                read(source(List.of(dir.toString()), FeedTypes.builtIn(), 1 << 20));

        assertThat(items).hasSize(5);
        assertThat(items.get(0)).isInstanceOf(SourceItem.Parsed.class);
        assertThat(((SourceItem.Parsed) items.get(0)).sourceType()).isEqualTo("rss");
        assertThat(items.get(3)).isInstanceOf(SourceItem.Rejected.class);
        SourceItem.Parsed voa = (SourceItem.Parsed) items.get(4);
        assertThat(voa.sourceType()).isEqualTo("article-file");
        assertThat(voa.article().outlet()).isEqualTo("VOA");
    }

    @Test
    void readingAheadInParallelYieldsTheSameItemsInTheSameOrder() throws IOException {
        for (int i = 0; i < 30; i++) {
            Files.writeString(
                    dir.resolve(String.format("story-%02d.txt", i)),
                    "Headline number " + i + "\n\nBody of story " + i + ". It has text.\n");
        }
        Files.write(dir.resolve("story-15.rss"), resource("rss-odd.rss"));
        Files.write(dir.resolve("story-20.txt"), new byte[0]);
        List<String> locations = DocumentSource.expand(List.of(dir.toString()), "*.{txt,rss}");
        HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), 1 << 20);

        List<String> sequential;
        List<String> parallel;
        try (DocumentSource one =
                        new DocumentSource(
                                locations,
                                FeedTypes.builtIn(),
                                FeedTypes.AUTO,
                                FeedContext.NONE,
                                fetcher,
                                1 << 20,
                                1);
                DocumentSource three =
                        new DocumentSource(
                                locations,
                                FeedTypes.builtIn(),
                                FeedTypes.AUTO,
                                FeedContext.NONE,
                                fetcher,
                                1 << 20,
                                3)) {
            sequential = read(one).stream().map(SourceItem::origin).toList();
            parallel = read(three).stream().map(SourceItem::origin).toList();
        }

        assertThat(sequential).hasSize(34);
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void anUnreachableUrlIsRejectedAndTheRunGoesOn() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        http.serve("/feed.rss", "application/rss+xml", resource("rss-odd.rss"));
        String unreachable = "http://127.0.0.1:" + closedPort + "/feed.rss";

        List<SourceItem> items =
                read(
                        source(
                                List.of(
                                        unreachable,
                                        http.uri("/missing").toString(),
                                        http.uri("/feed.rss").toString()),
                                FeedTypes.builtIn(),
                                1 << 20));

        assertThat(items).hasSize(6);
        assertThat(items.get(0))
                .isInstanceOfSatisfying(
                        SourceItem.Rejected.class,
                        r -> {
                            assertThat(r.origin()).isEqualTo(unreachable);
                            assertThat(r.reason())
                                    .startsWith("UNREACHABLE")
                                    .contains("Cannot fetch");
                        });
        assertThat(items.get(1))
                .isInstanceOfSatisfying(
                        SourceItem.Rejected.class,
                        r -> assertThat(r.reason()).contains("HTTP 404"));
    }

    @Test
    void aDocumentLargerThanTheLimitIsRejectedUnread() throws IOException {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 'a');
        http.serve("/big.rss", "application/rss+xml", big);
        Path file = Files.write(dir.resolve("big.txt"), big);

        List<SourceItem> items =
                read(
                        source(
                                List.of(http.uri("/big.rss").toString(), file.toString()),
                                FeedTypes.builtIn(),
                                1000));

        assertThat(items)
                .hasSize(2)
                .allSatisfy(
                        i ->
                                assertThat(i)
                                        .isInstanceOfSatisfying(
                                                SourceItem.Rejected.class,
                                                r ->
                                                        assertThat(r.reason())
                                                                .startsWith("TOO_LARGE")));
    }

    @Test
    void malformedXmlUnsupportedEncodingAndEmptyFeedsAreRejectedWithTheirBytes()
            throws IOException {
        Path malformed =
                Files.writeString(
                        dir.resolve("a-malformed.rss"), "<rss><channel><item></channel></rss>");
        Path klingon =
                Files.writeString(
                        dir.resolve("b-klingon.rss"),
                        "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss><channel/></rss>");
        Path empty = Files.writeString(dir.resolve("c-empty.rss"), "");

        List<SourceItem> items =
                read(
                        new DocumentSource(
                                List.of(malformed.toString(), klingon.toString(), empty.toString()),
                                FeedTypes.builtIn(),
                                "rss",
                                FeedContext.NONE,
                                new HttpFetcher(Duration.ofSeconds(5), 1 << 20),
                                1 << 20));

        assertThat(items)
                .hasSize(3)
                .allSatisfy(i -> assertThat(i).isInstanceOf(SourceItem.Rejected.class));
        assertThat(((SourceItem.Rejected) items.get(0)).reason()).startsWith("MALFORMED");
        assertThat(((SourceItem.Rejected) items.get(0)).payload())
                .isEqualTo("<rss><channel><item></channel></rss>".getBytes(StandardCharsets.UTF_8));
        assertThat(((SourceItem.Rejected) items.get(1)).reason())
                .startsWith("UNSUPPORTED_ENCODING")
                .contains("x-klingon");
        assertThat(((SourceItem.Rejected) items.get(2)).reason()).startsWith("EMPTY");
    }

    /**
     * A feed of no entry loses nothing: no item, no dead letter (the run logs that it held none).
     */
    @Test
    void aWellFormedFeedOfNoEntryYieldsNothingAndTheNextDocumentIsRead() throws IOException {
        Path none =
                Files.writeString(
                        dir.resolve("a-none.atom"),
                        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                + "<id>tag:example.org,2026:none</id> entry> /entry></feed>");
        Path one =
                Files.writeString(
                        dir.resolve("b-one.rss"),
                        "<rss version=\"2.0\"><channel><title>T</title><item><title>A story</title>"
                                + "<description>Its text.</description></item></channel></rss>");

        List<SourceItem> items =
                read(
                        new DocumentSource(
                                List.of(none.toString(), one.toString()),
                                FeedTypes.builtIn(),
                                FeedTypes.AUTO,
                                FeedContext.NONE,
                                new HttpFetcher(Duration.ofSeconds(5), 1 << 20),
                                1 << 20));

        assertThat(items).singleElement().isInstanceOf(SourceItem.Parsed.class);
        assertThat(items.get(0).origin()).contains("b-one.rss");
    }

    @Test
    void aCustomFeedTypeRegisteredByConfigurationIsDetectedAndRead() throws IOException {
        Path list =
                Files.writeString(
                        dir.resolve("today.headlines"),
                        "Talks resume\thttps://news.example/talks\nno tab here\n");
        FeedTypes types =
                FeedTypes.load(
                        FeedTypes.parsePairs(
                                List.of("headlines=" + HeadlineListFeedType.class.getName())),
                        getClass().getClassLoader());

        List<SourceItem> items = read(source(List.of(list.toString()), types, 1 << 20));

        assertThat(types.names()).contains("rss", "atom", "article-file", "headlines");
        assertThat(items).hasSize(2);
        SourceItem.Parsed parsed = (SourceItem.Parsed) items.get(0);
        assertThat(parsed.article().title()).isEqualTo("Talks resume");
        assertThat(parsed.article().id()).isEqualTo("https://news.example/talks");
        assertThat(parsed.sourceType()).isEqualTo("headlines");
        assertThat(items.get(1)).isInstanceOf(SourceItem.Rejected.class);
    }

    @Test
    void unknownFeedTypesAndClassesAreRefusedNamingThem() {
        assertThatThrownBy(() -> FeedTypes.builtIn().get("json"))
                .hasMessageContaining("Unknown feed type 'json'")
                .hasMessageContaining("rss");
        assertThatThrownBy(
                        () ->
                                FeedTypes.load(
                                        Map.of("x", "com.example.Missing"),
                                        getClass().getClassLoader()))
                .hasMessageContaining("com.example.Missing")
                .hasMessageContaining("not on the classpath");
        assertThatThrownBy(
                        () ->
                                FeedTypes.load(
                                        Map.of("x", "java.lang.String"),
                                        getClass().getClassLoader()))
                .hasMessageContaining("does not implement");
    }

    @Test
    void directoryStandsForItsMatchingFilesSortedByName() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "B\n\nBody b.");
        Files.writeString(dir.resolve("a.txt"), "A\n\nBody a.");
        Files.writeString(dir.resolve("README.md"), "# not an article");
        Files.writeString(dir.resolve(".hidden.txt"), "H\n\nBody h.");
        Files.createDirectory(dir.resolve("sub.txt"));
        Path extra = Files.writeString(dir.resolve("README.md.txt"), "C\n\nBody c.");

        List<String> files =
                DocumentSource.expand(List.of(dir.toString(), extra.toString()), "*.txt");

        assertThat(files)
                .containsExactly(
                        dir.resolve("README.md.txt").toString(),
                        dir.resolve("a.txt").toString(),
                        dir.resolve("b.txt").toString(),
                        extra.toString());
    }

    @Test
    void filesNamedDirectlyAreReadWhateverTheirName() throws IOException {
        Path md = Files.writeString(dir.resolve("notes.md"), "Notes\n\nBody.");
        assertThat(DocumentSource.expand(List.of(md.toString()), "*.txt"))
                .containsExactly(md.toString());
    }

    @Test
    void missingInputIsAClearError() {
        assertThatThrownBy(
                        () ->
                                DocumentSource.expand(
                                        List.of(dir.resolve("nope").toString()), "*.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void badFilesBecomeRejectedItemsAndReadingGoesOn() throws IOException {
        Files.write(dir.resolve("1-empty.txt"), new byte[0]);
        Files.write(dir.resolve("2-binary.txt"), new byte[] {1, 0, 2, 0, 3});
        Files.writeString(dir.resolve("3-good.txt"), "Good title\n\nGood body.");

        List<SourceItem> items =
                read(source(List.of(dir.toString()), FeedTypes.builtIn(), 1 << 20));

        assertThat(items).hasSize(3);
        assertThat(((SourceItem.Rejected) items.get(0)).reason()).startsWith("EMPTY:");
        assertThat(((SourceItem.Rejected) items.get(1)).reason()).startsWith("UNDECODABLE:");
        assertThat(((SourceItem.Parsed) items.get(2)).article().title()).isEqualTo("Good title");
    }
}
