package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the model sees of an article: where the groups and rules occur. */
class TopicFeaturesTest {

    private static final String YAML =
            """
            newsTopics:
              - id: strikes
                groups:
                  drone: ["drone"]
                  place: ["waziristan"]
                  elsewhere: ["yemen"]
                  pakistan: ["pakistan"]
                together:
                  - [drone, place]
                against:
                  - [drone, elsewhere]
            """;

    private static NewsTopicClassifier classifier() throws IOException {
        return NewsTopicClassifier.fromCatalog(
                NewsTopicCatalog.parse(
                        new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8)), "test"),
                NewsTopicModel.EMPTY);
    }

    private static Map<String, Double> features(String title, String body) throws IOException {
        NewsTopicClassifier c = classifier();
        List<String> names = c.featureNames("strikes");
        double[] x = c.modelInputs(new ArticleText(title, null, body)).get("strikes").features();
        assertThat(x).hasSize(names.size());
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < x.length; k++) {
            out.put(names.get(k), x[k]);
        }
        return out;
    }

    @Test
    void theDefinitionsGiveEachFeatureTheWayItPushes() throws IOException {
        NewsTopicClassifier c = classifier();
        List<String> names = c.featureNames("strikes");
        int[] signs = c.featureSigns("strikes");
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int k = 0; k < signs.length; k++) {
            byName.put(names.get(k), signs[k]);
        }

        assertThat(byName)
                .containsEntry("rules", 1)
                .containsEntry("rules against", -1)
                .containsEntry("drone@lead", 1) // in a together rule (and an against one)
                .containsEntry("place#paragraphs", 1)
                .containsEntry("elsewhere%coverage", -1) // only in an against rule
                .containsEntry("pakistan@lead", 0) // in no rule: the examples decide
                .containsEntry("drone+place#2+", 1)
                .containsEntry("against drone+elsewhere@lead", -1);
    }

    @Test
    void countsTheParagraphsWhereARuleHoldsAndWhetherTheLeadHasIt() throws IOException {
        Map<String, Double> f =
                features(
                        "Weather",
                        "Sun in Lahore.\nRain in Karachi.\nA drone struck in Waziristan.\n"
                                + "Another drone over Waziristan.\nThe end.");

        assertThat(f.get("drone+place@lead")).isZero();
        assertThat(f.get("drone+place#paragraphs")).isEqualTo(2 / 5.0);
        assertThat(f.get("drone+place#2+")).isEqualTo(1.0);
        assertThat(f.get("drone+place%coverage")).isEqualTo(2 / 5.0);
        assertThat(f.get("drone@lead")).isZero();
        assertThat(f.get("drone#paragraphs")).isEqualTo(2 / 5.0);
        // the rules' score: no lead, two of at most three paragraphs
        assertThat(f.get("rules")).isEqualTo(2 / 3.0);
        assertThat(f.get("rules against")).isZero();
    }

    @Test
    void aRuleInTheHeadlineCountsAsLead() throws IOException {
        Map<String, Double> f =
                features("Drone strike in Waziristan", "Officials said.\nMore.\nEnd.");

        assertThat(f.get("drone+place@lead")).isEqualTo(1.0);
        assertThat(f.get("drone+place#paragraphs")).isZero();
        assertThat(f.get("rules")).isEqualTo(1.0);
    }

    @Test
    void readsABodyOfOneLineSentenceBySentence() throws IOException {
        Map<String, Double> f =
                features(
                        "News",
                        "A drone hit a car in Yemen. Officials said three died. Rights groups"
                                + " compared it with strikes in Waziristan. \"It is the same"
                                + " drone war,\" one said.");

        // four sentences; the drone and Waziristan are never in one sentence
        assertThat(f.get("drone+place#paragraphs")).isZero();
        assertThat(f.get("drone%coverage")).isEqualTo(2 / 4.0);
        assertThat(f.get("rules against")).isGreaterThan(0);
    }

    @Test
    void aBodyOfOneOrTwoShortLinesIsBriefAndALongOneIsNot() {
        String sentence = "A drone hit a car in Waziristan, officials said on Monday. ";

        assertThat(TopicFeatures.Paragraphs.of(sentence).brief()).as("a feed item").isTrue();
        assertThat(TopicFeatures.Paragraphs.of(sentence + "\n\n" + sentence).brief()).isTrue();
        assertThat(TopicFeatures.Paragraphs.of(sentence.repeat(30)).brief())
                .as("300 words whose line breaks were lost")
                .isFalse();
        assertThat(
                        TopicFeatures.Paragraphs.of(sentence + "\n" + sentence + "\n" + sentence)
                                .brief())
                .as("three paragraphs")
                .isFalse();
    }
}
