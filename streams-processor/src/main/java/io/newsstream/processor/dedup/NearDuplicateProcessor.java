package io.newsstream.processor.dedup;

import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes exact and near duplicates within a bucket: a thin Kafka adapter around {@link
 * NearDuplicateDetector}.
 *
 * <p>In: key = bucket (one matched news topic id, or {@link #UNCLASSIFIED_BUCKET}), value = {@code
 * EnrichedArticle}; an article of several news topics comes once per news topic ({@link
 * #bucketsOf}) and is de-duplicated in each separately; all articles of a bucket must reach the
 * same task (the topology repartitions by bucket). Out: a {@link DedupOutcome} carrying its bucket:
 * for a distinct article, key = article id and the article; for a duplicate, key = original id and
 * a {@code DuplicateLink} (kind {@code SAME_CONTENT} or {@code NEAR_DUPLICATE}, similarity, the
 * duplicate's outlet, url, title, publication time; {@code detectedAt} = the enrichment time, so
 * that output is deterministic). Record timestamps are kept.
 *
 * <p>State: two persistent key-value stores ({@link KeyValueDedupState}), logged to compacted
 * changelog topics: the index ({@code int band or content key -> newest} {@value
 * NearDuplicateDetector#MAX_PER_KEY} {@code (handle, second)}; 9 x 12 bytes per distinct article)
 * and the articles ({@code int handle -> timestamp | StoredArticle}, 52 bytes + id). Look-ups are
 * point gets: at most 9 index keys and as many articles, constant cost whatever the number stored.
 * Entries outside {@code retention} of record time are ignored on read and deleted by a sweep
 * ({@link ExpirySweeper}) once stream time has passed them, so the stores hold the distinct
 * articles of one retention period.
 */
public final class NearDuplicateProcessor
        implements Processor<String, EnrichedArticle, String, DedupOutcome> {

    /** Bucket of the articles that match no news topic. Not a valid news topic id. */
    public static final String UNCLASSIFIED_BUCKET = "_unclassified";

    /**
     * How often a slice of each store is swept for expired entries (wall-clock time): a full sweep
     * of the {@value ExpirySweeper#SLICES} slices takes about 43 minutes, so entries outlive their
     * retention by at most that; each run reads about 1/256 of the stores (~40k entries at 1M
     * articles, about 100 ms measured).
     */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateProcessor.class);

    private final NearDuplicateDetector detector;
    private final String indexStoreName;
    private final String articleStoreName;
    private final long retentionMs;
    private ProcessorContext<String, DedupOutcome> context;
    private DedupState state;

    private NearDuplicateProcessor(
            NearDuplicateDetector detector,
            String indexStoreName,
            String articleStoreName,
            Duration retention) {
        this.detector = detector;
        this.indexStoreName = indexStoreName;
        this.articleStoreName = articleStoreName;
        this.retentionMs = retention.toMillis();
    }

    /** The primary bucket of an article: its primary news topic, or the unclassified bucket. */
    public static String bucketOf(EnrichedArticle article) {
        return article.getPrimaryNewsTopic() == null
                ? UNCLASSIFIED_BUCKET
                : article.getPrimaryNewsTopic();
    }

    /**
     * Every bucket of an article, the primary one first: each matched news topic, or the
     * unclassified bucket alone. Records written before {@code matchedNewsTopics} existed carry an
     * empty list: their primary news topic is their only one.
     */
    public static List<String> bucketsOf(EnrichedArticle article) {
        List<String> out = new ArrayList<>();
        out.add(bucketOf(article));
        if (article.getMatchedNewsTopics() != null) {
            for (String id : article.getMatchedNewsTopics()) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /**
     * The processor with its two stores.
     *
     * @param detector the detection settings
     * @param indexStoreName explicit name of the index store (also names its changelog)
     * @param articleStoreName explicit name of the article store
     * @param retention how long a distinct article is remembered, by record time
     */
    public static ProcessorSupplier<String, EnrichedArticle, String, DedupOutcome> supplier(
            NearDuplicateDetector detector,
            String indexStoreName,
            String articleStoreName,
            Duration retention) {
        Objects.requireNonNull(detector, "detector");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("De-duplication retention must be > 0");
        }
        // Key-value stores read with point gets: flat look-up cost (window stores scan ranges).
        // The record cache is off: every look-up reads RocksDB anyway, and EOS commits flush it.
        StoreBuilder<KeyValueStore<Integer, byte[]>> index =
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(indexStoreName),
                                Serdes.Integer(),
                                Serdes.ByteArray())
                        .withCachingDisabled();
        StoreBuilder<KeyValueStore<Integer, byte[]>> articles =
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(articleStoreName),
                                Serdes.Integer(),
                                Serdes.ByteArray())
                        .withCachingDisabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, EnrichedArticle, String, DedupOutcome> get() {
                return new NearDuplicateProcessor(
                        detector, indexStoreName, articleStoreName, retention);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(index, articles);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, DedupOutcome> context) {
        this.context = context;
        KeyValueStore<Integer, byte[]> index = context.getStateStore(indexStoreName);
        KeyValueStore<Integer, byte[]> articles = context.getStateStore(articleStoreName);
        this.state =
                new KeyValueDedupState(
                        index, articles, retentionMs, NearDuplicateDetector.MAX_PER_KEY);
        ExpirySweeper<Integer> indexSweeper = KeyValueDedupState.indexSweeper(index);
        ExpirySweeper<Integer> articleSweeper = KeyValueDedupState.articleSweeper(articles);
        context.schedule(
                SWEEP_EVERY,
                PunctuationType.WALL_CLOCK_TIME,
                now -> {
                    long streamTime = context.currentStreamTimeMs();
                    if (streamTime > retentionMs) {
                        indexSweeper.sweepNextSlice(streamTime - retentionMs);
                        articleSweeper.sweepNextSlice(streamTime - retentionMs);
                    }
                });
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle article = record.value();
        if (article == null) {
            return;
        }
        String bucket = record.key() == null ? bucketOf(article) : record.key();
        RawArticle raw = article.getArticle();
        DedupVerdict verdict =
                detector.check(
                        bucket,
                        article.getId(),
                        article.getContentHash(),
                        detector.fingerprint(raw.getTitle(), raw.getBody()),
                        record.timestamp(),
                        state);
        if (!verdict.isDuplicate()) {
            context.forward(
                    record.withKey(article.getId())
                            .withValue(DedupOutcome.distinct(bucket, article)));
            return;
        }
        DuplicateLink link =
                DuplicateLink.newBuilder()
                        .setNewsTopic(UNCLASSIFIED_BUCKET.equals(bucket) ? null : bucket)
                        .setOriginalId(verdict.originalId())
                        .setDuplicateId(article.getId())
                        .setKind(
                                verdict.kind() == DedupVerdict.Kind.SAME_CONTENT
                                        ? DuplicateKind.SAME_CONTENT
                                        : DuplicateKind.NEAR_DUPLICATE)
                        .setSimilarity(verdict.similarity())
                        .setOutlet(raw.getOutlet())
                        .setUrl(raw.getUrl())
                        .setTitle(raw.getTitle())
                        .setPublishedAt(raw.getPublishedAt())
                        .setDetectedAt(article.getProcessedAt())
                        .build();
        LOG.debug(
                "{} is a {} of {} in {} (similarity {})",
                article.getId(),
                link.getKind(),
                verdict.originalId(),
                bucket,
                verdict.similarity());
        context.forward(
                record.withKey(verdict.originalId())
                        .withValue(DedupOutcome.duplicate(bucket, link)));
    }
}
