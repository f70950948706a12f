package io.newsstream.processor.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact de-duplication by record key (the article id): forwards the first record of each key and
 * drops any later record with the same key whose timestamp lies within the retention of it, so an
 * article re-sent by the producer (a feed polled again, a retry) is published once.
 *
 * <p>State: a window store named by the caller, {@code key -> timestamp first seen}, one entry per
 * id, kept for {@code retention} of stream time and then dropped segment by segment: the store is
 * bounded by the number of distinct ids arriving within the retention. It is logged to a changelog
 * topic ({@code <application.id>-<store>-changelog}), so exactly-once processing keeps it
 * consistent with the outputs.
 *
 * <p>Records without a key are forwarded unchanged (nothing to de-duplicate on) and logged. A
 * record with a null value (a tombstone: no article, nothing the producer writes) is refused with
 * an {@link IllegalArgumentException}, which the topology's processing exception handler turns into
 * a dead letter, so that it is seen rather than dropped silently.
 *
 * @param <V> value type; only the key is looked at
 */
public final class DedupByIdProcessor<V> implements FixedKeyProcessor<String, V, V> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupByIdProcessor.class);

    private final String storeName;
    private final long retentionMs;
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;

    private DedupByIdProcessor(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
    }

    /**
     * The processor with its store.
     *
     * @param storeName explicit store name (also names the changelog topic)
     * @param retention how long an id is remembered, by record time
     */
    public static <V> FixedKeyProcessorSupplier<String, V, V> supplier(
            String storeName, Duration retention) {
        Objects.requireNonNull(storeName, "storeName");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("De-duplication retention must be > 0");
        }
        StoreBuilder<WindowStore<String, Long>> store =
                Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        storeName, retention, retention, false),
                                Serdes.String(),
                                Serdes.Long())
                        // the cache would delay nothing here, but costs memory per entry
                        .withCachingDisabled();
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, V> get() {
                return new DedupByIdProcessor<>(storeName, retention);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException(
                    "the record has a null value (a tombstone), not an article: whatever wrote it"
                            + " to the raw-articles topic is not the producer; nothing to enrich");
        }
        String id = record.key();
        if (id == null) {
            LOG.warn(
                    "Record without key at {}: forwarded without de-duplication; the producer"
                            + " should key articles by id",
                    context.recordMetadata()
                            .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
                            .orElse("?"));
            context.forward(record);
            return;
        }
        long ts = record.timestamp();
        try (WindowStoreIterator<Long> it =
                seen.fetch(id, Instant.ofEpochMilli(sub(ts)), Instant.ofEpochMilli(add(ts)))) {
            if (it.hasNext()) {
                LOG.debug("Dropped re-sent article {} (first seen at {})", id, it.next().value);
                return;
            }
        }
        seen.put(id, ts, ts);
        context.forward(record);
    }

    private long sub(long ts) {
        return Math.max(0, ts - retentionMs);
    }

    private long add(long ts) {
        return ts > Long.MAX_VALUE - retentionMs ? Long.MAX_VALUE : ts + retentionMs;
    }
}
