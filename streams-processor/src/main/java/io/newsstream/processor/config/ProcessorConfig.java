package io.newsstream.processor.config;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.PipelineConfig;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.processor.dedup.DedupRocksDbConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams processor's configuration: immutable, validated on creation. Built by {@link #load}
 * from the declared {@link #SETTINGS} (defaults, then an optional properties file, then overrides,
 * then {@code NEWSSTREAM_*} environment variables).
 *
 * @param clients where Kafka and the registry are, and their clients' pass-through settings
 * @param topics the Kafka topic names
 * @param applicationId Kafka Streams application id: consumer group and prefix of internal topics
 * @param stateDir directory of the local state stores
 * @param newsTopicsFile news topic definitions, null for the bundled default
 * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
 * @param numThreads stream threads
 * @param commitInterval how often offsets are committed (and, with exactly-once, how long outputs
 *     wait for their transaction to commit before readers see them)
 * @param dedupRetention how long article ids and distinct articles are remembered to recognise
 *     re-sent copies and duplicates
 * @param dedupNearThreshold estimated Jaccard similarity of word shingles from which an article is
 *     a near duplicate of an earlier one of its news topic
 * @param dedupShingleWords words per shingle for near-duplicate detection
 * @param sessionTimeout how long the group waits for a silent instance before moving its partitions
 *     to the others
 * @param reprocess reset the application at start and re-process every retained raw article (see
 *     {@code Reprocessing})
 */
public record ProcessorConfig(
        ClientConfig clients,
        TopicNames topics,
        String applicationId,
        Path stateDir,
        Path newsTopicsFile,
        String processingGuarantee,
        int numThreads,
        Duration commitInterval,
        Duration dedupRetention,
        double dedupNearThreshold,
        int dedupShingleWords,
        Duration sessionTimeout,
        boolean reprocess)
        implements PipelineConfig {

    public static final Setting APPLICATION_ID =
            new Setting(
                    "processor.application.id",
                    "newsstream-processor",
                    "Kafka Streams application id: the consumer group, and the prefix of the"
                            + " processor's internal (changelog) topics. Changing it starts from"
                            + " scratch.");
    public static final Setting STATE_DIR =
            new Setting(
                    "processor.state.dir",
                    "data/streams-processor",
                    "Directory of the local state stores (the de-duplication store); rebuilt"
                            + " from its changelog topic when lost.");
    public static final Setting PROCESSING_GUARANTEE =
            new Setting(
                    "processor.processing.guarantee",
                    StreamsConfig.EXACTLY_ONCE_V2,
                    "exactly_once_v2 (outputs, de-duplication state and offsets commit"
                            + " atomically) or at_least_once.");
    public static final Setting NUM_THREADS =
            new Setting(
                    "processor.num.threads",
                    "1",
                    "Stream threads; more than the input topic's partitions stay idle.");
    public static final Setting COMMIT_INTERVAL =
            new Setting(
                    "processor.commit.interval",
                    "100ms",
                    "Commit interval. With exactly_once_v2 readers see outputs only when their"
                            + " transaction commits, so this bounds the added latency.");
    public static final Setting DEDUP_RETENTION =
            new Setting(
                    "processor.dedup.retention",
                    "30d",
                    "How long article ids and distinct articles are remembered (by record"
                            + " timestamp): a re-sent copy or a duplicate arriving within this time"
                            + " is not published again. Bounds the de-duplication stores: 176 bytes +"
                            + " the id per distinct article (keys and values of 11 entries), as much"
                            + " again in the compacted changelogs.");
    public static final Setting DEDUP_NEAR_THRESHOLD =
            new Setting(
                    "processor.dedup.near.threshold",
                    "0.5",
                    "Estimated Jaccard similarity of the word shingles (0..1] from which an article"
                            + " is a near duplicate of an earlier one of the same news topic. Lower"
                            + " merges more loosely edited copies; templated reports with other"
                            + " figures are kept apart by their numbers either way.");
    public static final Setting DEDUP_SHINGLE_WORDS =
            new Setting(
                    "processor.dedup.shingle.words",
                    "5",
                    "Words per shingle for near-duplicate detection (1..10). Longer shingles make"
                            + " small edits cost more similarity.");

    public static final Setting SESSION_TIMEOUT =
            new Setting(
                    "processor.session.timeout",
                    "45s",
                    "Consumer-group session timeout: how long an instance that stopped answering"
                            + " (killed, frozen, cut off) keeps its partitions before the others take"
                            + " them over. Shorter moves work sooner but risks rebalances on long GC"
                            + " pauses; the broker accepts 6s..30m by default.");

    public static final Setting REPROCESS =
            new Setting(
                    "processor.reprocess",
                    "false",
                    "At start, reset the processor (its committed offsets, internal topics and"
                            + " local state) and re-process every raw article still retained with"
                            + " the current news topics, then go on as usual. Refused while another"
                            + " instance runs. Also the command-line flag --reprocess.");

    /** The processor's own settings, in the order the README lists them. */
    public static final List<Setting> OWN_SETTINGS =
            List.of(
                    APPLICATION_ID,
                    STATE_DIR,
                    PROCESSING_GUARANTEE,
                    NUM_THREADS,
                    COMMIT_INTERVAL,
                    DEDUP_RETENTION,
                    DEDUP_NEAR_THRESHOLD,
                    DEDUP_SHINGLE_WORDS,
                    SESSION_TIMEOUT,
                    REPROCESS);

    /** Every setting the processor reads: the shared ones, then its own. */
    public static final List<Setting> SETTINGS = SharedSettings.with(OWN_SETTINGS);

    public ProcessorConfig {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(topics, "topics");
        require(topics.duplicates() != null, TopicNames.DUPLICATES, "must not be empty");
        require(
                applicationId.matches("[a-zA-Z0-9._-]+"),
                APPLICATION_ID,
                "may only contain letters, digits, '.', '_' and '-'");
        require(
                dedupNearThreshold > 0 && dedupNearThreshold <= 1,
                DEDUP_NEAR_THRESHOLD,
                "must be in (0, 1], e.g. 0.5");
        require(
                dedupShingleWords >= 1 && dedupShingleWords <= 10,
                DEDUP_SHINGLE_WORDS,
                "must be between 1 and 10");
        require(
                sessionTimeout.compareTo(Duration.ofSeconds(1)) >= 0,
                SESSION_TIMEOUT,
                "must be at least 1s (the broker's default minimum is 6s)");
        require(
                StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)
                        || StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee),
                PROCESSING_GUARANTEE,
                "must be exactly_once_v2 or at_least_once");
        require(numThreads >= 1, NUM_THREADS, "must be at least 1");
        require(
                !commitInterval.isNegative() && !commitInterval.isZero(),
                COMMIT_INTERVAL,
                "must be > 0");
        require(
                dedupRetention.compareTo(Duration.ofMinutes(1)) >= 0,
                DEDUP_RETENTION,
                "must be at least 1m");
        if (newsTopicsFile != null) {
            require(
                    Files.isReadable(newsTopicsFile),
                    SharedSettings.NEWS_TOPICS_FILE,
                    "names " + newsTopicsFile + ", which is not a readable file");
        }
    }

    /** Resolves the settings from {@code source}. */
    public static ProcessorConfig from(ConfigSource source) {
        return new ProcessorConfig(
                ClientConfig.from(source),
                TopicNames.from(source),
                source.string(APPLICATION_ID),
                source.path(STATE_DIR),
                source.optionalPath(SharedSettings.NEWS_TOPICS_FILE),
                source.string(PROCESSING_GUARANTEE),
                source.integer(NUM_THREADS),
                source.duration(COMMIT_INTERVAL),
                source.duration(DEDUP_RETENTION),
                source.decimal(DEDUP_NEAR_THRESHOLD),
                source.integer(DEDUP_SHINGLE_WORDS),
                source.duration(SESSION_TIMEOUT),
                source.bool(REPROCESS));
    }

    /**
     * @param file optional properties file, may be null
     * @param overrides explicit values (flags, the local launcher, tests)
     * @param env usually {@code System.getenv()}
     */
    public static ProcessorConfig load(
            Path file, Map<String, String> overrides, Map<String, String> env) {
        return from(ConfigSource.load(SETTINGS, file, overrides, env));
    }

    /** Batch size of the processor's producer (bytes). */
    public static final int PRODUCER_BATCH_SIZE = 131_072;

    /** Backoff of the processor's producer before retrying a send (ms). */
    public static final int PRODUCER_RETRY_BACKOFF_MS = 10;

    /**
     * The Kafka Streams properties these settings stand for. Explicit naming of internal resources
     * is enforced, so a topology change cannot silently rename a store and strand its state.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        // Settings measured with the performance harness (README, "Performance"); the kafka.*
        // pass-through settings may change them, not the processor's own settings below.
        // Enriched articles are ~6 KiB: the 16 KiB default batch holds two of them.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_SIZE);
        // Each commit's first send meets CONCURRENT_TRANSACTIONS until the previous transaction's
        // markers are written; the 100 ms default backoff then adds 100 ms to every record.
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
                PRODUCER_RETRY_BACKOFF_MS);
        p.putAll(clients.kafkaProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, DedupRocksDbConfig.class);
        // The behaviour Kafka 5.0 makes the default; setting it now silences the start-up warning.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) sessionTimeout.toMillis());
        // Kafka's rule: heartbeats at most a third of the session timeout (default 3 s of 45 s).
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.min(3000, sessionTimeout.toMillis() / 3));
        return p;
    }

    private static void require(boolean ok, Setting s, String what) {
        if (!ok) {
            throw new ConfigException(
                    "Setting '" + s.name() + "' (env " + s.envVar() + ") " + what + ".");
        }
    }
}
