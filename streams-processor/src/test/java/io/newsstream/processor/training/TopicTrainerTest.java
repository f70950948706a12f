package io.newsstream.processor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the threshold is chosen from out-of-fold probabilities. */
class TopicTrainerTest {

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
}
