package io.newsstream.processor.training;

import io.newsstream.processor.training.TopicTrainer.Prediction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * How much the dev figures owe to which articles the dev set happens to hold: the out-of-fold
 * decisions of one cross-validation, resampled by event group with replacement (a story and its
 * updated versions drawn together, as the folds keep them), and the macro-F1 and the share of hard
 * negatives taken recomputed on every resample. The middle 95% of those is the interval a reader
 * can set a target or a change against; repeating the cross-validation over other partitions (the
 * evaluation's other summary) only shows how much the figures owe to the folds.
 *
 * <p>Hand-written: a resample is a count per group, and the figures are sums over groups.
 */
final class GroupBootstrap {

    static final int RESAMPLES = 2_000;

    /** The middle 95% of a figure over the resamples. */
    record Interval(double low, double high) {
        Interval times(double factor) {
            return new Interval(low * factor, high * factor);
        }

        String text(String format) {
            return String.format(Locale.ROOT, format + "-" + format, low, high);
        }
    }

    /**
     * @param groups how many event groups the dev articles fall into
     * @param macroF1 of the news topics {@code macroF1} was asked for
     * @param hardNegativeShare the share of the hard negatives any news topic took
     */
    record Result(int groups, Interval macroF1, Interval hardNegativeShare) {}

    private GroupBootstrap() {}

    /**
     * @param examples what the predictions' example indices index
     * @param groupOf the event group of an example ({@link TopicTrainer#groupOf})
     * @param predictions per news topic, the out-of-fold decision of every dev article (every news
     *     topic's decisions count for the hard negatives taken)
     * @param macroTopics the news topics the macro-F1 averages
     */
    static Result of(
            List<Example> examples,
            IntUnaryOperator groupOf,
            Map<String, List<Prediction>> predictions,
            List<String> macroTopics,
            int resamples,
            long seed) {
        Map<Integer, Integer> groupIndex = new HashMap<>();
        for (List<Prediction> list : predictions.values()) {
            for (Prediction p : list) {
                groupIndex.putIfAbsent(groupOf.applyAsInt(p.example()), groupIndex.size());
            }
        }
        int groups = groupIndex.size();
        int topics = macroTopics.size();
        // per group: per macro news topic positives, true and false positives; hard negatives
        long[][] positives = new long[groups][topics];
        long[][] truePositives = new long[groups][topics];
        long[][] falsePositives = new long[groups][topics];
        long[] hard = new long[groups];
        long[] hardTaken = new long[groups];
        Map<Integer, Boolean> takenByAny = new HashMap<>();
        predictions.forEach(
                (topic, list) -> {
                    int t = macroTopics.indexOf(topic);
                    for (Prediction p : list) {
                        Example e = examples.get(p.example());
                        boolean truth = e.isPositive(topic);
                        int g = groupIndex.get(groupOf.applyAsInt(p.example()));
                        if (t >= 0) {
                            positives[g][t] += truth ? 1 : 0;
                            truePositives[g][t] += truth && p.matched() ? 1 : 0;
                            falsePositives[g][t] += !truth && p.matched() ? 1 : 0;
                        }
                        if (e.hardNegative()) {
                            takenByAny.merge(
                                    p.example(), p.matched() && !truth, Boolean::logicalOr);
                        }
                    }
                });
        takenByAny.forEach(
                (example, taken) -> {
                    int g = groupIndex.get(groupOf.applyAsInt(example));
                    hard[g]++;
                    hardTaken[g] += taken ? 1 : 0;
                });

        SplittableRandom random = new SplittableRandom(seed);
        double[] f1 = new double[resamples];
        double[] share = new double[resamples];
        int[] draws = new int[groups];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(draws, 0);
            for (int k = 0; k < groups; k++) {
                draws[random.nextInt(groups)]++;
            }
            double sum = 0;
            for (int t = 0; t < topics; t++) {
                long pos = 0, tp = 0, fp = 0;
                for (int g = 0; g < groups; g++) {
                    pos += draws[g] * positives[g][t];
                    tp += draws[g] * truePositives[g][t];
                    fp += draws[g] * falsePositives[g][t];
                }
                long denominator = pos + tp + fp; // 2 tp + fp + fn
                sum += denominator == 0 ? 0 : 2.0 * tp / denominator;
            }
            f1[r] = topics == 0 ? 0 : sum / topics;
            long h = 0, taken = 0;
            for (int g = 0; g < groups; g++) {
                h += draws[g] * hard[g];
                taken += draws[g] * hardTaken[g];
            }
            share[r] = h == 0 ? 0 : (double) taken / h;
        }
        return new Result(groups, middle(f1), middle(share));
    }

    /** The 2.5th and 97.5th percentiles. */
    private static Interval middle(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new Interval(
                sorted[(int) Math.floor(0.025 * (n - 1))],
                sorted[(int) Math.ceil(0.975 * (n - 1))]);
    }
}
