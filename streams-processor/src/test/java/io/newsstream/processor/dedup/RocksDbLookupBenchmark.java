package io.newsstream.processor.dedup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * De-duplication look-up time and state size against the real state: the same RocksDB key-value
 * stores as {@link NearDuplicateProcessor} (through {@link KeyValueDedupState}, with {@link
 * DedupRocksDbConfig}), filled with 10k, 100k and 1M distinct articles spread over 20 days ({@code
 * -Dbenchmarks.stored=10000,100000} for fewer; loading goes through TopologyTestDriver, the 1M
 * store takes several minutes). Times {@link NearDuplicateDetector#check} alone (fingerprints are
 * computed outside the timed part) and prints a table at the end. Run on demand:
 *
 * <pre>
 * ./mvnw -B -q -pl streams-processor -am test -Dtest=RocksDbLookupBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 */
class RocksDbLookupBenchmark {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final int KEPT = 2_000;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static long timedNanos;
    static long timedCpuNanos;
    static int timedChecks;
    static int duplicates;

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void lookUpTimeWithTheRealStores() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String n :
                System.getProperty("benchmarks.stored", "10000,100000,1000000").split(",")) {
            int stored = Integer.parseInt(n.strip());
            rows.add(run(stored));
        }
        System.out.println();
        System.out.println(
                "Per look-up, CPU time of the processing thread (wall time in brackets), ids ~8"
                        + " characters:");
        System.out.println(
                "| stored distinct articles | near duplicate (found) | distinct, look-up only"
                        + " | distinct, look-up + store | key+value bytes per article (near-dup"
                        + " stores) | load per article | one expiry sweep run, wall time |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(int stored) throws Exception {
        Path dir = Files.createTempDirectory("dedup-bench");
        NearDuplicateDetector detector = new NearDuplicateDetector(5, 0.5);
        StoreBuilder<KeyValueStore<Integer, byte[]>> index =
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore("index"),
                                Serdes.Integer(),
                                Serdes.ByteArray())
                        .withCachingDisabled()
                        .withLoggingDisabled();
        StoreBuilder<KeyValueStore<Integer, byte[]>> articles =
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore("articles"),
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
                                        new KeyValueDedupState(
                                                context.getStateStore("index"),
                                                context.getStateStore("articles"),
                                                RETENTION.toMillis(),
                                                NearDuplicateDetector.MAX_PER_KEY);
                            }

                            @Override
                            public void process(Record<String, String> record) {
                                int bar = record.value().indexOf('|');
                                String id = record.value().substring(0, bar);
                                Fingerprint f =
                                        detector.fingerprint(
                                                null, record.value().substring(bar + 1));
                                long cpuStart = CPU.getCurrentThreadCpuTime();
                                long start = System.nanoTime();
                                DedupVerdict v =
                                        detector.check(
                                                record.key(),
                                                id,
                                                null,
                                                f,
                                                record.timestamp(),
                                                id.startsWith("probe-look")
                                                        ? ProcessorBenchmarks.readOnly(state)
                                                        : state);
                                if (id.startsWith("probe")) {
                                    timedNanos += System.nanoTime() - start;
                                    timedCpuNanos += CPU.getCurrentThreadCpuTime() - cpuStart;
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
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, DedupRocksDbConfig.class);
        String dup;
        String look;
        String stored1;
        String sweep;
        int found;
        long loadMs;
        long logicalBytes = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in =
                    driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            Random random = new Random(3);
            String[] kept = new String[KEPT];
            long span = Duration.ofDays(20).toMillis();
            long loadStart = System.nanoTime();
            for (int i = 0; i < stored; i++) {
                String text = text(random);
                if (i >= stored - kept.length) {
                    kept[i - (stored - kept.length)] = text;
                }
                in.pipeInput("news", "a" + i + "|" + text, T0.toEpochMilli() + span * i / stored);
            }
            loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            for (String name : new String[] {"index", "articles"}) {
                KeyValueStore<Integer, byte[]> store = driver.getKeyValueStore(name);
                try (KeyValueIterator<Integer, byte[]> it = store.all()) {
                    while (it.hasNext()) {
                        logicalBytes += Integer.BYTES + it.next().value.length;
                    }
                }
            }
            long now = T0.toEpochMilli() + span;
            duplicates = 0;
            dup =
                    timed(
                            () -> {
                                for (int i = 0; i < kept.length; i++) {
                                    in.pipeInput(
                                            "news",
                                            "probe-dup" + i + "|" + kept[i] + " Reuters reported.",
                                            now);
                                }
                            });
            found = duplicates;
            look =
                    timed(
                            () -> {
                                for (int i = 0; i < kept.length; i++) {
                                    in.pipeInput(
                                            "news", "probe-look" + i + "|" + text(random), now);
                                }
                            });
            stored1 =
                    timed(
                            () -> {
                                for (int i = 0; i < kept.length; i++) {
                                    in.pipeInput("news", "probe-new" + i + "|" + text(random), now);
                                }
                            });
            // One run of the expiry sweep (1/256 of each store), half of the articles expired
            KeyValueStore<Integer, byte[]> indexStore = driver.getKeyValueStore("index");
            KeyValueStore<Integer, byte[]> articleStore = driver.getKeyValueStore("articles");
            long cutOff = T0.toEpochMilli() + span / 2;
            long sweepStart = System.nanoTime();
            int changed = KeyValueDedupState.indexSweeper(indexStore).sweepNextSlice(cutOff);
            changed += KeyValueDedupState.articleSweeper(articleStore).sweepNextSlice(cutOff);
            sweep =
                    String.format(
                            "%.1f ms (%,d keys deleted or rewritten)",
                            (System.nanoTime() - sweepStart) / 1e6, changed);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        String row =
                String.format(
                        "| %,d | %s (%d/%d found) | %s | %s | %.0f | %.2f ms | %s |",
                        stored,
                        dup,
                        found,
                        KEPT,
                        look,
                        stored1,
                        (double) logicalBytes / stored,
                        (double) loadMs / stored,
                        sweep);
        System.out.println(row);
        return row;
    }

    /** Runs {@code probes} and formats the CPU and wall time per timed check. */
    private static String timed(Runnable probes) {
        timedNanos = 0;
        timedCpuNanos = 0;
        timedChecks = 0;
        probes.run();
        return String.format(
                "%.1f µs (%.1f µs)",
                timedCpuNanos / 1000.0 / timedChecks, timedNanos / 1000.0 / timedChecks);
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
