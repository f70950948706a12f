package io.newsstream.processor.training;

import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.training.OutOfFold.Row;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * How much the dev figures owe to which articles the dev set happens to hold: the out-of-fold
 * decisions of a cross-validation ({@link OutOfFold} rows), resampled by event group with
 * replacement (a story and its updated versions drawn together, as the folds keep them), and the
 * macro-F1 and the share of hard negatives taken recomputed on every resample. The middle 95% of
 * those is the interval a reader can set a target or a change against; repeating the
 * cross-validation over other partitions (the evaluation's other summary) only shows how much the
 * figures owe to the folds. {@link PairedComparison} resamples two runs alike.
 *
 * <p>The evaluation's interval is on full articles ({@link PairedComparison} compares their leads
 * too); macro-F1 over the news topics with enough positives to cross-validate, as the evaluation's.
 * Hand-written: a resample is a count per group, and the figures are sums over groups.
 */
final class GroupBootstrap {

    static final int RESAMPLES = 2_000;

    /** The {@code form} of a full article's row, and of its lead's (as a feed item). */
    static final String ARTICLE = "article";

    static final String LEAD = "lead";

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
     * @param macroF1 of the news topics with enough positives
     * @param hardNegativeShare the share of the hard negatives any news topic took
     */
    record Result(int groups, Interval macroF1, Interval hardNegativeShare) {}

    private GroupBootstrap() {}

    /** The rows of one cross-validation (one partition, or several: their means) resampled. */
    static Result of(List<Row> rows, int resamples, long seed) {
        Decisions d = Decisions.of(articles(rows), macroTopics(rows));
        SplittableRandom random = new SplittableRandom(seed);
        double[] f1 = new double[resamples];
        double[] share = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            int[] draws = draws(d.groups(), random);
            f1[r] = d.macroF1(draws);
            share[r] = d.hardShare(draws);
        }
        return new Result(d.groups(), middle(f1), middle(share));
    }

    /** How many times each of {@code groups} groups is drawn in one resample of them. */
    static int[] draws(int groups, SplittableRandom random) {
        int[] draws = new int[groups];
        for (int k = 0; k < groups; k++) {
            draws[random.nextInt(groups)]++;
        }
        return draws;
    }

    /** The 2.5th and 97.5th percentiles. */
    static Interval middle(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new Interval(
                sorted[(int) Math.floor(0.025 * (n - 1))],
                sorted[(int) Math.ceil(0.975 * (n - 1))]);
    }

    static List<Row> articles(List<Row> rows) {
        return ofForm(rows, ARTICLE);
    }

    /**
     * The rows of full articles ({@link #ARTICLE}) or of their leads, as feed items ({@link
     * #LEAD}).
     */
    static List<Row> ofForm(List<Row> rows, String form) {
        return rows.stream().filter(r -> r.form().equals(form)).toList();
    }

    /** The news topics with enough positives to cross-validate, as the evaluation counts them. */
    static List<String> macroTopics(List<Row> rows) {
        int first = rows.stream().mapToInt(Row::partition).min().orElse(0);
        Map<String, Integer> positives = new TreeMap<>();
        for (Row r : articles(rows)) {
            if (r.partition() == first) {
                positives.merge(r.newsTopic(), isPositive(r) ? 1 : 0, Integer::sum);
            }
        }
        return positives.entrySet().stream()
                .filter(e -> e.getValue() >= NewsTopicClassifier.MIN_POSITIVES_FOR_ALL_FEATURES)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The partitions the rows hold, in order. */
    static SortedSet<Integer> partitions(List<Row> rows) {
        SortedSet<Integer> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.partition()));
        return out;
    }

    /** Each file's event group, as the rows name it. */
    static Map<String, Integer> groupOf(List<Row> rows) {
        Map<String, Integer> out = new HashMap<>();
        rows.forEach(r -> out.put(r.file(), r.group()));
        return out;
    }

    private static boolean isPositive(Row r) {
        return Arrays.asList(r.labels().split(" ")).contains(r.newsTopic());
    }

    /**
     * One run's article decisions summed per partition and event group: per macro news topic the
     * positives, true and false positives; the hard negatives and those any news topic took.
     */
    static final class Decisions {
        private final List<String> macroTopics;
        private final Map<Integer, Integer> groupIndex;
        private final int[][][] positives;
        private final int[][][] truePositives;
        private final int[][][] falsePositives;
        private final int[][] hard;
        private final int[][] hardTaken;

        private Decisions(List<String> macroTopics, Map<Integer, Integer> groupIndex, int n) {
            this.macroTopics = macroTopics;
            this.groupIndex = groupIndex;
            int groups = groupIndex.size();
            int topics = macroTopics.size();
            positives = new int[n][groups][topics];
            truePositives = new int[n][groups][topics];
            falsePositives = new int[n][groups][topics];
            hard = new int[n][groups];
            hardTaken = new int[n][groups];
        }

        /** Every partition of {@code rows} (of one form), groups as the rows name them. */
        static Decisions of(List<Row> rows, List<String> macroTopics) {
            return of(rows, List.copyOf(partitions(rows)), macroTopics, groupOf(rows));
        }

        /**
         * The given partitions of {@code rows} (of one form), each article in the event group
         * {@code groupOf} names (another run's groups, for a file written without them).
         */
        static Decisions of(
                List<Row> rows,
                List<Integer> partitions,
                List<String> macroTopics,
                Map<String, Integer> groupOf) {
            Map<Integer, Integer> groupIndex = new HashMap<>();
            new TreeSet<>(groupOf.values()).forEach(g -> groupIndex.put(g, groupIndex.size()));
            Decisions d = new Decisions(macroTopics, groupIndex, partitions.size());
            Map<String, Boolean> takenByAny = new HashMap<>();
            Map<String, int[]> where = new HashMap<>();
            for (Row r : rows) {
                int p = partitions.indexOf(r.partition());
                if (p < 0) {
                    continue;
                }
                int g = groupIndex.get(groupOf.get(r.file()));
                boolean truth = isPositive(r);
                boolean matched = r.decision().equals("matched");
                int t = macroTopics.indexOf(r.newsTopic());
                if (t >= 0) {
                    d.positives[p][g][t] += truth ? 1 : 0;
                    d.truePositives[p][g][t] += truth && matched ? 1 : 0;
                    d.falsePositives[p][g][t] += !truth && matched ? 1 : 0;
                }
                if (r.hardNegative()) {
                    String key = p + " " + r.file();
                    takenByAny.merge(key, matched && !truth, Boolean::logicalOr);
                    where.put(key, new int[] {p, g});
                }
            }
            takenByAny.forEach(
                    (key, taken) -> {
                        int[] pg = where.get(key);
                        d.hard[pg[0]][pg[1]]++;
                        d.hardTaken[pg[0]][pg[1]] += taken ? 1 : 0;
                    });
            return d;
        }

        int groups() {
            return groupIndex.size();
        }

        /** Mean over the partitions of macro-F1, each group counted {@code draws[g]} times. */
        double macroF1(int[] draws) {
            return meanOverPartitions(
                    p -> {
                        if (macroTopics.isEmpty()) {
                            return 0;
                        }
                        double sum = 0;
                        for (int t = 0; t < macroTopics.size(); t++) {
                            int pos = 0, tp = 0, fp = 0;
                            for (int g = 0; g < draws.length; g++) {
                                pos += draws[g] * positives[p][g][t];
                                tp += draws[g] * truePositives[p][g][t];
                                fp += draws[g] * falsePositives[p][g][t];
                            }
                            sum += new TopicReport.Scores(pos, tp, fp).f1();
                        }
                        return sum / macroTopics.size();
                    });
        }

        /** Mean over the partitions of the share of hard negatives taken. */
        double hardShare(int[] draws) {
            return meanOverPartitions(
                    p -> {
                        int h = 0, taken = 0;
                        for (int g = 0; g < draws.length; g++) {
                            h += draws[g] * hard[p][g];
                            taken += draws[g] * hardTaken[p][g];
                        }
                        return h == 0 ? 0 : (double) taken / h;
                    });
        }

        private double meanOverPartitions(ToDoubleFunction<Integer> figure) {
            double sum = 0;
            for (int p = 0; p < hard.length; p++) {
                sum += figure.applyAsDouble(p);
            }
            return hard.length == 0 ? 0 : sum / hard.length;
        }
    }
}
