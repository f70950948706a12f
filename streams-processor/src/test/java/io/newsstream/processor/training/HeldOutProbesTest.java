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
 * The bundled definitions and committed model on the held-out probes ({@code eval/check-probes}:
 * articles written from the scope notes by four writers who saw neither the dev set nor the other
 * probes, in other years, outlets and words than the dev set; never trained on, never tuned on).
 * Prints the report. The floors guard the model's reach beyond the dev set against regressions and
 * sit below what was measured (docs/news-topics.md).
 */
class HeldOutProbesTest {

    private static HeldOutScore score;

    /** The same probes cut to their headline and first two paragraphs, as feed items carry them. */
    private static HeldOutScore asFeedItems;

    /** The same probes with the body's line breaks lost, as the AFP seed came. */
    private static HeldOutScore withoutLineBreaks;

    @BeforeAll
    static void score() {
        Path labels = SharedData.repoDir().resolve("eval/check-probes/labels.csv");
        NewsTopicClassifier classifier =
                NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(null));
        List<Example> probes = Examples.fromLabels(labels, Set.copyOf(classifier.newsTopicIds()));
        score = HeldOutScore.of(classifier, probes, labels.toString());
        System.out.print(score.text());
        List<Example> leads = probes.stream().map(Example::asFeedItem).toList();
        asFeedItems = HeldOutScore.of(classifier, leads, labels + " (as feed items)");
        System.out.print(asFeedItems.text());
        List<Example> flat = probes.stream().map(Example::withoutLineBreaks).toList();
        withoutLineBreaks = HeldOutScore.of(classifier, flat, labels + " (without line breaks)");
        System.out.print(withoutLineBreaks.text());
    }

    @Test
    void everyNewsTopicFindsMostOfItsProbesAndTakesFewOthers() {
        assertThat(score.scores().get("joint-strikes").positives()).isGreaterThanOrEqualTo(25);
        assertThat(score.scores().get("joint-strikes").f1()).isGreaterThan(0.70);
        assertThat(score.scores().get("airspace-deal").f1()).isGreaterThan(0.85);
        assertThat(score.scores().get("intel-chief-visit").f1()).isGreaterThan(0.80);
    }

    /** Feed items are classified by each news topic's brief model (0.39-0.78 F1 without it). */
    @Test
    void asFeedItemsEveryNewsTopicStillFindsMostOfItsProbes() {
        assertThat(asFeedItems.scores().get("joint-strikes").f1()).isGreaterThan(0.70);
        assertThat(asFeedItems.scores().get("airspace-deal").f1()).isGreaterThan(0.80);
        assertThat(asFeedItems.scores().get("intel-chief-visit").f1()).isGreaterThan(0.75);
        assertThat((double) asFeedItems.hardNegativesTakenByAny() / asFeedItems.hardNegatives())
                .isLessThan(0.15);
    }

    /**
     * An article whose line breaks were lost is read sentence by sentence, and intel-chief-visit
     * finds less of it (0.78 F1): its rules want the ISI chief and a US counterpart in one
     * paragraph, and a paragraph often spreads them over two sentences. Reading runs of sentences a
     * paragraph long was measured and not kept (docs/news-topics.md, Tried and not kept).
     */
    @Test
    void withoutLineBreaksEveryNewsTopicStillFindsMostOfItsProbes() {
        assertThat(withoutLineBreaks.scores().get("joint-strikes").f1()).isGreaterThan(0.65);
        assertThat(withoutLineBreaks.scores().get("airspace-deal").f1()).isGreaterThan(0.85);
        assertThat(withoutLineBreaks.scores().get("intel-chief-visit").f1()).isGreaterThan(0.70);
        assertThat(
                        (double) withoutLineBreaks.hardNegativesTakenByAny()
                                / withoutLineBreaks.hardNegatives())
                .isLessThan(0.15);
    }

    @Test
    void fewOfTheExcludedKindsGetANewsTopic() {
        assertThat(score.hardNegatives()).isGreaterThanOrEqualTo(35);
        assertThat((double) score.hardNegativesTakenByAny() / score.hardNegatives())
                .isLessThan(0.15);
    }
}
