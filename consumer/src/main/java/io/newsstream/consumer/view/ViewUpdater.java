package io.newsstream.consumer.view;

import io.newsstream.common.retry.RetryPolicy;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ViewStore} up to date from the enriched Kafka topics, exactly once.
 *
 * <ul>
 *   <li>In: the per-news-topic enriched topics and the unclassified topic (keys: article id;
 *       values: {@link EnrichedArticle}), read with {@code isolation.level=read_committed} and no
 *       auto-commit. Each Kafka topic maps to the news topic its rows are filed under. Optionally
 *       the duplicates topic (key: original id; value: {@link DuplicateLink}), stored as {@link
 *       DuplicateRow}s in the same transactions as the articles.
 *   <li>Out: rows in the store; {@link DeadLetter}s (key: {@code topic/partition@offset}) for
 *       records that cannot be deserialized or stored.
 *   <li>State: the next offset of every partition, stored in the same database transaction as the
 *       rows of each poll. On assignment the consumer seeks to those offsets (the beginning when
 *       the store has none), so a crash anywhere neither loses nor repeats a record; the upsert by
 *       {@code (newsTopic, id)} is a second safety net. Offsets are also committed to Kafka,
 *       asynchronously and after the database, for lag monitoring only.
 * </ul>
 *
 * A record that cannot be used is dead-lettered (synchronously, before the offset that skips it is
 * stored) and the view moves on; nothing stalls on it and nothing is dropped silently. When the
 * store or the dead-letter topic is unavailable the updater pauses, rewinds to the stored offsets
 * and retries with back-off; dead letters may then be repeated (at least once on that topic).
 *
 * <p>After every committed transaction the {@link ViewListener}s hear what it added (live updates).
 *
 * <p>{@link #run()} is the poll loop and owns the consumer; {@link #close()} may be called from any
 * thread. Around it: {@link PartitionPositions} handles rebalances, the seeks to the stored
 * offsets, the lag and the commits to Kafka; {@link DeadLetterPublisher} writes the dead letters.
 */
public final class ViewUpdater implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewUpdater.class);

    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

    private final Consumer<String, ?> consumer;
    private final DeadLetterPublisher deadLetters;
    private final PartitionPositions positions;
    private final ViewStore store;
    private final Map<String, String> newsTopicByKafkaTopic;
    private final String duplicatesKafkaTopic;
    private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();
    private final Duration pollTimeout;
    private final Duration maxBackoff;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong consumedRecords = new AtomicLong();
    private final AtomicLong storedRecords = new AtomicLong();

    private volatile boolean started;
    private volatile String lastError;
    private volatile Throwable failure;

    /**
     * @param newsTopicByKafkaTopic the Kafka topics to read, each with the news topic id its rows
     *     are filed under
     * @param pollTimeout longest a single poll blocks
     * @param maxBackoff longest wait between retries when the store or Kafka fails
     */
    public ViewUpdater(
            Consumer<String, EnrichedArticle> consumer,
            Producer<String, DeadLetter> deadLetterProducer,
            ViewStore store,
            Map<String, String> newsTopicByKafkaTopic,
            String deadLetterKafkaTopic,
            Duration pollTimeout,
            Duration maxBackoff) {
        this(
                consumer,
                deadLetterProducer,
                store,
                newsTopicByKafkaTopic,
                null,
                deadLetterKafkaTopic,
                pollTimeout,
                maxBackoff);
    }

    /**
     * As the other constructor, also reading {@code duplicatesKafkaTopic}.
     *
     * @param consumer values are {@link EnrichedArticle}s on the enriched topics and {@link
     *     DuplicateLink}s on the duplicates topic (see {@link #valueDeserializer})
     * @param duplicatesKafkaTopic Kafka topic of the duplicate links, null to read none
     */
    public ViewUpdater(
            Consumer<String, ?> consumer,
            Producer<String, DeadLetter> deadLetterProducer,
            ViewStore store,
            Map<String, String> newsTopicByKafkaTopic,
            String duplicatesKafkaTopic,
            String deadLetterKafkaTopic,
            Duration pollTimeout,
            Duration maxBackoff) {
        if (duplicatesKafkaTopic != null
                && newsTopicByKafkaTopic.containsKey(duplicatesKafkaTopic)) {
            throw new IllegalArgumentException(
                    "The duplicates Kafka topic "
                            + duplicatesKafkaTopic
                            + " is also an enriched topic; give it its own name");
        }
        this.duplicatesKafkaTopic = duplicatesKafkaTopic;
        this.consumer = Objects.requireNonNull(consumer);
        this.deadLetters = new DeadLetterPublisher(deadLetterProducer, deadLetterKafkaTopic);
        this.store = Objects.requireNonNull(store);
        this.newsTopicByKafkaTopic = Map.copyOf(newsTopicByKafkaTopic);
        this.pollTimeout = pollTimeout;
        this.maxBackoff = maxBackoff;
        this.positions = new PartitionPositions(this.consumer, this.store, e -> lastError = e);
    }

    /**
     * A value deserializer for a consumer reading both kinds of topic: {@code duplicates} on {@code
     * duplicatesKafkaTopic}, {@code enriched} everywhere else.
     */
    public static org.apache.kafka.common.serialization.Deserializer<Object> valueDeserializer(
            String duplicatesKafkaTopic,
            org.apache.kafka.common.serialization.Deserializer<EnrichedArticle> enriched,
            org.apache.kafka.common.serialization.Deserializer<DuplicateLink> duplicates) {
        return new org.apache.kafka.common.serialization.Deserializer<>() {
            @Override
            public Object deserialize(String topic, byte[] data) {
                return topic.equals(duplicatesKafkaTopic)
                        ? duplicates.deserialize(topic, data)
                        : enriched.deserialize(topic, data);
            }

            @Override
            public Object deserialize(
                    String topic, org.apache.kafka.common.header.Headers headers, byte[] data) {
                return topic.equals(duplicatesKafkaTopic)
                        ? duplicates.deserialize(topic, headers, data)
                        : enriched.deserialize(topic, headers, data);
            }

            @Override
            public void close() {
                enriched.close();
                duplicates.close();
            }
        };
    }

    /** Adds a listener told about every committed transaction (see {@link ViewListener}). */
    public void addListener(ViewListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    private void notifyListeners(List<ArticleRow> rows, List<DuplicateRow> duplicates) {
        if (rows.isEmpty() && duplicates.isEmpty()) {
            return;
        }
        for (ViewListener l : listeners) {
            try {
                l.committed(rows, duplicates);
            } catch (RuntimeException e) {
                log.warn("A view listener failed; live clients may miss an update", e);
            }
        }
    }

    @Override
    public void run() {
        started = true;
        RetryPolicy retry =
                RetryPolicy.exponential(
                        INITIAL_BACKOFF.compareTo(maxBackoff) < 0 ? INITIAL_BACKOFF : maxBackoff,
                        maxBackoff);
        int failures = 0;
        try {
            List<String> kafkaTopics = new ArrayList<>(newsTopicByKafkaTopic.keySet());
            if (duplicatesKafkaTopic != null) {
                kafkaTopics.add(duplicatesKafkaTopic);
            }
            consumer.subscribe(kafkaTopics, positions);
            while (!stopping()) {
                try {
                    pollOnce();
                    failures = 0;
                    lastError = null;
                } catch (WakeupException e) {
                    if (!stopping()) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    lastError = e.toString();
                    Duration backoff = retry.delay(++failures);
                    log.error(
                            "View update failed; rewinding to the stored offsets and retrying in"
                                    + " {} ms",
                            backoff.toMillis(),
                            e);
                    positions.rewindAllLater();
                    if (stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
            positions.commitStoredPositionsQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            lastError = t.toString();
            // Logged and kept for status(); the thread ends here either way.
            log.error("View updater stopped by an unexpected failure", t);
        } finally {
            positions.unassigned();
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                log.warn("Closing the view consumer failed", e);
            }
            finished.countDown();
        }
    }

    private void pollOnce() {
        positions.rewindPending();
        ConsumerRecords<String, ?> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (RecordDeserializationException e) {
            skipUndeserializable(e);
            return;
        }
        if (!records.isEmpty()) {
            consumedRecords.addAndGet(records.count());
            process(records);
        }
        positions.recordLag();
    }

    private void process(ConsumerRecords<String, ?> records) {
        List<Item> items = new ArrayList<>(records.count());
        List<ArticleRow> rows = new ArrayList<>(records.count());
        List<DuplicateRow> duplicates = new ArrayList<>();
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (TopicPartition tp : records.partitions()) {
            String newsTopic = newsTopicByKafkaTopic.get(tp.topic());
            for (ConsumerRecord<String, ?> rec : records.records(tp)) {
                Item item = new Item(tp, rec);
                try {
                    if (tp.topic().equals(duplicatesKafkaTopic)) {
                        item.duplicate = DuplicateRow.from(duplicateLink(rec.value()));
                        duplicates.add(item.duplicate);
                    } else {
                        item.row =
                                ArticleRows.from(
                                        newsTopic,
                                        enrichedArticle(rec.value()),
                                        tp.topic(),
                                        tp.partition(),
                                        rec.offset());
                        rows.add(item.row);
                    }
                } catch (RuntimeException e) {
                    item.rejection = e;
                }
                items.add(item);
                next.put(tp, rec.offset() + 1);
            }
            // The position may already be past a transaction marker that follows the last
            // record; storing it keeps the stored offset (and the lag) exact at the end.
            next.put(tp, Math.max(next.get(tp), consumer.position(tp)));
        }
        // Dead letters first: once the offset past a record is stored, it is never read again.
        for (Item item : items) {
            if (item.rejection != null) {
                deadLetters.publish(
                        item.tp,
                        item.record.offset(),
                        "the record is not a usable article: " + item.rejection.getMessage(),
                        item.rejection,
                        DeadLetterPublisher.excerpt(item.record.value()),
                        null);
            }
        }
        try {
            store.write(rows, duplicates, next);
            storedRecords.addAndGet(rows.size());
            positions.stored(next);
            notifyListeners(rows, duplicates);
        } catch (ViewStoreException e) {
            if (e.storeUnavailable()) {
                // Not a record's fault: the run loop rewinds and retries with back-off.
                throw e;
            }
            log.warn(
                    "Writing {} records in one transaction failed; retrying them one by one to find"
                            + " the one that cannot be stored",
                    rows.size(),
                    e);
            writeOneByOne(items);
        }
        positions.commitToKafkaAsync(next);
    }

    /** Isolates the record(s) the store rejects, so that one bad record cannot stall the view. */
    private void writeOneByOne(List<Item> items) {
        for (Item item : items) {
            long offset = item.record.offset();
            if (item.row == null && item.duplicate == null) {
                writeOffset(item.tp, offset + 1);
                continue;
            }
            List<ArticleRow> rows = item.row == null ? List.of() : List.of(item.row);
            List<DuplicateRow> duplicates =
                    item.duplicate == null ? List.of() : List.of(item.duplicate);
            try {
                store.write(rows, duplicates, Map.of(item.tp, offset + 1));
                storedRecords.addAndGet(rows.size());
                positions.stored(item.tp, offset + 1);
                notifyListeners(rows, duplicates);
            } catch (ViewStoreException e) {
                if (e.storeUnavailable()) {
                    throw e;
                }
                // If even an offset-only write fails the store is unavailable, not the record bad:
                // this throws and the loop rewinds and retries later.
                writeOffset(item.tp, offset);
                if (writtenOnSecondTry(item, rows, duplicates)) {
                    continue;
                }
                deadLetters.publish(
                        item.tp,
                        offset,
                        "the record could not be stored in the view: " + e.getMessage(),
                        e,
                        DeadLetterPublisher.excerpt(item.record.value()),
                        null);
                writeOffset(item.tp, offset + 1);
            }
        }
    }

    /**
     * The store answered the offset-only write, so it is up: one more try tells a record the store
     * refuses from one that met the store coming back.
     */
    private boolean writtenOnSecondTry(
            Item item, List<ArticleRow> rows, List<DuplicateRow> duplicates) {
        long offset = item.record.offset();
        try {
            store.write(rows, duplicates, Map.of(item.tp, offset + 1));
        } catch (ViewStoreException again) {
            if (again.storeUnavailable()) {
                throw again;
            }
            return false;
        }
        storedRecords.addAndGet(rows.size());
        positions.stored(item.tp, offset + 1);
        notifyListeners(rows, duplicates);
        return true;
    }

    private void writeOffset(TopicPartition tp, long nextOffset) {
        store.write(List.of(), Map.of(tp, nextOffset));
        positions.stored(tp, nextOffset);
    }

    private void skipUndeserializable(RecordDeserializationException e) {
        TopicPartition tp = e.topicPartition();
        long offset = e.offset();
        boolean key =
                e.origin() == RecordDeserializationException.DeserializationExceptionOrigin.KEY;
        ByteBuffer raw = key ? e.keyBuffer() : e.valueBuffer();
        byte[] payload = bytes(raw);
        String what = key ? "key" : "value";
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (causedBy(e, SchemaRegistryUnavailableException.class)) {
            // Not the record's fault: retried (with back-off) until the registry answers again.
            throw new RegistryUnavailableException(
                    "Cannot read "
                            + tp
                            + "@"
                            + offset
                            + " while the schema registry is unavailable; nothing is skipped,"
                            + " the record is retried: "
                            + cause.getMessage(),
                    e);
        }
        deadLetters.publish(
                tp,
                offset,
                "the "
                        + what
                        + " could not be deserialized as "
                        + (tp.topic().equals(duplicatesKafkaTopic)
                                ? "a DuplicateLink"
                                : "an EnrichedArticle")
                        + " ("
                        + cause.getMessage()
                        + "); fix whatever wrote it to "
                        + tp.topic()
                        + " - the view skipped it",
                cause,
                payload == null
                        ? null
                        : DeadLetterPublisher.truncate(
                                new String(payload, StandardCharsets.UTF_8),
                                DeadLetterPublisher.EXCERPT_CHARS),
                payload);
        writeOffset(tp, offset + 1);
        consumer.seek(tp, offset + 1);
        positions.commitToKafkaAsync(Map.of(tp, offset + 1));
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /** Asks the loop to stop and waits (up to {@code timeout}) until it has closed the consumer. */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopRequested.countDown();
        consumer.wakeup();
        return !started || finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            if (!stop(Duration.ofSeconds(30))) {
                log.warn("The view updater did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot for health checks and tests. */
    public Status status() {
        boolean running = started && finished.getCount() > 0;
        return new Status(
                running,
                running && positions.assigned(),
                positions.assignment(),
                storedRecords.get(),
                deadLetters.published(),
                lastError,
                failure,
                consumedRecords.get(),
                positions.lag());
    }

    /**
     * @param running the poll loop is running
     * @param assigned the consumer has joined its group and received an assignment (maybe empty)
     * @param assignment the partitions it reads
     * @param storedRecords articles written to the store since start
     * @param deadLetters records dead-lettered since start
     * @param lastError the last failure being retried, null when the last poll succeeded
     * @param failure what stopped the loop, null while running or after a clean stop
     * @param consumedRecords records polled from Kafka since start (repeats after a retry count
     *     again)
     * @param lag per assigned partition whose end is known: records between the view's stored
     *     offset and the end (last stable offset) of the partition
     */
    public record Status(
            boolean running,
            boolean assigned,
            Set<TopicPartition> assignment,
            long storedRecords,
            long deadLetters,
            String lastError,
            Throwable failure,
            long consumedRecords,
            Map<TopicPartition, Long> lag) {}

    /** The schema registry could not be reached to decode a record; it is retried, not skipped. */
    public static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static final class Item {
        final TopicPartition tp;
        final ConsumerRecord<String, ?> record;
        ArticleRow row;
        DuplicateRow duplicate;
        RuntimeException rejection;

        Item(TopicPartition tp, ConsumerRecord<String, ?> record) {
            this.tp = tp;
            this.record = record;
        }
    }

    private static EnrichedArticle enrichedArticle(Object value) {
        if (value == null || value instanceof EnrichedArticle) {
            return (EnrichedArticle) value;
        }
        throw new ArticleRows.InvalidArticleException(
                "expected an EnrichedArticle, got a " + value.getClass().getSimpleName());
    }

    private static DuplicateLink duplicateLink(Object value) {
        if (value == null || value instanceof DuplicateLink) {
            return (DuplicateLink) value;
        }
        throw new ArticleRows.InvalidArticleException(
                "expected a DuplicateLink, got a " + value.getClass().getSimpleName());
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
