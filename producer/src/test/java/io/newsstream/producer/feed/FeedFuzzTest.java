package io.newsstream.producer.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleParseException;
import io.newsstream.producer.parse.FeedParser;
import io.newsstream.producer.publish.DeadLetters;
import io.newsstream.producer.publish.RawArticles;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * A seeded random mutator over the real feed and article files in {@code ../shared/feeds} and the
 * demo seeds: byte flips, truncation, splicing two documents, swapped encoding declarations,
 * inserted junk, entity bombs and external entities. Each mutant goes through the producer's
 * parsing entry point (the feed type {@code auto} picks, as a one-shot run does) and its outcome is
 * encoded as the Avro event it would be published as. No broker: the publishing side is in {@code
 * BadInputIT}.
 *
 * <p>Passes when no mutant throws (every input ends as an article or a dead letter with a reason
 * code, or is a well-formed feed of no entry, as when a flip turns {@code <entry>} into text) and
 * none leaks the content of an external entity. Prints the seed, the counts (articles, dead letters
 * by reason code, exceptions) and the slowest mutant.
 *
 * <p>{@code ./mvnw verify} runs {@value #DEFAULT_ITERATIONS} mutants (10-35 s on 2 busy cores);
 * more on demand, e.g. {@code ./mvnw -B -q -pl producer -am test -Dtest=FeedFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnewsstream.fuzz.iterations=100000}, and replay a
 * failure with {@code -Dnewsstream.fuzz.seed=<the printed seed>}.
 */
class FeedFuzzTest {

    static final int DEFAULT_ITERATIONS = 300;

    private static final String SECRET = "FUZZ-SECRET-7f3a";
    private static final Instant FETCHED = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void noMutantOfTheRealFeedsThrowsAndEachEndsAsArticlesOrADeadLetter()
            throws IOException, ArticleParseException {
        int iterations = Integer.getInteger("newsstream.fuzz.iterations", DEFAULT_ITERATIONS);
        long seed = Long.getLong("newsstream.fuzz.seed", System.nanoTime());
        List<byte[]> corpus = corpus();
        Path secret = Files.createTempFile("fuzz-secret", ".txt");
        Files.writeString(secret, SECRET);
        Random random = new Random(seed);
        FeedTypes types = FeedTypes.builtIn();
        Map<String, Integer> deadLetters = new TreeMap<>();
        Map<String, Integer> mutations = new TreeMap<>();
        List<String> exceptions = new ArrayList<>();
        long articles = 0;
        int emptyFeeds = 0;
        long slowestNanos = 0;
        String slowest = "";
        long start = System.nanoTime();
        System.out.printf(
                "FeedFuzzTest: seed %d, %d iterations over %d files%n",
                seed, iterations, corpus.size());
        try {
            for (int i = 0; i < iterations; i++) {
                StringBuilder how = new StringBuilder();
                byte[] mutant = mutate(corpus, random, secret, how);
                mutations.merge(how.toString().split(" ")[0], 1, Integer::sum);
                FeedDocument document =
                        new FeedDocument(
                                "fuzz-" + i,
                                mutant,
                                null,
                                random.nextBoolean() ? "fuzz.rss" : "fuzz.txt");
                long t0 = System.nanoTime();
                try {
                    FeedType type = types.forDocument(FeedTypes.AUTO, document);
                    List<SourceItem> items = type.read(document, FeedContext.NONE);
                    if (items.isEmpty()) {
                        // a feed whose entries a mutation turned into text is a feed of none
                        assertThat(type.name())
                                .as("iteration %d (%s) yields something", i, how)
                                .isEqualTo(RssAtomFeedType.NAME);
                        assertThat(new FeedParser().parse(mutant, null, null).entries())
                                .as("iteration %d (%s): entries read but none yielded", i, how)
                                .isEmpty();
                        emptyFeeds++;
                    }
                    for (SourceItem item : items) {
                        if (item instanceof SourceItem.Parsed p) {
                            RawArticle a =
                                    RawArticles.from(p.article(), "fuzz", type.name(), FETCHED);
                            encode(a);
                            assertThat(a.getTitle() + a.getBody())
                                    .as("iteration %d (%s): external entity content", i, how)
                                    .doesNotContain(SECRET);
                            articles++;
                        } else if (item instanceof SourceItem.Rejected r) {
                            encode(
                                    DeadLetters.of(
                                            r.origin(),
                                            r.reason(),
                                            r.errorClass(),
                                            r.payload(),
                                            FETCHED));
                            deadLetters.merge(BadInputTest.code(r.reason()), 1, Integer::sum);
                        }
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    exceptions.add("iteration " + i + " (" + how + "): " + trace);
                }
                long took = System.nanoTime() - t0;
                if (took > slowestNanos) {
                    slowestNanos = took;
                    slowest = "iteration " + i + " (" + how + ", " + mutant.length + " bytes)";
                }
            }
        } finally {
            Files.deleteIfExists(secret);
        }
        System.out.printf(
                "FeedFuzzTest: seed %d: %d mutants in %.1f s: %d articles, dead letters %s,"
                        + " %d feeds of no entry, %d exceptions; mutations %s; slowest %d ms:"
                        + " %s%n",
                seed,
                iterations,
                (System.nanoTime() - start) / 1e9,
                articles,
                deadLetters,
                emptyFeeds,
                exceptions.size(),
                mutations,
                slowestNanos / 1_000_000,
                slowest);
        assertThat(exceptions)
                .as("seed %d: rerun with -Dnewsstream.fuzz.seed=%d", seed, seed)
                .isEmpty();
    }

    private static void encode(org.apache.avro.specific.SpecificRecord record) throws IOException {
        SpecificDatumWriter<Object> writer = new SpecificDatumWriter<>(record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
    }

    private static List<byte[]> corpus() throws IOException {
        List<byte[]> files = new ArrayList<>();
        for (Path d : List.of(SharedData.feeds(), SharedData.seeds())) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.{rss,atom,txt}")) {
                for (Path p : s) {
                    files.add(Files.readAllBytes(p));
                }
            }
        }
        assertThat(files).as("the shared feeds and the seeds").hasSizeGreaterThan(5);
        return files;
    }

    private static final String[] ENCODINGS = {
        "UTF-8",
        "ISO-8859-1",
        "windows-1252",
        "UTF-16",
        "UTF-16LE",
        "Shift_JIS",
        "GB2312",
        "x-klingon",
        "",
        "utf8",
        "latin1",
        "US-ASCII",
        "KOI8-R"
    };

    private static final String[] JUNK = {
        "\u0000",
        "<",
        ">",
        "&",
        "&amp;",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "]]>",
        "<![CDATA[",
        "<!--",
        "</item>",
        "<item>",
        "</channel>",
        "<entry>",
        "\uFEFF",
        "\uFFFD",
        "\r\n",
        "\u2028",
        "<title></title>",
        "<link>javascript:alert(1)</link>",
        "<pubDate>Mon, 99 Foo 99999 99:99:99 XYZ</pubDate>",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE html>",
        "<html>"
    };

    /** One random mutation of a random corpus file; {@code how} says which. */
    static byte[] mutate(List<byte[]> corpus, Random r, Path secret, StringBuilder how) {
        byte[] base = corpus.get(r.nextInt(corpus.size()));
        switch (r.nextInt(9)) {
            case 0 -> {
                int flips = 1 + r.nextInt(32);
                how.append("flip ").append(flips);
                byte[] b = base.clone();
                for (int i = 0; i < flips; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                int at = r.nextInt(base.length + 1);
                how.append("truncate ").append(at);
                return Arrays.copyOf(base, at);
            }
            case 2 -> {
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int a = r.nextInt(base.length + 1);
                int b = r.nextInt(other.length + 1);
                how.append("splice ").append(a).append('+').append(b);
                byte[] out = Arrays.copyOf(base, a + other.length - b);
                System.arraycopy(other, b, out, a, other.length - b);
                return out;
            }
            case 3 -> {
                String enc = ENCODINGS[r.nextInt(ENCODINGS.length)];
                how.append("encoding ").append(enc);
                String text = new String(base, StandardCharsets.ISO_8859_1);
                String swapped =
                        text.matches("(?s)^\\s*<\\?xml[^>]*encoding=.*")
                                ? text.replaceFirst(
                                        "encoding=\"[^\"]*\"", "encoding=\"" + enc + "\"")
                                : "<?xml version=\"1.0\" encoding=\"" + enc + "\"?>" + text;
                return swapped.getBytes(StandardCharsets.ISO_8859_1);
            }
            case 4 -> {
                int n = 1 + r.nextInt(8);
                how.append("junk ").append(n);
                String text = new String(base, StandardCharsets.UTF_8);
                StringBuilder b = new StringBuilder(text);
                for (int i = 0; i < n; i++) {
                    b.insert(r.nextInt(b.length() + 1), JUNK[r.nextInt(JUNK.length)]);
                }
                return b.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                how.append("entity-bomb");
                StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY b0 \"boom\">");
                int depth = 5 + r.nextInt(10);
                for (int i = 1; i <= depth; i++) {
                    dtd.append(
                            "<!ENTITY b" + i + " \"" + ("&b" + (i - 1) + ";").repeat(10) + "\">");
                }
                dtd.append("]>");
                return withDoctype(base, dtd.toString(), "&b" + depth + ";");
            }
            case 6 -> {
                how.append("external-entity");
                String dtd =
                        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
                                + secret.toUri()
                                + "\"><!ENTITY % p SYSTEM \""
                                + secret.toUri()
                                + "\"> %p;]>";
                return withDoctype(base, dtd, "&xxe;");
            }
            case 7 -> {
                int copies = 2 + r.nextInt(20);
                how.append("repeat-items ").append(copies);
                String text = new String(base, StandardCharsets.UTF_8);
                int s = Math.max(text.indexOf("<item"), text.indexOf("<entry"));
                int e = Math.max(text.indexOf("</item>"), text.indexOf("</entry>"));
                if (s < 0 || e < s) {
                    return base;
                }
                int end = text.indexOf('>', e) + 1;
                String one = text.substring(s, end);
                return (text.substring(0, end) + one.repeat(copies) + text.substring(end))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                int n = r.nextInt(4096);
                how.append("random ").append(n);
                byte[] b = new byte[n];
                r.nextBytes(b);
                return b;
            }
        }
    }

    /** The document with a DOCTYPE after its XML declaration and the entity in its first title. */
    private static byte[] withDoctype(byte[] base, String doctype, String entity) {
        String text = new String(base, StandardCharsets.UTF_8);
        String decl = "";
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>") + 2;
            decl = text.substring(0, end);
            text = text.substring(end);
        }
        text =
                text.replaceFirst(
                        "<title>", "<title>" + java.util.regex.Matcher.quoteReplacement(entity));
        return (decl + doctype + text).getBytes(StandardCharsets.UTF_8);
    }
}
