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
import java.util.Random;

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

    /** The words of {@link #randomBody}: news words and English function words. */
    public static final String VOCABULARY =
            "pakistan united states airspace drone strikes officials said told reuters islamabad"
                    + " washington military intelligence chief visit agreement talks government"
                    + " minister army border tribal region attack militants operation cooperation"
                    + " negotiations deal corridor supply routes nato afghanistan kabul president"
                    + " senate congress aid billion dollars security forces spokesman statement"
                    + " parliament resolution sovereignty violation raid compound abbottabad"
                    + " commission inquiry report week month year meeting general director the of"
                    + " and to in a on for with that by was were is are from as at which had has"
                    + " have been an it its their they would will could after before during";

    /**
     * A body of {@code words} words drawn from {@link #VOCABULARY}, a full stop every 17 words:
     * about 6.5 characters per word, so 600 words make ~4 KB (the throughput benchmarks' article).
     */
    public static String randomBody(Random random, int words) {
        String[] vocabulary = VOCABULARY.split(" ");
        StringBuilder body = new StringBuilder(words * 7);
        for (int w = 0; w < words; w++) {
            body.append(vocabulary[random.nextInt(vocabulary.length)])
                    .append(w % 17 == 16 ? ". " : " ");
        }
        return body.toString();
    }
}
