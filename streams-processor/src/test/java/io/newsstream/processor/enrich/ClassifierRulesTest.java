package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The classifier's mechanics on small hand-written definitions. */
class ClassifierRulesTest {

    private static final String DRONES =
            """
            newsTopics:
              - id: drones
                threshold: 3.0
                groups:
                  drone: ["drone"]
                  country: ["pakistan", {phrase: "US", matchCase: true}]
                require:
                  - all: [drone, country]
                terms:
                  - {phrase: "drone strike", weight: 2.0}
                  - {phrases: ["negotiat*", "talks"], weight: 1.0}
                exclude:
                  - {phrase: "yemen", weight: -5.0}
            """;

    @Test
    void weighsATitleMatchMoreThanABodyMatch() {
        NewsTopicClassifier c = classifier(DRONES);
        double inTitle =
                c.classify(new ArticleText("Drone strike in Pakistan", null, ""))
                        .result("drones")
                        .score();
        double inBody =
                c.classify(new ArticleText("", null, "Drone strike in Pakistan"))
                        .result("drones")
                        .score();
        assertThat(inTitle).isEqualTo(4.0);
        assertThat(inBody).isEqualTo(2.0);
    }

    @Test
    void reportsFieldFirstPositionCountAndWeightAsEvidence() {
        Classification.Result r =
                classifier(DRONES)
                        .classify(
                                new ArticleText(
                                        "Talks on drones",
                                        null,
                                        "Pakistan said two drone-strikes hit. Another drone strike"
                                                + " followed."))
                        .result("drones");

        assertThat(r.evidence())
                .containsExactlyInAnyOrder(
                        new Classification.Evidence(
                                "drone strike", ArticleField.BODY, 18, 2, 3.386),
                        new Classification.Evidence("talks", ArticleField.TITLE, 0, 1, 2.0));
        assertThat(r.score()).isEqualTo(5.386);
        assertThat(r.matched()).isTrue();
    }

    @Test
    void countsAlternativePhrasesOfOneTermTogether() {
        Classification.Result r =
                classifier(DRONES)
                        .classify(
                                new ArticleText(
                                        "", null, "Pakistan drone talks and negotiations, talks"))
                        .result("drones");
        // one term, three occurrences: 1 x (1 + ln 3), shared 2:1 between the two phrases
        assertThat(r.score())
                .isCloseTo(1 + Math.log(3), org.assertj.core.data.Offset.offset(0.002));
        assertThat(r.evidence())
                .extracting(Classification.Evidence::phrase)
                .containsExactly("negotiat*", "talks");
    }

    @Test
    void needsEveryRequiredGroupEvenAboveThreshold() {
        Classification.Result r =
                classifier(DRONES)
                        .classify(
                                new ArticleText("Drone strike, drone strike", null, "drone strike"))
                        .result("drones");
        assertThat(r.score()).isGreaterThan(3.0);
        assertThat(r.requirementsMet()).isFalse();
        assertThat(r.matched()).isFalse();
    }

    @Test
    void matchesCaseSensitivePhrasesOnlyInTheirCase() {
        NewsTopicClassifier c = classifier(DRONES);
        assertThat(c.classify(new ArticleText("Drone strike shocks us", null, "")).matched())
                .isEmpty();
        assertThat(c.classify(new ArticleText("Drone strike shocks U.S.", null, "")).matched())
                .containsExactly("drones");
    }

    @Test
    void matchesPrefixesAndSingleWordGaps() {
        NewsTopicClassifier c =
                classifier(
                        """
                        newsTopics:
                          - id: gaps
                            threshold: 2.0
                            terms:
                              - {phrase: "pakistan ? spy chief", weight: 1.0}
                              - {phrase: "negotiat* over airspace", weight: 1.0}
                        """);
        assertThat(
                        c.classify(
                                        new ArticleText(
                                                "",
                                                null,
                                                "Pakistan's new spy chief. Negotiations over"
                                                        + " airspace."))
                                .matched())
                .containsExactly("gaps");
        // '?' is exactly one word
        assertThat(
                        c.classify(
                                        new ArticleText(
                                                "",
                                                null,
                                                "Pakistan spy chief negotiates over airspace"))
                                .result("gaps")
                                .score())
                .isEqualTo(1.0);
    }

    @Test
    void lowersTheScoreForExcludedContexts() {
        Classification.Result r =
                classifier(DRONES)
                        .classify(new ArticleText("Drone strike in Yemen, not Pakistan", null, ""))
                        .result("drones");
        assertThat(r.score()).isEqualTo(4.0 - 10.0);
        assertThat(r.matched()).isFalse();
        assertThat(r.evidence())
                .contains(new Classification.Evidence("yemen", ArticleField.TITLE, 16, 1, -10.0));
    }

    @Test
    void requiresGroupsWithinTheGivenNumberOfWords() {
        NewsTopicClassifier c =
                classifier(
                        """
                        newsTopics:
                          - id: near
                            threshold: 1.0
                            groups:
                              a: ["spymaster"]
                              b: ["washington"]
                            require:
                              - all: [a, b]
                                within: 5
                            terms:
                              - {phrase: "spymaster", weight: 1.0}
                        """);
        assertThat(
                        c.classify(new ArticleText("", null, "The spymaster flew to Washington"))
                                .matched())
                .containsExactly("near");
        assertThat(
                        c.classify(
                                        new ArticleText(
                                                "",
                                                null,
                                                "The spymaster flew to London. Far away, much later,"
                                                        + " Washington reacted."))
                                .matched())
                .isEmpty();
        // the words must be in one field
        assertThat(c.classify(new ArticleText("Spymaster", null, "Washington")).matched())
                .isEmpty();
    }

    @Test
    void choosesThePrimaryNewsTopicByScoreRelativeToThreshold() {
        NewsTopicClassifier c =
                classifier(
                        """
                        newsTopics:
                          - id: low-bar
                            threshold: 1.0
                            terms: [{phrase: "airspace", weight: 2.0}]
                          - id: high-bar
                            threshold: 10.0
                            terms: [{phrase: "airspace", weight: 12.0}]
                        """);
        Classification result = c.classify(new ArticleText("", null, "airspace"));
        assertThat(result.matched()).containsExactly("low-bar", "high-bar");
        assertThat(result.primaryNewsTopic()).isEqualTo("low-bar");
    }

    @Test
    void anAnyClauseHoldsWhenOneOfItsGroupsOccurs() {
        NewsTopicClassifier c =
                classifier(
                        """
                        newsTopics:
                          - id: strikes
                            threshold: 1.0
                            groups:
                              us: [{phrase: "US", matchCase: true}]
                              pakistan: ["pakistan"]
                              tribal: ["waziristan"]
                            require:
                              - all: [us]
                              - any: [pakistan, tribal]
                            terms:
                              - {phrase: "drone", weight: 1.0}
                        """);
        assertThat(c.classify(new ArticleText("", null, "A US drone over Pakistan")).matched())
                .containsExactly("strikes");
        assertThat(c.classify(new ArticleText("", null, "A US drone over Waziristan")).matched())
                .containsExactly("strikes");
        assertThat(c.classify(new ArticleText("", null, "A US drone over Yemen")).matched())
                .isEmpty();
        // the 'all' clause still holds on its own
        assertThat(c.classify(new ArticleText("", null, "A drone over Waziristan")).matched())
                .isEmpty();
    }

    /** Wants the US named and a tribal area; {@code %s} is the US clause's {@code feedItems}. */
    private static final String US_REQUIRED =
            """
            newsTopics:
              - id: strikes
                threshold: 1.0
                groups:
                  us: [{phrase: "US", matchCase: true}]
                  tribal: ["waziristan"]
                require:
                  - all: [us]
                    %s
                  - any: [tribal]
                terms:
                  - {phrase: "drone strike", weight: 1.0}
            """;

    @Test
    void aClauseThatDoesNotBindFeedItemsStillBindsFullArticles() {
        NewsTopicClassifier c = classifier(US_REQUIRED.formatted("feedItems: false"));
        String lead = "A suspected drone strike killed four militants in North Waziristan.";
        // a feed item: a headline and a line
        assertThat(c.classify(new ArticleText("Drone strike", null, lead)).matched())
                .containsExactly("strikes");
        // a full article must name the US somewhere ...
        String article = lead + "\n\nOfficials said the dead were militants.\n\nNo one claimed it.";
        assertThat(c.classify(new ArticleText("Drone strike", null, article)).matched()).isEmpty();
        assertThat(
                        c.classify(
                                        new ArticleText(
                                                "Drone strike",
                                                null,
                                                article + "\n\nThe US does not comment."))
                                .matched())
                .containsExactly("strikes");
        // ... and the clauses that bind feed items still do
        assertThat(
                        c.classify(
                                        new ArticleText(
                                                "Drone strike", null, "A drone strike in Yemen."))
                                .matched())
                .isEmpty();
    }

    /**
     * A model keeps the fingerprint of the definitions it was trained on, and a news topic whose
     * fingerprint differs warns that its rules changed: a setting added later must leave the
     * fingerprint of every definition that does not use it as it was.
     */
    @Test
    void aClauseWithoutFeedItemsKeepsTheFingerprintModelsWereTrainedOn() {
        // computed at 9eeda6f, before feedItems existed
        String trainedBefore = "887677e75de68baf";

        assertThat(classifier(US_REQUIRED.formatted("")).definitionFingerprint("strikes"))
                .isEqualTo(trainedBefore);
        assertThat(
                        classifier(US_REQUIRED.formatted("feedItems: true"))
                                .definitionFingerprint("strikes"))
                .isEqualTo(trainedBefore);
        assertThat(
                        classifier(US_REQUIRED.formatted("feedItems: false"))
                                .definitionFingerprint("strikes"))
                .isNotEqualTo(trainedBefore);
    }

    @Test
    void rejectsAFeedItemsSettingThatIsNotTrueOrFalse() {
        assertThatThrownBy(
                        () ->
                                classifier(
                                        """
                                        newsTopics:
                                          - id: broken
                                            threshold: 1.0
                                            groups: {a: ["x"]}
                                            require: [{all: [a], feedItems: "no"}]
                                            terms: [{phrase: "x", weight: 1.0}]
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("require[0].feedItems must be true or false");
    }

    @Test
    void aGroupOnlyARequireClauseNamesAddsNoFeatures() {
        NewsTopicClassifier c =
                classifier(
                        """
                        newsTopics:
                          - id: routes
                            groups:
                              route: ["supply route"]
                              pakistan: ["pakistan"]
                              place: ["torkham"]
                              loose: ["convoy"]
                            together: [[route, pakistan]]
                            require:
                              - any: [pakistan, place]
                        """);
        assertThat(c.featureNames("routes"))
                .contains("route@lead", "pakistan#paragraphs", "loose%coverage")
                .noneMatch(name -> name.startsWith("place"));
        assertThat(
                        c.classify(new ArticleText("", null, "The supply route via Torkham"))
                                .result("routes")
                                .requirementsMet())
                .isTrue();
    }

    @Test
    void rejectsAClauseWithBothAllAndAnyOrAnyWithin() {
        String both =
                """
                newsTopics:
                  - id: broken
                    threshold: 1.0
                    groups: {a: ["x"], b: ["y"]}
                    require: [{all: [a], any: [b]}]
                    terms: [{phrase: "x", weight: 1.0}]
                """;
        assertThatThrownBy(() -> classifier(both))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("require[0] has both 'all' and 'any'");
        String anyWithin =
                """
                newsTopics:
                  - id: broken
                    threshold: 1.0
                    groups: {a: ["x"], b: ["y"]}
                    require: [{any: [a, b], within: 5}]
                    terms: [{phrase: "x", weight: 1.0}]
                """;
        assertThatThrownBy(() -> classifier(anyWithin))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("require[0].within goes with 'all'");
    }

    @Test
    void rejectsARequirementNamingAnUnknownGroup() {
        assertThatThrownBy(
                        () ->
                                classifier(
                                        """
                                        newsTopics:
                                          - id: broken
                                            threshold: 1.0
                                            require: [{all: [nowhere]}]
                                            terms: [{phrase: "x", weight: 1.0}]
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("News topic 'broken'")
                .hasMessageContaining("unknown group 'nowhere'");
    }

    @Test
    void rejectsMissingThresholdAndWronglySignedWeights() {
        assertThatThrownBy(
                        () ->
                                classifier(
                                        """
                                        newsTopics:
                                          - id: no-threshold
                                            terms: [{phrase: "x", weight: 1.0}]
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'threshold' is required");
        assertThatThrownBy(
                        () ->
                                classifier(
                                        """
                                        newsTopics:
                                          - id: positive-exclude
                                            threshold: 1
                                            terms: [{phrase: "x", weight: 1.0}]
                                            exclude: [{phrase: "y", weight: 1.0}]
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exclude[0].weight must be < 0");
        assertThatThrownBy(
                        () ->
                                classifier(
                                        """
                                        newsTopics:
                                          - id: short-prefix
                                            threshold: 1
                                            terms: [{phrase: "ab*", weight: 1.0}]
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("too short");
    }

    private static NewsTopicClassifier classifier(String yaml) {
        try {
            return NewsTopicClassifier.fromCatalog(
                    NewsTopicCatalog.parse(
                            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                            "test"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
