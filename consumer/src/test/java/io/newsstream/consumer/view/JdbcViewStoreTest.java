package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsstream.consumer.TestPostgres;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link ViewStore} contract, run against both dialects: an embedded SQLite file and a fresh
 * schema on the test PostgreSQL server (see {@link TestPostgres}).
 */
@ParameterizedClass
@EnumSource(ViewDatabase.Dialect.class)
class JdbcViewStoreTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final TopicPartition AIRSPACE_P0 =
            new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 0);
    private static final TopicPartition AIRSPACE_P1 =
            new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 1);

    @Parameter ViewDatabase.Dialect dialect;
    @TempDir Path dir;
    private TestPostgres postgres;
    private JdbcViewStore store;

    @BeforeEach
    void open() {
        if (dialect == ViewDatabase.Dialect.POSTGRESQL) {
            postgres = TestPostgres.freshSchema();
        }
        store = open(TransactionHook.NONE);
    }

    private JdbcViewStore open(TransactionHook hook) {
        return dialect == ViewDatabase.Dialect.POSTGRESQL
                ? postgres.open(hook)
                : JdbcViewStore.sqlite(dir.resolve("data/view.db"), hook);
    }

    @AfterEach
    void close() {
        store.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresqlConnectionsPlanEveryStatementForTheTablesOfTheMoment() {
        // A generic plan cached while the view was empty kept scanning whole tables once they had
        // grown (the view fell to a few rows/s in the 200k-article benchmark until an ANALYZE).
        assumeTrue(dialect == ViewDatabase.Dialect.POSTGRESQL, "a PostgreSQL setting");
        assertThat(store.database().sessionSetting("plan_cache_mode"))
                .isEqualTo("force_custom_plan");
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
    void keepsRowsAndOffsetsAcrossReopening() {
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 7L));
        store.close();

        store = open(TransactionHook.NONE);

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
                open(
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
                open(
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
    void listsArticlesNewestFirstByPublicationUndatedLastThenById() {
        Instant t = Instant.parse("2011-05-01T00:00:00Z");
        ArticleRow old = row("old", AIRSPACE, t);
        ArticleRow newest = row("newest", AIRSPACE, t.plusSeconds(86_400 * 30));
        // Fetched 2011-05-20, between the dated ones: undated, they still come after all of them.
        ArticleRow undatedB = row("undated-b", AIRSPACE, null);
        ArticleRow undatedA = row("undated-a", AIRSPACE, null);
        ArticleRow middle = row("middle", AIRSPACE, t.plusSeconds(86_400 * 10));

        store.write(List.of(old, newest, undatedB, undatedA, middle), Map.of(AIRSPACE_P0, 5L));

        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("newest", "middle", "old", "undated-a", "undated-b");
        assertThat(store.articles(AIRSPACE, 2, 2))
                .extracting(ArticleRow::id)
                .containsExactly("old", "undated-a");
        assertThat(store.articles(AIRSPACE, 10, 5)).isEmpty();
    }

    @Test
    void ordersTiesByIdInByteOrderWhateverTheServerLocale() {
        Instant t = Instant.parse("2011-05-01T00:00:00Z");
        store.write(
                List.of(
                        row("a-lower", AIRSPACE, t),
                        row("B-upper", AIRSPACE, t),
                        row("_x", AIRSPACE, t)),
                Map.of());

        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("B-upper", "_x", "a-lower");
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
                        // a3 is undated: counted, but its fetch time is no publication date
                        new NewsTopicStats(AIRSPACE, 3, t, t.plusSeconds(3600)),
                        new NewsTopicStats(STRIKES, 1, t, t));
    }

    @Test
    void aStoredOffsetNeverMovesBackwards() {
        // A zombie instance that lost the partition writes late: it must not rewind the new owner.
        store.write(List.of(), Map.of(AIRSPACE_P0, 9L));
        store.write(List.of(), Map.of(AIRSPACE_P0, 4L));

        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 9L);
    }

    @Test
    void aVersionReadEarlierFromTheSamePartitionDoesNotReplaceALaterOne() {
        ArticleRow later = withOffset(row("a1", AIRSPACE, null), 7, "Later title");
        ArticleRow earlier = withOffset(row("a1", AIRSPACE, null), 3, "Earlier title");

        store.write(List.of(later), Map.of(AIRSPACE_P0, 8L));
        store.write(List.of(earlier), Map.of(AIRSPACE_P0, 4L));

        assertThat(store.articles(AIRSPACE, 10, 0)).containsExactly(later);
    }

    @Test
    void theSameArticleTwiceInOneBatchKeepsTheLaterVersion() {
        ArticleRow first = withOffset(row("a1", AIRSPACE, null), 1, "First");
        ArticleRow second = withOffset(row("a1", AIRSPACE, null), 2, "Second");

        store.write(List.of(first, second), Map.of(AIRSPACE_P0, 3L));

        assertThat(store.articles(AIRSPACE, 10, 0)).containsExactly(second);
    }

    @Test
    void writesABatchOfThousandsOfRowsInOneTransaction() {
        List<ArticleRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(withOffset(row("a" + i, AIRSPACE, null), i, "Title " + i));
        }

        store.write(rows, Map.of(AIRSPACE_P0, 2_000L));

        assertThat(store.countArticles(AIRSPACE)).isEqualTo(2_000);
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).containsEntry(AIRSPACE_P0, 2_000L);
    }

    @Test
    void searchFindsWordsOfTitleAndBodyStemmedAndRanksTitleMatchesFirst() {
        // TestArticles bodies mention "airspace" and "officials told Reuters".
        ArticleRow inTitle = withTitle(row("t1", AIRSPACE, null), "Officials meet at the border");
        ArticleRow inBodyOnly = withTitle(row("b1", AIRSPACE, null), "Quiet day in Islamabad");
        ArticleRow otherTopic = withTitle(row("s1", STRIKES, null), "Strikes continue");
        store.write(List.of(inBodyOnly, inTitle, otherTopic), Map.of(AIRSPACE_P0, 3L));

        // "official" matches "Officials" (stemming, any case); title beats body.
        assertThat(store.search("OFFICIAL", AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("t1", "b1");
        assertThat(store.search("reuters", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactlyInAnyOrder("t1", "b1", "s1");
        assertThat(store.search("strikes airspace", STRIKES, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("s1");
        assertThat(store.search("reuters", null, 1, 0)).hasSize(1);
        assertThat(store.search("xylophone", null, 10, 0)).isEmpty();
        assertThat(store.search("  \"'*:()  ", null, 10, 0)).isEmpty();
    }

    @Test
    void searchSeesTheCurrentVersionOfAnUpsertedRowOnly() {
        store.write(List.of(withTitle(row("a1", AIRSPACE, null), "Zebra talks")), Map.of());
        store.write(
                List.of(withOffset(withTitle(row("a1", AIRSPACE, null), "Giraffe talks"), 1, null)),
                Map.of());

        assertThat(store.search("zebra", null, 10, 0)).isEmpty();
        assertThat(store.search("giraffe", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a1");
    }

    @Test
    void searchPagesAndRefusesAnEmptyOrTooLongQuery() {
        store.write(
                List.of(
                        row("a1", AIRSPACE, Instant.parse("2011-05-01T00:00:00Z")),
                        row("a2", AIRSPACE, Instant.parse("2011-05-02T00:00:00Z")),
                        row("a3", AIRSPACE, Instant.parse("2011-05-03T00:00:00Z"))),
                Map.of());

        // Equally good matches: newest first, then the next page.
        assertThat(store.search("airspace", AIRSPACE, 2, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a3", "a2");
        assertThat(store.search("airspace", AIRSPACE, 2, 2))
                .extracting(ArticleRow::id)
                .containsExactly("a1");
        assertThatThrownBy(() -> store.search("  ", null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search("a b c d e f g h i j k", null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 10 words");
    }

    @Test
    void searchFindsEveryWordCaseInsensitivelyAcrossNewsTopicsInTheSameOrderOnBothStores() {
        Instant may1 = Instant.parse("2011-05-01T09:00:00Z");
        Instant may3 = Instant.parse("2011-05-03T09:00:00Z");
        store.write(
                List.of(
                        withTitle(row("a1", AIRSPACE, may1), "Talks on AIRSPACE use in Islamabad"),
                        withTitle(row("a2", AIRSPACE, may3), "Drone strikes near Kabul"),
                        withTitle(
                                row("s1", STRIKES, may3),
                                "Drone strikes near Miramshah; 100% sure")),
                Map.of());

        assertThat(store.search("airspace islamabad", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a1");
        assertThat(store.search("Drone STRIKES", null, 10, 0))
                .extracting(ArticleRow::newsTopic, ArticleRow::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AIRSPACE, "a2"),
                        org.assertj.core.groups.Tuple.tuple(STRIKES, "s1"));
        assertThat(store.search("drone", STRIKES, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("s1");
        assertThat(store.search("100%", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("s1");
        assertThat(store.search("_", null, 10, 0)).isEmpty();
        assertThat(store.search("nothing-like-this", null, 10, 0)).isEmpty();
    }

    @Test
    void searchTreatsQuerySyntaxAsPlainText() {
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of());

        assertThat(store.search("airspace\" OR title:(x*", null, 10, 0)).isEmpty();
        assertThat(store.search("\"Pakistani airspace\"", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a1");
    }

    @Test
    void recreateDropsRowsOffsetsAndTheSearchIndex() {
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 1L));

        store.database().recreate();

        assertThat(store.countArticles(AIRSPACE)).isZero();
        assertThat(store.nextOffsets(List.of(AIRSPACE_P0))).isEmpty();
        assertThat(store.search("airspace", null, 10, 0)).isEmpty();
        store.write(List.of(row("a1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 1L));
        assertThat(store.search("airspace", null, 10, 0)).hasSize(1);
    }

    private static ArticleRow withOffset(ArticleRow r, long offset, String title) {
        return new ArticleRow(
                r.newsTopic(),
                r.id(),
                title == null ? r.title() : title,
                r.outlet(),
                r.url(),
                r.publishedAt(),
                r.fetchedAt(),
                r.processedAt(),
                r.wordCount(),
                r.primaryNewsTopic(),
                r.scoresJson(),
                r.enrichmentJson(),
                r.sourceKafkaTopic(),
                r.sourcePartition(),
                offset);
    }

    private static ArticleRow withTitle(ArticleRow r, String title) {
        return withOffset(r, r.sourceOffset(), title);
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
