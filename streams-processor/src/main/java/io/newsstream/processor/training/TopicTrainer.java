package io.newsstream.processor.training;

import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.enrich.NewsTopicModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Trains one model per news topic (one against the rest) from labelled examples and cross-validates
 * it honestly.
 *
 * <ul>
 *   <li>Features: the news topic's {@code TopicFeatures} (its groups and {@code together} rules). A
 *       news topic with fewer than {@link NewsTopicClassifier#MIN_POSITIVES_FOR_ALL_FEATURES}
 *       positive labelled articles (probes not counted) learns only from its rules: too few
 *       examples for more parameters, so the scope notes carry it and the learner weighs the rules
 *       against each other.
 *   <li>Probes ({@link Example.Pool#PROBE}, articles written from the scope notes): trained on in
 *       every fold and calibrating the threshold with the dev examples; never tested.
 *   <li>Threshold: with enough positives, the one that maximises F1 on out-of-fold probabilities of
 *       an inner cross-validation over the training part only (several partitions pooled), a hard
 *       negative taken counting as {@link Options#hardNegativeCost} false positives. A news topic
 *       with few examples starts from 0.5 (the classes are weighted to balance) and takes that cut
 *       only when it is higher: its examples can show that its rules also fire on articles it
 *       excludes, not that less evidence is enough.
 *   <li>Weights: each keeps the sign the definitions give its feature ({@link
 *       NewsTopicClassifier#featureSigns}); borderline examples count less, hard negatives more.
 *   <li>Folds: grouped by event ({@link EventGroups}): versions and follow-ups of one story are on
 *       one side; stratified so that each fold gets its share of every news topic's positives.
 *       Background negatives (Reuters) are only ever trained on, never tested in the folds.
 * </ul>
 */
public final class TopicTrainer {

    /**
     * @param c inverse regularisation strength of the logistic regression of a news topic with few
     *     examples (the others choose theirs by cross-validation)
     * @param folds outer cross-validation folds
     * @param innerFolds folds of the inner cross-validation that chooses the regularisation and
     *     calibrates the threshold
     * @param innerRepeats how many different partitions the inner cross-validation pools: one
     *     partition of a few dozen positives leaves the chosen threshold to chance
     * @param clearWeight how many times an example not marked borderline counts (a borderline one
     *     counts once)
     * @param hardNegativeWeight how many times more a {@linkplain Example#weighted weighted} hard
     *     negative counts: the kinds the scope notes exclude are few and are where the line is
     *     drawn
     * @param hardNegativeCost how many false positives a hard negative taken counts as when the
     *     threshold is chosen: a story the scope notes exclude, shown under the news topic, costs
     *     the reader more than an unrelated one
     * @param briefModel whether each news topic also gets a model for brief articles (feed items),
     *     trained on the examples' leads
     */
    public record Options(
            double c,
            int folds,
            int innerFolds,
            int innerRepeats,
            int clearWeight,
            int hardNegativeWeight,
            double hardNegativeCost,
            boolean briefModel) {
        public static final Options DEFAULT = new Options(1.0, 5, 4, 3, 2, 3, 2.0, true);
    }

    private final NewsTopicClassifier classifier;
    private final List<String> newsTopics;
    private final List<Example> examples;
    private final Options options;
    private final List<Map<String, NewsTopicClassifier.ModelInput>> inputs = new ArrayList<>();
    private final int[] group;
    private final int[] source;

    public TopicTrainer(NewsTopicClassifier classifier, List<Example> examples, Options options) {
        this.classifier = classifier;
        this.newsTopics = classifier.newsTopicIds();
        List<Example> all = new ArrayList<>(examples);
        List<Integer> leadOf = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            if (e.calibrates() || e.pool() == Example.Pool.BACKGROUND) {
                all.add(e.asFeedItem());
                leadOf.add(i);
            }
        }
        this.examples = List.copyOf(all);
        this.options = options;
        for (Example e : this.examples) {
            inputs.add(classifier.modelInputs(e.text()));
        }
        List<Integer> dev =
                IntStream.range(0, examples.size())
                        .filter(i -> examples.get(i).calibrates())
                        .boxed()
                        .toList();
        int[] devGroups = EventGroups.of(dev.stream().map(i -> examples.get(i).text()).toList());
        group = new int[this.examples.size()];
        Arrays.fill(group, -1);
        for (int k = 0; k < dev.size(); k++) {
            group[dev.get(k)] = devGroups[k];
        }
        this.source = new int[this.examples.size()];
        Arrays.fill(this.source, -1);
        for (int k = 0; k < leadOf.size(); k++) {
            group[examples.size() + k] = group[leadOf.get(k)];
            this.source[examples.size() + k] = leadOf.get(k);
        }
    }

    public List<Example> examples() {
        return examples;
    }

    public List<String> newsTopics() {
        return newsTopics;
    }

    /** Event group of a dev example or probe (-1 for background ones and scope notes). */
    public int groupOf(int example) {
        return group[example];
    }

    /** Dev examples and their leads: what the outer folds deal out. */
    private List<Integer> devIndices() {
        return IntStream.range(0, examples.size())
                .filter(i -> examples.get(i).pool() == Example.Pool.DEV || isDevLead(i))
                .boxed()
                .toList();
    }

    private boolean isDevLead(int i) {
        return source[i] >= 0 && examples.get(source[i]).pool() == Example.Pool.DEV;
    }

    /** Trains every news topic on every example. */
    public NewsTopicModel train(String trainedOn) {
        return train(trainedOn, List.of());
    }

    /** Trains the news topics of {@code only} (all when empty) on every example. */
    public NewsTopicModel train(String trainedOn, List<String> only) {
        int[] all = IntStream.range(0, examples.size()).toArray();
        List<String> trained =
                newsTopics.stream().filter(t -> only.isEmpty() || only.contains(t)).toList();
        // each fit reads the examples and nothing else: on every core, in the catalog's order
        List<NewsTopicModel.Weights> fitted =
                trained.parallelStream().map(t -> fit(t, all)).toList();
        Map<String, NewsTopicModel.Weights> out = new LinkedHashMap<>();
        for (int k = 0; k < trained.size(); k++) {
            out.put(trained.get(k), fitted.get(k));
        }
        return new NewsTopicModel(out, trainedOn);
    }

    /** Out-of-fold predictions for every dev example: what cross-validation measures. */
    public record Prediction(
            int example, double probability, boolean matched, NewsTopicModel.Weights weights) {}

    /** Per news topic, out-of-fold predictions of every dev example, in example order. */
    public Map<String, List<Prediction>> crossValidate() {
        return crossValidate(0);
    }

    /**
     * As {@link #crossValidate()} over another partition into folds (still grouped by event and
     * stratified): {@code 0} is the standard one, others shuffle the event groups within their
     * stratum, so that repeating shows how much the figures owe to one partition.
     */
    public Map<String, List<Prediction>> crossValidate(int partition) {
        int[] fold = folds(devIndices(), options.folds(), partition);
        int folds = options.folds();
        // one fit per news topic and fold, each reading the examples and nothing else: on every
        // core, gathered in a fixed order, so the figures do not depend on the cores
        List<List<Prediction>> byFit =
                IntStream.range(0, newsTopics.size() * folds)
                        .parallel()
                        .mapToObj(k -> heldOut(newsTopics.get(k / folds), fold, k % folds))
                        .toList();
        Map<String, List<Prediction>> out = new LinkedHashMap<>();
        for (int t = 0; t < newsTopics.size(); t++) {
            List<Prediction> predictions = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                predictions.addAll(byFit.get(t * folds + f));
            }
            predictions.sort(Comparator.comparingInt(Prediction::example));
            out.put(newsTopics.get(t), predictions);
        }
        return out;
    }

    /** Predictions for the examples of fold {@code f}, from a fit on the other folds. */
    private List<Prediction> heldOut(String newsTopic, int[] fold, int f) {
        int[] train = IntStream.range(0, examples.size()).filter(i -> fold[i] != f).toArray();
        NewsTopicModel.Weights fitted = fit(newsTopic, train);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (fold[i] == f) {
                NewsTopicModel.Weights w = fitted.forArticle(input(i, newsTopic).brief());
                predictions.add(
                        new Prediction(
                                i,
                                probability(newsTopic, w, i),
                                accepts(newsTopic, w, input(i, newsTopic)),
                                w));
            }
        }
        return predictions;
    }

    /** The model's probability for one example, from its weights by name. */
    double probability(String newsTopic, NewsTopicModel.Weights w, int example) {
        return sigmoid(w.bias() + evidence(newsTopic, w, features(example, newsTopic)));
    }

    /** {@code w . x} without the intercept, the weights looked up by feature name. */
    private double evidence(String newsTopic, NewsTopicModel.Weights w, double[] x) {
        List<String> names = classifier.featureNames(newsTopic);
        double z = 0;
        for (int k = 0; k < x.length; k++) {
            z += w.weights().getOrDefault(names.get(k), 0.0) * x[k];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private NewsTopicClassifier.ModelInput input(int example, String newsTopic) {
        return inputs.get(example).get(newsTopic);
    }

    private double[] features(int example, String newsTopic) {
        return input(example, newsTopic).features();
    }

    /** The largest contributions {@code w . x} to one example's decision, strongest first. */
    public List<String> why(String newsTopic, NewsTopicModel.Weights w, int example, int top) {
        List<String> names = classifier.featureNames(newsTopic);
        double[] x = features(example, newsTopic);
        List<Map.Entry<String, Double>> c = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            double v = w.weights().getOrDefault(names.get(k), 0.0) * x[k];
            if (v != 0) {
                c.add(Map.entry(names.get(k), v));
            }
        }
        c.sort(
                Comparator.comparingDouble(
                        (Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
        return c.stream()
                .limit(top)
                .map(
                        e ->
                                String.format(
                                        java.util.Locale.ROOT,
                                        "%s %+.2f",
                                        e.getKey(),
                                        e.getValue()))
                .toList();
    }

    /**
     * Whether the weights take an article (held-out evaluation), hard constraints included.
     *
     * @param input the article's {@link NewsTopicClassifier#modelInputs} for this news topic
     */
    public boolean accepts(
            String newsTopic, NewsTopicModel.Weights model, NewsTopicClassifier.ModelInput input) {
        NewsTopicModel.Weights w = model.forArticle(input.brief());
        double evidence = evidence(newsTopic, w, input.features());
        return input.requirementsMet() && w.accepts(sigmoid(w.bias() + evidence), evidence);
    }

    public boolean requirementsMet(String newsTopic, int example) {
        return input(example, newsTopic).requirementsMet();
    }

    /**
     * Fold per example: dev examples by event group, stratified by their first news topic;
     * background ones -1 (always trained on). Partition 0 deals the groups out in a fixed order,
     * others shuffle them within their stratum first.
     */
    private int[] folds(List<Integer> indices, int k, int partition) {
        int[] fold = new int[examples.size()];
        Arrays.fill(fold, -1);
        Map<Integer, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i : indices) {
            byGroup.computeIfAbsent(group[i], g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byGroup.values());
        groups.sort(
                Comparator.comparingInt((List<Integer> g) -> stratum(g))
                        .thenComparing(g -> -g.size())
                        .thenComparing(g -> examples.get(g.get(0)).id()));
        if (partition != 0) {
            Random random = new Random(partition);
            List<List<Integer>> shuffled = new ArrayList<>();
            int from = 0;
            for (int to = 1; to <= groups.size(); to++) {
                if (to == groups.size() || stratum(groups.get(to)) != stratum(groups.get(from))) {
                    List<List<Integer>> part = new ArrayList<>(groups.subList(from, to));
                    Collections.shuffle(part, random);
                    shuffled.addAll(part);
                    from = to;
                }
            }
            groups = shuffled;
        }
        int next = 0;
        for (List<Integer> g : groups) {
            for (int i : g) {
                fold[i] = next % k;
            }
            next++;
        }
        return fold;
    }

    private int stratum(List<Integer> group) {
        for (int t = 0; t < newsTopics.size(); t++) {
            for (int i : group) {
                if (examples.get(i).isPositive(newsTopics.get(t))) {
                    return t;
                }
            }
        }
        return newsTopics.size();
    }

    /**
     * Fits one news topic on the given examples: on the articles (leads left out), and a brief
     * model on the brief ones (leads, and articles that are brief themselves).
     */
    NewsTopicModel.Weights fit(String newsTopic, int[] train) {
        int[] articles =
                Arrays.stream(train)
                        .filter(i -> examples.get(i).pool() != Example.Pool.LEAD)
                        .toArray();
        NewsTopicModel.Weights w = fitOne(newsTopic, articles);
        if (!options.briefModel()) {
            return w;
        }
        int[] brief = Arrays.stream(train).filter(i -> input(i, newsTopic).brief()).toArray();
        boolean both =
                Arrays.stream(brief).anyMatch(i -> positive(newsTopic, i))
                        && Arrays.stream(brief).anyMatch(i -> !positive(newsTopic, i));
        return both ? w.withBrief(fitOne(newsTopic, brief)) : w;
    }

    /** Fits one model on the given examples, threshold from an inner cross-validation. */
    private NewsTopicModel.Weights fitOne(String newsTopic, int[] train) {
        int positives = (int) Arrays.stream(train).filter(i -> positive(newsTopic, i)).count();
        if (positives == 0 || positives == train.length) {
            throw new io.newsstream.common.config.ConfigException(
                    "News topic '"
                            + newsTopic
                            + "' has "
                            + (positives == 0 ? "no positive" : "no negative")
                            + " examples to train on: give it examples."
                            + (positives == 0 ? "positive" : "negative")
                            + " (files or directories of articles) or scope notes");
        }
        int[] rules = classifier.ruleFeatureIndices(newsTopic);
        // rare: few labelled articles of real coverage, however many were written from the notes
        int labelled =
                (int)
                        Arrays.stream(train)
                                .filter(
                                        i ->
                                                (examples.get(i).pool() == Example.Pool.DEV
                                                                || isDevLead(i))
                                                        && positive(newsTopic, i))
                                .count();
        boolean rulesOnly =
                labelled < NewsTopicClassifier.MIN_POSITIVES_FOR_ALL_FEATURES && rules.length > 0;
        int[] use =
                rulesOnly
                        ? rules
                        : IntStream.range(0, classifier.featureNames(newsTopic).size()).toArray();
        double c = options.c();
        double threshold;
        if (rulesOnly) {
            threshold = rareThreshold(newsTopic, train);
        } else {
            double[] chosen = calibrate(newsTopic, train, use);
            c = chosen[0];
            threshold = chosen[1];
        }
        Learner.Fit fit =
                rulesOnly ? fitNetRules(newsTopic, train, c) : fitOn(newsTopic, train, use, c);
        List<String> names = classifier.featureNames(newsTopic);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int k : use) {
            if (fit.weights()[k] != 0) {
                weights.put(names.get(k), round(fit.weights()[k]));
            }
        }
        return new NewsTopicModel.Weights(
                rulesOnly ? "rules" : "all",
                round(fit.bias()),
                round(threshold),
                weights,
                positives,
                train.length - positives,
                classifier.definitionFingerprint(newsTopic));
    }

    /**
     * A news topic with few examples: one weight for its rules' net score ({@code rules} minus
     * {@code rules against}), so that a rule against counts as much as a rule for, whatever few
     * examples show both; returned as equal and opposite weights of the two scores.
     */
    private Learner.Fit fitNetRules(String newsTopic, int[] train, double c) {
        List<double[]> x = new ArrayList<>(train.length);
        boolean[] y = new boolean[train.length];
        for (int j = 0; j < train.length; j++) {
            double[] f = features(train[j], newsTopic);
            x.add(new double[] {f[0] - f[1]});
            y[j] = positive(newsTopic, train[j]);
        }
        Learner.Fit net = Learner.fitSigned(x, y, new int[] {0}, new int[] {1}, c);
        double[] weights = new double[features(0, newsTopic).length];
        weights[0] = net.weights()[0];
        weights[1] = -net.weights()[0];
        return new Learner.Fit(weights, net.bias());
    }

    private Learner.Fit fitOn(String newsTopic, int[] train, int[] use, double c) {
        List<double[]> x = new ArrayList<>(train.length);
        List<Boolean> y = new ArrayList<>(train.length);
        for (int i : train) {
            // an article a careful editor could label either way counts less
            int copies = examples.get(i).borderline() ? 1 : options.clearWeight();
            if (examples.get(i).weighted()) {
                copies *= options.hardNegativeWeight();
            }
            for (int k = 0; k < copies; k++) {
                x.add(features(i, newsTopic));
                y.add(positive(newsTopic, i));
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int j = 0; j < labels.length; j++) {
            labels[j] = y.get(j);
        }
        // the definitions say which way each rule pushes; the examples say how much
        return Learner.fitSigned(x, labels, use, classifier.featureSigns(newsTopic), c);
    }

    /**
     * The regularisation and threshold maximising F1 on out-of-fold probabilities of an inner
     * cross-validation within {@code train}: {@code {c, threshold}}.
     */
    private double[] calibrate(String newsTopic, int[] train, int[] use) {
        double[] best = {options.c(), 0.5, -1};
        for (double c : C_CANDIDATES) {
            double[] cut =
                    bestCut(outOfFold(newsTopic, train, inner -> fitOn(newsTopic, inner, use, c)));
            if (cut[1] > best[2]) {
                best = new double[] {c, cut[0], cut[1]};
            }
        }
        return best;
    }

    /**
     * A rare news topic's threshold: even odds (0.5, the classes weighted to balance), raised to
     * the cut with the best F1 on out-of-fold probabilities of an inner cross-validation when that
     * is higher. Its rules may fire on articles it excludes (a drone and Pakistan in one paragraph
     * of a story about Pakistan's own air strikes), and the examples show how often; a handful of
     * positives, or clean probes written from the notes, cannot show that less evidence is enough.
     */
    private double rareThreshold(String newsTopic, int[] train) {
        long calibrating =
                Arrays.stream(train).filter(i -> group[i] >= 0 && positive(newsTopic, i)).count();
        if (calibrating < MIN_CALIBRATION_POSITIVES) {
            return 0.5;
        }
        List<double[]> scored =
                outOfFold(newsTopic, train, inner -> fitNetRules(newsTopic, inner, options.c()));
        return Math.max(0.5, bestCut(scored)[0]);
    }

    /**
     * Fewer positives than this among the dev examples and probes, and a rare news topic keeps its
     * threshold at 0.5: an inner cross-validation over two positives measures nothing.
     */
    static final int MIN_CALIBRATION_POSITIVES = 3;

    /**
     * {probability, positive, cost if negative} of every dev example and probe of {@code train},
     * each from a model {@code fit} on the rest of {@code train} ({@link Options#innerFolds} folds
     * grouped by event, {@link Options#innerRepeats} partitions pooled).
     */
    private List<double[]> outOfFold(
            String newsTopic, int[] train, Function<int[], Learner.Fit> fit) {
        List<Integer> dev = Arrays.stream(train).filter(i -> group[i] >= 0).boxed().toList();
        List<double[]> scored = new ArrayList<>();
        for (int repeat = 0; repeat < options.innerRepeats(); repeat++) {
            int[] fold = folds(dev, options.innerFolds(), repeat);
            for (int f = 0; f < options.innerFolds(); f++) {
                int ff = f;
                int[] inner = Arrays.stream(train).filter(i -> fold[i] != ff).toArray();
                if (Arrays.stream(inner).noneMatch(i -> positive(newsTopic, i))) {
                    continue;
                }
                Learner.Fit fitted = fit.apply(inner);
                for (int i : dev) {
                    if (fold[i] == f) {
                        double p =
                                input(i, newsTopic).requirementsMet()
                                        ? fitted.probability(features(i, newsTopic))
                                        : 0;
                        scored.add(new double[] {p, positive(newsTopic, i) ? 1 : 0, cost(i)});
                    }
                }
            }
        }
        return scored;
    }

    /** Inverse regularisation strengths tried by {@link #calibrate}. */
    private static final double[] C_CANDIDATES = {0.3, 1, 3, 10};

    /** What taking a dev example costs when it is a negative: more for a hard negative. */
    private double cost(int example) {
        return examples.get(example).hardNegative() ? options.hardNegativeCost() : 1;
    }

    /**
     * {threshold, F1}: the cut through scored {probability, positive, cost if negative} triples
     * with the best F1, each negative above the cut counting its cost in false positives.
     */
    static double[] bestCut(List<double[]> scored) {
        scored.sort(Comparator.comparingDouble((double[] s) -> -s[0]));
        int allPositives = (int) scored.stream().filter(s -> s[1] == 1).count();
        double best = -1;
        double threshold = 0.5;
        int tp = 0;
        double fp = 0;
        for (int k = 0; k < scored.size(); k++) {
            tp += (int) scored.get(k)[1];
            fp += scored.get(k)[1] == 1 ? 0 : scored.get(k)[2];
            if (k + 1 < scored.size() && scored.get(k + 1)[0] == scored.get(k)[0]) {
                continue;
            }
            double f1 = 2.0 * tp / (2.0 * tp + fp + (allPositives - tp));
            if (f1 > best && scored.get(k)[0] > 0) {
                best = f1;
                double below = k + 1 < scored.size() ? scored.get(k + 1)[0] : 0;
                threshold = (scored.get(k)[0] + below) / 2;
            }
        }
        return new double[] {Math.min(0.95, Math.max(0.05, threshold)), best};
    }

    private boolean positive(String newsTopic, int example) {
        return examples.get(example).isPositive(newsTopic);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    public NewsTopicClassifier classifier() {
        return classifier;
    }
}
