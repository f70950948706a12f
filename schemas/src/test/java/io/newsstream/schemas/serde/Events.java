package io.newsstream.schemas.serde;

import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.Comment;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.Evidence;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Events with every field set (including the optional ones), for round-trip tests. */
final class Events {

    private Events() {}

    static RawArticle rawArticle() {
        return RawArticle.newBuilder()
                .setId("a1b2c3")
                .setFeedId("tribune-rss")
                .setSourceType("rss")
                .setOutlet("The Express Tribune")
                .setUrl("https://tribune.example/story/123")
                .setTitle("Airspace deal signed — “historic” step")
                .setSubtitle("Both sides reopen corridors")
                .setByline("By A. Reporter")
                .setDateline("ISLAMABAD")
                .setPublishedAt(Instant.parse("2025-03-01T08:15:30.123Z"))
                .setFetchedAt(Instant.parse("2025-03-01T08:20:00.456Z"))
                .setBody("First paragraph.\n\nSecond paragraph with ünïcödé and 日本語.")
                .setCaptions(List.of("A plane over the mountains", "Officials shake hands"))
                .setComments(
                        List.of(
                                Comment.newBuilder()
                                        .setAuthor("reader1")
                                        .setPostedAt("2 hours ago")
                                        .setText("Good news")
                                        .build()))
                .setLanguage("en")
                .build();
    }

    static EnrichedArticle enrichedArticle() {
        return EnrichedArticle.newBuilder()
                .setId("a1b2c3")
                .setArticle(rawArticle())
                .setPrimaryNewsTopic("airspace-deal")
                .setMatchedNewsTopics(List.of("airspace-deal", "joint-strikes"))
                .setNewsTopics(
                        List.of(
                                NewsTopicScore.newBuilder()
                                        .setNewsTopic("airspace-deal")
                                        .setScore(4.25)
                                        .setMatched(true)
                                        .setProbability(0.93)
                                        .setThreshold(4.0)
                                        .setEvidence(
                                                List.of(
                                                        Evidence.newBuilder()
                                                                .setPhrase("airspace")
                                                                .setField("title")
                                                                .setPosition(0)
                                                                .setCount(2)
                                                                .setWeight(-0.5)
                                                                .build()))
                                        .build()))
                .setEntities(
                        List.of(
                                Entity.newBuilder()
                                        .setName("Islamabad")
                                        .setType(EntityType.PLACE)
                                        .setCount(3)
                                        .setFirstPosition(17)
                                        .setAliases(List.of("ISLAMABAD"))
                                        .build()))
                .setAttributions(
                        List.of(
                                Attribution.newBuilder()
                                        .setSource("AFP")
                                        .setCue("told AFP")
                                        .setPosition(42)
                                        .setQuote("It is a historic step")
                                        .build()))
                .setLanguage("en")
                .setWordCount(321)
                .setContentHash("sha256:0123456789abcdef")
                .setProcessedAt(Instant.parse("2025-03-01T08:21:00.789Z"))
                .build();
    }

    /**
     * Names of top-level fields that are null: a fixture that claims "every field set" has none.
     */
    static List<String> nullFields(SpecificRecord record) {
        return record.getSchema().getFields().stream()
                .filter(f -> record.get(f.pos()) == null)
                .map(Schema.Field::name)
                .toList();
    }
}
