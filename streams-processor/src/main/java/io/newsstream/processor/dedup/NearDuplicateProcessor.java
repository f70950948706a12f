package io.newsstream.processor.dedup;

import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes exact and near duplicates within a bucket: a thin Kafka adapter around {@link
 * NearDuplicateDetector}.
 *
 * <p>In: key = bucket (the primary news topic id, or {@link #UNCLASSIFIED_BUCKET}), value = {@code
 * EnrichedArticle}; all articles of a bucket must reach the same task (the topology repartitions by
 * bucket). Out: a {@link DedupOutcome}: for a distinct article, key = article id and the article;
 * for a duplicate, key = original id and a {@code DuplicateLink} (kind {@code SAME_CONTENT} or
 * {@code NEAR_DUPLICATE}, similarity, the duplicate's outlet, url, title, publication time; {@code
 * detectedAt} = the enrichment time, so that output is deterministic). Record timestamps are kept.
 *
 * <p>State: two persistent window stores, both kept for {@code retention} of record time and then
 * dropped a segment at a time (so bounded by the articles of one retention period), logged to
 * changelog topics: the index ({@code int band or content key -> int article handle}, 9 entries per
 * distinct article) and the articles ({@code int handle -> StoredArticle}, 40 bytes + id). Look-ups
 * read at most 9 index keys (newest {@value NearDuplicateDetector#MAX_PER_KEY} entries each) and as
 * many articles: constant cost, whatever the number stored.
 */
public final class NearDuplicateProcessor
        implements Processor<String, EnrichedArticle, String, DedupOutcome> {

    /** Bucket of the articles that match no news topic. Not a valid news topic id. */
    public static final String UNCLASSIFIED_BUCKET = "_unclassified";

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

    /** The bucket of an article: its primary news topic, or the unclassified bucket. */
    public static String bucketOf(EnrichedArticle article) {
        return article.getPrimaryNewsTopic() == null
                ? UNCLASSIFIED_BUCKET
                : article.getPrimaryNewsTopic();
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
        StoreBuilder<WindowStore<Integer, Integer>> index =
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        indexStoreName, retention, retention, false),
                                Serdes.Integer(),
                                Serdes.Integer())
                        .withCachingDisabled();
        StoreBuilder<WindowStore<Integer, byte[]>> articles =
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        articleStoreName, retention, retention, false),
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
        this.state =
                new WindowStoreState(
                        context.getStateStore(indexStoreName),
                        context.getStateStore(articleStoreName),
                        retentionMs);
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
                    record.withKey(article.getId()).withValue(DedupOutcome.distinct(article)));
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
                record.withKey(verdict.originalId()).withValue(DedupOutcome.duplicate(link)));
    }

    /** {@link DedupState} over two window stores, looking {@code retention} both ways in time. */
    static final class WindowStoreState implements DedupState {
        private final WindowStore<Integer, Integer> index;
        private final WindowStore<Integer, byte[]> articles;
        private final long retentionMs;

        WindowStoreState(
                WindowStore<Integer, Integer> index,
                WindowStore<Integer, byte[]> articles,
                long retentionMs) {
            this.index = index;
            this.articles = articles;
            this.retentionMs = retentionMs;
        }

        @Override
        public int[] handles(int key, long timestamp, int max) {
            int[] found = new int[max];
            int n = 0;
            try (WindowStoreIterator<Integer> it =
                    index.backwardFetch(key, from(timestamp), to(timestamp))) {
                while (n < max && it.hasNext()) {
                    KeyValue<Long, Integer> kv = it.next();
                    found[n++] = kv.value;
                }
            }
            return n == max ? found : java.util.Arrays.copyOf(found, n);
        }

        @Override
        public void index(int key, int handle, long timestamp) {
            index.put(key, handle, timestamp);
        }

        @Override
        public StoredArticle article(int handle, long timestamp) {
            try (WindowStoreIterator<byte[]> it =
                    articles.backwardFetch(handle, from(timestamp), to(timestamp))) {
                return it.hasNext() ? StoredArticle.fromBytes(it.next().value) : null;
            }
        }

        @Override
        public void store(int handle, StoredArticle article, long timestamp) {
            articles.put(handle, article.toBytes(), timestamp);
        }

        private Instant from(long ts) {
            return Instant.ofEpochMilli(Math.max(0, ts - retentionMs));
        }

        private Instant to(long ts) {
            return Instant.ofEpochMilli(
                    ts > Long.MAX_VALUE - retentionMs ? Long.MAX_VALUE : ts + retentionMs);
        }
    }
}
