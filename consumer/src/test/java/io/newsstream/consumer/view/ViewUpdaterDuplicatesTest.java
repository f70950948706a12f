package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view updater reading the duplicates topic beside the enriched ones, and its listeners. */
class ViewUpdaterDuplicatesTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String AIRSPACE_TOPIC = KafkaTopics.enrichedFor(AIRSPACE);
    private static final TopicPartition AIRSPACE_P0 = new TopicPartition(AIRSPACE_TOPIC, 0);
    private static final TopicPartition DUPLICATES_P0 =
            new TopicPartition(KafkaTopics.DUPLICATES, 0);

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
    void storesDuplicateLinksWithTheirOffsetsAndTellsListenersAfterTheCommit() {
        JdbcViewStore store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
        toClose.add(store);
        MockConsumer<String, Object> consumer = consumer();
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(
                            new ConsumerRecord<>(
                                    AIRSPACE_TOPIC, 0, 0, "a1", enriched("a1", AIRSPACE, null)));
                    consumer.addRecord(
                            new ConsumerRecord<>(
                                    KafkaTopics.DUPLICATES, 0, 0, "a1", link(AIRSPACE, "d1")));
                    consumer.addRecord(
                            new ConsumerRecord<>(
                                    KafkaTopics.DUPLICATES, 0, 1, "u1", link(null, "d2")));
                });
        List<String> heard = new CopyOnWriteArrayList<>();
        ViewUpdater updater = updater(consumer, store);
        updater.addListener(
                (rows, duplicates) -> {
                    // Called after the commit: what it hears is already readable.
                    for (ArticleRow r : rows) {
                        assertThat(store.article(r.newsTopic(), r.id())).isPresent();
                        heard.add("article " + r.id());
                    }
                    for (DuplicateRow d : duplicates) {
                        heard.add("duplicate " + d.newsTopic() + "/" + d.duplicateId());
                    }
                });
        start(updater);

        await().until(() -> heard.size() == 3);
        assertThat(heard)
                .containsExactlyInAnyOrder(
                        "article a1", "duplicate airspace-deal/d1", "duplicate unclassified/d2");
        assertThat(store.duplicatesOf(AIRSPACE, List.of("a1")).get("a1"))
                .extracting(DuplicateRow::duplicateId, DuplicateRow::outlet, DuplicateRow::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d1", "Dawn", "NEAR_DUPLICATE"));
        assertThat(store.duplicatesOf("unclassified", List.of("u1"))).containsKey("u1");
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0, DUPLICATES_P0)))
                .isEqualTo(Map.of(AIRSPACE_P0, 1L, DUPLICATES_P0, 2L));
        assertThat(updater.status().storedRecords()).isEqualTo(1);
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void deadLettersAValueOfTheWrongTypeAndKeepsGoing() {
        JdbcViewStore store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
        toClose.add(store);
        MockConsumer<String, Object> consumer = consumer();
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(
                            new ConsumerRecord<>(
                                    KafkaTopics.DUPLICATES,
                                    0,
                                    0,
                                    "a1",
                                    enriched("a1", AIRSPACE, null)));
                    consumer.addRecord(
                            new ConsumerRecord<>(
                                    KafkaTopics.DUPLICATES, 0, 1, "a1", link(AIRSPACE, "d1")));
                });
        start(updater(consumer, store));

        await().until(
                        () ->
                                store.nextOffsets(List.of(DUPLICATES_P0))
                                                .getOrDefault(DUPLICATES_P0, 0L)
                                        == 2L);
        assertThat(deadLetters.history()).hasSize(1);
        assertThat(deadLetters.history().get(0).value().getReason())
                .contains("expected a DuplicateLink");
        assertThat(store.duplicatesOf(AIRSPACE, List.of("a1"))).containsKey("a1");
    }

    private static DuplicateLink link(String newsTopic, String duplicateId) {
        return DuplicateLink.newBuilder()
                .setNewsTopic(newsTopic)
                .setOriginalId(newsTopic == null ? "u1" : "a1")
                .setDuplicateId(duplicateId)
                .setKind(DuplicateKind.NEAR_DUPLICATE)
                .setSimilarity(0.92)
                .setOutlet("Dawn")
                .setUrl("https://dawn.example/" + duplicateId)
                .setTitle("Copy")
                .setPublishedAt(null)
                .setDetectedAt(Instant.parse("2011-05-20T08:02:00Z"))
                .build();
    }

    private static MockConsumer<String, Object> consumer() {
        MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(AIRSPACE_P0, 0L, DUPLICATES_P0, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(AIRSPACE_P0, DUPLICATES_P0)));
        return consumer;
    }

    private ViewUpdater updater(MockConsumer<String, Object> consumer, ViewStore store) {
        return new ViewUpdater(
                consumer,
                deadLetters,
                store,
                Map.of(AIRSPACE_TOPIC, AIRSPACE),
                KafkaTopics.DUPLICATES,
                KafkaTopics.DEAD_LETTERS,
                Duration.ofMillis(20),
                Duration.ofMillis(200));
    }

    private void start(ViewUpdater updater) {
        Thread t = new Thread(updater, "view-updater-test");
        t.setDaemon(true);
        t.start();
        toClose.add(updater);
    }
}
