package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.training.OutOfFold.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupBootstrapTest {

    private final List<Row> rows = new ArrayList<>();

    /** An article of event group {@code group}, labelled and decided as given. */
    private void article(int group, boolean positive, boolean hardNegative, boolean matched) {
        rows.add(row(0, "a" + rows.size(), group, positive, hardNegative, matched));
    }

    static Row row(
            int partition,
            String file,
            int group,
            boolean positive,
            boolean hardNegative,
            boolean matched) {
        return new Row(
                partition,
                file,
                "article",
                "strikes",
                matched ? 0.9 : 0.1,
                0.5,
                matched ? "matched" : "below threshold",
                positive ? "strikes" : "",
                false,
                hardNegative,
                matched == positive,
                group);
    }

    private GroupBootstrap.Result resample() {
        return GroupBootstrap.of(rows, GroupBootstrap.RESAMPLES, 1L);
    }

    @Test
    void decisionsAllRightLeaveNoUncertainty() {
        for (int g = 0; g < 20; g++) {
            article(g, true, false, true);
            article(g, false, true, false);
        }
        GroupBootstrap.Result r = resample();
        assertThat(r.groups()).isEqualTo(20);
        assertThat(r.macroF1()).isEqualTo(new GroupBootstrap.Interval(1, 1));
        assertThat(r.hardNegativeShare()).isEqualTo(new GroupBootstrap.Interval(0, 0));
    }

    @Test
    void aFewErrorsGiveAnIntervalAroundTheFigure() {
        for (int g = 0; g < 40; g++) {
            article(g, true, false, g >= 4); // 4 of 40 missed: F1 36/38
            article(g, false, true, g < 2); // 2 of 40 hard negatives taken: 5%
        }
        GroupBootstrap.Result r = resample();
        double f1 = 2.0 * 36 / (2 * 36 + 2 + 4);
        assertThat(r.macroF1().low()).isLessThan(f1).isGreaterThan(0.8);
        assertThat(r.macroF1().high()).isGreaterThan(f1).isLessThanOrEqualTo(1.0);
        assertThat(r.hardNegativeShare().low()).isLessThan(0.05).isGreaterThanOrEqualTo(0);
        assertThat(r.hardNegativeShare().high()).isGreaterThan(0.05).isLessThan(0.2);
    }

    @Test
    void anEventGroupIsDrawnWhole() {
        // one group of ten articles, all missed, and nine of one found: a third of the resamples
        // leave the ten misses out (F1 1.0); drawn article by article, nearly none would
        for (int k = 0; k < 10; k++) {
            article(0, true, false, false);
        }
        for (int g = 1; g < 10; g++) {
            article(g, true, false, true);
            article(g, false, true, false);
        }
        GroupBootstrap.Result r = resample();
        assertThat(r.macroF1().high()).isEqualTo(1.0);
        assertThat(r.macroF1().low()).isLessThan(0.7);
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        for (int g = 0; g < 30; g++) {
            article(g, g % 2 == 0, g % 2 == 1, g % 3 == 0);
        }
        assertThat(resample()).isEqualTo(resample());
    }
}
