package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleEnricherTest {

    private static final NewsTopicClassifier CLASSIFIER =
            NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault());
    private static final Instant NOW = Instant.parse("2026-01-10T08:00:01.234567Z");
    private static final ArticleEnricher ENRICHER =
            new ArticleEnricher(CLASSIFIER, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void enrichesASeedWithItsNewsTopicScoresAndEvidence() {
        RawArticle raw = RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt");

        EnrichedArticle e = ENRICHER.enrich(raw);

        assertThat(e.getId()).isEqualTo(raw.getId());
        assertThat(e.getArticle()).isEqualTo(raw);
        assertThat(e.getPrimaryNewsTopic()).isEqualTo("airspace-deal");
        NewsTopicScore airspace =
                e.getNewsTopics().stream()
                        .filter(s -> s.getNewsTopic().equals("airspace-deal"))
                        .findFirst()
                        .orElseThrow();
        assertThat(airspace.getMatched()).isTrue();
        // the trained model's probability is the score
        assertThat(airspace.getScore()).isBetween(0.5, 1.0);
        // the evidence says where: the rule "airspace said with the US" holds in the paragraph at
        // its position
        assertThat(airspace.getEvidence())
                .anySatisfy(
                        ev -> {
                            assertThat(ev.getPhrase()).isEqualTo("together: airspace+us-nato");
                            assertThat(ev.getField()).isEqualTo("body");
                            assertThat(ev.getWeight()).isPositive();
                            String paragraph = raw.getBody().substring(ev.getPosition());
                            assertThat(
                                            paragraph
                                                    .substring(
                                                            0,
                                                            paragraph.indexOf('\n') < 0
                                                                    ? paragraph.length()
                                                                    : paragraph.indexOf('\n'))
                                                    .toLowerCase())
                                    .contains("airspace");
                        });
        // only news topics with evidence are listed, and only the primary one matched
        assertThat(e.getNewsTopics()).allSatisfy(s -> assertThat(s.getEvidence()).isNotEmpty());
        assertThat(e.getNewsTopics().stream().filter(NewsTopicScore::getMatched))
                .extracting(NewsTopicScore::getNewsTopic)
                .containsExactly("airspace-deal");
        assertThat(e.getMatchedNewsTopics()).containsExactly("airspace-deal");
        assertThat(airspace.getThreshold()).isNotNull().isLessThanOrEqualTo(airspace.getScore());
    }

    @Test
    void listsEveryMatchedNewsTopicPrimaryFirstWithProbabilityAndThreshold() {
        Classification.Evidence ev =
                new Classification.Evidence("deal", ArticleField.TITLE, 0, 1, 12.0);
        Classification classification =
                new Classification(
                        List.of(
                                new Classification.Result(
                                        "a", 11.0, 10.0, true, true, List.of(ev), 0.61),
                                new Classification.Result(
                                        "b", 30.0, 10.0, true, true, List.of(ev), 0.97),
                                new Classification.Result(
                                        "c", 9.0, 10.0, true, false, List.of(ev), null)),
                        "b");

        assertThat(ArticleEnricher.matchedNewsTopics(classification)).containsExactly("b", "a");
        assertThat(ArticleEnricher.scores(classification))
                .extracting(
                        NewsTopicScore::getNewsTopic,
                        NewsTopicScore::getProbability,
                        NewsTopicScore::getThreshold)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", 0.61, 10.0),
                        org.assertj.core.groups.Tuple.tuple("b", 0.97, 10.0),
                        org.assertj.core.groups.Tuple.tuple("c", null, 10.0));
    }

    @Test
    void leavesAnUnrelatedArticleWithoutPrimaryNewsTopic() {
        EnrichedArticle e =
                ENRICHER.enrich(
                        RawArticles.of(
                                "rates", "Central bank holds rates", "Rates were unchanged."));
        assertThat(e.getPrimaryNewsTopic()).isNull();
        assertThat(e.getMatchedNewsTopics()).isEmpty();
        assertThat(e.getNewsTopics()).isEmpty();
    }

    @Test
    void countsWordsOfTitleAndBodyAndStampsProcessingTimeInMillis() {
        EnrichedArticle e =
                ENRICHER.enrich(
                        RawArticles.of(
                                "w",
                                "Two words",
                                "U.S.-led talks — on Pakistan’s airspace, 2021."));
        assertThat(e.getWordCount()).isEqualTo(2 + 6);
        assertThat(e.getProcessedAt()).isEqualTo(Instant.parse("2026-01-10T08:00:01.234Z"));
        assertThat(e.getEntities()).isEmpty();
        assertThat(e.getAttributions()).isEmpty();
    }

    @Test
    void takesTheDeclaredLanguageElseNone() {
        RawArticle declared = RawArticles.of("l", "Title here", "Body");
        declared.setLanguage("en");
        assertThat(ENRICHER.enrich(declared).getLanguage()).isEqualTo("en");
        assertThat(ENRICHER.enrich(RawArticles.of("n", "Title here", "Body")).getLanguage())
                .isNull();
    }

    @Test
    void hashesTheNormalisedTextSoThatCosmeticVariantsHashAlike() {
        String hash =
                ENRICHER.enrich(RawArticles.of("a", "Pakistan’s deal", "The  U.S. talks\n\ngo on."))
                        .getContentHash();
        String variant =
                ENRICHER.enrich(RawArticles.of("b", "PAKISTAN'S DEAL ", "The U.S. talks go on."))
                        .getContentHash();
        String different =
                ENRICHER.enrich(RawArticles.of("c", "Pakistan’s deal", "The U.S. talks stop."))
                        .getContentHash();
        String moved =
                ENRICHER.enrich(RawArticles.of("d", "Pakistan’s deal The", "U.S. talks go on."))
                        .getContentHash();

        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(variant).isEqualTo(hash);
        assertThat(different).isNotEqualTo(hash);
        assertThat(moved).isNotEqualTo(hash);
    }

    @Test
    void includesWhatPluggedInExtractorsFind() {
        Entity isi = new Entity("ISI", EntityType.ORGANIZATION, 1, 0, List.of());
        Attribution afp = new Attribution("AFP", "told AFP", 10, null);
        ArticleEnricher enricher =
                new ArticleEnricher(
                        CLASSIFIER,
                        a -> List.of(isi),
                        a -> List.of(afp),
                        Clock.fixed(NOW, ZoneOffset.UTC));

        EnrichedArticle e = enricher.enrich(RawArticles.of("x", "ISI", "an official told AFP"));

        assertThat(e.getEntities()).containsExactly(isi);
        assertThat(e.getAttributions()).containsExactly(afp);
    }
}
