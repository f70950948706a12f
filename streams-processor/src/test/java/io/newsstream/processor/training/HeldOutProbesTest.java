package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.Classification;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled definitions and committed model on the held-out probes ({@code eval/check-probes}:
 * articles written from the scope notes by five writers who saw neither the dev set nor the other
 * probes, in other years, outlets and words than the dev set; never trained on, though some were
 * looked at when changes were weighed: docs/news-topics.md, Probes). Prints the report. The floors
 * guard the model's reach beyond the dev set against regressions and sit below what was measured
 * (docs/news-topics.md).
 */
class HeldOutProbesTest {

    private static Path labels;

    private static NewsTopicClassifier classifier;

    private static List<Example> probes;

    private static HeldOutScore score;

    /** The same probes cut to their headline and first two paragraphs, as feed items carry them. */
    private static HeldOutScore asFeedItems;

    /** The same probes with the body's line breaks lost, as the AFP seed came. */
    private static HeldOutScore withoutLineBreaks;

    @BeforeAll
    static void score() {
        labels = SharedData.repoDir().resolve("eval/check-probes/labels.csv");
        classifier = NewsTopicClassifier.fromCatalog(NewsTopicCatalog.load(null));
        probes = Examples.fromLabels(labels, Set.copyOf(classifier.newsTopicIds()));
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
     * paragraph long was measured and not kept (docs/news-topics-tried.md).
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

    /**
     * How a page prints an article says nothing of what it is about: every held-out probe, printed
     * each of the ways of {@link PageRewrites} and read as the producer reads a file, gets the
     * decisions it gets as written. (How an outlet paragraphs does move decisions:
     * docs/news-topics.md, Paragraphed in other ways.)
     */
    @Test
    void howAPagePrintsAnArticleMovesNoDecision(@TempDir Path dir) throws IOException {
        List<String> texts = new ArrayList<>();
        List<List<String>> asWritten = new ArrayList<>();
        for (Example e : probes) {
            texts.add(Files.readString(labels.resolveSibling(e.id()), StandardCharsets.UTF_8));
            asWritten.add(matched(e));
        }
        List<String> moved = new ArrayList<>();
        for (PageRewrites.Rewrite rewrite : PageRewrites.all()) {
            Path copy = Files.createTempDirectory(dir, "rewritten");
            Files.copy(labels, copy.resolve("labels.csv"));
            int changed = 0;
            for (int i = 0; i < probes.size(); i++) {
                String other = rewrite.apply().apply(texts.get(i));
                changed += other.equals(texts.get(i)) ? 0 : 1;
                Files.writeString(copy.resolve(probes.get(i).id()), other);
            }
            System.out.println(rewrite.name() + ": " + changed + " probes rewritten");
            assertThat(changed).as(rewrite.name()).isGreaterThanOrEqualTo(10);
            List<Example> rewritten =
                    Examples.fromLabels(
                            copy.resolve("labels.csv"), Set.copyOf(classifier.newsTopicIds()));
            assertThat(rewritten).hasSameSizeAs(probes);
            for (int i = 0; i < probes.size(); i++) {
                List<String> before = asWritten.get(i);
                List<String> after = matched(rewritten.get(i));
                if (!before.equals(after)) {
                    moved.add(
                            rewrite.name()
                                    + ": "
                                    + probes.get(i).id()
                                    + " "
                                    + before
                                    + " -> "
                                    + after);
                }
            }
        }
        assertThat(probes).hasSizeGreaterThanOrEqualTo(200);
        assertThat(moved).isEmpty();
    }

    private static List<String> matched(Example e) {
        return classifier.classify(e.text()).newsTopics().stream()
                .filter(Classification.Result::matched)
                .map(Classification.Result::newsTopic)
                .toList();
    }

    @Test
    void fewOfTheExcludedKindsGetANewsTopic() {
        assertThat(score.hardNegatives()).isGreaterThanOrEqualTo(35);
        assertThat((double) score.hardNegativesTakenByAny() / score.hardNegatives())
                .isLessThan(0.15);
    }
}
