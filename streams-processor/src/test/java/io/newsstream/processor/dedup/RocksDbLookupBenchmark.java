package io.newsstream.processor.dedup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * De-duplication look-up time against the real state: the same RocksDB window stores as {@link
 * NearDuplicateProcessor} (through {@link NearDuplicateProcessor.WindowStoreState}), filled with
 * 10k and then 100k distinct articles spread over 20 days ({@code
 * -Dbenchmarks.stored=10000,1000000} for other sizes; loading goes through TopologyTestDriver at
 * about 1 ms per article here, so 1M takes a quarter of an hour). Times {@link
 * NearDuplicateDetector#check} alone (fingerprints are computed outside the timed part). Run on
 * demand:
 *
 * <pre>
 * ./mvnw -B -q -pl streams-processor -am test -Dtest=RocksDbLookupBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 */
class RocksDbLookupBenchmark {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static long timedNanos;
    static int timedChecks;
    static int duplicates;

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void lookUpTimeWithTheRealStores() throws Exception {
        for (String n : System.getProperty("benchmarks.stored", "10000,100000").split(",")) {
            int stored = Integer.parseInt(n.strip());
            run(stored);
        }
    }

    private static void run(int stored) throws Exception {
        Path dir = Files.createTempDirectory("dedup-bench");
        NearDuplicateDetector detector = new NearDuplicateDetector(5, 0.5);
        StoreBuilder<WindowStore<Integer, Integer>> index =
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore("index", RETENTION, RETENTION, false),
                                Serdes.Integer(),
                                Serdes.Integer())
                        .withCachingDisabled()
                        .withLoggingDisabled();
        StoreBuilder<WindowStore<Integer, byte[]>> articles =
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        "articles", RETENTION, RETENTION, false),
                                Serdes.Integer(),
                                Serdes.ByteArray())
                        .withCachingDisabled()
                        .withLoggingDisabled();
        ProcessorSupplier<String, String, Void, Void> supplier =
                () ->
                        new Processor<>() {
                            private DedupState state;

                            @Override
                            public void init(ProcessorContext<Void, Void> context) {
                                state =
                                        new NearDuplicateProcessor.WindowStoreState(
                                                context.getStateStore("index"),
                                                context.getStateStore("articles"),
                                                RETENTION.toMillis());
                            }

                            @Override
                            public void process(Record<String, String> record) {
                                int bar = record.value().indexOf('|');
                                String id = record.value().substring(0, bar);
                                Fingerprint f =
                                        detector.fingerprint(
                                                null, record.value().substring(bar + 1));
                                long start = System.nanoTime();
                                DedupVerdict v =
                                        detector.check(
                                                record.key(),
                                                id,
                                                null,
                                                f,
                                                record.timestamp(),
                                                state);
                                if (id.startsWith("probe")) {
                                    timedNanos += System.nanoTime() - start;
                                    timedChecks++;
                                    if (v.isDuplicate()) {
                                        duplicates++;
                                    }
                                }
                            }
                        };
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(index);
        builder.addStateStore(articles);
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
                .process(supplier, Named.as("dedup"), "index", "articles");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in =
                    driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            Random random = new Random(3);
            String[] kept = new String[2_000];
            long span = Duration.ofDays(20).toMillis();
            long loadStart = System.nanoTime();
            for (int i = 0; i < stored; i++) {
                String text = text(random);
                if (i >= stored - kept.length) {
                    kept[i - (stored - kept.length)] = text;
                }
                in.pipeInput("news", "a" + i + "|" + text, T0.toEpochMilli() + span * i / stored);
            }
            long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            long now = T0.toEpochMilli() + span;
            timedNanos = 0;
            timedChecks = 0;
            duplicates = 0;
            for (int i = 0; i < kept.length; i++) {
                in.pipeInput("news", "probe-dup" + i + "|" + kept[i] + " Reuters reported.", now);
            }
            double dupMicros = timedNanos / 1000.0 / timedChecks;
            int found = duplicates;
            timedNanos = 0;
            timedChecks = 0;
            for (int i = 0; i < kept.length; i++) {
                in.pipeInput("news", "probe-new" + i + "|" + text(random), now);
            }
            double newMicros = timedNanos / 1000.0 / timedChecks;
            System.out.printf(
                    "RocksDB look-up with %,d stored articles (loaded in %,d ms): near duplicate"
                            + " %.1f us (%d/%d found), distinct (then stored) %.1f us%n",
                    stored, loadMs, dupMicros, found, kept.length, newMicros);
        }
    }

    private static final String[] WORDS =
            ("the of and to in a is that for on was with he it as at by from his an were are which"
                            + " this be has or had not but they their its have one been also after"
                            + " Pakistan drone strike airspace talks official said minister army"
                            + " government security border militants attack province capital report")
                    .split(" ");

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return b.toString();
    }
}
