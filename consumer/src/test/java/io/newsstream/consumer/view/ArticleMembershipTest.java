package io.newsstream.consumer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.consumer.TestArticles;
import io.newsstream.consumer.TestPostgres;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.EnrichedArticle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * Multi-label membership in the view (both dialects): an article's rows follow the news topics of
 * its newest enrichment, whatever order the Kafka topics are read in, and replays change nothing.
 */
@ParameterizedClass
@EnumSource(ViewDatabase.Dialect.class)
class ArticleMembershipTest {

    private static final String AIRSPACE = "airspace-deal";
    private static final String STRIKES = "joint-strikes";
    private static final String UNCLASSIFIED = "unclassified";
    private static final Instant FIRST_RUN = TestArticles.FETCHED.plusSeconds(60);
    private static final Instant REPROCESSED = FIRST_RUN.plusSeconds(3600);

    @Parameter ViewDatabase.Dialect dialect;
    @TempDir Path dir;
    private TestPostgres postgres;
    private JdbcViewStore store;
    private long offset;

    @BeforeEach
    void open() {
        if (dialect == ViewDatabase.Dialect.POSTGRESQL) {
            postgres = TestPostgres.freshSchema();
            store = postgres.open(TransactionHook.NONE);
        } else {
            store = JdbcViewStore.sqlite(dir.resolve("view.db"), TransactionHook.NONE);
        }
    }

    @AfterEach
    void close() {
        store.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    /** An enrichment of {@code id} at {@code processedAt} matching {@code newsTopics}. */
    private static EnrichedArticle version(String id, Instant processedAt, String... newsTopics) {
        EnrichedArticle base =
                TestArticles.enriched(id, newsTopics.length == 0 ? null : newsTopics[0], null);
        return EnrichedArticle.newBuilder(base)
                .setMatchedNewsTopics(List.of(newsTopics))
                .setProcessedAt(processedAt)
                .build();
    }

    /** The records of one enrichment, one per Kafka topic it is published on. */
    private List<ArticleRow> records(EnrichedArticle article) {
        List<ArticleRow> out = new ArrayList<>();
        List<String> topics =
                article.getMatchedNewsTopics().isEmpty()
                        ? List.of(UNCLASSIFIED)
                        : article.getMatchedNewsTopics();
        for (String t : topics) {
            String kafkaTopic =
                    t.equals(UNCLASSIFIED) ? KafkaTopics.UNCLASSIFIED : KafkaTopics.enrichedFor(t);
            out.add(ArticleRows.from(t, article, kafkaTopic, 0, offset++));
        }
        return out;
    }

    private void write(List<ArticleRow> rows, List<DuplicateRow> links) {
        store.write(rows, links, Map.of(new TopicPartition("any", 0), ++offset));
    }

    private List<String> newsTopicsOf(String id) {
        List<String> out = new ArrayList<>();
        for (String t : List.of(AIRSPACE, STRIKES, UNCLASSIFIED)) {
            store.article(t, id).ifPresent(r -> out.add(t));
        }
        return out;
    }

    private List<String> linkTopics(String originalId) {
        List<String> out = new ArrayList<>();
        for (String t : List.of(AIRSPACE, STRIKES, UNCLASSIFIED)) {
            store.duplicatesOf(t, List.of(originalId))
                    .getOrDefault(originalId, List.of())
                    .forEach(d -> out.add(t + ":" + d.duplicateId()));
        }
        return out;
    }

    private static DuplicateRow link(String newsTopic, String original, String dup, Instant at) {
        DuplicateRow d = TestArticles.duplicate(newsTopic, original, dup, "Other Outlet");
        return new DuplicateRow(
                d.newsTopic(),
                d.originalId(),
                d.duplicateId(),
                d.kind(),
                d.similarity(),
                d.outlet(),
                d.url(),
                d.title(),
                d.publishedAt(),
                at);
    }

    @Test
    void anArticleOfTwoNewsTopicsIsFiledUnderBoth() {
        write(records(version("a", FIRST_RUN, AIRSPACE, STRIKES)), List.of());

        assertThat(newsTopicsOf("a")).containsExactly(AIRSPACE, STRIKES);
    }

    @Test
    void aNewerVersionMovesTheArticleOutOfUnclassifiedAndDropsItsOldLinks() {
        write(records(version("a", FIRST_RUN)), List.of(link(UNCLASSIFIED, "a", "b", FIRST_RUN)));
        assertThat(newsTopicsOf("a")).containsExactly(UNCLASSIFIED);
        assertThat(linkTopics("a")).containsExactly(UNCLASSIFIED + ":b");

        // re-processed: both articles now belong to airspace, b again a duplicate of a there
        write(records(version("a", REPROCESSED, AIRSPACE)), List.of());
        write(List.of(), List.of(link(AIRSPACE, "a", "b", REPROCESSED)));

        assertThat(newsTopicsOf("a")).containsExactly(AIRSPACE);
        assertThat(linkTopics("a")).containsExactly(AIRSPACE + ":b");
        assertThat(newsTopicsOf("b")).as("b is now only a duplicate").isEmpty();
        assertThat(store.countArticles(UNCLASSIFIED)).isZero();
    }

    @Test
    void oldRecordsReadAfterTheNewOnesChangeNothing() {
        List<ArticleRow> oldA = records(version("a", FIRST_RUN, STRIKES));
        List<ArticleRow> oldB = records(version("b", FIRST_RUN));
        DuplicateRow oldLink = link(STRIKES, "a", "c", FIRST_RUN);
        write(oldA, List.of(oldLink));
        write(oldB, List.of());
        write(records(version("a", REPROCESSED, AIRSPACE, STRIKES)), List.of());
        write(records(version("b", REPROCESSED, AIRSPACE)), List.of());
        write(List.of(), List.of(link(AIRSPACE, "b", "c", REPROCESSED)));

        for (int replay = 0; replay < 2; replay++) {
            write(oldA, List.of(oldLink));
            write(oldB, List.of());
        }

        assertThat(newsTopicsOf("a")).containsExactly(AIRSPACE, STRIKES);
        assertThat(store.article(STRIKES, "a").orElseThrow().processedAt()).isEqualTo(REPROCESSED);
        assertThat(newsTopicsOf("b")).containsExactly(AIRSPACE);
        assertThat(linkTopics("a")).as("c is a duplicate of b now").isEmpty();
        assertThat(linkTopics("b")).containsExactly(AIRSPACE + ":c");
        assertThat(store.countArticles(UNCLASSIFIED)).isZero();
    }

    @Test
    void aNewerVersionInTheSameBatchAsAnOlderOneWins() {
        List<ArticleRow> both = new ArrayList<>(records(version("a", FIRST_RUN, STRIKES)));
        both.addAll(records(version("a", REPROCESSED, AIRSPACE)));
        write(both, List.of());

        assertThat(newsTopicsOf("a")).containsExactly(AIRSPACE);
        assertThat(store.topEntities(STRIKES, 10)).isEmpty();
    }

    @Test
    void anArticleThatLeavesANewsTopicTakesItsEntitiesWithIt() {
        write(records(version("a", FIRST_RUN, STRIKES)), List.of());
        assertThat(store.topEntities(STRIKES, 10)).isNotEmpty();

        write(records(version("a", REPROCESSED, AIRSPACE)), List.of());

        assertThat(store.topEntities(STRIKES, 10)).isEmpty();
        assertThat(store.topEntities(AIRSPACE, 10)).isNotEmpty();
    }
}
