package io.newsstream.processor.training;

import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.NewsTopicModel;
import io.newsstream.processor.training.TopicTrainer.Prediction;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The evaluation of {@code topics evaluate}: per news topic, precision, recall and F1 of the
 * out-of-fold predictions (all dev articles, and without the borderline ones), the hard negatives
 * and held-out background stories given a news topic, and the misclassified articles with the
 * features that decided them.
 */
public final class TopicReport {

    /** The quality targets of the news topics: cross-validated macro-F1 at least this. */
    static final double TARGET_MACRO_F1 = 0.90;

    /** ... and at most this share of the hard negatives given a news topic. */
    static final double TARGET_HARD_NEGATIVES = 0.03;

    /**
     * Whether the figures meet the targets, on every dev article and on those not marked
     * borderline: "macro-F1 >= 0.90 not met (0.875), hard negatives <= 3% not met (5.6%); without
     * borderline: met (0.916), met (2.0%)".
     */
    static String targets(
            double macroF1, double hardShare, double clearMacroF1, double clearHardShare) {
        return String.format(
                Locale.ROOT,
                "macro-F1 >= %.2f %s (%.3f), hard negatives <= %.0f%% %s (%.1f%%); without"
                        + " borderline: %s (%.3f), %s (%.1f%%)",
                TARGET_MACRO_F1,
                met(macroF1 >= TARGET_MACRO_F1),
                macroF1,
                100 * TARGET_HARD_NEGATIVES,
                met(hardShare <= TARGET_HARD_NEGATIVES),
                100 * hardShare,
                met(clearMacroF1 >= TARGET_MACRO_F1),
                clearMacroF1,
                met(clearHardShare <= TARGET_HARD_NEGATIVES),
                100 * clearHardShare);
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    /** Precision, recall and F1 of one news topic over some articles. */
    public record Scores(int positives, int truePositives, int falsePositives) {
        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return positives == 0 ? 0 : (double) truePositives / positives;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * @param all over every dev article
     * @param clear over the dev articles not marked borderline
     * @param rare too few positives for a meaningful cross-validated figure: reported apart
     * @param hardNegativesTaken hard negatives this news topic took
     * @param backgroundTaken held-out background stories this news topic took
     */
    public record TopicResult(
            String newsTopic,
            Scores all,
            Scores clear,
            boolean rare,
            int hardNegativesTaken,
            int backgroundTaken) {}

    private final List<TopicResult> results;
    private final int hardNegatives;
    private final int hardNegativesTakenByAny;
    private final int background;
    private final int backgroundTakenByAny;
    private final Repeated repeated;
    private final GroupBootstrap.Result uncertainty;
    private final OutOfFold outOfFold;
    private final String text;

    private TopicReport(
            List<TopicResult> results,
            int hardNegatives,
            int hardNegativesTakenByAny,
            int background,
            int backgroundTakenByAny,
            Repeated repeated,
            GroupBootstrap.Result uncertainty,
            OutOfFold outOfFold,
            String text) {
        this.repeated = repeated;
        this.uncertainty = uncertainty;
        this.outOfFold = outOfFold;
        this.results = results;
        this.hardNegatives = hardNegatives;
        this.hardNegativesTakenByAny = hardNegativesTakenByAny;
        this.background = background;
        this.backgroundTakenByAny = backgroundTakenByAny;
        this.text = text;
    }

    public List<TopicResult> results() {
        return results;
    }

    public TopicResult result(String newsTopic) {
        return results.stream()
                .filter(r -> r.newsTopic().equals(newsTopic))
                .findFirst()
                .orElseThrow();
    }

    /** Mean F1 of the news topics with enough positives to cross-validate. */
    public double macroF1() {
        return Repeat.macroF1(results, TopicResult::all);
    }

    public int hardNegatives() {
        return hardNegatives;
    }

    public int hardNegativesTakenByAny() {
        return hardNegativesTakenByAny;
    }

    public int background() {
        return background;
    }

    public int backgroundTakenByAny() {
        return backgroundTakenByAny;
    }

    /** The figures over several partitions into folds, when asked for. */
    public java.util.Optional<Repeated> repeated() {
        return java.util.Optional.ofNullable(repeated);
    }

    /**
     * The standard partition's figures resampled by event group ({@link GroupBootstrap}), when
     * there are hard negatives and a news topic with enough positives.
     */
    java.util.Optional<GroupBootstrap.Result> uncertainty() {
        return java.util.Optional.ofNullable(uncertainty);
    }

    public String text() {
        return text;
    }

    /** Every out-of-fold decision behind the figures, over every partition. */
    OutOfFold outOfFold() {
        return outOfFold;
    }

    /** Cross-validates, trains on everything for the held-out stories, and writes the report. */
    public static TopicReport evaluate(
            TopicTrainer trainer, List<Example> heldOut, PrintStream progress) {
        return evaluate(trainer, heldOut, 1, progress);
    }

    /**
     * As {@link #evaluate(TopicTrainer, List, PrintStream)}, and repeats the cross-validation over
     * {@code partitions - 1} other partitions into folds: the table is the standard partition's, a
     * summary gives the mean and range over all of them.
     */
    public static TopicReport evaluate(
            TopicTrainer trainer, List<Example> heldOut, int partitions, PrintStream progress) {
        List<Example> examples = trainer.examples();
        List<Integer> dev = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).pool() == Example.Pool.DEV) {
                dev.add(i);
            }
        }
        long probes = examples.stream().filter(e -> e.pool() == Example.Pool.PROBE).count();
        long background =
                examples.stream()
                        .filter(
                                e ->
                                        e.pool() == Example.Pool.BACKGROUND
                                                || e.pool() == Example.Pool.SCOPE)
                        .count();
        progress.printf(
                "Cross-validating %d dev articles (%d probes and %d background negatives trained"
                        + " on)...%n",
                dev.size(), probes, background);
        Map<String, List<Prediction>> cv = trainer.crossValidate();
        OutOfFold outOfFold = new OutOfFold();
        outOfFold.add(0, examples, trainer::groupOf, cv);
        progress.printf(
                "Training on everything, then the %d held-out background stories...%n",
                heldOut.size());
        NewsTopicModel full = trainer.train("evaluation");
        int[] backgroundTaken = new int[trainer.newsTopics().size()];
        int backgroundAny = 0;
        for (int b = 0; b < heldOut.size(); b++) {
            boolean any = false;
            var inputs = trainer.classifier().modelInputs(heldOut.get(b).text());
            for (int t = 0; t < trainer.newsTopics().size(); t++) {
                String topic = trainer.newsTopics().get(t);
                NewsTopicModel.Weights w = full.weightsOf(topic).orElseThrow();
                if (trainer.accepts(topic, w, inputs.get(topic))) {
                    backgroundTaken[t]++;
                    any = true;
                }
            }
            backgroundAny += any ? 1 : 0;
            if ((b + 1) % 5000 == 0) {
                progress.printf("  %d / %d%n", b + 1, heldOut.size());
            }
        }

        int hardNegatives = 0;
        int clearHardNegatives = 0;
        for (int i : dev) {
            hardNegatives += examples.get(i).hardNegative() ? 1 : 0;
            clearHardNegatives +=
                    examples.get(i).hardNegative() && !examples.get(i).borderline() ? 1 : 0;
        }
        Repeat scored = score(trainer, cv, backgroundTaken);
        List<TopicResult> results = scored.results();
        int hardAny = scored.hardNegativesTakenByAny();
        StringBuilder misclassified = new StringBuilder();
        for (String topic : trainer.newsTopics()) {
            for (Prediction p : cv.get(topic)) {
                Example e = examples.get(p.example());
                boolean truth = e.isPositive(topic);
                if (truth != p.matched() && e.pool() == Example.Pool.DEV) {
                    misclassified.append(
                            misclassified(
                                    truth,
                                    topic,
                                    String.format(Locale.ROOT, "p=%.2f", p.probability()),
                                    p.weights().threshold(),
                                    trainer.requirementsMet(topic, p.example()),
                                    e,
                                    trainer.why(topic, p.weights(), p.example(), 5)));
                }
            }
        }

        StringBuilder out = new StringBuilder();
        long groups = dev.stream().mapToInt(trainer::groupOf).distinct().count();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%nNews-topic model: %d-fold cross-validation, folds grouped by event (%d dev"
                                + " articles in %d event groups; %d probes and %d background"
                                + " negatives in every training fold, never tested)%n%n",
                        TopicTrainer.Options.DEFAULT.folds(),
                        dev.size(),
                        groups,
                        probes,
                        background));
        out.append(
                String.format(
                        "%-20s %4s %6s %6s %6s | %-24s | %-11s | %s%n",
                        "news topic",
                        "pos",
                        "P",
                        "R",
                        "F1",
                        "without borderline P/R/F1",
                        "hard neg. FP",
                        "held-out background FP"));
        for (TopicResult r : results) {
            if (r.all().positives() == 0) {
                out.append(
                        String.format(
                                "%-20s %4d   not evaluated: no positive example among the inputs%n",
                                r.newsTopic(), 0));
                continue;
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s %4d %6.3f %6.3f %6.3f | %5.3f %5.3f %5.3f (%3d pos) | %4d / %-4d | %d / %d%s%n",
                            r.newsTopic(),
                            r.all().positives(),
                            r.all().precision(),
                            r.all().recall(),
                            r.all().f1(),
                            r.clear().precision(),
                            r.clear().recall(),
                            r.clear().f1(),
                            r.clear().positives(),
                            r.hardNegativesTaken(),
                            hardNegatives,
                            r.backgroundTaken(),
                            heldOut.size(),
                            r.rare() ? "   (*)" : ""));
        }
        String counted =
                results.stream()
                        .filter(r -> !r.rare())
                        .map(TopicResult::newsTopic)
                        .collect(Collectors.joining(", "));
        out.append(
                counted.isEmpty()
                        ? String.format(
                                "%nmacro-F1: no news topic has %d positive examples or more to"
                                        + " cross-validate%n",
                                NewsTopicClassifier.MIN_POSITIVES_FOR_ALL_FEATURES)
                        : String.format(
                                Locale.ROOT,
                                "%nmacro-F1 over %s: %.3f (without borderline: %.3f)%n",
                                counted,
                                scored.macroF1(),
                                scored.clearMacroF1()));
        for (TopicResult r : results) {
            if (r.rare() && r.all().positives() > 0) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "(*) %s has %d positive examples: too few for a meaningful"
                                        + " cross-validated figure; it rests on its rules (the learner"
                                        + " weighs only its rules' net score). Found %d of %d held-out"
                                        + " positives, took %d other article%s.%n",
                                r.newsTopic(),
                                r.all().positives(),
                                r.all().truePositives(),
                                r.all().positives(),
                                r.all().falsePositives(),
                                r.all().falsePositives() == 1 ? "" : "s"));
            }
        }
        double hardShare = (double) hardAny / Math.max(1, hardNegatives);
        double clearHardShare =
                (double) scored.clearHardNegativesTakenByAny() / Math.max(1, clearHardNegatives);
        out.append(
                hardNegatives == 0
                        ? "hard negatives: none among the inputs (a labels file marks them with a"
                                + " note starting HARD NEGATIVE, or marks its random rows with one"
                                + " starting RANDOM)\n"
                        : String.format(
                                Locale.ROOT,
                                "hard negatives given any news topic: %d / %d (%.1f%%); not"
                                        + " borderline: %d / %d (%.1f%%)%n",
                                hardAny,
                                hardNegatives,
                                100 * hardShare,
                                scored.clearHardNegativesTakenByAny(),
                                clearHardNegatives,
                                100 * clearHardShare));
        GroupBootstrap.Result uncertainty = null;
        if (hardNegatives > 0 && results.stream().anyMatch(r -> !r.rare())) {
            out.append("targets: ")
                    .append(
                            targets(
                                    scored.macroF1(),
                                    hardShare,
                                    scored.clearMacroF1(),
                                    clearHardShare))
                    .append('\n');
            // the standard partition's decisions, those of the table above
            uncertainty =
                    GroupBootstrap.of(
                            outOfFold.rows().stream().filter(r -> r.partition() == 0).toList(),
                            GroupBootstrap.RESAMPLES,
                            1L);
            out.append(
                    String.format(
                            Locale.ROOT,
                            "sampling uncertainty, 95%% of %d resamples of the %d event groups with"
                                    + " these decisions: macro-F1 %s, hard negatives taken %s%n",
                            GroupBootstrap.RESAMPLES,
                            uncertainty.groups(),
                            uncertainty.macroF1().text("%.3f"),
                            uncertainty.hardNegativeShare().times(100).text("%.1f%%")));
        }
        out.append(
                heldOut.isEmpty()
                        ? "held-out background stories: none (--background: Reuters-21578 .sgm"
                                + " files)\n"
                        : String.format(
                                Locale.ROOT,
                                "held-out background stories given any news topic: %d / %d%n",
                                backgroundAny,
                                heldOut.size()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "%nAs feed items (each dev article cut to its headline and first two"
                                + " paragraphs, in its article's fold):%n"));
        for (TopicResult r : scored.leads()) {
            if (r.all().positives() > 0) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "%-20s %4d %6.3f %6.3f %6.3f | hard neg. FP %d / %d%n",
                                r.newsTopic(),
                                r.all().positives(),
                                r.all().precision(),
                                r.all().recall(),
                                r.all().f1(),
                                r.hardNegativesTaken(),
                                hardNegatives));
            }
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "macro-F1 %.3f; hard negatives given any news topic: %d / %d%n",
                        scored.leadMacroF1(),
                        scored.leadHardNegativesTakenByAny(),
                        hardNegatives));
        Repeated repeated = null;
        if (partitions > 1) {
            List<Repeat> repeats = new ArrayList<>();
            repeats.add(scored);
            for (int p = 1; p < partitions; p++) {
                progress.printf("Cross-validating over partition %d of %d...%n", p + 1, partitions);
                Map<String, List<Prediction>> partition = trainer.crossValidate(p);
                outOfFold.add(p, examples, trainer::groupOf, partition);
                repeats.add(score(trainer, partition, new int[backgroundTaken.length]));
            }
            repeated = new Repeated(repeats);
            out.append(repeated.text(hardNegatives, clearHardNegatives));
        }
        out.append("\nMisclassified (out of fold), with the features that decided them:\n");
        out.append(misclassified.length() == 0 ? "  none\n" : misclassified);
        return new TopicReport(
                results,
                hardNegatives,
                hardAny,
                heldOut.size(),
                backgroundAny,
                repeated,
                uncertainty,
                outOfFold,
                out.toString());
    }

    /**
     * One line (and the evidence under it) of the misclassified articles that {@code evaluate} and
     * {@code score} list.
     *
     * @param positive the article belongs to the news topic (so it was missed; else it was taken)
     * @param probability how the decision's probability or score is shown
     * @param why the strongest pushes, strongest first
     */
    static String misclassified(
            boolean positive,
            String newsTopic,
            String probability,
            double threshold,
            boolean requirementsMet,
            Example example,
            List<String> why) {
        return String.format(
                Locale.ROOT,
                "  %s %-18s %s (threshold %.2f%s)%s %s%n      %s%n",
                positive ? "missed" : "taken ",
                newsTopic,
                probability,
                threshold,
                requirementsMet ? "" : ", require fails",
                example.borderline() ? " [borderline]" : "",
                example.id(),
                String.join(", ", why));
    }

    /**
     * One cross-validation's figures: F1 per news topic, the hard negatives any took, and its wrong
     * decisions on the dev articles.
     */
    public record Repeat(
            List<TopicResult> results,
            int hardNegativesTakenByAny,
            int clearHardNegativesTakenByAny,
            List<TopicResult> leads,
            int leadHardNegativesTakenByAny,
            Set<WrongDecision> wrong) {
        double macroF1() {
            return macroF1(results, TopicResult::all);
        }

        double leadMacroF1() {
            return macroF1(leads, TopicResult::all);
        }

        /** Over the dev articles not marked borderline. */
        double clearMacroF1() {
            return macroF1(results, TopicResult::clear);
        }

        /**
         * Mean F1, over {@code scores}, of the news topics with enough positives to cross-validate.
         */
        static double macroF1(
                List<TopicResult> results,
                java.util.function.Function<TopicResult, Scores> scores) {
            return results.stream()
                    .filter(r -> !r.rare())
                    .mapToDouble(r -> scores.apply(r).f1())
                    .average()
                    .orElse(0);
        }
    }

    /** A dev article a news topic missed or took against its label, in one cross-validation. */
    record WrongDecision(String newsTopic, boolean missed, Example example) {
        String line(int times, int of) {
            return String.format(
                    Locale.ROOT,
                    "  %2d of %d  %s %-18s%s%s %s%n",
                    times,
                    of,
                    missed ? "missed" : "taken ",
                    newsTopic,
                    example.hardNegative() ? " [hard negative]" : "",
                    example.borderline() ? " [borderline]" : "",
                    example.id());
        }
    }

    /** The figures of every partition into folds. */
    public record Repeated(List<Repeat> repeats) {
        public double meanMacroF1() {
            return repeats.stream().mapToDouble(Repeat::macroF1).average().orElse(0);
        }

        public double meanHardNegativesTaken() {
            return repeats.stream().mapToInt(Repeat::hardNegativesTakenByAny).average().orElse(0);
        }

        /** Of the hard negatives not marked borderline. */
        public double meanClearHardNegativesTaken() {
            return repeats.stream()
                    .mapToInt(Repeat::clearHardNegativesTakenByAny)
                    .average()
                    .orElse(0);
        }

        /**
         * Over the dev articles not marked borderline (a careful editor could decide those either
         * way).
         */
        public double meanClearMacroF1() {
            return repeats.stream().mapToDouble(Repeat::clearMacroF1).average().orElse(0);
        }

        /** As feed items: the dev articles cut to their leads, in their article's fold. */
        public double meanLeadMacroF1() {
            return repeats.stream().mapToDouble(Repeat::leadMacroF1).average().orElse(0);
        }

        public double meanLeadHardNegativesTaken() {
            return repeats.stream()
                    .mapToInt(Repeat::leadHardNegativesTakenByAny)
                    .average()
                    .orElse(0);
        }

        String text(int hardNegatives, int clearHardNegatives) {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%nOver %d partitions into folds (the table: the first): mean (min-max)%n",
                            repeats.size()));
            List<TopicResult> first = repeats.get(0).results();
            for (int t = 0; t < first.size(); t++) {
                int tt = t;
                if (first.get(t).all().positives() == 0) {
                    continue;
                }
                String taken =
                        hardNegatives == 0
                                ? ""
                                : ", hard negatives taken "
                                        + range(
                                                r -> r.results().get(tt).hardNegativesTaken(),
                                                "%.1f");
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %-20s F1 %s%s%n",
                                first.get(t).newsTopic(),
                                range(r -> r.results().get(tt).all().f1(), "%.3f"),
                                taken));
            }
            if (first.stream().anyMatch(r -> !r.rare())) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %-20s    %s%n",
                                "macro-F1",
                                range(Repeat::macroF1, "%.3f")));
            }
            if (hardNegatives == 0) {
                return out.toString();
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-20s    %s of %d%n",
                            "hard negatives taken",
                            range(r -> r.hardNegativesTakenByAny(), "%.1f"),
                            hardNegatives));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-20s    macro-F1 %s, hard negatives taken %s of %d%n",
                            "without borderline",
                            range(Repeat::clearMacroF1, "%.3f"),
                            range(r -> r.clearHardNegativesTakenByAny(), "%.1f"),
                            clearHardNegatives));
            if (first.stream().anyMatch(r -> !r.rare())) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %-20s    %s%n",
                                "targets, on the mean",
                                targets(
                                        meanMacroF1(),
                                        meanHardNegativesTaken() / hardNegatives,
                                        meanClearMacroF1(),
                                        meanClearHardNegativesTaken()
                                                / Math.max(1, clearHardNegatives))));
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-20s    %s, hard negatives taken %s%n",
                            "as feed items",
                            range(Repeat::leadMacroF1, "%.3f"),
                            range(r -> r.leadHardNegativesTakenByAny(), "%.1f")));
            out.append(persistentErrors());
            return out.toString();
        }

        /**
         * The errors made in at least half the partitions: the ones that a threshold moving with
         * the folds does not explain, where a label, a rule or an example is what would help.
         */
        String persistentErrors() {
            Map<WrongDecision, Integer> counts = new LinkedHashMap<>();
            repeats.forEach(r -> r.wrong().forEach(e -> counts.merge(e, 1, Integer::sum)));
            int n = repeats.size();
            List<Map.Entry<WrongDecision, Integer>> persistent =
                    counts.entrySet().stream()
                            .filter(e -> 2 * e.getValue() >= n)
                            .sorted(
                                    Comparator.comparing(
                                                    (Map.Entry<WrongDecision, Integer> e) ->
                                                            -e.getValue())
                                            .thenComparing(e -> e.getKey().newsTopic())
                                            .thenComparing(e -> e.getKey().example().id()))
                            .toList();
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%nWrong in at least half the partitions (%d; %d more wrong in fewer):%n",
                            persistent.size(),
                            counts.size() - persistent.size()));
            persistent.forEach(e -> out.append(e.getKey().line(e.getValue(), n)));
            return out.toString();
        }

        private String range(java.util.function.ToDoubleFunction<Repeat> f, String format) {
            var stats = repeats.stream().mapToDouble(f).summaryStatistics();
            return String.format(
                    Locale.ROOT,
                    format + " (" + format + "-" + format + ")",
                    stats.getAverage(),
                    stats.getMin(),
                    stats.getMax());
        }
    }

    /**
     * One cross-validation's figures per news topic (all dev articles, the clear ones, the hard
     * negatives taken) and the hard negatives any news topic took.
     *
     * @param backgroundTaken per news topic, the held-out background stories it took
     */
    private static Repeat score(
            TopicTrainer trainer, Map<String, List<Prediction>> cv, int[] backgroundTaken) {
        Map<String, List<Prediction>> devPredictions = only(trainer, cv, Example.Pool.DEV);
        Tally dev = tally(trainer, devPredictions, backgroundTaken);
        Tally leads =
                tally(
                        trainer,
                        only(trainer, cv, Example.Pool.LEAD),
                        new int[backgroundTaken.length]);
        Set<WrongDecision> wrong = new HashSet<>();
        devPredictions.forEach(
                (topic, predictions) -> {
                    for (Prediction p : predictions) {
                        Example e = trainer.examples().get(p.example());
                        if (p.matched() != e.isPositive(topic)) {
                            wrong.add(new WrongDecision(topic, !p.matched(), e));
                        }
                    }
                });
        return new Repeat(
                dev.results(),
                dev.hardNegativesTakenByAny(),
                dev.clearHardNegativesTakenByAny(),
                leads.results(),
                leads.hardNegativesTakenByAny(),
                wrong);
    }

    /** The figures of one pool's predictions: per news topic, and the hard negatives any took. */
    private record Tally(
            List<TopicResult> results,
            int hardNegativesTakenByAny,
            int clearHardNegativesTakenByAny) {}

    private static Map<String, List<Prediction>> only(
            TopicTrainer trainer, Map<String, List<Prediction>> cv, Example.Pool pool) {
        Map<String, List<Prediction>> out = new LinkedHashMap<>();
        cv.forEach(
                (topic, predictions) ->
                        out.put(
                                topic,
                                predictions.stream()
                                        .filter(
                                                p ->
                                                        trainer.examples().get(p.example()).pool()
                                                                == pool)
                                        .toList()));
        return out;
    }

    private static Tally tally(
            TopicTrainer trainer, Map<String, List<Prediction>> cv, int[] backgroundTaken) {
        List<Example> examples = trainer.examples();
        boolean[] hardTaken = new boolean[examples.size()];
        List<TopicResult> results = new ArrayList<>();
        for (int t = 0; t < trainer.newsTopics().size(); t++) {
            String topic = trainer.newsTopics().get(t);
            int pos = 0, tp = 0, fp = 0, clearPos = 0, clearTp = 0, clearFp = 0, hard = 0;
            for (Prediction p : cv.get(topic)) {
                Example e = examples.get(p.example());
                boolean truth = e.isPositive(topic);
                pos += truth ? 1 : 0;
                tp += truth && p.matched() ? 1 : 0;
                fp += !truth && p.matched() ? 1 : 0;
                if (!e.borderline()) {
                    clearPos += truth ? 1 : 0;
                    clearTp += truth && p.matched() ? 1 : 0;
                    clearFp += !truth && p.matched() ? 1 : 0;
                }
                if (e.hardNegative() && p.matched() && !truth) {
                    hard++;
                    hardTaken[p.example()] = true;
                }
            }
            results.add(
                    new TopicResult(
                            topic,
                            new Scores(pos, tp, fp),
                            new Scores(clearPos, clearTp, clearFp),
                            pos < NewsTopicClassifier.MIN_POSITIVES_FOR_ALL_FEATURES,
                            hard,
                            backgroundTaken[t]));
        }
        int hardAny = 0;
        int clearHardAny = 0;
        for (int i = 0; i < hardTaken.length; i++) {
            hardAny += hardTaken[i] ? 1 : 0;
            clearHardAny += hardTaken[i] && !examples.get(i).borderline() ? 1 : 0;
        }
        return new Tally(results, hardAny, clearHardAny);
    }

    /** A one-paragraph description of the training inputs, stored in the model. */
    static String describe(TopicsCommand.Inputs inputs, List<Example> examples) {
        long dev = examples.stream().filter(e -> e.pool() == Example.Pool.DEV).count();
        long probes = examples.stream().filter(e -> e.pool() == Example.Pool.PROBE).count();
        Map<String, Long> positives = new LinkedHashMap<>();
        examples.forEach(e -> e.newsTopics().forEach(t -> positives.merge(t, 1L, Long::sum)));
        return String.format(
                Locale.ROOT,
                "%d labelled articles (%s), %d probes (%s); positives %s; and %d background"
                        + " negatives (1 in %d of %s)",
                dev,
                inputs.labelFiles().stream()
                        .map(TopicReport::shortName)
                        .collect(Collectors.joining(", ")),
                probes,
                inputs.probeFiles().stream()
                        .map(TopicReport::shortName)
                        .collect(Collectors.joining(", ")),
                positives,
                examples.size() - dev - probes,
                TopicsCommand.BACKGROUND_SAMPLE,
                inputs.backgroundPaths().stream()
                        .map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(", ")));
    }

    /** {@code folder/file}: enough to tell the inputs apart, the same on every machine. */
    private static String shortName(java.nio.file.Path p) {
        java.nio.file.Path parent = p.toAbsolutePath().getParent();
        return (parent == null ? "" : parent.getFileName() + "/") + p.getFileName();
    }

    static void printModel(NewsTopicModel model, PrintStream out) {
        model.newsTopics()
                .forEach(
                        (topic, w) -> {
                            out.printf(
                                    Locale.ROOT,
                                    "%-20s %3d positives, %4d negatives, features: %-5s threshold %.3f; strongest: %s%n",
                                    topic,
                                    w.positives(),
                                    w.negatives(),
                                    w.features(),
                                    w.threshold(),
                                    w.weights().entrySet().stream()
                                            .sorted(
                                                    (a, b) ->
                                                            Double.compare(
                                                                    Math.abs(b.getValue()),
                                                                    Math.abs(a.getValue())))
                                            .limit(4)
                                            .map(
                                                    e ->
                                                            String.format(
                                                                    Locale.ROOT,
                                                                    "%s %+.2f",
                                                                    e.getKey(),
                                                                    e.getValue()))
                                            .collect(Collectors.joining(", ")));
                        });
    }
}
