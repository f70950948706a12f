package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.NewsTopicModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the threshold is chosen from out-of-fold probabilities. */
class TopicTrainerTest {

    private static final String POLIO =
            """
            newsTopics:
              - id: polio-drive
                name: Polio drive
                groups:
                  polio: ["polio"]
                  vaccination: ["vaccination"]
                together:
                  - [polio, vaccination]
            """;

    /** {probability, positive, cost if negative}, strongest first. */
    private static List<double[]> scored(double hardNegativeCost) {
        return new ArrayList<>(
                List.of(
                        new double[] {0.9, 1, 1},
                        new double[] {0.8, 0, hardNegativeCost},
                        new double[] {0.7, 1, 1},
                        new double[] {0.6, 0, 1}));
    }

    @Test
    void theCutWithTheBestF1TakesAnOrdinaryNegativeToFindAPositive() {
        double[] cut = TopicTrainer.bestCut(scored(1));

        assertThat(cut[0]).as("threshold").isCloseTo(0.65, within(1e-9));
        assertThat(cut[1]).as("F1: 2 found, 1 false positive").isCloseTo(0.8, within(1e-9));
    }

    @Test
    void aHardNegativeTakenCostsMoreSoTheCutStopsAboveIt() {
        double[] cut = TopicTrainer.bestCut(scored(3));

        assertThat(cut[0]).as("threshold").isCloseTo(0.85, within(1e-9));
        assertThat(cut[1]).as("F1: 1 found, none taken").isCloseTo(2.0 / 3, within(1e-9));
    }

    /**
     * A news topic with eight examples rests on its rules' net score. When its rule also holds in
     * the lead of stories it excludes (a match report that opens on the vaccination drive at the
     * stadium), the even odds of 0.5 take them, and the inner cross-validation raises the cut.
     */
    @Test
    void aRareNewsTopicRaisesItsThresholdWhenItsRulesAlsoFireOnWhatItExcludes() throws IOException {
        NewsTopicModel.Weights w = trained(mix(6, 2, 16, 30));

        assertThat(w.features()).isEqualTo("rules");
        assertThat(w.threshold()).isGreaterThan(0.5);
        NewsTopicClassifier classifier =
                NewsTopicClassifier.fromCatalog(
                        catalog(), new NewsTopicModel(java.util.Map.of("polio-drive", w), "test"));
        assertThat(classifier.classify(matchReport(16)).matched()).isEmpty();
        assertThat(classifier.classify(drive(6)).matched()).containsExactly("polio-drive");
    }

    /** Rules that hold only on the news topic keep the even odds: a few examples never lower it. */
    @Test
    void aRareNewsTopicWhoseRulesAreCleanKeepsEvenOdds() throws IOException {
        NewsTopicModel.Weights w = trained(mix(6, 2, 0, 46));

        assertThat(w.features()).isEqualTo("rules");
        assertThat(w.threshold()).isEqualTo(0.5);
    }

    /**
     * The fits of a cross-validation run on every core; each reads the examples and nothing else,
     * so the figures are those of one fit after another.
     */
    @Test
    void crossValidationOnEveryCoreGivesWhatOneCoreGives() throws Exception {
        TopicTrainer trainer = trainer(mix(12, 4, 16, 30));

        var everyCore = trainer.crossValidate(1);
        ForkJoinPool oneCore = new ForkJoinPool(1);
        try {
            var one = oneCore.submit(() -> trainer.crossValidate(1)).get();

            assertThat(everyCore.get("polio-drive")).hasSizeGreaterThanOrEqualTo(32);
            assertThat(everyCore).isEqualTo(one);
        } finally {
            oneCore.shutdown();
        }
    }

    private static NewsTopicModel.Weights trained(List<Example> examples) throws IOException {
        return trainer(examples).train("test").weightsOf("polio-drive").orElseThrow();
    }

    private static TopicTrainer trainer(List<Example> examples) throws IOException {
        return new TopicTrainer(
                NewsTopicClassifier.fromCatalog(catalog()), examples, TopicTrainer.Options.DEFAULT);
    }

    /**
     * Drive reports, stories that mention the drive late, match reports that open on it (hard
     * negatives) and unrelated background stories, in that order.
     */
    private static List<Example> mix(int drives, int later, int matches, int unrelated) {
        List<Example> examples =
                new ArrayList<>(positives(drives, "drive", TopicTrainerTest::drive));
        examples.addAll(positives(later, "later", TopicTrainerTest::passingMention));
        examples.addAll(hardNegatives(matches, "match", TopicTrainerTest::matchReport));
        examples.addAll(background(unrelated));
        return examples;
    }

    private static NewsTopicCatalog catalog() throws IOException {
        return NewsTopicCatalog.parse(
                new ByteArrayInputStream(POLIO.getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** The drive as the main subject: in the headline and in every paragraph. */
    private static ArticleText drive(int i) {
        return article(
                "Polio vaccination drive reaches district " + i,
                "The polio vaccination teams " + filler(i * 10),
                "The polio vaccination teams " + filler(i * 10 + 1),
                "The polio vaccination teams " + filler(i * 10 + 2));
    }

    /** On the drive, though it is said together only once, late in the story. */
    private static ArticleText passingMention(int i) {
        return article(
                "Health workers in district " + i,
                filler(500 + i),
                filler(600 + i),
                "A polio vaccination round " + filler(700 + i));
    }

    /** A match report whose lead mentions the drive at the stadium: excluded by the notes. */
    private static ArticleText matchReport(int i) {
        return article(
                "Cricket final in district " + i,
                "Fans queued past a polio vaccination desk " + filler(800 + i),
                "The polio vaccination desk " + filler(900 + i),
                "The home side won " + filler(1000 + i));
    }

    private static ArticleText article(String title, String... paragraphs) {
        return new ArticleText(title, null, String.join("\n", paragraphs));
    }

    private static List<Example> positives(int n, String kind, IntFunction<ArticleText> text) {
        return examples(n, kind, text, true, false, Example.Pool.DEV);
    }

    private static List<Example> hardNegatives(int n, String kind, IntFunction<ArticleText> text) {
        return examples(n, kind, text, false, true, Example.Pool.DEV);
    }

    private static List<Example> background(int n) {
        return examples(
                n,
                "background",
                i -> article("Markets " + i, filler(2000 + i), filler(3000 + i), filler(4000 + i)),
                false,
                false,
                Example.Pool.BACKGROUND);
    }

    /** {@code n} examples of one kind, the i-th reading {@code text.apply(i)}. */
    private static List<Example> examples(
            int n,
            String kind,
            IntFunction<ArticleText> text,
            boolean positive,
            boolean hardNegative,
            Example.Pool pool) {
        return IntStream.range(0, n)
                .mapToObj(
                        i ->
                                new Example(
                                        kind + "-" + i,
                                        text.apply(i),
                                        positive ? Set.of("polio-drive") : Set.of(),
                                        false,
                                        hardNegative,
                                        pool))
                .toList();
    }

    /** Words of its own for each seed, so that no two examples look like one story. */
    private static String filler(int seed) {
        return IntStream.range(0, 12)
                        .mapToObj(k -> "w" + Integer.toString(seed * 31 + k * 7919, 36))
                        .collect(Collectors.joining(" "))
                + ".";
    }
}
