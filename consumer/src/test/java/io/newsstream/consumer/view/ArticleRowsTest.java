package io.newsstream.consumer.view;

import static io.newsstream.consumer.TestArticles.FETCHED;
import static io.newsstream.consumer.TestArticles.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.EnrichedArticle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KAFKA_TOPIC = KafkaTopics.enrichedFor("airspace-deal");

    @Test
    void mapsTheColumnsTheViewShowsAndRemembersTheSource() {
        Instant published = Instant.parse("2011-05-19T10:15:30Z");

        ArticleRow row =
                ArticleRows.from(
                        "airspace-deal",
                        enriched("a1", "airspace-deal", published),
                        KAFKA_TOPIC,
                        2,
                        41);

        assertThat(row.newsTopic()).isEqualTo("airspace-deal");
        assertThat(row.id()).isEqualTo("a1");
        assertThat(row.title()).isEqualTo("Title of a1");
        assertThat(row.outlet()).isEqualTo("The Express Tribune");
        assertThat(row.url()).isEqualTo("https://tribune.example/a1");
        assertThat(row.publishedAt()).isEqualTo(published);
        assertThat(row.fetchedAt()).isEqualTo(FETCHED);
        assertThat(row.processedAt()).isEqualTo(FETCHED.plusSeconds(60));
        assertThat(row.sortAt()).isEqualTo(published);
        assertThat(row.wordCount()).isEqualTo(120);
        assertThat(row.primaryNewsTopic()).isEqualTo("airspace-deal");
        assertThat(row.sourceKafkaTopic()).isEqualTo(KAFKA_TOPIC);
        assertThat(row.sourcePartition()).isEqualTo(2);
        assertThat(row.sourceOffset()).isEqualTo(41);
    }

    @Test
    void sortsAnUndatedArticleAfterEveryDatedOneNotAsPublishedWhenFetched() {
        ArticleRow row =
                ArticleRows.from("airspace-deal", enriched("a1", null, null), KAFKA_TOPIC, 0, 0);

        assertThat(row.publishedAt()).isNull();
        assertThat(row.dated()).isFalse();
        assertThat(row.sortAt()).isNotEqualTo(FETCHED).isBefore(Instant.EPOCH);
    }

    @Test
    void keysScoresByNewsTopicWithTheirEvidence() throws Exception {
        ArticleRow row =
                ArticleRows.from(
                        "airspace-deal", enriched("a1", "airspace-deal", null), KAFKA_TOPIC, 0, 0);

        JsonNode scores = JSON.readTree(row.scoresJson());
        assertThat(scores.fieldNames()).toIterable().containsExactly("airspace-deal");
        JsonNode s = scores.get("airspace-deal");
        assertThat(s.get("score").asDouble()).isEqualTo(7.5);
        assertThat(s.get("matched").asBoolean()).isTrue();
        assertThat(s.get("evidence").get(0).get("phrase").asText()).isEqualTo("airspace");
        assertThat(s.get("evidence").get(0).get("position").asInt()).isEqualTo(12);
        assertThat(s.get("evidence").get(0).get("weight").asDouble()).isEqualTo(4.0);
    }

    @Test
    void passesEachScoresProbabilityAndThresholdThroughNullWhenRulesOnly() throws Exception {
        EnrichedArticle base = enriched("a1", "airspace-deal", null);
        EnrichedArticle withModel =
                EnrichedArticle.newBuilder(base)
                        .setNewsTopics(
                                java.util.List.of(
                                        io.newsstream.schemas.event.NewsTopicScore.newBuilder(
                                                        base.getNewsTopics().get(0))
                                                .setProbability(0.87)
                                                .setThreshold(6.0)
                                                .build()))
                        .build();

        JsonNode modelled =
                JSON.readTree(
                                ArticleRows.from("airspace-deal", withModel, KAFKA_TOPIC, 0, 0)
                                        .scoresJson())
                        .get("airspace-deal");
        JsonNode rulesOnly =
                JSON.readTree(
                                ArticleRows.from("airspace-deal", base, KAFKA_TOPIC, 0, 0)
                                        .scoresJson())
                        .get("airspace-deal");

        assertThat(modelled.get("probability").asDouble()).isEqualTo(0.87);
        assertThat(modelled.get("threshold").asDouble()).isEqualTo(6.0);
        assertThat(rulesOnly.get("probability").isNull()).isTrue();
    }

    @Test
    void anArticleBelongsToEveryMatchedNewsTopicOrToUnclassified() {
        EnrichedArticle two =
                EnrichedArticle.newBuilder(enriched("a1", "airspace-deal", null))
                        .setMatchedNewsTopics(java.util.List.of("airspace-deal", "joint-strikes"))
                        .build();

        assertThat(ArticleRows.from("joint-strikes", two, KAFKA_TOPIC, 0, 0).memberOf())
                .containsExactlyInAnyOrder("airspace-deal", "joint-strikes");
        assertThat(
                        ArticleRows.from(
                                        "unclassified",
                                        enriched("a2", null, null),
                                        KAFKA_TOPIC,
                                        0,
                                        0)
                                .memberOf())
                .containsExactly("unclassified");
        assertThat(
                        ArticleRows.from(
                                        "airspace-deal",
                                        enriched("a3", "airspace-deal", null),
                                        KAFKA_TOPIC,
                                        0,
                                        0)
                                .memberOf())
                .as("a record older than matchedNewsTopics: its primary news topic")
                .containsExactly("airspace-deal");
    }

    @Test
    void keepsTheWholeEnrichmentAsPlainJson() throws Exception {
        EnrichedArticle event = enriched("a1", "airspace-deal", null);

        JsonNode json =
                JSON.readTree(
                        ArticleRows.from("airspace-deal", event, KAFKA_TOPIC, 0, 0)
                                .enrichmentJson());

        assertThat(json.get("id").asText()).isEqualTo("a1");
        assertThat(json.get("contentHash").asText()).isEqualTo("hash-a1");
        assertThat(json.get("processedAt").asText()).isEqualTo("2011-05-20T08:01:00Z");
        assertThat(json.get("article").get("fetchedAt").asText()).isEqualTo(FETCHED.toString());
        assertThat(json.get("article").get("publishedAt").isNull()).isTrue();
        assertThat(json.get("article").get("body").asText()).contains("Pakistani airspace");
        assertThat(json.get("entities").get(0).get("type").asText()).isEqualTo("PLACE");
        assertThat(json.get("entities").get(0).get("aliases").get(0).asText())
                .isEqualTo("Islamabad");
        assertThat(json.get("attributions").get(0).get("cue").asText()).isEqualTo("told Reuters");
        assertThat(json.get("attributions").get(0).get("quote").isNull()).isTrue();
        assertThat(json.get("wordCount").asInt()).isEqualTo(120);
    }

    @Test
    void rejectsATombstoneSayingWhy() {
        assertThatThrownBy(() -> ArticleRows.from("airspace-deal", null, KAFKA_TOPIC, 0, 0))
                .isInstanceOf(ArticleRows.InvalidArticleException.class)
                .hasMessageContaining("tombstone");
    }
}
