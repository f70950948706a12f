package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.FETCHED;
import static io.newsstream.consumer.TestArticles.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.schemas.KafkaTopics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcViewStoreTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final TopicPartition AIRSPACE_P0 =
            new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 0);
    private static final TopicPartition AIRSPACE_P1 =
            new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 1);

    @TempDir Path dir;
    private JdbcViewStore store;

    @BeforeEach
    void open() {
        store = JdbcViewStore.sqlite(dir.resolve("data/view.db"), TransactionHook.NONE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesRowsAndReadsThemBackWithAllFields() {
        Instant published = Instant.parse("2011-05-19T10:15:30Z");
        ArticleRow written = row("a1", AIRSPACE, published);

        store.write(List.of(written), Map.of(AIRSPACE_P0, 1L));

        assertThat(store.articles(AIRSPACE, 10, 0)).containsExactly(written);
        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.countArticles(STRIKES)).isZero();
    }

    @Test
    void createsTheDataDirectoryAndSurvivesReopening() {
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 7L));
        store.close();

        store = JdbcViewStore.sqlite(dir.resolve("data/view.db"), TransactionHook.NONE);

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 7L);
    }

    @Test
    void writingTheSameArticleTwiceKeepsOneRowWithTheLatestVersion() {
        ArticleRow first = row("a1", AIRSPACE, null);
        ArticleRow second =
                new ArticleRow(
                        first.newsTopic(),
                        first.id(),
                        "Corrected title",
                        first.outlet(),
                        first.url(),
                        first.publishedAt(),
                        first.fetchedAt(),
                        first.processedAt().plusSeconds(5),
                        first.wordCount(),
                        first.primaryNewsTopic(),
                        first.scoresJson(),
                        first.enrichmentJson(),
                        first.sourceKafkaTopic(),
                        first.sourcePartition(),
                        first.sourceOffset() + 1);

        store.write(List.of(first), Map.of(AIRSPACE_P0, 1L));
        store.write(List.of(first), Map.of(AIRSPACE_P0, 1L));
        store.write(List.of(second), Map.of(AIRSPACE_P0, 2L));

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.articles(AIRSPACE, 10, 0)).containsExactly(second);
    }

    @Test
    void theSameArticleUnderTwoNewsTopicsIsTwoRows() {
        store.write(
                List.of(row("a1", AIRSPACE, null), row("a1", STRIKES, null)),
                Map.of(AIRSPACE_P0, 1L));

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.countArticles(STRIKES)).isEqualTo(1);
    }

    @Test
    void storesOffsetsPerPartitionAndOverwritesThem() {
        store.write(List.of(), Map.of(AIRSPACE_P0, 5L, AIRSPACE_P1, 3L));
        store.write(List.of(), Map.of(AIRSPACE_P0, 9L));

        TopicPartition unknown = new TopicPartition(KafkaTopics.UNCLASSIFIED, 0);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0, AIRSPACE_P1, unknown)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(AIRSPACE_P0, 9L, AIRSPACE_P1, 3L));
        assertThat(store.nextOffsets(List.of(AIRSPACE_P1))).containsOnlyKeys(AIRSPACE_P1);
    }

    @Test
    void aFailureBeforeCommitRollsBackRowsAndOffsetsTogether() {
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 1L));
        store.close();
        store =
                JdbcViewStore.sqlite(
                        dir.resolve("data/view.db"),
                        new TransactionHook() {
                            @Override
                            public void beforeCommit(
                                    List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                                throw new IllegalStateException("crash before commit");
                            }
                        });

        assertThatThrownBy(
                        () ->
                                store.write(
                                        List.of(row("a2", AIRSPACE, null)),
                                        Map.of(AIRSPACE_P0, 2L)))
                .hasMessage("crash before commit");

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 1L);
    }

    @Test
    void aFailureAfterCommitKeepsTheCommittedTransaction() {
        AtomicInteger afterCommits = new AtomicInteger();
        store.close();
        store =
                JdbcViewStore.sqlite(
                        dir.resolve("data/view.db"),
                        new TransactionHook() {
                            @Override
                            public void afterCommit(
                                    List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                                afterCommits.incrementAndGet();
                                throw new IllegalStateException("crash after commit");
                            }
                        });

        assertThatThrownBy(
                        () ->
                                store.write(
                                        List.of(row("a1", AIRSPACE, null)),
                                        Map.of(AIRSPACE_P0, 1L)))
                .hasMessage("crash after commit");

        assertThat(afterCommits).hasValue(1);
        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 1L);
    }

    @Test
    void aStatementTheDatabaseRejectsRollsBackTheRowsOfTheSameTransaction() {
        // The offset insert violates NOT NULL (no Kafka topic): the row written before it in the
        // same transaction must not survive.
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 1L));

        assertThatThrownBy(
                        () ->
                                store.write(
                                        List.of(row("a2", AIRSPACE, null)),
                                        Map.of(new TopicPartition(null, 0), 2L)))
                .isInstanceOf(ViewStoreException.class)
                .hasMessageContaining("Cannot write 1 article(s)");

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(1);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 1L);
    }

    @Test
    void listsArticlesNewestFirstByPublicationElseFetchTimeThenById() {
        Instant t = Instant.parse("2011-05-01T00:00:00Z");
        ArticleRow old = row("old", AIRSPACE, t);
        ArticleRow newest = row("newest", AIRSPACE, t.plusSeconds(86_400 * 30));
        ArticleRow undatedB = row("undated-b", AIRSPACE, null); // sorts at FETCHED (2011-05-20)
        ArticleRow undatedA = row("undated-a", AIRSPACE, null);
        ArticleRow middle = row("middle", AIRSPACE, t.plusSeconds(86_400 * 10));

        store.write(List.of(old, newest, undatedB, undatedA, middle), Map.of(AIRSPACE_P0, 5L));

        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("newest", "undated-a", "undated-b", "middle", "old");
        assertThat(store.articles(AIRSPACE, 2, 1))
                .extracting(ArticleRow::id)
                .containsExactly("undated-a", "undated-b");
        assertThat(store.articles(AIRSPACE, 10, 5)).isEmpty();
    }

    @Test
    void countsAndTimeRangesPerNewsTopic() {
        Instant t = Instant.parse("2011-05-01T00:00:00Z");
        store.write(
                List.of(
                        row("a1", AIRSPACE, t),
                        row("a2", AIRSPACE, t.plusSeconds(3600)),
                        row("a3", AIRSPACE, null),
                        row("s1", STRIKES, t)),
                Map.of(AIRSPACE_P0, 4L));

        assertThat(store.newsTopicStats())
                .containsExactly(
                        new NewsTopicStats(AIRSPACE, 3, t, FETCHED),
                        new NewsTopicStats(STRIKES, 1, t, t));
    }

    @Test
    void refusesWorkOnceClosed() {
        store.close();

        assertThat(store.isOpen()).isFalse();
        assertThatThrownBy(() -> store.countArticles(AIRSPACE))
                .isInstanceOf(ViewStoreException.class)
                .hasMessageContaining("closed");
    }
}
