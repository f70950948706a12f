package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.DeliveryCount.Counts;
import io.newsstream.e2e.HostEnvironment.Infrastructure;
import io.newsstream.infra.BrokerProcess;
import io.newsstream.infra.SchemaRegistryProcess;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.schemas.KafkaTopics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jepsen-style fault tests of the process-level stack: the three packaged applications as separate
 * JVMs (as {@link StackProcessesIT} runs them: their compose environment, two processor instances,
 * the view in PostgreSQL), a KRaft broker in a child JVM ({@link BrokerProcess}) that can be
 * stopped and restarted, the schema registry in a child JVM with its schemas on disk, and
 * PostgreSQL behind a {@link TcpProxy} that can cut the consumer off.
 *
 * <p>{@value #ARTICLES_DEFAULT} generated articles (override: {@code -Dnewsstream.faults.articles})
 * go through the stack in one batch per fault, the fault striking while the batch is in flight.
 * After each fault the pipeline is counted by {@link DeliveryCount} (acknowledged = distinct ids on
 * the raw topic, read_committed): every acknowledged article must be in the view exactly once, or
 * linked as a duplicate, or dead-lettered with a reason; lost and doubled are printed and must be
 * 0. The table is printed and appended to {@code e2e/target/reliability/faults.txt}.
 *
 * <p>The faults: the schema registry down while everything starts; SIGKILL of the producer, of each
 * processor instance and of the consumer mid-stream, each restarted; the broker stopped and
 * restarted; the registry stopped mid-run while a processor and the consumer restart with cold
 * caches; PostgreSQL unreachable for the consumer. {@code -Dnewsstream.soak.minutes=N} runs {@link
 * #soakWithRandomFaults} instead: the same faults at random, batch after batch, for N minutes.
 */
class FaultsIT {

    static final int ARTICLES_DEFAULT = 10_000;
    private static final int FAULTS = 8;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    /** How the producer and the processor begin their registry-outage error. */
    private static final String REGISTRY_DOWN = "The schema registry at";

    private static final String REGISTRY_DOWN_CONSUMER = "while the schema registry is unavailable";

    @TempDir Path work;

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void everyAcknowledgedArticleIsInTheViewExactlyOnceAfterEachFault() throws Exception {
        Assumptions.assumeTrue(
                Long.getLong("newsstream.soak.minutes", 0) == 0,
                "a soak run (-Dnewsstream.soak.minutes) replaces the fixed sequence");
        int articles = Integer.getInteger("newsstream.faults.articles", ARTICLES_DEFAULT);
        int perFault = articles / FAULTS;
        try (Stack s = new Stack(work)) {
            try {
                // 1. The registry is down while everything starts: the producer waits for it,
                // nothing is published, dead-lettered or exits.
                s.registry.close();
                s.startConsumer("consumer-1");
                s.processors[0] = s.startProcessor(0, "streams-processor-1");
                s.processors[1] = s.startProcessor(1, "streams-processor-2");
                Path batch = s.batch(1, perFault);
                AppProcess producer = s.stack.startProducer("producer-1", batch, Map.of());
                StackScenario.awaitLog(producer, REGISTRY_DOWN, Duration.ofSeconds(60));
                Thread.sleep(5_000);
                s.assertAlive(producer);
                s.restartRegistry();
                s.awaitPublished(producer);
                s.awaitStarted();
                s.settle("schema registry down at start-up (producer retries)");

                // 2. SIGKILL the producer mid-stream; the restart re-sends the whole batch.
                batch = s.batch(2, perFault);
                producer = s.stack.startProducer("producer-2", batch, Map.of());
                s.awaitMidStream(producer);
                producer.kill();
                producer = s.stack.startProducer("producer-2-restarted", batch, Map.of());
                s.awaitPublished(producer);
                s.settle("producer SIGKILLed mid-stream, restarted");

                // 3, 4. SIGKILL each processor instance mid-stream, restart it.
                for (int i = 0; i < 2; i++) {
                    batch = s.batch(3 + i, perFault);
                    producer = s.stack.startProducer("producer-" + (3 + i), batch, Map.of());
                    s.awaitMidStream(producer);
                    s.processors[i].kill();
                    s.processors[i] =
                            s.startProcessor(i, "streams-processor-" + (i + 1) + "-restarted");
                    s.awaitPublished(producer);
                    s.settle("streams-processor-" + (i + 1) + " SIGKILLed mid-stream, restarted");
                }

                // 5. SIGKILL the consumer mid-stream, restart it.
                batch = s.batch(5, perFault);
                producer = s.stack.startProducer("producer-5", batch, Map.of());
                s.awaitMidStream(producer);
                s.consumer.kill();
                s.startConsumer("consumer-restarted");
                s.awaitPublished(producer);
                s.settle("consumer SIGKILLed mid-stream, restarted");

                // 6. Stop the broker mid-stream and start it again (same port and data).
                batch = s.batch(6, perFault);
                producer = s.stack.startProducer("producer-6", batch, Map.of());
                s.awaitMidStream(producer);
                s.broker.stop();
                Thread.sleep(3_000);
                s.broker.start();
                s.awaitPublished(producer);
                s.settle("broker stopped mid-stream, restarted");

                // 7. The registry stops mid-run (the running producer has its schemas cached and
                // goes on); both processor instances and the consumer restart during the outage
                // with empty schema caches: they retry, nothing is skipped or dead-lettered. The
                // consumer is down from the batch's start and the processors from mid-batch, so
                // both certainly have records to decode while the registry is away.
                s.consumer.kill();
                batch = s.batch(7, perFault);
                producer = s.stack.startProducer("producer-7", batch, Map.of());
                s.awaitMidStream(producer);
                for (AppProcess p : s.processors) {
                    p.kill();
                }
                s.registry.close();
                for (int i = 0; i < 2; i++) {
                    s.processors[i] = s.startProcessor(i, "streams-processor-" + (i + 1) + "-cold");
                }
                s.startConsumer("consumer-cold");
                StackScenario.awaitLog(s.consumer, REGISTRY_DOWN_CONSUMER, Duration.ofSeconds(90));
                Awaitility.await("a cold processor instance retries the registry")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () ->
                                        s.processors[0].log().contains(REGISTRY_DOWN)
                                                || s.processors[1].log().contains(REGISTRY_DOWN));
                s.assertAlive(s.consumer, s.processors[0], s.processors[1]);
                s.restartRegistry();
                s.awaitPublished(producer);
                s.settle("schema registry stopped mid-run (cold processors and consumer retry)");

                // 8. PostgreSQL unreachable for the consumer for a while.
                batch = s.batch(8, perFault);
                producer = s.stack.startProducer("producer-8", batch, Map.of());
                s.awaitMidStream(producer);
                long failuresBefore = s.consumer.log().split("View update failed", -1).length;
                s.pg.cut();
                AppProcess cutOff = s.consumer;
                Awaitility.await("the consumer logs failed view updates")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () ->
                                        cutOff.log().split("View update failed", -1).length
                                                > failuresBefore);
                Thread.sleep(8_000);
                s.assertAlive(s.consumer);
                s.pg.restore();
                s.awaitPublished(producer);
                s.settle("PostgreSQL unreachable for the consumer (" + s.pg.refused() + " resets)");

                s.report();
            } catch (AssertionError | RuntimeException e) {
                throw s.failure(e);
            }
        }
    }

    /**
     * The soak: {@code -Dnewsstream.soak.minutes=N} (see the README's Reliability section) runs
     * random faults, one per batch, for N minutes, counting after each as the fixed sequence does.
     */
    @Test
    void soakWithRandomFaults() throws Exception {
        long minutes = Long.getLong("newsstream.soak.minutes", 0);
        Assumptions.assumeTrue(minutes > 0, "soak runs only with -Dnewsstream.soak.minutes=N");
        int perBatch = Integer.getInteger("newsstream.faults.articles", ARTICLES_DEFAULT) / FAULTS;
        long seed = Long.getLong("newsstream.soak.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
        try (Stack s = new Stack(work)) {
            try {
                s.startConsumer("consumer-1");
                s.processors[0] = s.startProcessor(0, "streams-processor-1");
                s.processors[1] = s.startProcessor(1, "streams-processor-2");
                s.awaitStarted();
                for (int n = 1; Instant.now().isBefore(end); n++) {
                    Path batch = s.batch(n, perBatch);
                    AppProcess producer = s.stack.startProducer("producer-" + n, batch, Map.of());
                    s.awaitMidStream(producer);
                    String fault;
                    switch (random.nextInt(6)) {
                        case 0 -> {
                            producer.kill();
                            producer =
                                    s.stack.startProducer(
                                            "producer-" + n + "-restarted", batch, Map.of());
                            fault = "producer SIGKILL";
                        }
                        case 1 -> {
                            int i = random.nextInt(2);
                            s.processors[i].kill();
                            s.processors[i] = s.startProcessor(i, "streams-processor-" + n);
                            fault = "streams-processor-" + (i + 1) + " SIGKILL";
                        }
                        case 2 -> {
                            s.consumer.kill();
                            s.startConsumer("consumer-" + n);
                            fault = "consumer SIGKILL";
                        }
                        case 3 -> {
                            s.broker.stop();
                            Thread.sleep(1_000 + random.nextInt(5_000));
                            s.broker.start();
                            fault = "broker restart";
                        }
                        case 4 -> {
                            s.registry.close();
                            Thread.sleep(1_000 + random.nextInt(10_000));
                            s.restartRegistry();
                            fault = "registry restart";
                        }
                        default -> {
                            s.pg.cut();
                            Thread.sleep(1_000 + random.nextInt(10_000));
                            s.pg.restore();
                            fault = "PostgreSQL cut";
                        }
                    }
                    s.awaitPublished(producer);
                    s.settle("soak #" + n + " (seed " + seed + "): " + fault);
                }
                s.report();
            } catch (AssertionError | RuntimeException e) {
                throw s.failure(e);
            }
        }
    }

    /** The stack under test and the faults' levers. */
    private static final class Stack implements AutoCloseable {
        final Path work;
        final BrokerProcess broker;
        final Path registryData;
        SchemaRegistryProcess registry;
        final int registryPort;
        final TcpProxy pg;
        final StackScenario stack;
        final DeliveryCount ledger;
        final String viewSchema = "newsstream_view_faults_" + Long.toHexString(System.nanoTime());
        final String pgDirectUrl;
        final int httpPort = StackScenario.freePort();
        final AppProcess[] processors = new AppProcess[2];
        AppProcess consumer;
        int inputs;
        final List<String> rows = new ArrayList<>();
        final Instant started = Instant.now();
        Instant phaseStart = Instant.now();

        Stack(Path work) throws IOException {
            this.work = work;
            this.broker = BrokerProcess.start(work.resolve("broker"), "768m");
            this.registryData = work.resolve("registry");
            this.registry =
                    SchemaRegistryProcess.start(
                            SchemaRegistryProcess.Options.defaults().withDataDir(registryData));
            this.registryPort = registry.port();
            String pgUrl = StackProcessesIT.testPgUrl();
            URI pgUri = URI.create(pgUrl.substring("jdbc:".length()));
            this.pg = TcpProxy.start(pgUri.getHost(), pgUri.getPort() < 0 ? 5432 : pgUri.getPort());
            this.pgDirectUrl =
                    System.getProperty(
                            "newsstream.test.pg.url",
                            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            Infrastructure infra =
                    new Infrastructure(
                            broker.bootstrapServers(),
                            registry.url(),
                            "jdbc:postgresql://127.0.0.1:" + pg.port() + pgUri.getPath(),
                            StackProcessesIT.testPgUser(),
                            "");
            this.stack = new StackScenario(infra, work);
            stack.createKafkaTopics();
            ProcessorConfig processor = stack.processorConfig();
            this.ledger =
                    new DeliveryCount(
                            broker.bootstrapServers(),
                            registry.url(),
                            pgDirectUrl,
                            viewSchema,
                            processor.rawArticlesKafkaTopic(),
                            processor.enrichedAllKafkaTopic(),
                            processor.duplicatesKafkaTopic(),
                            KafkaTopics.DEAD_LETTERS);
        }

        AppProcess startProcessor(int index, String logName) {
            return stack.start(
                    App.STREAMS_PROCESSOR,
                    "streams-processor-" + (index + 1),
                    logName,
                    0,
                    Map.of(
                            ProcessorConfig.SESSION_TIMEOUT.envVar(),
                            SESSION_TIMEOUT.toSeconds() + "s"));
        }

        void startConsumer(String logName) {
            consumer =
                    stack.start(
                            App.CONSUMER,
                            "consumer",
                            logName,
                            httpPort,
                            Map.of(
                                    ViewAppConfig.JDBC_SCHEMA.envVar(),
                                    viewSchema,
                                    ViewAppConfig.SESSION_TIMEOUT.envVar(),
                                    SESSION_TIMEOUT.toSeconds() + "s",
                                    // Bounds the wait after an outage ends (default 30s).
                                    ViewAppConfig.MAX_RETRY_BACKOFF.envVar(),
                                    "5s"));
        }

        void awaitStarted() {
            StackScenario.awaitHealthy(httpPort, consumer);
            for (AppProcess p : processors) {
                StackScenario.awaitLog(p, "-> RUNNING", Duration.ofSeconds(90));
            }
        }

        void restartRegistry() throws IOException {
            registry =
                    SchemaRegistryProcess.start(
                            SchemaRegistryProcess.Options.defaults()
                                    .withDataDir(registryData)
                                    .withPort(registryPort));
        }

        /** A directory of {@code count} new articles (distinct from every other batch). */
        Path batch(int n, int count) throws IOException {
            phaseStart = Instant.now();
            inputs += count;
            return StackScenario.writeArticles(work.resolve("batch-" + n), count, 1000L + n);
        }

        /** Waits until the producer has read a few hundred inputs (so some are acknowledged). */
        void awaitMidStream(AppProcess producer) {
            StackScenario.awaitLog(producer, "Progress: 300", Duration.ofSeconds(90));
        }

        void awaitPublished(AppProcess producer) throws InterruptedException {
            int status = producer.awaitExit(Duration.ofSeconds(240));
            assertThat(status)
                    .as("%s exit status; log:\n%s", producer.name(), producer.logTail())
                    .isZero();
        }

        void assertAlive(AppProcess... processes) {
            for (AppProcess p : processes) {
                assertThat(p.isAlive()).as("%s alive; log:\n%s", p.name(), p.logTail()).isTrue();
            }
        }

        /**
         * Waits until every acknowledged article is accounted for and the counts stop moving, then
         * prints and records the counts and asserts nothing was lost or doubled.
         */
        void settle(String fault) throws Exception {
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            Counts previous = null;
            Counts c;
            while (true) {
                c = ledger.count();
                boolean stable =
                        previous != null
                                && c.settled(inputs)
                                && c.inView() == previous.inView()
                                && c.enrichedRecords() == previous.enrichedRecords()
                                && c.asDuplicates() == previous.asDuplicates()
                                && c.deadLettered() == previous.deadLettered();
                if (stable || System.nanoTime() > deadline) {
                    break;
                }
                previous = c;
                Thread.sleep(2_000);
            }
            long seconds = Duration.between(phaseStart, Instant.now()).toSeconds();
            String row = c.row(fault, inputs, seconds);
            rows.add(row);
            System.out.println("FaultsIT " + Counts.header().lines().findFirst().orElse(""));
            System.out.println("FaultsIT " + row);
            append(row);
            assertThat(c.acknowledged()).as("acknowledged articles (%s)", fault).isEqualTo(inputs);
            assertThat(c.lost()).as("lost after: %s", fault).isEmpty();
            assertThat(c.doubled()).as("doubled after: %s", fault).isEmpty();
            assertThat(c.deadLettered())
                    .as("articles dead-lettered although the fault was not theirs (%s)", fault)
                    .isZero();
            assertThat(c.otherDeadLetters()).as("other dead letters (%s)", fault).isZero();
            assertThat(c.inView() + c.asDuplicates()).isEqualTo(inputs);
        }

        private void append(String row) throws IOException {
            Path dir = ComposeFile.repoDir().resolve("e2e/target/reliability");
            Files.createDirectories(dir);
            Path file = dir.resolve("faults.txt");
            if (!Files.exists(file) || rows.size() == 1) {
                Files.writeString(
                        file,
                        "\n"
                                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                                + " FaultsIT, load average "
                                + loadAverage()
                                + "\n"
                                + Counts.header()
                                + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            Files.writeString(
                    file,
                    row + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }

        /**
         * The failure with where to read the applications' logs: they are copied to {@code
         * e2e/target/reliability/logs/} (the test's directory is deleted afterwards).
         */
        AssertionError failure(Throwable e) {
            Path copy = ComposeFile.repoDir().resolve("e2e/target/reliability/logs");
            try {
                Files.createDirectories(copy);
                try (var logs = Files.list(stack.logDir())) {
                    for (Path log : logs.toList()) {
                        Files.copy(
                                log,
                                copy.resolve(log.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.copy(
                        broker.logFile(),
                        copy.resolve("broker.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            String tails =
                    String.format(
                            "consumer:%n%s%nstreams-processor-1:%n%s%nstreams-processor-2:%n%s",
                            consumer == null ? "-" : consumer.logTail(),
                            processors[0] == null ? "-" : processors[0].logTail(),
                            processors[1] == null ? "-" : processors[1].logTail());
            return new AssertionError(
                    e.getMessage() + "\nEvery application's log is in " + copy + "\n" + tails, e);
        }

        void report() throws IOException {
            String summary =
                    "FaultsIT: "
                            + rows.size()
                            + " faults, "
                            + inputs
                            + " articles, "
                            + Duration.between(started, Instant.now()).toSeconds()
                            + " s, load average "
                            + loadAverage();
            System.out.println(summary + "\n" + Counts.header() + "\n" + String.join("\n", rows));
            Files.writeString(
                    ComposeFile.repoDir().resolve("e2e/target/reliability/faults.txt"),
                    summary + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }

        private static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException | RuntimeException e) {
                return "n/a";
            }
        }

        @Override
        public void close() {
            stack.close();
            pg.close();
            registry.close();
            broker.close();
            try (Connection c = DriverManager.getConnection(pgDirectUrl);
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + viewSchema + " CASCADE");
            } catch (Exception e) {
                System.err.println("Could not drop the test view schema " + viewSchema + ": " + e);
            }
        }
    }
}
