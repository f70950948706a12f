package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled definitions and committed model on the probe articles written from the scope notes
 * ({@code eval/scope-probes}, in the repository: other years, outlets and words than the dev set;
 * never trained on). Prints the report. The floors guard the model's reach beyond the dev set
 * against regressions and sit below what was measured (docs/news-topics.md).
 */
class ScopeProbesTest {

    private static HeldOutScore score;

    @BeforeAll
    static void score() {
        Path labels = SharedData.repoDir().resolve("eval/scope-probes/labels.csv");
        NewsTopicClassifier classifier =
                NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(null));
        List<Example> probes = Examples.fromLabels(labels, Set.copyOf(classifier.newsTopicIds()));
        score = HeldOutScore.of(classifier, probes, labels.toString());
        System.out.print(score.text());
    }

    @Test
    void everyNewsTopicFindsMostOfItsProbesAndTakesFewOthers() {
        assertThat(score.scores().get("joint-strikes").positives()).isGreaterThanOrEqualTo(15);
        assertThat(score.scores().get("joint-strikes").f1()).isGreaterThan(0.65);
        assertThat(score.scores().get("airspace-deal").f1()).isGreaterThan(0.75);
        assertThat(score.scores().get("intel-chief-visit").f1()).isGreaterThan(0.75);
    }

    @Test
    void fewOfTheExcludedKindsGetANewsTopic() {
        assertThat(score.hardNegatives()).isGreaterThanOrEqualTo(30);
        assertThat((double) score.hardNegativesTakenByAny() / score.hardNegatives())
                .isLessThan(0.20);
    }
}
