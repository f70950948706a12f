package io.newsstream.processor.training;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;

/**
 * L2-regularised logistic regression (LIBLINEAR's trust-region Newton solver, deterministic) for
 * one news topic against the rest. Classes are weighted to balance each other, so that a news topic
 * with ten positives among a thousand negatives is not learnt as "never"; the intercept is not
 * regularised.
 */
final class Learner {

    /** Weights aligned with the feature vector (0 for features left out), and the intercept. */
    record Fit(double[] weights, double bias) {
        double probability(double[] x) {
            double z = bias;
            for (int k = 0; k < x.length; k++) {
                z += weights[k] * x[k];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    static {
        Linear.disableDebugOutput();
    }

    private Learner() {}

    /**
     * As {@link #fit}, with each weight kept to the sign {@code signs} gives it (+1: >= 0, -1: <=
     * 0, 0: either): a feature whose weight comes out the wrong way is left out and the rest
     * refitted, until none is.
     */
    static Fit fitSigned(List<double[]> x, boolean[] positive, int[] use, int[] signs, double c) {
        int[] kept = use;
        while (true) {
            Fit fit = fit(x, positive, kept, c);
            int[] next =
                    java.util.Arrays.stream(kept)
                            .filter(k -> signs[k] * fit.weights()[k] >= 0)
                            .toArray();
            if (next.length == kept.length) {
                return fit;
            }
            kept = next;
        }
    }

    /**
     * @param x feature vectors
     * @param positive labels
     * @param use indices of the features to learn from (the others weigh 0)
     * @param c inverse regularisation strength
     */
    static Fit fit(List<double[]> x, boolean[] positive, int[] use, double c) {
        int n = x.size();
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException(
                    "need positive and negative examples, have " + positives + " of " + n);
        }
        Problem problem = new Problem();
        problem.l = n;
        problem.n = use.length + 1;
        problem.bias = 1;
        problem.x = new Feature[n][];
        problem.y = new double[n];
        for (int i = 0; i < n; i++) {
            List<Feature> row = new ArrayList<>();
            for (int j = 0; j < use.length; j++) {
                double v = x.get(i)[use[j]];
                if (v != 0) {
                    row.add(new FeatureNode(j + 1, v));
                }
            }
            row.add(new FeatureNode(use.length + 1, 1));
            problem.x[i] = row.toArray(Feature[]::new);
            problem.y[i] = positive[i] ? 1 : -1;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 1e-4);
        parameter.setRegularizeBias(false);
        double negatives = n - positives;
        parameter.setWeights(
                new double[] {n / (2.0 * positives), n / (2.0 * negatives)}, new int[] {1, -1});
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] weights = new double[x.get(0).length];
        for (int j = 0; j < use.length; j++) {
            weights[use[j]] = sign * w[j];
        }
        return new Fit(weights, sign * w[use.length] * problem.bias);
    }
}
