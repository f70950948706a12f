package io.newsstream.processor.training;

import io.newsstream.processor.training.OutOfFold.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a change (to the definitions, the examples, the reading of the files, the learner) moved
 * the dev figures by more than another sample of coverage could: the out-of-fold decisions of two
 * {@code topics evaluate --predictions} runs, before and after, on the same dev articles and
 * partitions, compared on the same resamples of the event groups (paired: what the change did to
 * each article, not how lucky each run was). The change is beyond chance when the middle 95% of the
 * differences leaves out 0.
 *
 * <p>Full articles, or their leads as feed items; macro-F1 over the news topics with enough
 * positives to cross-validate, as the evaluation's; both figures are means over the partitions both
 * runs hold.
 */
final class PairedComparison {

    /** How many changed decisions the text lists, most changed first. */
    static final int LISTED = 15;

    /**
     * @param macroTopics the news topics macro-F1 averages
     * @param before macro-F1, mean over the partitions
     * @param difference the middle 95% of after minus before, over the resamples
     * @param changed per (news topic, article) whose decision moved, how often it was wrong before
     *     and after
     */
    record Outcome(
            String form,
            List<String> macroTopics,
            int partitions,
            int groups,
            int resamples,
            double before,
            double after,
            GroupBootstrap.Interval difference,
            double hardBefore,
            double hardAfter,
            GroupBootstrap.Interval hardDifference,
            List<Changed> changed) {

        String text() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Compared%s over %d partition%s of %d event groups, on %d paired"
                                    + " resamples of the groups:%n",
                            form.equals(GroupBootstrap.LEAD) ? " as feed items" : "",
                            partitions,
                            partitions == 1 ? "" : "s",
                            groups,
                            resamples));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  macro-F1 (%s)  %.3f -> %.3f  difference %+.3f, 95%% of resamples"
                                    + " %+.3f to %+.3f: %s%n",
                            String.join(", ", macroTopics),
                            before,
                            after,
                            after - before,
                            difference.low(),
                            difference.high(),
                            verdict(difference)));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  hard negatives taken  %.1f%% -> %.1f%%  difference %+.1f points, 95%%"
                                    + " of resamples %+.1f to %+.1f: %s%n",
                            100 * hardBefore,
                            100 * hardAfter,
                            100 * (hardAfter - hardBefore),
                            100 * hardDifference.low(),
                            100 * hardDifference.high(),
                            verdict(hardDifference)));
            if (changed.isEmpty()) {
                out.append("No decision changed.\n");
                return out.toString();
            }
            out.append(
                    String.format(
                            "Decisions that changed (%d; wrong in k of %d partitions, before ->"
                                    + " after):%n",
                            changed.size(), partitions));
            changed.stream()
                    .limit(LISTED)
                    .forEach(
                            c ->
                                    out.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "  %2d -> %2d  %-18s %s%n",
                                                    c.wrongBefore(),
                                                    c.wrongAfter(),
                                                    c.newsTopic(),
                                                    c.file())));
            if (changed.size() > LISTED) {
                out.append(String.format("  ... and %d more%n", changed.size() - LISTED));
            }
            return out.toString();
        }

        private static String verdict(GroupBootstrap.Interval difference) {
            return difference.low() > 0 || difference.high() < 0
                    ? "beyond what resampling the dev set gives"
                    : "within what resampling the dev set gives";
        }
    }

    /** One article's decision on one news topic, wrong in so many partitions before and after. */
    record Changed(String newsTopic, String file, int wrongBefore, int wrongAfter) {}

    private PairedComparison() {}

    /**
     * @throws IllegalArgumentException when the two runs share no partition, hold other dev
     *     articles, or the second does not know the event groups (a file written before the {@code
     *     group} column can be the first: the second file's groups serve both)
     */
    static Outcome of(List<Row> before, List<Row> after, int resamples, long seed) {
        return of(before, after, GroupBootstrap.ARTICLE, resamples, seed);
    }

    /**
     * As {@link #of(List, List, int, long)}, on the rows of one form: full articles ({@link
     * GroupBootstrap#ARTICLE}) or their leads, as feed items ({@link GroupBootstrap#LEAD}).
     */
    static Outcome of(List<Row> before, List<Row> after, String form, int resamples, long seed) {
        List<Row> b = GroupBootstrap.ofForm(before, form);
        List<Row> a = GroupBootstrap.ofForm(after, form);
        Set<Integer> shared = GroupBootstrap.partitions(b);
        shared.retainAll(GroupBootstrap.partitions(a));
        if (shared.isEmpty()) {
            throw new IllegalArgumentException(
                    "the two files share no partition: run topics evaluate with the same"
                            + " --partitions for both");
        }
        Map<String, Integer> groupOf = GroupBootstrap.groupOf(a);
        if (groupOf.size() > 1 && new HashSet<>(groupOf.values()).size() < 2) {
            throw new IllegalArgumentException(
                    "the second file has no event groups (written before the group column):"
                            + " write it again with topics evaluate --predictions");
        }
        Set<String> filesBefore = new TreeSet<>();
        b.forEach(r -> filesBefore.add(r.file()));
        if (!filesBefore.equals(new TreeSet<>(groupOf.keySet()))) {
            throw new IllegalArgumentException(
                    "the two files hold different dev articles: compare runs on the same labels");
        }
        List<String> macroTopics = GroupBootstrap.macroTopics(after);
        List<Integer> partitions = List.copyOf(new TreeSet<>(shared));
        GroupBootstrap.Decisions dBefore =
                GroupBootstrap.Decisions.of(b, partitions, macroTopics, groupOf);
        GroupBootstrap.Decisions dAfter =
                GroupBootstrap.Decisions.of(a, partitions, macroTopics, groupOf);

        int groups = dAfter.groups();
        double[] differences = new double[resamples];
        double[] hardDifferences = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            int[] draws = GroupBootstrap.draws(groups, random);
            differences[r] = dAfter.macroF1(draws) - dBefore.macroF1(draws);
            hardDifferences[r] = dAfter.hardShare(draws) - dBefore.hardShare(draws);
        }
        int[] once = new int[groups];
        Arrays.fill(once, 1);
        return new Outcome(
                form,
                macroTopics,
                partitions.size(),
                groups,
                resamples,
                dBefore.macroF1(once),
                dAfter.macroF1(once),
                GroupBootstrap.middle(differences),
                dBefore.hardShare(once),
                dAfter.hardShare(once),
                GroupBootstrap.middle(hardDifferences),
                changed(b, a, shared));
    }

    private static List<Changed> changed(List<Row> before, List<Row> after, Set<Integer> shared) {
        Map<String, int[]> wrong = new TreeMap<>();
        for (int side = 0; side < 2; side++) {
            for (Row r : side == 0 ? before : after) {
                if (shared.contains(r.partition()) && !r.correct()) {
                    wrong.computeIfAbsent(r.newsTopic() + " " + r.file(), k -> new int[2])[side]++;
                }
            }
        }
        List<Changed> out = new ArrayList<>();
        wrong.forEach(
                (key, counts) -> {
                    if (counts[0] != counts[1]) {
                        int space = key.indexOf(' ');
                        out.add(
                                new Changed(
                                        key.substring(0, space),
                                        key.substring(space + 1),
                                        counts[0],
                                        counts[1]));
                    }
                });
        out.sort(
                Comparator.comparingInt((Changed c) -> -Math.abs(c.wrongAfter() - c.wrongBefore()))
                        .thenComparing(Changed::file));
        return out;
    }
}
