package io.newsstream.consumer;

import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.ArticleRows;
import io.newsstream.consumer.view.DuplicateRow;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.Evidence;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import java.time.Instant;
import java.util.List;

/** Builds realistic enriched articles and view rows for tests. */
public final class TestArticles {

    public static final Instant FETCHED = Instant.parse("2011-05-20T08:00:00Z");

    private TestArticles() {}

    /**
     * An article that matched {@code newsTopic} (or none when null), published {@code published}
     * (may be null).
     */
    public static EnrichedArticle enriched(String id, String newsTopic, Instant published) {
        RawArticle raw =
                RawArticle.newBuilder()
                        .setId(id)
                        .setFeedId("test-feed")
                        .setSourceType("article-file")
                        .setOutlet("The Express Tribune")
                        .setUrl("https://tribune.example/" + id)
                        .setTitle("Title of " + id)
                        .setSubtitle(null)
                        .setByline("Staff reporter")
                        .setDateline("ISLAMABAD")
                        .setPublishedAt(published)
                        .setFetchedAt(FETCHED)
                        .setBody(
                                "Pakistan and the United States discussed the use of Pakistani"
                                        + " airspace, officials told Reuters.")
                        .setCaptions(List.of())
                        .setComments(List.of())
                        .setLanguage("en")
                        .build();
        List<NewsTopicScore> scores =
                newsTopic == null
                        ? List.of(
                                NewsTopicScore.newBuilder()
                                        .setNewsTopic("joint-strikes")
                                        .setScore(1.0)
                                        .setMatched(false)
                                        .setEvidence(List.of())
                                        .build())
                        : List.of(
                                NewsTopicScore.newBuilder()
                                        .setNewsTopic(newsTopic)
                                        .setScore(7.5)
                                        .setMatched(true)
                                        .setEvidence(
                                                List.of(
                                                        Evidence.newBuilder()
                                                                .setPhrase("airspace")
                                                                .setField("title")
                                                                .setPosition(12)
                                                                .setCount(2)
                                                                .setWeight(4.0)
                                                                .build()))
                                        .build());
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setArticle(raw)
                .setPrimaryNewsTopic(newsTopic)
                .setNewsTopics(scores)
                .setEntities(
                        List.of(
                                Entity.newBuilder()
                                        .setName("Pakistan")
                                        .setType(EntityType.PLACE)
                                        .setCount(3)
                                        .setFirstPosition(0)
                                        .setAliases(List.of("Islamabad"))
                                        .build()))
                .setAttributions(
                        List.of(
                                Attribution.newBuilder()
                                        .setSource("Reuters")
                                        .setCue("told Reuters")
                                        .setPosition(80)
                                        .setQuote(null)
                                        .build()))
                .setLanguage("en")
                .setWordCount(120)
                .setContentHash("hash-" + id)
                .setProcessedAt(FETCHED.plusSeconds(60))
                .build();
    }

    /**
     * As {@link #row}, with the given entities ({@code "name:TYPE:count"}) and body; no entities
     * when none are given.
     */
    public static ArticleRow rowWith(
            String id, String newsTopic, Instant published, String body, String... entities) {
        String primary = "unclassified".equals(newsTopic) ? null : newsTopic;
        EnrichedArticle base = enriched(id, primary, published);
        List<Entity> list = new java.util.ArrayList<>();
        for (String e : entities) {
            String[] p = e.split(":");
            list.add(
                    Entity.newBuilder()
                            .setName(p[0])
                            .setType(EntityType.valueOf(p[1]))
                            .setCount(Integer.parseInt(p[2]))
                            .setFirstPosition(0)
                            .setAliases(List.of())
                            .build());
        }
        RawArticle raw = RawArticle.newBuilder(base.getArticle()).setBody(body).build();
        EnrichedArticle article =
                EnrichedArticle.newBuilder(base).setArticle(raw).setEntities(list).build();
        return ArticleRows.from(newsTopic, article, KafkaTopics.enrichedFor(newsTopic), 0, 0);
    }

    /** Another outlet's copy of {@code originalId}, recognised as a near duplicate. */
    public static DuplicateRow duplicate(
            String newsTopic, String originalId, String duplicateId, String outlet) {
        return new DuplicateRow(
                newsTopic,
                originalId,
                duplicateId,
                "NEAR_DUPLICATE",
                0.9,
                outlet,
                "https://"
                        + outlet.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')
                        + "/"
                        + duplicateId,
                "Copy of " + originalId,
                null,
                FETCHED.plusSeconds(120));
    }

    /** The row the view stores for {@link #enriched} under {@code newsTopic}. */
    public static ArticleRow row(String id, String newsTopic, Instant published) {
        String primary = "unclassified".equals(newsTopic) ? null : newsTopic;
        return ArticleRows.from(
                newsTopic,
                enriched(id, primary, published),
                KafkaTopics.enrichedFor(newsTopic),
                0,
                0);
    }
}
