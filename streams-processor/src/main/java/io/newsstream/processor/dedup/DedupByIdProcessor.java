package io.newsstream.processor.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
 * Exact de-duplication by record key (the article id) and content version: forwards the first
 * record of each key, drops a later record with the same key and a version already seen within the
 * retention (an article re-sent by the producer: a feed polled again, a retry), and forwards a
 * record whose version is new (the article re-captured after an edit), so that downstream stores
 * the newer version instead of losing it. The version is a 64-bit fingerprint of the value given by
 * the caller ({@link #contentVersion} for articles); {@link #supplier(String, Duration)}
 * de-duplicates by key alone.
 *
 * <p>State: a window store named by the caller, {@code key -> version fingerprint} per version seen
 * (at the record's timestamp), kept for {@code retention} of stream time and then dropped segment
 * by segment: the store is bounded by the number of distinct versions arriving within the
 * retention. It is logged to a changelog topic ({@code <application.id>-<store>-changelog}), so
 * exactly-once processing keeps it consistent with the outputs.
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
    private final ToLongFunction<V> version;
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;

    private DedupByIdProcessor(String storeName, Duration retention, ToLongFunction<V> version) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.version = version;
    }

    /**
     * The processor de-duplicating by key alone: every later record of a key within the retention
     * is dropped, whatever its value.
     */
    public static <V> FixedKeyProcessorSupplier<String, V, V> supplier(
            String storeName, Duration retention) {
        return supplier(storeName, retention, v -> 0L);
    }

    /**
     * The version of an article's content: title and body, what an edit changes (not the fetch
     * time, which differs on every re-send).
     */
    public static long contentVersion(String title, String body) {
        String t = title == null ? "" : title;
        String b = body == null ? "" : body;
        return ((long) t.hashCode() << 32)
                ^ (b.hashCode() & 0xffffffffL)
                ^ ((long) b.length() << 48);
    }

    /**
     * The processor with its store.
     *
     * @param storeName explicit store name (also names the changelog topic)
     * @param retention how long an id and its versions are remembered, by record time
     * @param version the value's version fingerprint: equal for a re-sent copy, different after an
     *     edit
     */
    public static <V> FixedKeyProcessorSupplier<String, V, V> supplier(
            String storeName, Duration retention, ToLongFunction<V> version) {
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(version, "version");
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
                return new DedupByIdProcessor<>(storeName, retention, version);
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
        long v = version.applyAsLong(record.value());
        boolean known = false;
        try (WindowStoreIterator<Long> it =
                seen.fetch(id, Instant.ofEpochMilli(sub(ts)), Instant.ofEpochMilli(add(ts)))) {
            while (it.hasNext()) {
                KeyValue<Long, Long> kv = it.next();
                if (kv.value == v) {
                    LOG.debug("Dropped re-sent article {} (this version seen at {})", id, kv.key);
                    return;
                }
                known = true;
            }
        }
        if (known) {
            LOG.info(
                    "Article {} arrived again with new content: forwarded as its newer version",
                    id);
        }
        seen.put(id, v, ts);
        context.forward(record);
    }

    private long sub(long ts) {
        return Math.max(0, ts - retentionMs);
    }

    private long add(long ts) {
        return ts > Long.MAX_VALUE - retentionMs ? Long.MAX_VALUE : ts + retentionMs;
    }
}
