package io.newsstream.consumer.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each partition the {@link ViewUpdater} reads stands, kept across rebalances: the rebalance
 * listener of its consumer.
 *
 * <ul>
 *   <li>An assigned partition is paused until {@link #rewindPending()} has sought it to the view's
 *       stored offset (the beginning when the store has none) and resumed it; after a failure
 *       mid-poll {@link #rewindAllLater()} does the same for every partition. A revoked or lost
 *       partition is forgotten.
 *   <li>It remembers what the last successful store write recorded per partition ({@link #stored})
 *       and, after each poll, the lag of each assigned partition ({@link #recordLag()}).
 *   <li>Offsets go to Kafka only for lag monitoring, after the database: asynchronously after each
 *       poll, synchronously (best effort) for the stored positions when the loop ends.
 * </ul>
 *
 * Everything runs on the poll thread but {@link #assigned()}, {@link #assignment()} and {@link
 * #lag()}, which any thread may read.
 */
final class PartitionPositions implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

    private final Consumer<String, ?> consumer;
    private final ViewStore store;
    private final java.util.function.Consumer<String> errors;

    /** Partitions assigned but not yet positioned at their stored offsets (poll thread only). */
    private final Set<TopicPartition> pendingRewind = new HashSet<>();

    /** What the last successful store write recorded per partition (poll thread only). */
    private final Map<TopicPartition, Long> storedPositions = new HashMap<>();

    /** Records between the stored offset and the end of each assigned partition, when known. */
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

    private volatile boolean assigned;
    private volatile Set<TopicPartition> assignment = Set.of();

    /**
     * @param errors told a failure it logs and retries (the updater's {@code lastError})
     */
    PartitionPositions(
            Consumer<String, ?> consumer,
            ViewStore store,
            java.util.function.Consumer<String> errors) {
        this.consumer = Objects.requireNonNull(consumer);
        this.store = Objects.requireNonNull(store);
        this.errors = Objects.requireNonNull(errors);
    }

    /**
     * Seeks pending partitions to their stored offsets (the beginning if none) and resumes them.
     */
    void rewindPending() {
        if (pendingRewind.isEmpty()) {
            return;
        }
        Set<TopicPartition> current = consumer.assignment();
        pendingRewind.retainAll(current);
        if (pendingRewind.isEmpty()) {
            return;
        }
        Set<TopicPartition> parts = Set.copyOf(pendingRewind);
        Map<TopicPartition, Long> stored = store.nextOffsets(parts);
        List<TopicPartition> fromBeginning = new ArrayList<>();
        for (TopicPartition tp : parts) {
            Long next = stored.get(tp);
            if (next == null) {
                fromBeginning.add(tp);
            } else {
                consumer.seek(tp, next);
                storedPositions.put(tp, next);
            }
        }
        if (!fromBeginning.isEmpty()) {
            consumer.seekToBeginning(fromBeginning);
        }
        consumer.resume(parts);
        pendingRewind.removeAll(parts);
        log.info(
                "Positioned {} partition(s) at the view's stored offsets {}; from the beginning: {}",
                parts.size(),
                stored,
                fromBeginning);
    }

    /** After a failure mid-poll: nothing past the stored offsets may be trusted. */
    void rewindAllLater() {
        try {
            Set<TopicPartition> current = consumer.assignment();
            pendingRewind.addAll(current);
            consumer.pause(current);
        } catch (RuntimeException e) {
            log.warn("Cannot pause the view consumer's partitions", e);
        }
    }

    /**
     * After a successful poll the stored offset equals the consumer's position, so the consumer's
     * own lag (last stable offset minus position, no broker call) is the view's lag.
     */
    void recordLag() {
        for (TopicPartition tp : consumer.assignment()) {
            if (pendingRewind.contains(tp)) {
                continue;
            }
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag.put(tp, l.getAsLong());
            }
        }
    }

    /** The store now holds {@code nextOffset} for {@code tp}. */
    void stored(TopicPartition tp, long nextOffset) {
        storedPositions.put(tp, nextOffset);
    }

    /** The store now holds these next offsets. */
    void stored(Map<TopicPartition, Long> nextOffsets) {
        storedPositions.putAll(nextOffsets);
    }

    void commitToKafkaAsync(Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        consumer.commitAsync(
                offsets,
                (committed, e) -> {
                    if (e != null) {
                        // Only lag monitoring reads these; the store holds the real position.
                        log.debug(
                                "Async offset commit for lag monitoring failed: {}", e.toString());
                    }
                });
    }

    void commitStoredPositionsQuietly() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        storedPositions.forEach(
                (tp, o) -> {
                    if (consumer.assignment().contains(tp)) {
                        offsets.put(tp, new OffsetAndMetadata(o));
                    }
                });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("Final offset commit for lag monitoring failed: {}", e.toString());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        pendingRewind.addAll(partitions);
        consumer.pause(partitions);
        try {
            rewindPending();
        } catch (RuntimeException e) {
            errors.accept(e.toString());
            log.error(
                    "Cannot read the stored offsets for {}; the partitions stay paused and"
                            + " the read is retried",
                    partitions,
                    e);
        }
        assignment = Set.copyOf(consumer.assignment());
        assigned = true;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        pendingRewind.removeAll(partitions);
        lag.keySet().removeAll(partitions);
        partitions.forEach(storedPositions::remove);
        Set<TopicPartition> left = new HashSet<>(assignment);
        left.removeAll(partitions);
        assignment = Set.copyOf(left);
    }

    /** The loop has ended: no assignment any more. */
    void unassigned() {
        assigned = false;
    }

    /** The consumer has joined its group and received an assignment (maybe empty). */
    boolean assigned() {
        return assigned;
    }

    /** The partitions assigned. */
    Set<TopicPartition> assignment() {
        return assignment;
    }

    /** A copy of the lag of each assigned partition whose end is known. */
    Map<TopicPartition, Long> lag() {
        return Map.copyOf(lag);
    }
}
