package io.newsstream.processor.dedup;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.processor.enrich.GazetteerEntityExtractor;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.RawArticles;
import io.newsstream.processor.enrich.RuleAttributionExtractor;
import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.testkit.SharedData;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH benchmarks of the per-article costs: enrichment of a 4 KiB article (classifier, entities,
 * attributions, content hash), its similarity fingerprint, and a de-duplication look-up with 10k,
 * 100k and 1M distinct articles stored. Not part of {@code verify} (the class name is not a test
 * name, and the run needs {@code -Dbenchmarks=true}). Run:
 *
 * <pre>
 * ./mvnw -B -q -pl streams-processor -am test -Dtest=ProcessorBenchmarks \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 *
 * Add {@code -Dbenchmarks.include=<regex>} to run some of them only (e.g. {@code 'enrich4KiB'}).
 *
 * <p>The look-up runs against {@link ArrayDedupState} (in memory): it measures the algorithm (band
 * keys, at most 9 index reads, candidate verification), not RocksDB, whose point reads add a few
 * microseconds each in the running processor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.newsstream"})
public class ProcessorBenchmarks {

    /** The enrichment side: one 4 KiB article. */
    @State(Scope.Benchmark)
    public static class Enrichment {
        ArticleEnricher enricher;
        GazetteerEntityExtractor entities;
        RuleAttributionExtractor attributions;
        NearDuplicateDetector detector = new NearDuplicateDetector(5, 0.5);
        RawArticle article4k;

        @Setup(Level.Trial)
        public void setUp() {
            enricher =
                    new ArticleEnricher(
                            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault()),
                            entities = GazetteerEntityExtractor.loadDefault(),
                            attributions = RuleAttributionExtractor.loadDefault(),
                            Clock.systemUTC());
            RawArticle seed = RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt");
            StringBuilder body = new StringBuilder(seed.getBody());
            while (body.length() < 4096) {
                body.append("\n\n").append(seed.getBody());
            }
            body.setLength(4096);
            article4k = RawArticle.newBuilder(seed).setBody(body.toString()).build();
        }
    }

    /** The de-duplication side: a store holding {@code storedArticles} distinct articles. */
    @State(Scope.Benchmark)
    public static class Lookup {
        @Param({"10000", "100000", "1000000"})
        public int storedArticles;

        NearDuplicateDetector detector;
        ArrayDedupState state;
        Fingerprint[] duplicateProbes;
        Fingerprint[] distinctProbes;
        int next;
        DedupState readOnly;

        @Setup(Level.Trial)
        public void setUp() {
            detector = new NearDuplicateDetector(5, 0.5);
            state = new ArrayDedupState(storedArticles + 1000);
            Random random = new Random(11);
            String[] stored = new String[1000];
            for (int i = 0; i < storedArticles; i++) {
                String text = randomText(random, 120);
                if (i < stored.length) {
                    stored[i] = text;
                }
                detector.check(
                        "news", "article-" + i, null, detector.fingerprint(null, text), i, state);
            }
            duplicateProbes = new Fingerprint[stored.length];
            distinctProbes = new Fingerprint[stored.length];
            for (int i = 0; i < stored.length; i++) {
                duplicateProbes[i] = detector.fingerprint(null, stored[i] + " Reuters reported.");
                distinctProbes[i] = detector.fingerprint(null, randomText(random, 120));
            }
            readOnly = readOnly(state);
        }
    }

    /** Enrichment of one 4 KiB article (independent of {@code storedArticles}). */
    @Benchmark
    public EnrichedArticle enrich4KiB(Enrichment e) {
        return e.enricher.enrich(e.article4k);
    }

    @Benchmark
    public List<Entity> entities4KiB(Enrichment e) {
        return e.entities.extract(e.article4k);
    }

    @Benchmark
    public List<Attribution> attributions4KiB(Enrichment e) {
        return e.attributions.extract(e.article4k);
    }

    @Benchmark
    public Fingerprint fingerprint4KiB(Enrichment e) {
        return e.detector.fingerprint(e.article4k.getTitle(), e.article4k.getBody());
    }

    /** Look-up of a near duplicate of a stored article (found; nothing is stored). */
    @Benchmark
    public DedupVerdict lookupNearDuplicate(Lookup l) {
        Fingerprint probe = l.duplicateProbes[l.next++ % l.duplicateProbes.length];
        return l.detector.check("news", "probe", null, probe, 0, l.state);
    }

    /** Look-up of a distinct article (not found; the write is discarded). */
    @Benchmark
    public DedupVerdict lookupDistinct(Lookup l) {
        Fingerprint probe = l.distinctProbes[l.next++ % l.distinctProbes.length];
        return l.detector.check("news", "probe", null, probe, 0, l.readOnly);
    }

    /** The state without its writes: a look-up of a distinct article stores nothing. */
    static DedupState readOnly(DedupState state) {
        return new DedupState() {
            @Override
            public int[] handles(int key, long timestamp, int max) {
                return state.handles(key, timestamp, max);
            }

            @Override
            public void index(int key, int handle, long timestamp) {}

            @Override
            public StoredArticle article(int handle, long timestamp) {
                return state.article(handle, timestamp);
            }

            @Override
            public void store(int handle, StoredArticle article, long timestamp) {}
        };
    }

    private static final String[] WORDS =
            ("the of and to in a is that for on was with he it as at by from his an were are which"
                            + " this be has or had not but they their its have one been also after"
                            + " Pakistan drone strike airspace talks official said minister army"
                            + " government security border militants attack province capital report"
                            + " week month year first second agreement deal visit chief meeting"
                            + " Washington Islamabad Kabul intelligence forces killed people")
                    .split(" ");

    private static String randomText(Random random, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            if (random.nextInt(12) == 0) {
                b.append(random.nextInt(100_000)).append(' ');
            }
        }
        return b.toString();
    }

    /**
     * CPU time (not wall time) per 4 KiB article of each enrichment step, measured on the calling
     * thread after a warm-up: on a shared, overloaded machine wall-clock JMH scores include the
     * time spent waiting for a core; this does not.
     */
    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void cpuTimePerArticle() {
        Enrichment e = new Enrichment();
        e.setUp();
        cpu("enrich4KiB", () -> e.enricher.enrich(e.article4k));
        cpu("entities4KiB", () -> e.entities.extract(e.article4k));
        cpu("attributions4KiB", () -> e.attributions.extract(e.article4k));
        cpu(
                "fingerprint4KiB",
                () -> e.detector.fingerprint(e.article4k.getTitle(), e.article4k.getBody()));
    }

    private static void cpu(String name, Runnable op) {
        java.lang.management.ThreadMXBean mx =
                java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            op.run();
        }
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        double micros = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / n;
        System.out.printf("cpu time %-18s %8.1f us/op%n", name, micros);
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void run() throws RunnerException {
        new Runner(
                        new OptionsBuilder()
                                .include(
                                        System.getProperty(
                                                "benchmarks.include",
                                                ProcessorBenchmarks.class.getName()))
                                .jvmArgsAppend("-Dnewsstream.shared.dir=" + SharedData.dir())
                                .build())
                .run();
    }
}
