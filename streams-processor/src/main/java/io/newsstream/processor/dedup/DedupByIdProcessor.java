package io.newsstream.processor.dedup;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
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
 * Exact de-duplication by record key (the article id): forwards the first record of each key and
 * drops any later record with the same key whose timestamp lies within the retention of it, so an
 * article re-sent by the producer (a feed polled again, a retry) is published once.
 *
 * <p>State: a key-value store named by the caller, {@code 64-bit hash of the key -> timestamp first
 * seen} (8 + 8 bytes per id, whatever the id's length), read with one point get. An entry outside
 * the retention of a record's time is ignored, and a sweep ({@link ExpirySweeper}, every {@link
 * NearDuplicateProcessor#SWEEP_EVERY} of wall-clock time) deletes the entries stream time has left
 * behind, so the store is bounded by the distinct ids arriving within the retention. It is logged
 * to a compacted changelog topic ({@code <application.id>-<store>-changelog}), so exactly-once
 * processing keeps it consistent with the outputs.
 *
 * <p>Two ids with the same 64-bit hash are one id here: the second would be dropped as a copy. With
 * a million ids in a retention period the chance that any such pair exists is about 3 in 100
 * million, so the store does not keep the ids themselves (which would cost their length per id,
 * twice with the changelog).
 *
 * <p>Records without a key are forwarded unchanged (nothing to de-duplicate on) and logged; records
 * with a null value (tombstones) are dropped.
 *
 * @param <V> value type; only the key is looked at
 */
public final class DedupByIdProcessor<V> implements FixedKeyProcessor<String, V, V> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupByIdProcessor.class);

    private final String storeName;
    private final long retentionMs;
    private FixedKeyProcessorContext<String, V> context;
    private KeyValueStore<Long, byte[]> seen;

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
            return;
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
        byte[] first = seen.get(key);
        if (first != null) {
            long firstSeen = ByteBuffer.wrap(first).getLong();
            if (firstSeen >= ts - retentionMs && firstSeen <= ts + retentionMs) {
                LOG.debug("Dropped re-sent article {} (first seen at {})", id, firstSeen);
                return;
            }
        }
        seen.put(key, ByteBuffer.allocate(Long.BYTES).putLong(ts).array());
        context.forward(record);
    }

    /** The store key of an id: its 64-bit hash (tests read the store with it). */
    static long keyOf(String id) {
        return NearDuplicateDetector.hash64(id);
    }
}
