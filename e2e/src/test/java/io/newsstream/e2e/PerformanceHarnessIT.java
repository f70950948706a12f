package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newsstream.testkit.ReutersCorpus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end performance harness ({@link PerfHarness}): broker (child JVM), registry,
 * PostgreSQL view, producer -> streams-processor -> consumer as separate JVMs, with articles built
 * from Reuters-21578 ({@link PerfArticles}). It prints pipeline articles/s, the Kafka Streams
 * pass-through ceiling measured in the same run, their ratio, produce-to-visible latency at a fixed
 * offered load, peak RSS and CPU seconds per 1,000 articles of each JVM, and writes {@code
 * e2e/target/perf/results.md} and {@code results.png}.
 *
 * <ul>
 *   <li>In {@code ./mvnw verify}: a smoke run (1,000 articles, 3 s at 1,000/s and 3 s at 20/s;
 *       65-105 s at load average 5-12) that proves the harness end to end: the view holds exactly
 *       the distinct stories and duplicate links the articles contain, and every figure is
 *       measured. Speed is never asserted.
 *   <li>With {@code -Dbenchmarks=true}: the full run (README, "Performance"): {@code
 *       -Dbench.articles} (200,000), {@code -Dbench.latency.seconds} (30) at {@code
 *       -Dbench.latency.rate} (1,000 articles/s), then {@code -Dbench.sustained.seconds} (60) at
 *       {@code -Dbench.sustained.rate} (20 articles/s, a load the pipeline sustains here), then the
 *       scaling table (1 vs 2 processor instances, 6 vs 1 raw partitions) with {@code
 *       -Dbench.scaling.articles} (20,000; 0 skips it); {@code -Dbench.jfr=true} records every
 *       application of the main run with JFR into {@code e2e/target/perf/jfr}.
 * </ul>
 */
class PerformanceHarnessIT {

    static final Map<String, String> SEED_FILES =
            Map.of(
                    "airspace-deal", "voa-2021-10-pakistan-us-airspace-talks.txt",
                    "intel-chief-visit", "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt",
                    "joint-strikes",
                            "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt");
    static final double NEAR_DUPLICATE_SHARE = 0.10;
    static final double NEWS_TOPIC_SHARE = 0.05;

    @TempDir Path work;

    @Test
    @DisabledIfSystemProperty(named = "benchmarks", matches = "true")
    @Timeout(240)
    void smokeRunMeasuresEveryFigureAndTheViewHoldsEveryArticle() throws Exception {
        PerfArticles.Shares shares = articles(1L, "s").writeFiles(work.resolve("articles"), 1_000);
        PerfHarness.Config config =
                config(1, 6, 1_000, Duration.ofSeconds(3), 20, Duration.ofSeconds(3), false);
        String loadBefore = load();
        PerfHarness.Result r =
                new PerfHarness(work, System.out)
                        .run(config, work.resolve("articles"), shares, articles(2L, "l"));
        report("smoke", shares, r, List.of(), loadBefore);

        // Every article is in the view exactly once: as a story or as a duplicate link. Which of
        // the two is the de-duplication's call (MinHash estimates; a rare false positive between
        // two Reuters-built articles is possible), so those counts get a small tolerance.
        // Multi-label: an article of two news topics is a story in both, counted once here.
        long stories = r.viewStories();
        // A dead letter is counted and reported; more than the generator intends fail the run.
        assertThat(r.deadLetters())
                .as("dead letters")
                .isLessThanOrEqualTo(shares.intendedDeadLetters());
        assertThat(stories + r.viewDuplicates() + r.deadLetters())
                .as("stories + duplicate links in the view + dead letters")
                .isEqualTo(shares.total());
        assertThat(r.viewDuplicates())
                .as("duplicate links")
                .isCloseTo(shares.nearDuplicates(), within(2L));
        // A news topic holds at least the stories generated for it; multi-label adds those of
        // another news topic whose seed text also matches it (the AFP seed is about both the
        // intelligence chief's visit and the strikes).
        for (var e : shares.storiesPerNewsTopic().entrySet()) {
            assertThat(r.viewStoriesPerNewsTopic().getOrDefault(e.getKey(), 0))
                    .as("stories of %s", e.getKey())
                    .isGreaterThanOrEqualTo(e.getValue() - Math.max(2, e.getValue() / 50));
        }
        assertThat(r.pipelineArticlesPerSecond()).isPositive();
        assertThat(r.ceilingRecords()).isEqualTo(shares.total());
        assertThat(r.ceilingRecordsPerSecond()).isPositive();
        assertThat(r.latenciesMillis()).hasSize(r.latencyArticles());
        assertThat(r.latenciesMillis()[0]).isPositive();
        assertThat(r.sustainedLatenciesMillis()).hasSize(60);
        assertThat(r.sustainedLatenciesMillis()[0]).isPositive();
        assertThat(r.stages())
                .extracting(PerfHarness.Stage::name)
                .contains("broker", "registry", "consumer", "streams-processor-1", "producer");
        assertThat(r.stages())
                .filteredOn(s -> !s.name().startsWith("postgresql"))
                .allSatisfy(
                        s -> {
                            assertThat(s.cpuSeconds()).as(s.name()).isPositive();
                            assertThat(s.peakRssKiB()).as(s.name()).isPositive();
                        });
        assertThat(perfDir().resolve("smoke").resolve("results.png")).isNotEmptyFile();
    }

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void fullRun() throws Exception {
        int n = Integer.getInteger("bench.articles", 200_000);
        int rate = Integer.getInteger("bench.latency.rate", 1_000);
        Duration latency = Duration.ofSeconds(Integer.getInteger("bench.latency.seconds", 30));
        int sustainedRate = Integer.getInteger("bench.sustained.rate", 20);
        Duration sustained = Duration.ofSeconds(Integer.getInteger("bench.sustained.seconds", 60));
        int scalingN = Integer.getInteger("bench.scaling.articles", 20_000);
        boolean jfr = Boolean.getBoolean("bench.jfr");
        String loadBefore = load();
        Path dir = work.resolve("articles");
        System.out.printf(Locale.ROOT, "Writing %,d article files into %s%n", n, dir);
        PerfArticles.Shares shares = articles(1L, "a").writeFiles(dir, n);
        System.out.println(shares.describe());
        PerfHarness harness = new PerfHarness(work, System.out);
        PerfHarness.Result main =
                harness.run(
                        config(1, 6, rate, latency, sustainedRate, sustained, jfr),
                        dir,
                        shares,
                        articles(2L, "l"));
        List<PerfHarness.Result> scaling = new ArrayList<>();
        if (scalingN > 0) {
            Path small = work.resolve("articles-scaling");
            PerfArticles.Shares smallShares = articles(3L, "b").writeFiles(small, scalingN);
            int[][] rows = {{1, 6}, {2, 6}, {1, 1}};
            for (int[] row : rows) {
                scaling.add(
                        harness.run(
                                config(row[0], row[1], 0, Duration.ZERO, 0, Duration.ZERO, false),
                                small,
                                smallShares,
                                null));
            }
        }
        report("full", shares, main, scaling, loadBefore);
        if (jfr) {
            System.out.println("JFR recordings: " + perfDir().resolve("jfr"));
        }
    }

    private static PerfHarness.Config config(
            int processors,
            int partitions,
            int rate,
            Duration latency,
            int sustainedRate,
            Duration sustained,
            boolean jfr) {
        return new PerfHarness.Config(
                processors,
                partitions,
                true,
                rate,
                latency,
                sustainedRate,
                sustained,
                jfr,
                Map.of(),
                Map.of(),
                Map.of());
    }

    static PerfArticles articles(long seed, String tag) {
        return new PerfArticles(
                ReutersCorpus.dir(),
                ComposeFile.repoDir().resolve("demo").resolve("seeds"),
                SEED_FILES,
                seed,
                NEAR_DUPLICATE_SHARE,
                NEWS_TOPIC_SHARE,
                tag);
    }

    private static Path perfDir() {
        return ComposeFile.repoDir().resolve("e2e").resolve("target").resolve("perf");
    }

    private void report(
            String name,
            PerfArticles.Shares shares,
            PerfHarness.Result main,
            List<PerfHarness.Result> scaling,
            String loadBefore)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        String md =
                PerfReport.markdown(
                        command(), machine(), shares, main, scaling, loadBefore, load());
        Path png = PerfReport.write(perfDir().resolve(name), md, main, scaling);
        System.out.println(
                "\n" + md + "\nWritten: " + png.getParent().resolve("results.md") + " and " + png);
    }

    private static String command() {
        StringBuilder c =
                new StringBuilder(
                        "./mvnw -B verify -pl e2e -am -Dtest=none"
                                + " -Dsurefire.failIfNoSpecifiedTests=false"
                                + " -Dit.test=PerformanceHarnessIT"
                                + " -Dfailsafe.failIfNoSpecifiedTests=false");
        if (Boolean.getBoolean("benchmarks")) {
            c.append(" -Dbenchmarks=true");
            for (String p :
                    List.of(
                            "bench.articles",
                            "bench.latency.rate",
                            "bench.latency.seconds",
                            "bench.sustained.rate",
                            "bench.sustained.seconds",
                            "bench.scaling.articles",
                            "bench.jfr")) {
                if (System.getProperty(p) != null) {
                    c.append(" -D").append(p).append('=').append(System.getProperty(p));
                }
            }
        }
        return c.toString();
    }

    private static String machine() {
        long memKiB = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKiB = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // left at 0
        }
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %.0f GiB RAM, Java %s (%s), %s",
                ZonedDateTime.now().withNano(0),
                Runtime.getRuntime().availableProcessors(),
                memKiB / 1024.0 / 1024.0,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
