package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.duplicate;
import static io.newsstream.consumer.TestArticles.row;
import static io.newsstream.consumer.TestArticles.rowWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.consumer.TestPostgres;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The view's read side beyond the article pages (duplicates, entities, timeline, search), run
 * against both dialects: an embedded SQLite file and a fresh schema on the test PostgreSQL server
 * (see {@link TestPostgres}).
 */
@ParameterizedClass
@EnumSource(ViewDatabase.Dialect.class)
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

    @Parameter ViewDatabase.Dialect dialect;
    @TempDir Path dir;
    private TestPostgres postgres;
    private JdbcViewStore store;

    @BeforeEach
    void open() {
        if (dialect == ViewDatabase.Dialect.POSTGRESQL) {
            postgres = TestPostgres.freshSchema();
        }
        store = open("view.db", TransactionHook.NONE);
    }

    private JdbcViewStore open(String sqliteFile, TransactionHook hook) {
        return dialect == ViewDatabase.Dialect.POSTGRESQL
                ? postgres.open(hook)
                : JdbcViewStore.sqlite(dir.resolve(sqliteFile), hook);
    }

    @AfterEach
    void close() {
        store.close();
        if (postgres != null) {
            postgres.close();
        }
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
                open(
                        "failing.db",
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
    void aVersionTheForwardOnlyUpsertDeclinesLeavesTheEntitiesOfTheStoredVersion() {
        store.write(
                List.of(atOffset(rowWith("a1", AIRSPACE, MAY_1, "x", "CIA:ORGANIZATION:2"), 5)),
                Map.of(AIRSPACE_P0, 6L));
        // An older version from the same partition (a zombie write) is not stored...
        store.write(
                List.of(atOffset(rowWith("a1", AIRSPACE, MAY_1, "x", "Pakistan:PLACE:1"), 3)),
                Map.of());
        // ...and neither are its entities.
        assertThat(store.topEntities(AIRSPACE, 10))
                .containsExactly(new EntityCount("CIA", "ORGANIZATION", 1, 2));

        // Two versions in one batch: the later one's entities win.
        store.write(
                List.of(
                        atOffset(rowWith("a1", AIRSPACE, MAY_1, "x", "Joe Biden:PERSON:1"), 8),
                        atOffset(rowWith("a1", AIRSPACE, MAY_1, "x", "CNN:ORGANIZATION:4"), 7)),
                Map.of(AIRSPACE_P0, 9L));
        assertThat(store.topEntities(AIRSPACE, 10))
                .containsExactly(new EntityCount("Joe Biden", "PERSON", 1, 1));
    }

    @Test
    void ordersEntityTiesByNameInByteOrderOnBothStores() {
        store.write(
                List.of(
                        rowWith(
                                "a1",
                                AIRSPACE,
                                MAY_1,
                                "x",
                                "apple:ORGANIZATION:1",
                                "Zebra:ORGANIZATION:1",
                                "Émile:PERSON:1",
                                "Mike:PERSON:1")),
                Map.of(AIRSPACE_P0, 1L));

        assertThat(store.topEntities(AIRSPACE, 10))
                .extracting(EntityCount::name)
                .containsExactly("Mike", "Zebra", "apple", "Émile");
    }

    private static ArticleRow atOffset(ArticleRow r, long offset) {
        return new ArticleRow(
                r.newsTopic(),
                r.id(),
                r.title(),
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
    void undatedArticlesSortAfterDatedOnesAndStayOutOfTheTimelineAndTheDateRange() {
        store.write(
                List.of(
                        row("u1", AIRSPACE, null),
                        row("a1", AIRSPACE, MAY_1),
                        row("a3", AIRSPACE, MAY_3)),
                Map.of(AIRSPACE_P0, 3L));

        assertThat(store.articles(AIRSPACE, 10, 0))
                .extracting(ArticleRow::id)
                .containsExactly("a3", "a1", "u1");
        assertThat(store.articles(AIRSPACE, 10, 0).get(2).publishedAt()).isNull();
        assertThat(store.timeline(AIRSPACE, null, null))
                .containsExactly(
                        new DayCount(LocalDate.parse("2011-05-01"), 1),
                        new DayCount(LocalDate.parse("2011-05-03"), 1));
        assertThat(store.newsTopicStats())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.articleCount()).isEqualTo(3);
                            assertThat(s.firstSeen()).isEqualTo(MAY_1);
                            assertThat(s.lastSeen()).isEqualTo(MAY_3);
                        });
    }

    @Test
    void aNewsTopicOfUndatedArticlesOnlyHasNoFirstOrLastDate() {
        store.write(List.of(row("u1", AIRSPACE, null)), Map.of(AIRSPACE_P0, 1L));

        assertThat(store.newsTopicStats())
                .singleElement()
                .satisfies(s -> assertThat(s.firstSeen()).isNull());
        assertThat(store.timeline(AIRSPACE, null, null)).isEmpty();
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
        // Query syntax characters are neither errors nor wildcards.
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
