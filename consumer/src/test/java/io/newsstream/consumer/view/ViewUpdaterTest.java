package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once loop against Kafka's MockConsumer/MockProducer and a real SQLite store. The
 * broker-backed version of these scenarios is ConsumerIT.
 */
class ViewUpdaterTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String AIRSPACE_TOPIC = KafkaTopics.enrichedFor(AIRSPACE);
    private static final TopicPartition AIRSPACE_P0 = new TopicPartition(AIRSPACE_TOPIC, 0);
    private static final TopicPartition UNCLASSIFIED_P0 =
            new TopicPartition(KafkaTopics.UNCLASSIFIED, 0);
    private static final Map<String, String> NEWS_TOPIC_BY_KAFKA_TOPIC =
            Map.of(AIRSPACE_TOPIC, AIRSPACE, KafkaTopics.UNCLASSIFIED, "unclassified");

    @TempDir Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final MockProducer<String, DeadLetter> deadLetters =
            new MockProducer<>(
                    true,
                    null,
                    new StringSerializer(),
                    (topic, letter) -> letter.toString().getBytes(StandardCharsets.UTF_8));

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void storesEachPollWithItsNextOffsetsAndCommitsThemToKafkaAfterwards() {
        ViewStore store = store(TransactionHook.NONE);
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0, UNCLASSIFIED_P0);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(article(AIRSPACE_P0, 0, "a1", AIRSPACE));
                    consumer.addRecord(article(AIRSPACE_P0, 1, "a2", AIRSPACE));
                    consumer.addRecord(article(UNCLASSIFIED_P0, 0, "u1", null));
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 3);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a1", "a2");
        assertThat(store.articles("unclassified", 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("u1");
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0, UNCLASSIFIED_P0)))
                .isEqualTo(Map.of(AIRSPACE_P0, 2L, UNCLASSIFIED_P0, 1L));
        await().untilAsserted(
                        () ->
                                assertThat(committed(consumer, AIRSPACE_P0, UNCLASSIFIED_P0))
                                        .isEqualTo(Map.of(AIRSPACE_P0, 2L, UNCLASSIFIED_P0, 1L)));
        assertThat(updater.status().assigned()).isTrue();
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void countsConsumedRecordsAndReportsTheLagBehindTheEndOfEachPartition() {
        ViewStore store = store(TransactionHook.NONE);
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0, UNCLASSIFIED_P0);
        // Five records exist on the airspace partition; the first poll brings only two of them.
        consumer.updateEndOffsets(Map.of(AIRSPACE_P0, 5L, UNCLASSIFIED_P0, 0L));
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE));
                    consumer.addRecord(article(AIRSPACE_P0, 1, "a1", AIRSPACE));
                });
        ViewUpdater updater = start(consumer, store);

        await().untilAsserted(
                        () ->
                                assertThat(updater.status().lag())
                                        .isEqualTo(Map.of(AIRSPACE_P0, 3L, UNCLASSIFIED_P0, 0L)));
        assertThat(updater.status().consumedRecords()).isEqualTo(2);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 2L);
    }

    @Test
    void resumesFromTheStoredOffsetsAndIgnoresKafkasCommittedOffsets() {
        ViewStore store = store(TransactionHook.NONE);
        // The view stored up to offset 2 of the airspace partition and nothing of unclassified,
        // while Kafka's committed offsets say the opposite.
        store.write(List.of(), Map.of(AIRSPACE_P0, 2L));
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0, UNCLASSIFIED_P0);
        consumer.commitSync(
                Map.of(
                        AIRSPACE_P0, new OffsetAndMetadata(0),
                        UNCLASSIFIED_P0, new OffsetAndMetadata(2)));
        consumer.schedulePollTask(
                () -> {
                    for (int i = 0; i < 4; i++) {
                        consumer.addRecord(article(AIRSPACE_P0, i, "a" + i, AIRSPACE));
                        consumer.addRecord(article(UNCLASSIFIED_P0, i, "u" + i, null));
                    }
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 6);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a2", "a3");
        assertThat(store.articles("unclassified", 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("u0", "u1", "u2", "u3");
    }

    @Test
    void deadLettersAnUndeserializableRecordWithItsBytesAndMovesOn() {
        ViewStore store = store(TransactionHook.NONE);
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        consumer.schedulePollTask(
                () -> consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE)));
        consumer.schedulePollTask(
                () ->
                        consumer.setPollException(
                                new RecordDeserializationException(
                                        RecordDeserializationException
                                                .DeserializationExceptionOrigin.VALUE,
                                        AIRSPACE_P0,
                                        1,
                                        0L,
                                        TimestampType.CREATE_TIME,
                                        null,
                                        ByteBuffer.wrap(garbage),
                                        new RecordHeaders(),
                                        "Error deserializing value at offset 1",
                                        new SerializationException("Unknown magic byte 110"))));
        consumer.schedulePollTask(
                () -> consumer.addRecord(article(AIRSPACE_P0, 2, "a2", AIRSPACE)));
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 2);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a0", "a2");
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 3L);
        assertThat(deadLetters.history()).hasSize(1);
        ProducerRecord<String, DeadLetter> sent = deadLetters.history().get(0);
        DeadLetter letter = sent.value();
        assertThat(sent.topic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
        assertThat(sent.key()).isEqualTo(AIRSPACE_TOPIC + "/0@1");
        assertThat(letter.getComponent()).isEqualTo("consumer");
        assertThat(letter.getKafkaTopic()).isEqualTo(AIRSPACE_TOPIC);
        assertThat(letter.getPartition()).isEqualTo(0);
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(letter.getReason()).contains("Unknown magic byte 110");
        assertThat(letter.getErrorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(letter.getPayloadExcerpt()).isEqualTo("not avro at all");
        assertThat(bytes(letter.getPayload())).isEqualTo(garbage);
    }

    @Test
    void retriesARecordItCannotDecodeWhileTheRegistryIsDownInsteadOfDeadLetteringIt() {
        ViewStore store = store(TransactionHook.NONE);
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        consumer.schedulePollTask(
                () -> consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE)));
        consumer.schedulePollTask(
                () ->
                        consumer.setPollException(
                                new RecordDeserializationException(
                                        RecordDeserializationException
                                                .DeserializationExceptionOrigin.VALUE,
                                        AIRSPACE_P0,
                                        1,
                                        0L,
                                        TimestampType.CREATE_TIME,
                                        null,
                                        ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 3, 2}),
                                        new RecordHeaders(),
                                        "Error deserializing value at offset 1",
                                        new SchemaRegistryUnavailableException(
                                                "Schema registry at http://127.0.0.1:1 is"
                                                        + " unavailable",
                                                null))));
        // The registry is back: the same record decodes.
        consumer.schedulePollTask(
                () -> consumer.addRecord(article(AIRSPACE_P0, 1, "a1", AIRSPACE)));
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 2);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a0", "a1");
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 2L);
        assertThat(deadLetters.history()).isEmpty();
        assertThat(updater.status().deadLetters()).isZero();
    }

    @Test
    void deadLettersATombstoneAndStoresTheRestOfTheSamePoll() {
        ViewStore store = store(TransactionHook.NONE);
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE));
                    consumer.addRecord(new ConsumerRecord<>(AIRSPACE_TOPIC, 0, 1, "a1", null));
                    consumer.addRecord(article(AIRSPACE_P0, 2, "a2", AIRSPACE));
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 2);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 3L);
        assertThat(deadLetters.history())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.key()).isEqualTo(AIRSPACE_TOPIC + "/0@1");
                            assertThat(r.value().getReason()).contains("tombstone");
                        });
    }

    @Test
    void deadLettersOnlyTheRowTheStoreRejectsAndStoresTheOthers() {
        ViewStore store =
                new FailingStore(store(TransactionHook.NONE)) {
                    @Override
                    boolean rejects(List<ArticleRow> rows) {
                        return rows.stream().anyMatch(r -> r.id().equals("poison"));
                    }
                };
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE));
                    consumer.addRecord(article(AIRSPACE_P0, 1, "poison", AIRSPACE));
                    consumer.addRecord(article(AIRSPACE_P0, 2, "a2", AIRSPACE));
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> store.nextOffsets(List.of(AIRSPACE_P0)).get(AIRSPACE_P0) == 3L);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a0", "a2");
        // The updater counts a batch just after the commit that made its rows visible.
        await().untilAsserted(() -> assertThat(updater.status().storedRecords()).isEqualTo(2));
        assertThat(deadLetters.history())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.key()).isEqualTo(AIRSPACE_TOPIC + "/0@1");
                            assertThat(r.value().getReason()).contains("could not be stored");
                        });
    }

    @Test
    void neitherSkipsNorDeadLettersWhileTheStoreIsUnavailable() {
        AtomicBoolean storeDown = new AtomicBoolean(true);
        ViewStore store =
                new FailingStore(store(TransactionHook.NONE)) {
                    @Override
                    boolean rejects(List<ArticleRow> rows) {
                        return storeDown.get();
                    }
                };
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        List<ConsumerRecord<String, EnrichedArticle>> log =
                List.of(
                        article(AIRSPACE_P0, 0, "a0", AIRSPACE),
                        article(AIRSPACE_P0, 1, "a1", AIRSPACE));
        consumer.schedulePollTask(() -> log.forEach(consumer::addRecord));
        // MockConsumer forgets delivered records; the broker would still hold them, so the next
        // poll after the failure gets them again, while the store is back.
        consumer.schedulePollTask(
                () -> {
                    assertThat(updaterPositionRewound(consumer)).isTrue();
                    storeDown.set(false);
                    log.forEach(consumer::addRecord);
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 2);
        assertThat(store.articles(AIRSPACE, 10, 0)).hasSize(2);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 2L);
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void doesNotDeadLetterARecordWhenTheStoreComesBackDuringTheOneByOneRetry() {
        // The batch and the first single-row write fail; the store is back for the offset-only
        // probe that follows: the record met an outage, it is not one the store refuses.
        AtomicInteger failuresLeft = new AtomicInteger(2);
        ViewStore store =
                new FailingStore(store(TransactionHook.NONE)) {
                    @Override
                    boolean rejects(List<ArticleRow> rows) {
                        return !rows.isEmpty() && failuresLeft.getAndDecrement() > 0;
                    }
                };
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(article(AIRSPACE_P0, 0, "a0", AIRSPACE));
                    consumer.addRecord(article(AIRSPACE_P0, 1, "a1", AIRSPACE));
                });
        ViewUpdater updater = start(consumer, store);

        await().until(() -> updater.status().storedRecords() == 2);
        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("a0", "a1");
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 2L);
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void aCrashBetweenTheRowWriteAndTheCommitLosesNothingOnRestart() {
        Path db = dir.resolve("view.db");
        ViewStore crashing = JdbcViewStore.sqlite(db, crashBeforeCommit());
        toClose.add(crashing);
        MockConsumer<String, EnrichedArticle> first = consumer(AIRSPACE_P0);
        first.schedulePollTask(() -> addArticles(first, 0, 3));
        ViewUpdater crashed = start(first, crashing);
        await().until(() -> crashed.status().failure() != null);
        assertThat(crashing.countArticles(AIRSPACE)).isZero();
        crashing.close();

        ViewStore store = JdbcViewStore.sqlite(db, TransactionHook.NONE);
        toClose.add(store);
        MockConsumer<String, EnrichedArticle> second = consumer(AIRSPACE_P0);
        second.schedulePollTask(() -> addArticles(second, 0, 3));
        ViewUpdater restarted = start(second, store);

        await().until(() -> restarted.status().storedRecords() == 3);
        assertThat(store.countArticles(AIRSPACE)).isEqualTo(3);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 3L);
    }

    @Test
    void aCrashAfterTheDatabaseCommitDoesNotRepeatTheBatchOnRestart() {
        Path db = dir.resolve("view.db");
        ViewStore crashing = JdbcViewStore.sqlite(db, crashAfterCommit());
        toClose.add(crashing);
        MockConsumer<String, EnrichedArticle> first = consumer(AIRSPACE_P0);
        first.schedulePollTask(() -> addArticles(first, 0, 3));
        ViewUpdater crashed = start(first, crashing);
        await().until(() -> crashed.status().failure() != null);
        assertThat(crashing.countArticles(AIRSPACE)).isEqualTo(3);
        crashing.close();

        ViewStore store = JdbcViewStore.sqlite(db, TransactionHook.NONE);
        toClose.add(store);
        MockConsumer<String, EnrichedArticle> second = consumer(AIRSPACE_P0);
        // The crash came before the Kafka commit: the group's committed offset is still 0, and
        // resuming from it would repeat the batch.
        second.commitSync(Map.of(AIRSPACE_P0, new OffsetAndMetadata(0)));
        second.schedulePollTask(() -> addArticles(second, 0, 5));
        ViewUpdater restarted = start(second, store);

        await().until(() -> store.nextOffsets(List.of(AIRSPACE_P0)).get(AIRSPACE_P0) == 5L);
        // The updater counts a batch just after the commit that made its rows visible.
        await().untilAsserted(() -> assertThat(restarted.status().storedRecords()).isEqualTo(2));
        assertThat(store.countArticles(AIRSPACE)).isEqualTo(5);
    }

    @Test
    void stopsCleanlyAndClosesTheConsumer() throws Exception {
        MockConsumer<String, EnrichedArticle> consumer = consumer(AIRSPACE_P0);
        ViewUpdater updater = start(consumer, store(TransactionHook.NONE));
        await().until(() -> updater.status().assigned());

        assertThat(updater.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(consumer.closed()).isTrue();
        assertThat(updater.status().running()).isFalse();
        assertThat(updater.status().failure()).isNull();
    }

    // --- fixtures ---

    private static boolean updaterPositionRewound(MockConsumer<String, EnrichedArticle> c) {
        return c.position(AIRSPACE_P0) == 0L && !c.paused().contains(AIRSPACE_P0);
    }

    private static void addArticles(MockConsumer<String, EnrichedArticle> c, int from, int to) {
        for (int i = from; i < to; i++) {
            c.addRecord(article(AIRSPACE_P0, i, "a" + i, AIRSPACE));
        }
    }

    private static TransactionHook crashBeforeCommit() {
        return new TransactionHook() {
            @Override
            public void beforeCommit(List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                if (!rows.isEmpty()) {
                    throw new SimulatedCrash();
                }
            }
        };
    }

    private static TransactionHook crashAfterCommit() {
        return new TransactionHook() {
            @Override
            public void afterCommit(List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                if (!rows.isEmpty()) {
                    throw new SimulatedCrash();
                }
            }
        };
    }

    /** An Error, like a process death: nothing in the loop handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private static ConsumerRecord<String, EnrichedArticle> article(
            TopicPartition tp, long offset, String id, String newsTopic) {
        return new ConsumerRecord<>(
                tp.topic(), tp.partition(), offset, id, enriched(id, newsTopic, null));
    }

    private static Map<TopicPartition, Long> committed(
            MockConsumer<String, EnrichedArticle> c, TopicPartition... tps) {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        c.committed(java.util.Set.of(tps))
                .forEach(
                        (tp, om) -> {
                            if (om != null) {
                                out.put(tp, om.offset());
                            }
                        });
        return out;
    }

    private ViewStore store(TransactionHook hook) {
        JdbcViewStore store = JdbcViewStore.sqlite(dir.resolve("view.db"), hook);
        toClose.add(store);
        return store;
    }

    private MockConsumer<String, EnrichedArticle> consumer(TopicPartition... partitions) {
        MockConsumer<String, EnrichedArticle> consumer = new MockConsumer<>("earliest");
        Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
        for (TopicPartition tp : partitions) {
            beginning.put(tp, 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(partitions)));
        return consumer;
    }

    private ViewUpdater start(MockConsumer<String, EnrichedArticle> consumer, ViewStore store) {
        ViewUpdater updater =
                new ViewUpdater(
                        consumer,
                        deadLetters,
                        store,
                        NEWS_TOPIC_BY_KAFKA_TOPIC,
                        KafkaTopics.DEAD_LETTERS,
                        Duration.ofMillis(20),
                        Duration.ofMillis(200));
        Thread t = new Thread(updater, "view-updater-test");
        t.setDaemon(true);
        t.start();
        toClose.add(updater);
        return updater;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Delegates to a real store but fails writes of the rows it {@link #rejects}. */
    private abstract static class FailingStore implements ViewStore {
        private final ViewStore delegate;

        FailingStore(ViewStore delegate) {
            this.delegate = delegate;
        }

        abstract boolean rejects(List<ArticleRow> rows);

        @Override
        public void write(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {
            if (rejects(rows)) {
                throw new ViewStoreException("injected failure", new RuntimeException());
            }
            delegate.write(rows, nextOffsets);
        }

        @Override
        public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
            return delegate.nextOffsets(partitions);
        }

        @Override
        public List<NewsTopicStats> newsTopicStats() {
            return delegate.newsTopicStats();
        }

        @Override
        public long countArticles(String newsTopic) {
            return delegate.countArticles(newsTopic);
        }

        @Override
        public List<ArticleRow> articles(String newsTopic, int limit, int offset) {
            return delegate.articles(newsTopic, limit, offset);
        }

        @Override
        public long countArticles(String newsTopic, Instant from, Instant to) {
            return delegate.countArticles(newsTopic, from, to);
        }

        @Override
        public List<ArticleRow> articles(
                String newsTopic, Instant from, Instant to, int limit, int offset) {
            return delegate.articles(newsTopic, from, to, limit, offset);
        }

        @Override
        public Optional<ArticleRow> article(String newsTopic, String id) {
            return delegate.article(newsTopic, id);
        }

        @Override
        public Map<String, List<DuplicateRow>> duplicatesOf(
                String newsTopic, Collection<String> originalIds) {
            return delegate.duplicatesOf(newsTopic, originalIds);
        }

        @Override
        public List<EntityCount> topEntities(String newsTopic, int limit) {
            return delegate.topEntities(newsTopic, limit);
        }

        @Override
        public List<DayCount> timeline(String newsTopic, Instant from, Instant to) {
            return delegate.timeline(newsTopic, from, to);
        }

        @Override
        public List<ArticleRow> search(String query, String newsTopic, int limit, int offset) {
            return delegate.search(query, newsTopic, limit, offset);
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
