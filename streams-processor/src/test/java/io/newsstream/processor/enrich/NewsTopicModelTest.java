package io.newsstream.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trained weights as the processor uses them: probability, threshold, evidence. */
class NewsTopicModelTest {

    private static final String YAML =
            """
            newsTopics:
              - id: strikes
                groups:
                  drone: ["drone"]
                  place: ["waziristan"]
                together:
                  - [drone, place]
                require:
                  - all: [drone]
            """;

    @TempDir Path dir;

    private NewsTopicCatalog catalog() throws IOException {
        Path yaml = dir.resolve("my-topics.yaml");
        Files.writeString(yaml, YAML);
        return NewsTopicCatalog.load(yaml);
    }

    private static NewsTopicModel model(double bias, double threshold) {
        return new NewsTopicModel(
                Map.of(
                        "strikes",
                        new NewsTopicModel.Weights(
                                "all",
                                bias,
                                threshold,
                                Map.of(
                                        "drone+place#paragraphs",
                                        5.0,
                                        "drone+place@lead",
                                        3.0,
                                        "place@lead",
                                        1.0),
                                10,
                                100,
                                null)),
                "test");
    }

    @Test
    void matchesWithTheLogisticProbabilityAndExplainsItByRulesAndPhrases() throws IOException {
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(catalog(), model(-2, 0.6));

        Classification.Result r =
                c.classify(
                                new ArticleText(
                                        "News",
                                        null,
                                        "Intro.\nMore intro.\nA drone hit Waziristan.\nEnd."))
                        .result("strikes");

        // z = -2 + 5 x 1/5 (one paragraph) + 0 (Waziristan is not in the first two paragraphs)
        double p = 1 / (1 + Math.exp(1.0));
        assertThat(r.probability()).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.matched()).isFalse();
        assertThat(r.threshold()).isEqualTo(0.6);
        assertThat(r.evidence())
                .anySatisfy(
                        e -> {
                            assertThat(e.phrase()).isEqualTo("together: drone+place");
                            assertThat(e.field()).isEqualTo(ArticleField.BODY);
                            assertThat(e.position()).isEqualTo("Intro.\nMore intro.\n".length());
                            assertThat(e.count()).isEqualTo(1);
                            assertThat(e.weight()).isEqualTo(1.0);
                        });

        Classification.Result lead =
                c.classify(new ArticleText("Drone over Waziristan", null, "Officials said."))
                        .result("strikes");
        assertThat(lead.matched()).isTrue();
        assertThat(lead.evidence())
                .anySatisfy(
                        e -> {
                            assertThat(e.phrase()).isEqualTo("place: waziristan");
                            assertThat(e.field()).isEqualTo(ArticleField.TITLE);
                            assertThat(e.position()).isEqualTo("Drone over ".length());
                        });
    }

    @Test
    void aBriefArticleIsClassifiedByTheBriefModelAndAFullOneByTheOther() throws IOException {
        NewsTopicModel.Weights full = model(-2, 0.9).weightsOf("strikes").orElseThrow();
        NewsTopicModel.Weights brief =
                new NewsTopicModel.Weights(
                        "all", -1, 0.3, Map.of("drone+place@lead", 2.0), 10, 100, null);
        NewsTopicClassifier c =
                NewsTopicClassifier.fromCatalog(
                        catalog(),
                        new NewsTopicModel(Map.of("strikes", full.withBrief(brief)), "test"));

        // a feed item: one line of body, read by sentences
        Classification.Result item =
                c.classify(new ArticleText("Drone over Waziristan", null, "Officials said."))
                        .result("strikes");
        assertThat(item.threshold()).isEqualTo(0.3);
        assertThat(item.probability())
                .isCloseTo(1 / (1 + Math.exp(-1.0)), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(item.matched()).isTrue();

        Classification.Result article =
                c.classify(
                                new ArticleText(
                                        "News",
                                        null,
                                        "Officials said.\nMore.\nA drone hit Waziristan.\nEnd."))
                        .result("strikes");
        // the article model: z = -2 + 5 x 1/5 (one paragraph has the rule)
        assertThat(article.threshold()).isEqualTo(0.9);
        assertThat(article.probability())
                .isCloseTo(1 / (1 + Math.exp(1.0)), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(article.matched()).isFalse();
    }

    @Test
    void aModelFileWithoutBriefWeightsClassifiesBriefArticlesWithItsWeights() throws IOException {
        Path file = dir.resolve("my-topics.model.json");
        model(-2, 0.6).write(file);
        assertThat(Files.readString(file)).doesNotContain("brief");
        NewsTopicModel read = NewsTopicModel.read(file);
        assertThat(read.weightsOf("strikes").orElseThrow().brief()).isNull();

        Classification.Result item =
                NewsTopicClassifier.fromCatalog(catalog(), read)
                        .classify(new ArticleText("Drone over Waziristan", null, "Officials said."))
                        .result("strikes");
        assertThat(item.threshold()).isEqualTo(0.6);
        assertThat(item.matched()).isTrue();
    }

    @Test
    void aHardConstraintVetoesWhateverTheProbability() throws IOException {
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(catalog(), model(5, 0.5));

        Classification.Result r =
                c.classify(new ArticleText("Waziristan", null, "No aircraft here."))
                        .result("strikes");

        assertThat(r.probability()).isGreaterThan(0.9);
        assertThat(r.requirementsMet()).isFalse();
        assertThat(r.matched()).isFalse();
    }

    @Test
    void aNewsTopicWithoutWeightsIsClassifiedByItsRules() throws IOException {
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(catalog(), NewsTopicModel.EMPTY);

        assertThat(c.untrained()).containsExactly("strikes");
        Classification.Result r =
                c.classify(new ArticleText("Drone strike in Waziristan", null, "More."))
                        .result("strikes");
        assertThat(r.probability()).isNull();
        assertThat(r.matched()).isTrue();
    }

    @Test
    void readsTheModelBesideTheDefinitionsFile() throws IOException {
        NewsTopicCatalog catalog = catalog();
        model(-1, 0.5).write(dir.resolve("my-topics.model.json"));

        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(catalog);

        assertThat(NewsTopicModel.fileFor(catalog)).contains(dir.resolve("my-topics.model.json"));
        assertThat(c.untrained()).isEmpty();
        // the bundled news topics' weights come along for copied definitions
        assertThat(NewsTopicModel.forCatalog(catalog).newsTopics())
                .containsKeys("strikes", "joint-strikes", "airspace-deal", "intel-chief-visit");
    }

    @Test
    void anUnreadableModelFileNamesItselfAndTheCommand() throws IOException {
        NewsTopicCatalog catalog = catalog();
        Files.writeString(dir.resolve("my-topics.model.json"), "{not json");

        assertThatThrownBy(() -> NewsTopicClassifier.fromCatalog(catalog))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("my-topics.model.json")
                .hasMessageContaining("./newsstream topics train");
    }

    @Test
    void aMissingExamplePathOfADefinitionsFileIsNamedAtStartUp() throws IOException {
        Path yaml = dir.resolve("my-topics.yaml");
        Files.writeString(yaml, YAML + "    examples:\n      positive: [strikes/yes]\n");
        NewsTopicCatalog catalog = NewsTopicCatalog.load(yaml);
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(catalog);

        assertThatThrownBy(() -> c.checkExamplePaths(catalog))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("News topic 'strikes'")
                .hasMessageContaining("examples.positive")
                .hasMessageContaining("strikes/yes");
        Files.createDirectories(dir.resolve("strikes/yes"));
        c.checkExamplePaths(catalog);
    }

    @Test
    void theBundledModelCoversEveryBundledNewsTopic() {
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(NewsTopicCatalog.loadDefault());

        assertThat(c.untrained()).isEmpty();
    }

    /** Evidence reads the way the definitions are written: a rule against never pushes for. */
    @Test
    void theBundledWeightsPushTheWayTheDefinitionsSay() {
        NewsTopicClassifier c = NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(null));
        NewsTopicModel bundled = NewsTopicModel.bundled();
        for (String topic : c.newsTopicIds()) {
            Map<String, Double> weights = bundled.weightsOf(topic).orElseThrow().weights();
            java.util.List<String> names = c.featureNames(topic);
            int[] signs = c.featureSigns(topic);
            for (int k = 0; k < names.size(); k++) {
                double w = weights.getOrDefault(names.get(k), 0.0);
                assertThat(signs[k] * w)
                        .as("%s: %s weighs %s", topic, names.get(k), w)
                        .isGreaterThanOrEqualTo(0);
            }
        }
    }
}
