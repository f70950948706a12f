package io.newsstream.e2e;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.config.ClientConfig;
import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.HostEnvironment.Infrastructure;
import io.newsstream.infra.BrokerProcess;
import io.newsstream.infra.KafkaTopicsAdmin;
import io.newsstream.infra.SchemaRegistryProcess;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.ProducerApp;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.publish.KafkaPublisher;
import io.newsstream.producer.publish.RawArticles;
import io.newsstream.schemas.Topic;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One run of the performance harness on a stack of its own: a KRaft broker in a child JVM ({@link
 * BrokerProcess}), the schema registry ({@link SchemaRegistryProcess}), the machine's PostgreSQL
 * for the view, and the packaged producer, streams-processor and consumer as separate JVMs
 * configured as {@code docker-compose.yml} configures them ({@link StackScenario}).
 *
 * <ol>
 *   <li>Saturation: the producer publishes a directory of article files at full speed while the
 *       processor and consumer run; pipeline articles/s = articles / (first record produced .. last
 *       row visible in the view). CPU seconds and peak RSS of each JVM come from {@code /proc}; the
 *       view's counts must match what the articles hold.
 *   <li>Ceiling (optional): {@link PassThroughCeiling} over the same raw records, same broker.
 *   <li>Latency (optional): articles published at a fixed rate (this JVM's producer, the producer
 *       application's client settings); produce-to-visible latency per record ({@link ViewWatch}).
 * </ol>
 */
final class PerfHarness {

    /** What to run. */
    record Config(
            int processorInstances,
            int rawPartitions,
            boolean ceiling,
            int latencyRate,
            Duration latencyDuration,
            int sustainedRate,
            Duration sustainedDuration,
            boolean jfr,
            Map<String, String> processorEnv,
            Map<String, String> consumerEnv,
            Map<String, String> producerEnv) {}

    /** CPU seconds and peak RSS of one JVM (or PostgreSQL) during the saturation window. */
    record Stage(String name, double cpuSeconds, long peakRssKiB) {}

    /** What a run measured. */
    record Result(
            Config config,
            int articles,
            double pipelineSeconds,
            double producerSeconds,
            double ceilingRecordsPerSecond,
            long ceilingRecords,
            long[] latenciesMillis,
            int latencyArticles,
            long[] sustainedLatenciesMillis,
            List<Stage> stages,
            Map<String, Integer> viewStoriesPerNewsTopic,
            long viewDuplicates,
            long deadLetters,
            long viewStories) {

        double pipelineArticlesPerSecond() {
            return articles / pipelineSeconds;
        }

        double producerArticlesPerSecond() {
            return articles / producerSeconds;
        }

        double ratio() {
            return pipelineArticlesPerSecond() / ceilingRecordsPerSecond;
        }
    }

    private final Path workDir;
    private final PrintStream out;

    PerfHarness(Path workDir, PrintStream out) {
        this.workDir = workDir;
        this.out = out;
    }

    Result run(
            Config config,
            Path articleDir,
            PerfArticles.Shares shares,
            PerfArticles latencyArticles)
            throws Exception {
        String label =
                config.processorInstances()
                        + " processor(s), "
                        + config.rawPartitions()
                        + " partition(s)";
        Path dir = workDir.resolve("run-" + Long.toHexString(System.nanoTime()));
        String schema = "perf_" + Long.toHexString(System.nanoTime());
        out.printf(Locale.ROOT, "%n== %s: %s%n", label, shares.describe());
        try (BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), "1g");
                SchemaRegistryProcess registry =
                        SchemaRegistryProcess.start(
                                SchemaRegistryProcess.Options.defaults()
                                        .withMaxHeap("256m")
                                        .withLogFile(dir.resolve("logs/registry.log")));
                ProcStats.Sampler sampler = new ProcStats.Sampler(250)) {
            Infrastructure infra =
                    new Infrastructure(
                            broker.bootstrapServers(),
                            registry.url(),
                            StackProcessesIT.testPgUrl(),
                            StackProcessesIT.testPgUser(),
                            "");
            try (StackScenario stack = new StackScenario(infra, dir)) {
                try {
                    return run(
                            config,
                            shares,
                            articleDir,
                            latencyArticles,
                            broker,
                            registry,
                            sampler,
                            infra,
                            stack,
                            schema,
                            dir);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(
                            e.getMessage() + "\nApplication logs:\n" + stack.logs(), e);
                } finally {
                    dropSchema(schema);
                }
            }
        }
    }

    private Result run(
            Config config,
            PerfArticles.Shares shares,
            Path articleDir,
            PerfArticles latencyArticles,
            BrokerProcess broker,
            SchemaRegistryProcess registry,
            ProcStats.Sampler sampler,
            Infrastructure infra,
            StackScenario stack,
            String schema,
            Path dir)
            throws Exception {
        ProcessorConfig processor = stack.processorConfig();
        String raw = processor.rawArticlesKafkaTopic();
        KafkaTopicsAdmin.createMissing(
                infra.bootstrapServers(),
                List.of(raw),
                config.rawPartitions(),
                Map.of("retention.ms", "-1"));
        stack.createKafkaTopics();
        sampler.track("broker", broker.pid());
        sampler.track("registry", registry.pid());

        int httpPort = StackScenario.freePort();
        Map<String, String> consumerEnv = new HashMap<>(config.consumerEnv());
        consumerEnv.put("NEWSSTREAM_VIEW_JDBC_SCHEMA", schema);
        jfr(config, consumerEnv, dir, "consumer");
        AppProcess consumer = stack.start(App.CONSUMER, "consumer", httpPort, consumerEnv);
        List<AppProcess> processors = new ArrayList<>();
        for (int i = 1; i <= config.processorInstances(); i++) {
            Map<String, String> env = new HashMap<>(config.processorEnv());
            jfr(config, env, dir, "streams-processor-" + i);
            processors.add(stack.start(App.STREAMS_PROCESSOR, "streams-processor-" + i, 0, env));
        }
        StackScenario.awaitHealthy(httpPort, consumer);
        for (AppProcess p : processors) {
            StackScenario.awaitLog(p, "-> RUNNING", Duration.ofSeconds(90));
        }
        sampler.track("consumer", consumer.pid());
        for (AppProcess p : processors) {
            sampler.track(p.name(), p.pid());
        }

        try (ViewWatch view =
                new ViewWatch(
                        infra.postgresJdbcUrl(),
                        infra.postgresUser(),
                        schema,
                        Duration.ofMillis(5))) {
            // 1. Saturation.
            Map<String, ProcStats.Reading> before = sampler.snapshot();
            double pgBefore = ProcStats.postgresCpuSeconds();
            Map<String, String> producerEnv = new HashMap<>(config.producerEnv());
            producerEnv.put(ProducerAppConfig.INPUTS.envVar(), articleDir.toString());
            producerEnv.put(ProducerAppConfig.PROGRESS_EVERY.envVar(), "10000");
            jfr(config, producerEnv, dir, "producer");
            AppProcess producer = stack.start(App.PRODUCER, "producer", 0, producerEnv);
            sampler.track("producer", producer.pid());
            String deadLetterTopic = processor.deadLettersKafkaTopic();
            // A rejected input is a dead letter, not a failed run: the producer then exits with
            // EXIT_DEAD_LETTERS, and the view misses that article; both are counted, not fatal.
            awaitView(
                    view,
                    shares.distinctStories(),
                    shares.nearDuplicates(),
                    infra.bootstrapServers(),
                    raw,
                    deadLetterTopic,
                    Duration.ofSeconds(Math.max(180, shares.total() / 40)),
                    () ->
                            !consumer.isAlive()
                                    || processors.stream().anyMatch(p -> !p.isAlive())
                                    || (!producer.isAlive()
                                            && !producerSucceeded(exitStatus(producer))));
            int status = producer.awaitExit(Duration.ofSeconds(60));
            if (!producerSucceeded(status)) {
                throw new AssertionError(
                        "The producer exited with " + status + ":\n" + producer.logTail());
            }
            long deadLetters = countRecords(infra.bootstrapServers(), deadLetterTopic);
            out.printf(
                    Locale.ROOT,
                    "dead letters: %,d (the generator intends %,d)%n",
                    deadLetters,
                    shares.intendedDeadLetters());
            checkDeadLetters(deadLetters, shares.intendedDeadLetters(), producer.logTail());
            Map<String, ProcStats.Reading> after = sampler.snapshot();
            double pgAfter = ProcStats.postgresCpuSeconds();
            long[] rawSpan = timestampSpan(infra.bootstrapServers(), raw);
            double pipelineSeconds = (view.lastMoveMillis() - rawSpan[0]) / 1000.0;
            double producerSeconds = Math.max(0.001, (rawSpan[1] - rawSpan[0]) / 1000.0);
            List<Stage> stages = new ArrayList<>();
            for (var e : after.entrySet()) {
                ProcStats.Reading b = before.get(e.getKey());
                double cpu = e.getValue().cpuSeconds() - (b == null ? 0 : b.cpuSeconds());
                stages.add(new Stage(e.getKey(), cpu, e.getValue().peakRssKiB()));
            }
            stages.add(new Stage("postgresql (all backends)", pgAfter - pgBefore, 0));
            Map<String, Integer> perTopic = view.storiesPerNewsTopic();
            long[] viewCounts = view.counts();
            long duplicates = viewCounts[1];
            out.printf(
                    Locale.ROOT,
                    "saturation: %,d articles in %.1f s = %.0f articles/s (producer alone %.0f/s);"
                            + " view %s, %,d duplicate links, %,d dead letters%n",
                    shares.total(),
                    pipelineSeconds,
                    shares.total() / pipelineSeconds,
                    shares.total() / producerSeconds,
                    perTopic,
                    duplicates,
                    deadLetters);

            // 2. Ceiling: the same records, same broker, the processor's threads.
            double ceiling = Double.NaN;
            long ceilingRecords = 0;
            if (config.ceiling()) {
                String sink = "perf.passthrough";
                KafkaTopicsAdmin.createMissing(
                        infra.bootstrapServers(), List.of(sink), config.rawPartitions(), Map.of());
                PassThroughCeiling.Result r =
                        PassThroughCeiling.run(
                                infra.bootstrapServers(),
                                raw,
                                sink,
                                processor.numThreads(),
                                processor.commitInterval(),
                                dir.resolve("passthrough-state"),
                                Duration.ofSeconds(Math.max(120, shares.total() / 500)),
                                n -> out.printf(Locale.ROOT, "  ceiling: %,d records copied%n", n));
                ceiling = r.recordsPerSecond();
                ceilingRecords = r.records();
                out.printf(
                        Locale.ROOT,
                        "ceiling: Kafka Streams pass-through (exactly_once_v2, %d thread(s)) copied"
                                + " %,d records in %.1f s = %.0f records/s%n",
                        processor.numThreads(),
                        r.records(),
                        r.seconds(),
                        ceiling);
            }

            // 3. Latency at a fixed offered load.
            java.util.function.BooleanSupplier failed =
                    () -> !consumer.isAlive() || processors.stream().anyMatch(p -> !p.isAlive());
            long[] latencies = new long[0];
            int latencyCount =
                    (int) (config.latencyRate() * config.latencyDuration().toMillis() / 1000);
            if (latencyCount > 0 && latencyArticles != null) {
                latencies =
                        latencyRun(
                                config.latencyRate(),
                                latencyArticles,
                                latencyCount,
                                infra,
                                raw,
                                view,
                                failed);
            }
            long[] sustained = new long[0];
            int sustainedCount =
                    (int) (config.sustainedRate() * config.sustainedDuration().toMillis() / 1000);
            if (sustainedCount > 0 && latencyArticles != null) {
                sustained =
                        latencyRun(
                                config.sustainedRate(),
                                latencyArticles,
                                sustainedCount,
                                infra,
                                raw,
                                view,
                                failed);
            }
            Map<String, ProcStats.Reading> end = sampler.snapshot();
            List<Stage> withPeaks = new ArrayList<>();
            for (Stage s : stages) {
                ProcStats.Reading r = end.get(s.name());
                withPeaks.add(
                        new Stage(
                                s.name(),
                                s.cpuSeconds(),
                                r == null
                                        ? s.peakRssKiB()
                                        : Math.max(r.peakRssKiB(), s.peakRssKiB())));
            }
            return new Result(
                    config,
                    shares.total(),
                    pipelineSeconds,
                    producerSeconds,
                    ceiling,
                    ceilingRecords,
                    latencies,
                    latencyCount,
                    sustained,
                    withPeaks,
                    perTopic,
                    duplicates,
                    deadLetters,
                    viewCounts[0]);
        }
    }

    private long[] latencyRun(
            int rate,
            PerfArticles articles,
            int count,
            Infrastructure infra,
            String raw,
            ViewWatch view,
            java.util.function.BooleanSupplier failed)
            throws Exception {
        ArticleFileParser parser = new ArticleFileParser();
        List<RawArticle> events = new ArrayList<>(count);
        Instant fetched = Instant.now();
        PerfArticles.Shares before = articles.shares();
        for (int i = 0; i < count; i++) {
            PerfArticles.Article a = articles.next();
            events.add(
                    RawArticles.from(
                            parser.parse(a.text(), ArticleHints.fromSource(a.fileName())),
                            "perf-latency",
                            "article-file",
                            fetched));
        }
        PerfArticles.Shares after = articles.shares();
        long newStories = after.distinctStories() - before.distinctStories();
        long newDuplicates = after.nearDuplicates() - before.nearDuplicates();
        long[] counts0 = view.counts();
        out.printf(
                Locale.ROOT,
                "latency: publishing %,d articles at %,d/s (%,d stories, %,d near-duplicates)%n",
                count,
                rate,
                newStories,
                newDuplicates);
        long start;
        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
                KafkaPublisher<RawArticle> publisher =
                        KafkaPublisher.rawArticles(
                                new ClientConfig(
                                        infra.bootstrapServers(),
                                        infra.schemaRegistryUrl(),
                                        Map.of(),
                                        Map.of()),
                                "perf-latency",
                                new Topic<>(
                                        raw,
                                        Serdes.String(),
                                        serdes.serde(RawArticle.class, false)))) {
            // Registers the schema before the clock starts (the producer application does too).
            serdes.serde(RawArticle.class, false).serializer().serialize(raw, events.get(0));
            start = System.currentTimeMillis();
            long t0 = System.nanoTime();
            List<CompletableFuture<?>> sends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long due = t0 + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sends.add(publisher.publish(events.get(i)));
                if (i > 0 && i % (rate * 5) == 0) {
                    out.printf(
                            Locale.ROOT,
                            "  latency: %,d published, view consumed %,d offsets%n",
                            i,
                            view.offsetsSum());
                }
            }
            publisher.flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        }
        awaitView(
                view,
                counts0[0] + newStories,
                counts0[1] + newDuplicates,
                infra.bootstrapServers(),
                raw,
                null,
                Duration.ofSeconds(Math.max(120, count / 20)),
                failed);
        long[] latencies = view.latencies(infra.bootstrapServers(), start);
        out.printf(
                Locale.ROOT,
                "latency at %,d articles/s: %,d records, p50 %d ms, p99 %d ms, max %d ms%n",
                rate,
                latencies.length,
                ViewWatch.quantile(latencies, 0.5),
                ViewWatch.quantile(latencies, 0.99),
                latencies.length == 0 ? -1 : latencies[latencies.length - 1]);
        return latencies;
    }

    /** Waits until the view holds the expected rows, printing progress every 5 s. */
    private void awaitView(
            ViewWatch view,
            long stories,
            long duplicates,
            String bootstrap,
            String raw,
            String deadLetterTopic,
            Duration timeout,
            java.util.function.BooleanSupplier failed)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long t0 = System.nanoTime();
        long lastPrint = t0;
        long lastView = 0;
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                long[] c = view.counts();
                // Complete when every article is in (a story or a link) or dead-lettered:
                // whether the processor linked exactly the near-duplicates, and whether the dead
                // letters stay within what the generator intends, are the caller's assertions.
                long dead =
                        deadLetterTopic == null
                                        || c[0] + c[1] >= stories + duplicates
                                        || sum(
                                                        PassThroughCeiling.endOffsets(
                                                                admin, deadLetterTopic))
                                                == 0
                                ? 0
                                : countRecords(bootstrap, deadLetterTopic);
                if (c[0] + c[1] + dead >= stories + duplicates) {
                    // Visible; wait for the watcher's next reading so lastMoveMillis is final.
                    Thread.sleep(50);
                    return;
                }
                if (failed.getAsBoolean()) {
                    throw new AssertionError(
                            "An application exited during the run (the producer with a status"
                                    + " other than 0 or "
                                    + ProducerApp.EXIT_DEAD_LETTERS
                                    + ")");
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            String.format(
                                    Locale.ROOT,
                                    "The view holds %,d stories and %,d duplicate links after %s;"
                                            + " expected %,d and %,d",
                                    c[0],
                                    c[1],
                                    timeout,
                                    stories,
                                    duplicates));
                }
                if (System.nanoTime() - lastPrint >= 5_000_000_000L) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    long produced = sum(PassThroughCeiling.endOffsets(admin, raw));
                    String enrichedPart =
                            dead == 0 ? "" : String.format(Locale.ROOT, ", dead letters %,d", dead);
                    long inView = c[0] + c[1];
                    out.printf(
                            Locale.ROOT,
                            "  %5.0f s: produced %,d%s, in view %,d of %,d (%.0f/s over the last"
                                    + " 5 s, %.0f/s overall); load %.2f%n",
                            secs,
                            produced,
                            enrichedPart,
                            inView,
                            stories + duplicates,
                            (inView - lastView) / ((System.nanoTime() - lastPrint) / 1e9),
                            inView / secs,
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage());
                    lastView = inView;
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** A one-shot publish succeeded: everything published, or the rest dead-lettered. */
    static boolean producerSucceeded(int status) {
        return status == ProducerApp.EXIT_OK || status == ProducerApp.EXIT_DEAD_LETTERS;
    }

    /**
     * Fails when there are more dead letters than the generator intends; fewer or as many are
     * reported by the caller, not fatal (a real corpus holds the odd input the producer refuses).
     */
    static void checkDeadLetters(long deadLetters, long intended, String producerLog) {
        if (deadLetters > intended) {
            throw new AssertionError(
                    String.format(
                            Locale.ROOT,
                            "%,d dead letters, more than the %,d the article generator intends;"
                                    + " the producer's log ends:%n%s",
                            deadLetters,
                            intended,
                            producerLog));
        }
    }

    /** Records on a topic, as a read_committed consumer sees them (transaction markers aside). */
    static long countRecords(String bootstrap, String topic) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end in 30 s");
                }
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static int exitStatus(AppProcess p) {
        try {
            return p.awaitExit(Duration.ofMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Timestamps of the first and the last record of a topic (CreateTime at send). */
    private static long[] timestampSpan(String bootstrap, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, Long> zero = new LinkedHashMap<>();
            parts.forEach(tp -> zero.put(tp, 0L));
            long first = Long.MAX_VALUE;
            for (OffsetAndTimestamp o : c.offsetsForTimes(zero).values()) {
                if (o != null) {
                    first = Math.min(first, o.timestamp());
                }
            }
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            c.assign(parts);
            long last = Long.MIN_VALUE;
            for (TopicPartition tp : parts) {
                if (ends.get(tp) > 0) {
                    c.seek(tp, ends.get(tp) - 1);
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            int seen = 0;
            long nonEmpty = ends.values().stream().filter(e -> e > 0).count();
            while (seen < nonEmpty && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    last = Math.max(last, r.timestamp());
                    seen++;
                }
            }
            return new long[] {first, last};
        }
    }

    private static void jfr(Config config, Map<String, String> env, Path dir, String name) {
        if (config.jfr()) {
            Path jfrDir = ComposeFile.repoDir().resolve("e2e/target/perf/jfr");
            env.put(
                    "JDK_JAVA_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                            + jfrDir.resolve(name + ".jfr"));
            jfrDir.toFile().mkdirs();
        }
    }

    private static void dropSchema(String schema) {
        try (var c =
                        java.sql.DriverManager.getConnection(
                                StackProcessesIT.testPgUrl(), StackProcessesIT.testPgUser(), "");
                var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (java.sql.SQLException e) {
            // left behind: harmless, named perf_*
        }
    }
}
