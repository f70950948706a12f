package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The logistic regression, and the signs the definitions give its weights. */
class LearnerTest {

    /**
     * Feature 0 separates the classes; feature 1 (a rule for, by the definitions) happens to occur
     * more in the negatives of this sample.
     */
    private static final List<double[]> X = new ArrayList<>();

    private static final boolean[] Y = new boolean[40];

    static {
        for (int i = 0; i < 40; i++) {
            boolean positive = i % 2 == 0;
            X.add(new double[] {positive ? 1 : 0, positive ? (i % 8 == 0 ? 1 : 0) : 1});
            Y[i] = positive;
        }
    }

    @Test
    void unconstrainedTheSampleTurnsARuleForIntoEvidenceAgainst() {
        Learner.Fit fit = Learner.fit(X, Y, new int[] {0, 1}, 1.0);

        assertThat(fit.weights()[0]).isPositive();
        assertThat(fit.weights()[1]).isNegative();
    }

    @Test
    void aWeightTheDefinitionsSignOtherwiseIsLeftOutAndTheRestRefitted() {
        Learner.Fit fit = Learner.fitSigned(X, Y, new int[] {0, 1}, new int[] {1, 1}, 1.0);

        assertThat(fit.weights()[0]).isPositive();
        assertThat(fit.weights()[1]).isZero();
        assertThat(fit.probability(new double[] {1, 0})).isGreaterThan(0.5);
        assertThat(fit.probability(new double[] {0, 0})).isLessThan(0.5);
    }

    @Test
    void aFeatureFreeOfSignKeepsWhatTheExamplesSay() {
        Learner.Fit fit = Learner.fitSigned(X, Y, new int[] {0, 1}, new int[] {1, 0}, 1.0);

        assertThat(fit.weights()[1]).isNegative();
    }
}
