package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.NewsTopicModel;
import io.newsstream.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled news topics on the labelled dev set ({@code ../shared/eval/topics-dev}):
 * cross-validated with folds grouped by event, and the Reuters stories held out of training. Prints
 * the whole report. The floors guard against regressions and sit below what was measured (README,
 * "News topics"): they are not the targets.
 */
class TopicEvaluationTest {

    private static TopicReport report;

    static TopicsCommand.Inputs devInputs() {
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        inputs.labels =
                List.of(
                        SharedData.repoDir().resolve("demo/seeds/labels.csv"),
                        SharedData.require("eval/topics-dev/labels.csv"));
        inputs.background = List.of(SharedData.reuters());
        inputs.home = SharedData.repoDir();
        return inputs;
    }

    @BeforeAll
    static void evaluate() {
        report = TopicsCommand.evaluate(devInputs(), 5, System.out);
        System.out.print(report.text());
    }

    @Test
    void crossValidatedF1StaysAboveItsFloorPerNewsTopic() {
        assertThat(report.result("joint-strikes").all().f1()).isGreaterThan(0.80);
        assertThat(report.result("airspace-deal").all().f1()).isGreaterThan(0.65);
        assertThat(report.macroF1()).isGreaterThan(0.75);
    }

    /** One partition into folds moves macro-F1 by about 0.04: the mean over five moves less. */
    @Test
    void meanMacroF1OverFivePartitionsStaysAboveItsFloor() {
        TopicReport.Repeated repeated = report.repeated().orElseThrow();

        assertThat(repeated.repeats()).hasSize(5);
        assertThat(repeated.meanMacroF1()).isGreaterThan(0.78);
        assertThat(repeated.meanHardNegativesTaken() / report.hardNegatives()).isLessThan(0.07);
        // per news topic too: a rare one's own, apart from what the others take
        assertThat(report.text())
                .containsPattern(
                        "joint-strikes +F1 [0-9.]+ \\([0-9.-]+\\), hard negatives taken [0-9.]+ \\(")
                // and the errors a moving threshold does not explain
                .contains("Wrong in at least half the partitions (");
    }

    /**
     * The dev set's README asks for the figures with and without the borderline articles (a careful
     * editor could decide those either way): both are printed, with whether they meet the targets.
     */
    @Test
    void withoutTheBorderlineArticlesTheFiguresArePrintedToo() {
        TopicReport.Repeated repeated = report.repeated().orElseThrow();

        assertThat(repeated.meanClearMacroF1()).isGreaterThan(0.80);
        assertThat(report.text())
                .containsPattern(
                        "macro-F1 over [a-z, -]+: [0-9.]+ \\(without borderline: [0-9.]+\\)")
                .containsPattern(
                        "hard negatives given any news topic: \\d+ / \\d+ \\([0-9.]+%\\); not borderline: \\d+ / \\d+")
                .containsPattern(
                        "without borderline +macro-F1 [0-9.]+ \\([0-9.-]+\\), hard negatives taken [0-9.]+ \\([0-9.-]+\\) of \\d+")
                // and whether they meet the targets, either way
                .containsPattern(
                        "targets: macro-F1 >= 0.90 (not )?met \\([0-9.]+\\), hard negatives <= 3% (not )?met \\([0-9.]+%\\); without borderline: (not )?met")
                .containsPattern("targets, on the mean +macro-F1 >= 0.90 (not )?met");
    }

    /**
     * How much the figures owe to which articles the dev set holds: resampled by event group, the
     * interval holds the figure, and it is printed beside the targets.
     */
    @Test
    void theSamplingUncertaintyIsAnIntervalAroundTheFigures() {
        GroupBootstrap.Result r = report.uncertainty().orElseThrow();
        double hardShare = (double) report.hardNegativesTakenByAny() / report.hardNegatives();

        assertThat(r.groups()).isGreaterThan(250);
        assertThat(r.macroF1().low()).isLessThanOrEqualTo(report.macroF1());
        assertThat(r.macroF1().high()).isGreaterThanOrEqualTo(report.macroF1());
        assertThat(r.macroF1().high() - r.macroF1().low()).isGreaterThan(0.01);
        assertThat(r.hardNegativeShare().low()).isLessThanOrEqualTo(hardShare);
        assertThat(r.hardNegativeShare().high()).isGreaterThanOrEqualTo(hardShare);
        assertThat(report.text())
                .containsPattern(
                        "sampling uncertainty, 95% of \\d+ resamples of the \\d+ event groups with"
                                + " these decisions: macro-F1 [0-9.]+-[0-9.]+, hard negatives taken"
                                + " [0-9.]+%-[0-9.]+%");
    }

    /**
     * The dev articles cut to what a feed item carries (headline, first two paragraphs), in their
     * article's fold: the brief models' figure (0.39 macro-F1 when the article models read them).
     */
    @Test
    void asFeedItemsMeanMacroF1StaysAboveItsFloor() {
        TopicReport.Repeated repeated = report.repeated().orElseThrow();

        assertThat(repeated.meanLeadMacroF1()).isGreaterThan(0.55);
        assertThat(repeated.meanLeadHardNegativesTaken() / report.hardNegatives()).isLessThan(0.10);
    }

    /**
     * {@code --predictions FILE}: every decision behind the figures, one CSV row per partition, dev
     * article (and its lead), news topic; the standard partition's rows add up to the table.
     */
    @Test
    void theOutOfFoldDecisionsAreWrittenAndAddUpToTheReport(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("predictions.csv");
        report.outOfFold().write(csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0))
                .isEqualTo(
                        "partition,file,form,newsTopic,probability,threshold,decision,labels,"
                                + "borderline,hardNegative,correct,group");
        // read back as written, and the event groups are the folds' (the report counts them)
        assertThat(OutOfFold.read(csv)).isEqualTo(report.outOfFold().rows());
        assertThat(
                        report.outOfFold().rows().stream()
                                .filter(row -> row.form().equals("article"))
                                .map(OutOfFold.Row::group)
                                .distinct()
                                .count())
                .isEqualTo(report.uncertainty().orElseThrow().groups());
        long devArticles =
                report.outOfFold().rows().stream()
                        .filter(row -> row.partition() == 0 && row.form().equals("article"))
                        .map(OutOfFold.Row::file)
                        .distinct()
                        .count();
        assertThat(devArticles).isGreaterThan(300);
        // five partitions, each article and its lead, every news topic
        assertThat(lines).hasSize(1 + (int) (5 * devArticles * 2 * report.results().size()));
        for (TopicReport.TopicResult r : report.results()) {
            List<OutOfFold.Row> rows =
                    report.outOfFold().rows().stream()
                            .filter(
                                    row ->
                                            row.partition() == 0
                                                    && row.form().equals("article")
                                                    && row.newsTopic().equals(r.newsTopic()))
                            .toList();
            long matchedPositives =
                    rows.stream()
                            .filter(row -> row.decision().equals("matched") && row.correct())
                            .count();
            long matchedOthers =
                    rows.stream()
                            .filter(row -> row.decision().equals("matched") && !row.correct())
                            .count();
            assertThat(matchedPositives).as(r.newsTopic()).isEqualTo(r.all().truePositives());
            assertThat(matchedOthers).as(r.newsTopic()).isEqualTo(r.all().falsePositives());
        }
        assertThat(report.outOfFold().rows())
                .anySatisfy(row -> assertThat(row.decision()).isEqualTo("below threshold"))
                .allSatisfy(row -> assertThat(row.probability()).isBetween(0.0, 1.0));
    }

    @Test
    void theIntelChiefVisitIsReportedApartAndFindsSomeOfItsThreeExamples() {
        TopicReport.TopicResult icv = report.result("intel-chief-visit");

        assertThat(icv.rare()).isTrue();
        assertThat(icv.all().positives()).isEqualTo(3);
        assertThat(icv.all().truePositives()).isGreaterThanOrEqualTo(1);
        assertThat(icv.all().falsePositives()).isLessThanOrEqualTo(5);
    }

    @Test
    void noHeldOutReutersStoryAndFewHardNegativesGetANewsTopic() {
        assertThat(report.background()).isGreaterThan(3000);
        assertThat(report.backgroundTakenByAny()).isZero();
        // CNN's marked ones and, the Dawn/APP rows marking their random sample, the rest of theirs
        // not marked borderline
        assertThat(report.hardNegatives()).isGreaterThan(120);
        assertThat((double) report.hardNegativesTakenByAny() / report.hardNegatives())
                .isLessThan(0.07);
    }

    /**
     * Trained without a single CNN story and scored on CNN's 211: the positives mostly found, more
     * hard negatives taken than when the outlet's other events are trained on (README).
     */
    @Test
    void anOutletHeldOutOfTrainingStaysAboveItsFloor() {
        TopicsCommand.Transfer cnn =
                TopicsCommand.transfer(devInputs(), List.of("cnn"), System.out);
        System.out.print(cnn.text());

        HeldOutScore s = cnn.articles();
        assertThat(s.scores().get("joint-strikes").positives()).isGreaterThan(80);
        assertThat(s.scores().get("joint-strikes").f1()).isGreaterThan(0.80);
        assertThat(s.scores().get("airspace-deal").f1()).isGreaterThan(0.70);
        assertThat(s.hardNegatives()).isBetween(60, report.hardNegatives() - 50);
        assertThat((double) s.hardNegativesTakenByAny() / s.hardNegatives()).isLessThan(0.30);
    }

    /** The committed model is what {@code ./newsstream topics train} makes from this data. */
    @Test
    void theCommittedModelIsReproducibleFromTheTrainCommand() {
        NewsTopicModel trained =
                TopicsCommand.train(
                        devInputs(), List.of(), new PrintStream(new ByteArrayOutputStream()));

        NewsTopicModel committed = NewsTopicModel.bundled();
        assertThat(trained.newsTopics())
                .as(
                        "the bundled model is stale: run ./newsstream topics train and commit %s",
                        Path.of(
                                "streams-processor/src/main/resources",
                                NewsTopicModel.DEFAULT_RESOURCE))
                .isEqualTo(committed.newsTopics());
    }
}
