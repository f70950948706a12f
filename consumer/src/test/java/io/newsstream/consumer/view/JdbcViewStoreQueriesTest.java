package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.duplicate;
import static io.newsstream.consumer.TestArticles.row;
import static io.newsstream.consumer.TestArticles.rowWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.schemas.KafkaTopics;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view's read side beyond the article pages: duplicates, entities, timeline, search. */
class JdbcViewStoreQueriesTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final TopicPartition AIRSPACE_P0 =
            new TopicPartition(KafkaTopics.enrichedFor(AIRSPACE), 0);
    private static final TopicPartition DUPLICATES_P0 =
            new TopicPartition(KafkaTopics.DUPLICATES, 0);
    private static final Instant MAY_1 = Instant.parse("2011-05-01T09:00:00Z");
    private static final Instant MAY_1_LATE = Instant.parse("2011-05-01T23:59:59Z");
    private static final Instant MAY_3 = Instant.parse("2011-05-03T09:00:00Z");

    @TempDir Path dir;
    private JdbcViewStore store;

    @BeforeEach
    void open() {
        store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesDuplicatesWithTheirOffsetsInOneTransactionAndUpsertsThem() {
        store.write(
                List.of(row("a1", AIRSPACE, MAY_1)),
                List.of(
                        duplicate(AIRSPACE, "a1", "d1", "Dawn"),
                        duplicate(AIRSPACE, "a1", "d2", "VOA")),
                Map.of(AIRSPACE_P0, 1L, DUPLICATES_P0, 2L));
        store.write(
                List.of(),
                List.of(duplicate(AIRSPACE, "a1", "d1", "Dawn")),
                Map.of(DUPLICATES_P0, 3L));

        Map<String, List<DuplicateRow>> dups = store.duplicatesOf(AIRSPACE, List.of("a1", "a2"));
        assertThat(dups).containsOnlyKeys("a1");
        assertThat(dups.get("a1"))
                .extracting(DuplicateRow::duplicateId)
                .containsExactly("d1", "d2");
        assertThat(dups.get("a1").get(0)).isEqualTo(duplicate(AIRSPACE, "a1", "d1", "Dawn"));
        assertThat(store.duplicatesOf(STRIKES, List.of("a1"))).isEmpty();
        assertThat(store.nextOffsets(List.of(DUPLICATES_P0))).containsEntry(DUPLICATES_P0, 3L);
    }

    @Test
    void aFailedTransactionStoresNeitherDuplicatesNorOffsets() {
        JdbcViewStore failing =
                JdbcViewStore.sqlite(
                        dir.resolve("failing.db"),
                        new TransactionHook() {
                            @Override
                            public void beforeCommit(
                                    List<ArticleRow> rows, Map<TopicPartition, Long> offsets) {
                                throw new IllegalStateException("crash before commit");
                            }
                        });
        try (failing) {
            assertThatThrownBy(
                            () ->
                                    failing.write(
                                            List.of(),
                                            List.of(duplicate(AIRSPACE, "a1", "d1", "Dawn")),
                                            Map.of(DUPLICATES_P0, 1L)))
                    .hasMessageContaining("crash before commit");
            assertThat(failing.duplicatesOf(AIRSPACE, List.of("a1"))).isEmpty();
            assertThat(failing.nextOffsets(List.of(DUPLICATES_P0))).isEmpty();
        }
    }

    @Test
    void ranksANewsTopicsEntitiesByArticlesThenMentionsAndReplacesThemOnUpsert() {
        store.write(
                List.of(
                        rowWith(
                                "a1",
                                AIRSPACE,
                                MAY_1,
                                "x",
                                "Pakistan:PLACE:3",
                                "CNN:ORGANIZATION:1"),
                        rowWith(
                                "a2",
                                AIRSPACE,
                                MAY_3,
                                "x",
                                "Pakistan:PLACE:1",
                                "Joe Biden:PERSON:5"),
                        rowWith("s1", STRIKES, MAY_3, "x", "CIA:ORGANIZATION:2")),
                Map.of(AIRSPACE_P0, 3L));

        assertThat(store.topEntities(AIRSPACE, 10))
                .containsExactly(
                        new EntityCount("Pakistan", "PLACE", 2, 4),
                        new EntityCount("Joe Biden", "PERSON", 1, 5),
                        new EntityCount("CNN", "ORGANIZATION", 1, 1));
        assertThat(store.topEntities(AIRSPACE, 1)).hasSize(1);

        // A new version of a1 names other entities: the old ones go.
        store.write(List.of(rowWith("a1", AIRSPACE, MAY_1, "x")), Map.of(AIRSPACE_P0, 4L));
        assertThat(store.topEntities(AIRSPACE, 10))
                .extracting(EntityCount::name)
                .containsExactly("Joe Biden", "Pakistan");
    }

    @Test
    void articlesWithoutEntitiesLeaveTheEntityListEmpty() {
        store.write(List.of(rowWith("a1", AIRSPACE, MAY_1, "x")), Map.of(AIRSPACE_P0, 1L));

        assertThat(store.topEntities(AIRSPACE, 10)).isEmpty();
    }

    @Test
    void countsArticlesPerUtcDayWithinTheRange() {
        store.write(
                List.of(
                        row("a1", AIRSPACE, MAY_1),
                        row("a2", AIRSPACE, MAY_1_LATE),
                        row("a3", AIRSPACE, MAY_3),
                        row("s1", STRIKES, MAY_3)),
                Map.of(AIRSPACE_P0, 4L));

        assertThat(store.timeline(AIRSPACE, null, null))
                .containsExactly(
                        new DayCount(LocalDate.parse("2011-05-01"), 2),
                        new DayCount(LocalDate.parse("2011-05-03"), 1));
        assertThat(store.timeline(AIRSPACE, Instant.parse("2011-05-02T00:00:00Z"), null))
                .containsExactly(new DayCount(LocalDate.parse("2011-05-03"), 1));
    }

    @Test
    void pagesArticlesWithinAHalfOpenTimeRange() {
        store.write(
                List.of(
                        row("a1", AIRSPACE, MAY_1),
                        row("a2", AIRSPACE, MAY_1_LATE),
                        row("a3", AIRSPACE, MAY_3)),
                Map.of(AIRSPACE_P0, 3L));

        assertThat(store.articles(AIRSPACE, MAY_1, MAY_3, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a2", "a1");
        assertThat(store.countArticles(AIRSPACE, MAY_1, MAY_3)).isEqualTo(2);
        assertThat(store.articles(AIRSPACE, MAY_1_LATE, null, 1, 1))
                .extracting(ArticleRow::id)
                .containsExactly("a2");
        assertThat(store.countArticles(AIRSPACE, null, null)).isEqualTo(3);
        assertThat(store.article(AIRSPACE, "a3")).contains(row("a3", AIRSPACE, MAY_3));
        assertThat(store.article(STRIKES, "a3")).isEmpty();
    }

    @Test
    void searchesTitleAndTextForEveryWordCaseInsensitively() {
        store.write(
                List.of(
                        rowWith("a1", AIRSPACE, MAY_1, "Talks on AIRSPACE use in Islamabad"),
                        rowWith("a2", AIRSPACE, MAY_3, "Drone strikes near Kabul"),
                        rowWith("s1", STRIKES, MAY_3, "Drone strikes near Miramshah; 100% sure")),
                Map.of(AIRSPACE_P0, 3L));

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
        // The title is searched too ("Title of a2").
        assertThat(store.search("of a2", null, 10, 0)).extracting(ArticleRow::id).contains("a2");
        // LIKE wildcards in the query are literal characters.
        assertThat(store.search("100%", null, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("s1");
        assertThat(store.search("_", null, 10, 0)).isEmpty();
        assertThat(store.search("nothing-like-this", null, 10, 0)).isEmpty();
    }

    @Test
    void refusesAnEmptyOrTooLongSearch() {
        assertThatThrownBy(() -> store.search("  ", null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search("a b c d e f g h i j k", null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 10 words");
    }
}
