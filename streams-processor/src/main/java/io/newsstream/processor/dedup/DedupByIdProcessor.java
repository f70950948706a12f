package io.newsstream.processor.dedup;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
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
 * <p>State: a key-value store named by the caller, {@code 64-bit hash of the key -> (timestamp last
 * changed, version fingerprints seen, newest first, at most} {@value #MAX_VERSIONS}{@code )}: 8 +
 * 16 bytes per id that was never edited, whatever the id's length, read with one point get. An
 * entry outside the retention of a record's time is ignored, and a sweep ({@link ExpirySweeper},
 * every {@link NearDuplicateProcessor#SWEEP_EVERY} of wall-clock time) deletes the entries stream
 * time has left behind, so the store is bounded by the distinct ids arriving within the retention.
 * It is logged to a compacted changelog topic ({@code <application.id>-<store>-changelog}), so
 * exactly-once processing keeps it consistent with the outputs.
 *
 * <p>Two ids with the same 64-bit hash are one id here: the second would be dropped as a copy. With
 * a million ids in a retention period the chance that any such pair exists is about 3 in 100
 * million, so the store does not keep the ids themselves (which would cost their length per id,
 * twice with the changelog).
 *
 * <p>Records without a key are forwarded unchanged (nothing to de-duplicate on) and logged. A
 * record with a null value (a tombstone: no article, nothing the producer writes) is refused with
 * an {@link IllegalArgumentException}, which the topology's processing exception handler turns into
 * a dead letter, so that it is seen rather than dropped silently.
 *
 * @param <V> value type; only the key and the caller's version of the value are looked at
 */
public final class DedupByIdProcessor<V> implements FixedKeyProcessor<String, V, V> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupByIdProcessor.class);

    /** Versions remembered per id: re-sends of older captures are still recognised. */
    static final int MAX_VERSIONS = 8;

    private final String storeName;
    private final long retentionMs;
    private final ToLongFunction<V> version;
    private FixedKeyProcessorContext<String, V> context;
    private KeyValueStore<Long, byte[]> seen;

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
        StoreBuilder<KeyValueStore<Long, byte[]>> store =
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(storeName),
                                Serdes.Long(),
                                Serdes.ByteArray())
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
        ExpirySweeper<Long> sweeper =
                ExpirySweeper.ofLongKeys(
                        seen, (v, cutOffMs) -> ByteBuffer.wrap(v).getLong() < cutOffMs ? null : v);
        context.schedule(
                NearDuplicateProcessor.SWEEP_EVERY,
                PunctuationType.WALL_CLOCK_TIME,
                now -> {
                    long streamTime = context.currentStreamTimeMs();
                    if (streamTime > retentionMs) {
                        sweeper.sweepNextSlice(streamTime - retentionMs);
                    }
                });
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
        long key = keyOf(id);
        long v = version.applyAsLong(record.value());
        byte[] entry = seen.get(key);
        boolean known = false;
        if (entry != null) {
            ByteBuffer stored = ByteBuffer.wrap(entry);
            long seenAt = stored.getLong();
            if (seenAt >= ts - retentionMs && seenAt <= ts + retentionMs) {
                known = true;
                while (stored.remaining() >= Long.BYTES) {
                    if (stored.getLong() == v) {
                        LOG.debug("Dropped re-sent article {} (this version seen)", id);
                        return;
                    }
                }
            }
        }
        if (known) {
            LOG.info(
                    "Article {} arrived again with new content: forwarded as its newer version",
                    id);
        }
        seen.put(key, entry(ts, v, known ? entry : null));
        context.forward(record);
    }

    /** {@code [ts][v][earlier versions...]}, at most {@value #MAX_VERSIONS} versions. */
    private static byte[] entry(long ts, long v, byte[] previous) {
        int earlier = previous == null ? 0 : (previous.length - Long.BYTES) / Long.BYTES;
        int kept = Math.min(earlier, MAX_VERSIONS - 1);
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES * (2 + kept));
        out.putLong(ts).putLong(v);
        if (kept > 0) {
            out.put(previous, Long.BYTES, kept * Long.BYTES);
        }
        return out.array();
    }

    /** The store key of an id: its 64-bit hash (tests read the store with it). */
    static long keyOf(String id) {
        return NearDuplicateDetector.hash64(id);
    }
}
