package io.newsstream.processor;

import io.newsstream.common.cli.AppCommand;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.common.retry.RetryPolicy;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.enrich.ArticleEnricher;
import io.newsstream.processor.enrich.GazetteerEntityExtractor;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.RuleAttributionExtractor;
import io.newsstream.processor.reprocess.Reprocessing;
import io.newsstream.processor.topology.DeadLetterDeserializationHandler;
import io.newsstream.processor.topology.NewsTopology;
import io.newsstream.schemas.PipelineTopics;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * The streams processor application: loads the news topics, builds {@link NewsTopology} and runs it
 * with Kafka Streams.
 *
 * <p>In-process use (the local launcher, tests): {@link #start(ProcessorConfig, Duration)} returns
 * a {@link Running} handle; closing it stops Kafka Streams. From the command line: {@link #main}
 * with an optional properties file; environment variables {@code NEWSSTREAM_*} override it. Local
 * state is never wiped on a normal start ({@code cleanUp()} is not called): it is restored from its
 * changelog when missing. With {@link ProcessorConfig#reprocess()} (the {@code --reprocess} flag)
 * the application is reset first ({@link Reprocessing}: refused while another instance runs), its
 * local state wiped, and every retained raw article re-processed, with progress logged until it has
 * caught up; then it goes on as the normal processor.
 */
public final class StreamsProcessorApp {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsProcessorApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** The command-line flag of {@link ProcessorConfig#REPROCESS}. */
    public static final String REPROCESS_FLAG = "--reprocess";

    /** Exit status when re-processing is refused because the processor still runs. */
    public static final int EXIT_STILL_RUNNING = 3;

    private StreamsProcessorApp() {}

    /**
     * Starts the processor with serdes talking to {@link ProcessorConfig#schemaRegistryUrl()}.
     *
     * @param awaitRunning how long to wait for Kafka Streams to reach RUNNING; zero to return at
     *     once
     * @throws IllegalStateException if it fails or does not reach RUNNING in time (it is closed)
     */
    public static Running start(ProcessorConfig config, Duration awaitRunning) {
        AvroSerdes serdes =
                AvroSerdes.forRegistry(config.schemaRegistryUrl(), config.clients().registry());
        AtomicBoolean clientClosed = new AtomicBoolean();
        Runnable closeClient =
                () -> {
                    if (clientClosed.compareAndSet(false, true)) {
                        serdes.client().close();
                    }
                };
        try {
            return start(config, serdes, awaitRunning, closeClient);
        } catch (RuntimeException e) {
            closeClient.run();
            throw e;
        }
    }

    /**
     * Starts the processor with the given serde factory (not closed by the handle).
     *
     * @see #start(ProcessorConfig, Duration)
     */
    public static Running start(ProcessorConfig config, AvroSerdes serdes, Duration awaitRunning) {
        return start(config, serdes, awaitRunning, () -> {});
    }

    private static Running start(
            ProcessorConfig config, AvroSerdes serdes, Duration awaitRunning, Runnable onClose) {
        NewsTopicCatalog catalog = NewsTopicCatalog.load(config.newsTopicsFile());
        NewsTopicClassifier classifier = NewsTopicClassifier.fromCatalog(catalog);
        classifier.checkExamplePaths(catalog);
        LOG.info("News topics from {}: {}", catalog.origin(), catalog.ids());
        PipelineTopics topics = new PipelineTopics(config.topics(), serdes);
        Topology topology =
                NewsTopology.build(
                        config,
                        new ArticleEnricher(
                                classifier,
                                GazetteerEntityExtractor.loadDefault(),
                                RuleAttributionExtractor.loadDefault(),
                                Clock.systemUTC()),
                        topics.rawArticles().valueSerde(),
                        topics.enrichedAll().valueSerde(),
                        topics.duplicates().valueSerde());
        LOG.debug("Topology:\n{}", topology.describe());

        Properties props = config.streamsProperties();
        DeadLetterDeserializationHandler.configure(
                props, topics.deadLetters().name(), topics.deadLetters().valueSerializer());

        Admin admin = null;
        Reprocessing.Plan plan = null;
        if (config.reprocess()) {
            admin = Admin.create(adminProperties(config));
            try {
                plan = Reprocessing.reset(admin, config);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admin.close();
                throw new IllegalStateException("Interrupted while resetting", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                admin.close();
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(
                        "Cannot reset the processor for re-processing: " + e.getMessage(), e);
            }
        }

        KafkaStreams streams = new KafkaStreams(topology, props);
        if (plan != null) {
            // Only here, never on a normal start: the state must match the replay from scratch.
            streams.cleanUp();
        }
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener(
                (now, before) -> {
                    LOG.info("Kafka Streams {} -> {}", before, now);
                    if (now == KafkaStreams.State.RUNNING) {
                        running.countDown();
                    }
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        running.countDown();
                        stopped.countDown();
                    }
                });
        streams.setUncaughtExceptionHandler(new RegistryOutageHandler(config.schemaRegistryUrl()));
        Runnable closeAll = onClose;
        if (plan != null) {
            Admin progressAdmin = admin;
            ScheduledExecutorService progress =
                    Reprocessing.progress(progressAdmin, plan, PROGRESS_EVERY);
            closeAll =
                    () -> {
                        progress.shutdownNow();
                        progressAdmin.close(Duration.ofSeconds(5));
                        onClose.run();
                    };
        }
        Running handle = new Running(streams, stopped, closeAll);
        streams.start();
        if (!awaitRunning.isZero() && !awaitRunning.isNegative()) {
            boolean reached;
            try {
                reached = running.await(awaitRunning.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.close();
                throw new IllegalStateException("Interrupted while starting", e);
            }
            if (!reached || streams.state() != KafkaStreams.State.RUNNING) {
                KafkaStreams.State state = streams.state();
                handle.close();
                throw new IllegalStateException(
                        "Kafka Streams did not reach RUNNING within "
                                + awaitRunning
                                + " (state "
                                + state
                                + "); check that Kafka at "
                                + config.bootstrapServers()
                                + " is up and the input topic "
                                + config.rawArticlesKafkaTopic()
                                + " exists");
            }
        }
        return handle;
    }

    /**
     * What a failed stream thread means. The schema registry being unreachable is not the records'
     * fault and passes: the thread is replaced after a pause (its uncommitted transaction is
     * aborted, so the new thread resumes from the last committed offsets and nothing is lost or
     * written twice), and the pause doubles up to {@link #MAX_REGISTRY_BACKOFF}, with jitter
     * ({@link RetryPolicy}), while the outage lasts. Any other failure stops the processor (exit
     * status 1, for a supervisor to restart).
     */
    static final class RegistryOutageHandler
            implements org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler {
        static final Duration FIRST_REGISTRY_BACKOFF = Duration.ofSeconds(1);
        static final Duration MAX_REGISTRY_BACKOFF = Duration.ofSeconds(30);

        private static final RetryPolicy BACKOFF =
                RetryPolicy.exponential(FIRST_REGISTRY_BACKOFF, MAX_REGISTRY_BACKOFF);

        private final String registryUrl;
        private int failures;
        private long lastFailureNanos;

        RegistryOutageHandler(String registryUrl) {
            this.registryUrl = registryUrl;
        }

        @Override
        public synchronized StreamThreadExceptionResponse handle(Throwable e) {
            if (!causedBy(e, SchemaRegistryUnavailableException.class)) {
                LOG.error("Stream thread failed; shutting the processor down", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            long now = System.nanoTime();
            if (now - lastFailureNanos > MAX_REGISTRY_BACKOFF.multipliedBy(4).toNanos()) {
                failures = 0; // a new outage
            }
            lastFailureNanos = now;
            Duration backoff = BACKOFF.delay(++failures);
            LOG.error(
                    "The schema registry at {} is unavailable ({}). No record is dead-lettered or"
                            + " skipped for it: the stream thread restarts from the last committed"
                            + " offsets in {} ms and retries. Check that the registry is running and"
                            + " that {} points at it.",
                    registryUrl,
                    rootMessage(e),
                    backoff.toMillis(),
                    SharedSettings.REGISTRY_URL.envVar());
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }

        private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
            return false;
        }

        private static String rootMessage(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof SchemaRegistryUnavailableException) {
                    return c.getMessage();
                }
            }
            return String.valueOf(t);
        }
    }

    /** A started processor; {@link #close()} stops it (idempotent). */
    public static final class Running implements AutoCloseable {
        private final KafkaStreams streams;
        private final CountDownLatch stopped;
        private final Runnable onClose;
        private boolean closed;

        private Running(KafkaStreams streams, CountDownLatch stopped, Runnable onClose) {
            this.streams = streams;
            this.stopped = stopped;
            this.onClose = onClose;
        }

        public KafkaStreams.State state() {
            return streams.state();
        }

        /** The running Kafka Streams instance, for metrics and interactive queries. */
        public KafkaStreams streams() {
            return streams;
        }

        /** Blocks until Kafka Streams stops (closed, or failed). */
        public void awaitStopped() throws InterruptedException {
            stopped.await();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            // Leave the group: otherwise the next start (or the other instances) wait a whole
            // session timeout for this member before the partitions are assigned again.
            streams.close(
                    CloseOptions.groupMembershipOperation(
                                    CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(CLOSE_TIMEOUT));
            onClose.run();
        }
    }

    /**
     * Runs the processor until it is stopped (SIGTERM, Ctrl-C) or fails: {@code streams-processor
     * [--config FILE] [--set NAME=VALUE]...}; exit status 1 when Kafka Streams failed, 2 on a usage
     * or configuration error.
     */
    public static void main(String[] args) {
        AppCommand.main(new Cli(), args);
    }

    /** The command line of the processor. */
    @Command(
            name = "streams-processor",
            description = "Enriches, classifies and de-duplicates raw articles with Kafka Streams.")
    static final class Cli extends AppCommand {
        @picocli.CommandLine.Option(
                names = REPROCESS_FLAG,
                description =
                        "Re-process every raw article still retained with the current news topics"
                                + " (setting processor.reprocess), then run as usual.")
        boolean reprocess;

        @Override
        protected List<Setting> settings() {
            return ProcessorConfig.SETTINGS;
        }

        @Override
        protected Map<String, String> optionSettings() {
            Map<String, String> settings = new java.util.HashMap<>(super.optionSettings());
            if (reprocess) {
                settings.put(ProcessorConfig.REPROCESS.name(), "true");
            }
            return settings;
        }

        @Override
        protected int run(ConfigSource settings) throws InterruptedException {
            ProcessorConfig config = ProcessorConfig.from(settings);
            Running running;
            try {
                running = start(config, Duration.ZERO);
            } catch (Reprocessing.ProcessorStillRunningException e) {
                LOG.error(e.getMessage());
                return EXIT_STILL_RUNNING;
            }
            Thread hook = new Thread(running::close, "newsstream-processor-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            running.awaitStopped();
            if (running.state() == KafkaStreams.State.ERROR) {
                // stopped by a failure, not by the shutdown hook: exit non-zero so a supervisor
                // restarts it
                running.close();
                return EXIT_FAILURE;
            }
            return EXIT_OK;
        }
    }

    private static Properties adminProperties(ProcessorConfig config) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-reprocess");
        return p;
    }
}
