package io.newsstream.processor.training;

import static io.newsstream.processor.training.GroupBootstrapTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.processor.training.OutOfFold.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedComparisonTest {

    /**
     * Two partitions of 60 event groups of one positive and one hard negative each; the positive of
     * group g is found unless {@code missed} says so, the hard negative taken when {@code taken}
     * does.
     */
    private static List<Row> run(IntPredicate missed, IntPredicate taken) {
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            for (int g = 0; g < 60; g++) {
                rows.add(row(p, "pos" + g, g, true, false, !missed.test(g)));
                rows.add(row(p, "neg" + g, g, false, true, taken.test(g)));
            }
        }
        return rows;
    }

    private static PairedComparison.Outcome compare(List<Row> before, List<Row> after) {
        return PairedComparison.of(before, after, GroupBootstrap.RESAMPLES, 1L);
    }

    @Test
    void aChangeThatFindsManyMoreIsBeyondChance() {
        PairedComparison.Outcome o =
                compare(run(g -> g < 20, g -> false), run(g -> g < 2, g -> false));

        assertThat(o.after()).isGreaterThan(o.before());
        assertThat(o.difference().low()).isGreaterThan(0);
        assertThat(o.text())
                .contains("beyond what resampling the dev set gives")
                .contains(
                        "Decisions that changed (18; wrong in k of 2 partitions, before -> after)")
                .contains("   2 ->  0  strikes            pos10");
    }

    @Test
    void aChangeOfOneArticleIsWithinChance() {
        PairedComparison.Outcome o =
                compare(run(g -> g < 6, g -> g < 3), run(g -> g < 5, g -> g < 3));

        assertThat(o.difference().low()).isLessThanOrEqualTo(0);
        assertThat(o.difference().high()).isGreaterThan(0);
        assertThat(o.hardDifference()).isEqualTo(new GroupBootstrap.Interval(0, 0));
        assertThat(o.text())
                .contains("within what resampling the dev set gives")
                .contains("hard negatives taken  5.0% -> 5.0%");
    }

    @Test
    void theSameRunTwiceChangesNothing() {
        PairedComparison.Outcome o =
                compare(run(g -> g < 6, g -> g < 3), run(g -> g < 6, g -> g < 3));

        assertThat(o.difference()).isEqualTo(new GroupBootstrap.Interval(0, 0));
        assertThat(o.changed()).isEmpty();
        assertThat(o.text()).contains("No decision changed.");
    }

    @Test
    void asFeedItemsTheLeadsAreComparedAndTheArticlesLeftOut() {
        List<Row> before = new ArrayList<>(run(g -> g < 20, g -> false));
        List<Row> after = new ArrayList<>(run(g -> g < 20, g -> false)); // articles unchanged
        before.addAll(leads(run(g -> g < 30, g -> false)));
        after.addAll(leads(run(g -> g < 10, g -> false)));

        assertThat(compare(before, after).changed()).isEmpty();
        PairedComparison.Outcome leads =
                PairedComparison.of(
                        before, after, GroupBootstrap.LEAD, GroupBootstrap.RESAMPLES, 1L);
        assertThat(leads.difference().low()).isGreaterThan(0);
        assertThat(leads.text()).startsWith("Compared as feed items over 2 partitions");
    }

    private static List<Row> leads(List<Row> rows) {
        return rows.stream().map(r -> copy(r, GroupBootstrap.LEAD, r.group())).toList();
    }

    /** The row with another form and event group. */
    private static Row copy(Row r, String form, int group) {
        return new Row(
                r.partition(),
                r.file(),
                form,
                r.newsTopic(),
                r.probability(),
                r.threshold(),
                r.decision(),
                r.labels(),
                r.borderline(),
                r.hardNegative(),
                r.correct(),
                group);
    }

    @Test
    void runsThatCannotBeComparedAreRefusedWithTheReason() {
        List<Row> before = run(g -> false, g -> false);
        List<Row> noGroups = before.stream().map(r -> copy(r, r.form(), 0)).toList();
        // a file written before the group column serves as the first
        assertThat(compare(noGroups, before).changed()).isEmpty();
        assertThatThrownBy(() -> compare(before, noGroups))
                .hasMessageContaining("the second file has no event groups");
        assertThatThrownBy(() -> compare(before, before.subList(0, 60)))
                .hasMessageContaining("different dev articles");
        List<Row> otherPartition = before.stream().filter(r -> r.partition() == 1).toList();
        List<Row> firstPartition = before.stream().filter(r -> r.partition() == 0).toList();
        assertThatThrownBy(() -> compare(firstPartition, otherPartition))
                .hasMessageContaining("share no partition");
    }

    @Test
    void theDecisionsFileReadsBackWithItsGroupsAndWithoutThem(@TempDir Path tmp) throws Exception {
        List<Row> rows = run(g -> g < 6, g -> g < 3);
        Path csv = tmp.resolve("oof.csv");
        OutOfFold.write(csv, rows);
        assertThat(OutOfFold.read(csv)).isEqualTo(rows);

        Path old = tmp.resolve("old.csv");
        Files.write(
                old,
                Files.readAllLines(csv).stream()
                        .map(l -> l.substring(0, l.lastIndexOf(',')))
                        .toList());
        assertThat(OutOfFold.read(old)).allSatisfy(r -> assertThat(r.group()).isZero());
    }
}
