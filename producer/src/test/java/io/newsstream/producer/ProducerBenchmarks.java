package io.newsstream.producer;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.article.ArticleParseException;
import io.newsstream.common.article.ParsedArticle;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.SourceItem;
import io.newsstream.producer.parse.FeedParser;
import io.newsstream.producer.publish.RawArticles;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.testkit.ReutersCorpus;
import io.newsstream.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH benchmarks of the producer's per-article costs on one thread: parsing a Reuters story file
 * (~830 bytes, the one-shot import of {@code FeedsIT}), a 4 KiB article file (a seed repeated), an
 * RSS feed (Guardian, 20 entries of full content), reading a file through {@link DocumentSource}
 * (file I/O and feed-type detection included), and building and Avro-encoding the {@link
 * RawArticle} event (no registry). Not part of {@code verify} (the class name is not a test name,
 * and the run needs {@code -Dbenchmarks=true}). Run:
 *
 * <pre>
 * ./mvnw -B -q -pl producer -am test -Dtest=ProducerBenchmarks \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 *
 * Add {@code -Dbenchmarks.include=<regex>} to run some of them only (e.g. {@code 'reuters'}), and
 * {@code -Dtest='ProducerBenchmarks#cpuTimePerArticle'} for the CPU-time figures alone (a few
 * seconds); {@code -Dbenchmarks.jfr=FILE} records a JFR profile of those ({@code jfr print --events
 * jdk.ExecutionSample FILE}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsstream"})
public class ProducerBenchmarks {

    private static final Path SHARED = SharedData.dir();
    private static final String SEED = "voa-2021-10-pakistan-us-airspace-talks.txt";
    private static final String FEED = "guardian_us.rss";

    /** The inputs, read into memory once. */
    @State(Scope.Benchmark)
    public static class Inputs {
        final ArticleFileParser parser = new ArticleFileParser();
        final FeedParser feedParser = new FeedParser();
        final SpecificDatumWriter<RawArticle> writer = new SpecificDatumWriter<>(RawArticle.class);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        BinaryEncoder encoder;
        List<Path> reutersFiles;
        byte[][] reuters;
        byte[] article4k;
        byte[] feed;
        final FeedTypes types = FeedTypes.builtIn();
        final FeedContext context = new FeedContext(null, null);
        final HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), 1 << 20);
        ParsedArticle parsed4k;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            try {
                Path split = Path.of("target", "reuters-split");
                if (!Files.isDirectory(split)) {
                    ReutersCorpus.split(SHARED.resolve("eval").resolve("reuters21578"), split);
                }
                try (Stream<Path> files = Files.list(split)) {
                    reutersFiles = files.sorted().toList();
                }
                reuters = new byte[reutersFiles.size()][];
                for (int i = 0; i < reuters.length; i++) {
                    reuters[i] = Files.readAllBytes(reutersFiles.get(i));
                }
                String seed = Files.readString(SharedData.seeds().resolve(SEED));
                int bodyStart = seed.indexOf("\n\n", seed.indexOf("\n\n") + 2);
                StringBuilder text = new StringBuilder(seed);
                while (text.length() < 4096) {
                    text.append("\n\n").append(seed.substring(bodyStart).strip());
                }
                article4k = text.toString().getBytes(StandardCharsets.UTF_8);
                feed = Files.readAllBytes(SHARED.resolve("feeds").resolve(FEED));
                parsed4k = parser.parse(article4k, ArticleHints.fromSource(SEED));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ArticleParseException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] nextReuters() {
            return reuters[next++ % reuters.length];
        }

        String nextReutersFile() {
            return reutersFiles.get(next++ % reutersFiles.size()).toString();
        }
    }

    /** One Reuters story file (~830 bytes; some are refused for having no body). */
    @Benchmark
    public Object parseReutersFile(Inputs in) {
        try {
            return in.parser.parse(in.nextReuters(), ArticleHints.NONE);
        } catch (ArticleParseException e) {
            return e;
        }
    }

    /** One 4 KiB article file. */
    @Benchmark
    public ParsedArticle parseArticle4KiB(Inputs in) throws ArticleParseException {
        return in.parser.parse(in.article4k, ArticleHints.fromSource(SEED));
    }

    /** One RSS document of 20 entries with their full content (per document, not per entry). */
    @Benchmark
    public FeedParser.ParsedFeed parseFeed(Inputs in) throws ArticleParseException {
        return in.feedParser.parse(in.feed, null, null);
    }

    /** One Reuters story file read from disk and parsed through feed-type detection. */
    @Benchmark
    public List<SourceItem> readReutersFile(Inputs in) {
        return readOne(in);
    }

    /**
     * The event of a 4 KiB article (id included) encoded as Avro binary, as the serializer does.
     */
    @Benchmark
    public int encodeRawArticle4KiB(Inputs in) throws IOException {
        return encode(in);
    }

    private static List<SourceItem> readOne(Inputs in) {
        List<SourceItem> items = new ArrayList<>(1);
        new DocumentSource(
                        List.of(in.nextReutersFile()),
                        in.types,
                        FeedTypes.AUTO,
                        in.context,
                        in.fetcher,
                        1 << 20)
                .iterator()
                .forEachRemaining(items::add);
        return items;
    }

    private static int encode(Inputs in) throws IOException {
        RawArticle event = RawArticles.from(in.parsed4k, "file", "article-file", Instant.now());
        in.out.reset();
        in.encoder = EncoderFactory.get().binaryEncoder(in.out, in.encoder);
        in.writer.write(event, in.encoder);
        in.encoder.flush();
        return in.out.size();
    }

    /**
     * CPU time (not wall time) per operation, measured on the calling thread after a warm-up: on a
     * shared, overloaded machine wall-clock JMH scores include the time spent waiting for a core;
     * this does not.
     */
    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void cpuTimePerArticle() throws Exception {
        Inputs in = new Inputs();
        in.setUp();
        Recording jfr = null;
        String jfrFile = System.getProperty("benchmarks.jfr", "");
        if (!jfrFile.isEmpty()) {
            jfr = new Recording(Configuration.getConfiguration("profile"));
            jfr.start();
        }
        List<String> lines = new ArrayList<>();
        lines.add(cpu("parseReutersFile", in.reuters.length, () -> parseReutersFile(in)));
        lines.add(cpu("parseArticle4KiB", 5_000, () -> parseArticle4KiB(in)));
        lines.add(cpu("parseFeed (20 entries)", 200, () -> parseFeed(in)));
        lines.add(cpu("readReutersFile", in.reuters.length, () -> readOne(in)));
        lines.add(cpu("encodeRawArticle4KiB", 20_000, () -> encode(in)));
        if (jfr != null) {
            jfr.stop();
            jfr.dump(Path.of(jfrFile));
            jfr.close();
        }
        lines.forEach(System.out::println);
    }

    private static String cpu(String name, int n, Callable<?> op) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i++) {
                op.call();
            }
        }
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.call();
        }
        double micros = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / n;
        return String.format(
                "cpu time %-24s %8.1f us/op = %,8.0f ops/s per core", name, micros, 1e6 / micros);
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void run() throws RunnerException {
        new Runner(
                        new OptionsBuilder()
                                .include(
                                        System.getProperty(
                                                "benchmarks.include",
                                                ProducerBenchmarks.class.getName()))
                                .jvmArgsAppend("-Dnewsstream.shared.dir=" + SharedData.dir())
                                .build())
                .run();
    }
}
