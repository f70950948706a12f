package io.newsstream.processor.enrich;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.common.newstopic.NewsTopicCatalog.NewsTopicInfo;
import io.newsstream.processor.enrich.NewsTopicRules.PhraseSpec;
import io.newsstream.processor.enrich.NewsTopicRules.Requirement;
import io.newsstream.processor.enrich.NewsTopicRules.WeightedPhrases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multi-label news topic classifier: scores an article against every news topic of a {@link
 * NewsTopicCatalog} and explains each score with evidence.
 *
 * <p>For each news topic (fields documented in {@link NewsTopicRules}):
 *
 * <ul>
 *   <li>every {@code terms}/{@code exclude} entry found in a field contributes {@code weight x
 *       fieldWeight x (1 + ln count)}, count being the occurrences of all its alternative phrases:
 *       repeated mentions count, sub-linearly, so one word repeated cannot carry an article alone,
 *       and listing synonyms does not multiply a weight. The evidence shares the contribution among
 *       the phrases found, in proportion to their counts; the score is the evidence's sum;
 *   <li>the news topic is <em>matched</em> when the score reaches its {@code threshold} and every
 *       {@code require} clause holds (all its groups occur, within {@code within} words of each
 *       other in one field when given);
 *   <li>the primary news topic is the matched one with the highest {@code score / threshold}
 *       (catalogue order breaks ties), or none.
 * </ul>
 *
 * <p>All phrases are compiled at construction and the article is scanned once per field ({@link
 * PhraseIndex}), so cost grows with the article's length, hardly with the number of phrases.
 * Immutable and thread-safe.
 */
public final class NewsTopicClassifier {

    private static final ArticleField[] FIELDS = ArticleField.values();
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(NewsTopicClassifier.class);

    /** Contributions smaller than this are not shown as evidence. */
    private static final double MIN_EVIDENCE = 0.02;

    /** Rules' score a news topic without weights or terms needs (a rule in the lead, say). */
    private static final double RULES_THRESHOLD = 1.0;

    /** At most this many pieces of evidence per news topic, the strongest first. */
    private static final int MAX_EVIDENCE = 12;

    private final PhraseIndex index;
    private final CompiledTopic[] newsTopics;

    private NewsTopicClassifier(PhraseIndex index, CompiledTopic[] newsTopics) {
        this.index = index;
        this.newsTopics = newsTopics;
    }

    /**
     * Compiles the classifier fields of every news topic of the catalogue.
     *
     * @throws io.newsstream.common.config.ConfigException naming the news topic and field when a
     *     definition is invalid
     */
    public static NewsTopicClassifier fromCatalog(NewsTopicCatalog catalog) {
        return fromCatalog(catalog, NewsTopicModel.forCatalog(catalog));
    }

    /**
     * As {@link #fromCatalog(NewsTopicCatalog)} with the given trained weights. A news topic
     * without weights is classified by its rules only, with a warning in the log: by its {@code
     * terms} and {@code threshold} when it has them, else matched when its {@code require} clauses
     * hold and its rules score at least 1 (see {@link TopicFeatures#rulesScore}).
     */
    public static NewsTopicClassifier fromCatalog(NewsTopicCatalog catalog, NewsTopicModel model) {
        return fromCatalog(catalog, model, true);
    }

    /** The definitions alone, for training: no weights, and no warning about their absence. */
    public static NewsTopicClassifier untrained(NewsTopicCatalog catalog) {
        return fromCatalog(catalog, NewsTopicModel.EMPTY, false);
    }

    private static NewsTopicClassifier fromCatalog(
            NewsTopicCatalog catalog, NewsTopicModel model, boolean warnUntrained) {
        PhraseIndex.Builder phrases = new PhraseIndex.Builder();
        List<CompiledTopic> compiled = new ArrayList<>();
        for (NewsTopicInfo info : catalog.newsTopics()) {
            NewsTopicRules rules = NewsTopicRules.parse(info, catalog.origin());
            CompiledTopic t = CompiledTopic.compile(rules, phrases);
            t.useModel(model.weightsOf(info.id()).orElse(null), catalog.origin(), warnUntrained);
            compiled.add(t);
        }
        PhraseIndex index = phrases.build();
        for (CompiledTopic t : compiled) {
            t.sizeMasks(index.size());
        }
        return new NewsTopicClassifier(index, compiled.toArray(CompiledTopic[]::new));
    }

    /**
     * Checks that every example path of a definitions file exists (relative to the file), so that a
     * typo stops start-up rather than the next training. The bundled definitions have no example
     * paths (they learn from labels files): nothing to check.
     *
     * @throws io.newsstream.common.config.ConfigException naming the news topic, the entry and the
     *     path
     */
    public void checkExamplePaths(NewsTopicCatalog catalog) {
        java.util.Optional<java.nio.file.Path> model = NewsTopicModel.fileFor(catalog);
        if (model.isEmpty()) {
            return;
        }
        java.nio.file.Path base = model.get().toAbsolutePath().getParent();
        for (CompiledTopic t : newsTopics) {
            for (boolean positive : new boolean[] {true, false}) {
                for (String p : positive ? t.examples.positive() : t.examples.negative()) {
                    java.nio.file.Path path = base.resolve(p);
                    if (!java.nio.file.Files.exists(path)) {
                        throw new io.newsstream.common.config.ConfigException(
                                "News topic '"
                                        + t.id
                                        + "' in "
                                        + catalog.origin()
                                        + ": examples."
                                        + (positive ? "positive" : "negative")
                                        + " names "
                                        + path
                                        + ", which does not exist");
                    }
                }
            }
        }
    }

    /** A news topic's labelled example paths, as configured (relative to its definitions). */
    public List<String> examplePaths(String newsTopic, boolean positive) {
        NewsTopicRules.Examples e = topic(newsTopic).examples;
        return positive ? e.positive() : e.negative();
    }

    /** News topics classified by rules only: no trained weights for them. */
    public List<String> untrained() {
        return Arrays.stream(newsTopics).filter(t -> t.model == null).map(t -> t.id).toList();
    }

    /** The model's feature names of one news topic ({@link TopicFeatures#names()}). */
    public List<String> featureNames(String newsTopic) {
        return topic(newsTopic).features.names();
    }

    /**
     * Per feature of {@link #featureNames}, the sign its weight may take by the definitions: +1
     * evidence for (a {@code together} rule and its groups), -1 evidence against (an {@code
     * against} rule and the groups only such rules use), 0 either.
     */
    public int[] featureSigns(String newsTopic) {
        return topic(newsTopic).features.signs();
    }

    /**
     * Fingerprint of the groups and rules a news topic's features are computed from: weights
     * trained on another fingerprint are stale.
     */
    public String definitionFingerprint(String newsTopic) {
        return topic(newsTopic).fingerprint;
    }

    /** Number of examples below which the model uses only the news topic's rules. */
    public static final int MIN_POSITIVES_FOR_ALL_FEATURES = 10;

    /**
     * Index into {@link #featureNames} of the rules' score: what a news topic with few examples
     * learns from.
     */
    public int[] ruleFeatureIndices(String newsTopic) {
        return new int[] {0, 1};
    }

    /**
     * What the model of one news topic reads of one article: its feature vector ({@link
     * #featureNames} order) and whether its hard constraints hold.
     */
    public record ModelInput(double[] features, boolean requirementsMet, boolean brief) {}

    /** Every news topic's model input for one article, from one scan: what training reads. */
    public Map<String, ModelInput> modelInputs(ArticleText text) {
        PhraseIndex.Hits hits = scan(text, new Tokens[FIELDS.length]);
        TopicFeatures.Paragraphs body = TopicFeatures.Paragraphs.of(text.body());
        Map<String, ModelInput> out = new java.util.LinkedHashMap<>();
        for (CompiledTopic t : newsTopics) {
            out.put(
                    t.id,
                    new ModelInput(
                            t.features.extract(t.features.find(hits, body)),
                            t.requirementsMet(hits, body.brief()),
                            body.brief()));
        }
        return out;
    }

    private CompiledTopic topic(String id) {
        for (CompiledTopic t : newsTopics) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("No news topic '" + id + "' is configured");
    }

    private PhraseIndex.Hits scan(ArticleText text, Tokens[] tokens) {
        PhraseIndex.Hits hits = new PhraseIndex.Hits(index.size());
        for (ArticleField f : FIELDS) {
            String s = text.field(f);
            if (s != null && !s.isEmpty()) {
                Tokens t = tokens[f.ordinal()];
                index.scan(t == null ? Tokens.of(s) : t, f.ordinal(), hits);
            }
        }
        return hits;
    }

    /** Ids of the news topics this classifier knows, in catalogue order. */
    public List<String> newsTopicIds() {
        return Arrays.stream(newsTopics).map(t -> t.id).toList();
    }

    public Classification classify(ArticleText text) {
        return classify(text, new Tokens[FIELDS.length]);
    }

    /**
     * Whether an article is brief (a body of one or two lines and at most 200 words, a feed item):
     * a news topic with a brief model decides it with that one.
     */
    public static boolean isBrief(ArticleText text) {
        return TopicFeatures.Paragraphs.of(text.body()).brief();
    }

    /** Whether a brief model decides this article for some news topic: it is brief, and one has. */
    public boolean decidesBriefly(ArticleText text) {
        return isBrief(text) && Arrays.stream(newsTopics).anyMatch(t -> t.briefModel != null);
    }

    /**
     * As {@link #classify(ArticleText)}, with fields already tokenised by the caller (who shares
     * them with the entity extractor).
     *
     * @param tokens per {@link ArticleField#ordinal()}: {@code Tokens.of(text.field(f))}, or null
     */
    Classification classify(ArticleText text, Tokens[] tokens) {
        PhraseIndex.Hits hits = scan(text, tokens);
        TopicFeatures.Paragraphs body = TopicFeatures.Paragraphs.of(text.body());
        List<Classification.Result> results = new ArrayList<>(newsTopics.length);
        String primary = null;
        double best = Double.NEGATIVE_INFINITY;
        for (CompiledTopic t : newsTopics) {
            Classification.Result r = t.evaluate(hits, body);
            results.add(r);
            if (r.matched() && margin(r) > best) {
                best = margin(r);
                primary = r.newsTopic();
            }
        }
        return new Classification(results, primary);
    }

    /**
     * How far a matched news topic is past its threshold: in log-odds for a trained one (so that
     * news topics with different thresholds compare), as a ratio for rules only.
     */
    private static double margin(Classification.Result r) {
        if (r.probability() == null) {
            return r.score() / r.threshold();
        }
        double p = Math.min(1 - 1e-9, Math.max(1e-9, r.probability()));
        double t = Math.min(1 - 1e-9, Math.max(1e-9, r.threshold()));
        return Math.log(p / (1 - p)) - Math.log(t / (1 - t));
    }

    /** One news topic's rules with phrases replaced by ids into the shared {@link PhraseIndex}. */
    private static final class CompiledTopic {
        final String id;
        final double threshold;
        final double[] fieldWeight = new double[FIELDS.length];

        /** Per term (terms, then excluded contexts): its alternative phrases and their texts. */
        final int[][] termPhrases;

        final String[][] termTexts;
        final double[] termWeight;
        final int[][] groupPhrases;
        final Clause[] clauses;
        final Map<Integer, String> phraseTexts = new HashMap<>();
        NewsTopicRules.Examples examples = NewsTopicRules.Examples.NONE;
        TopicFeatures features;
        String fingerprint;

        /** The trained model, or null: rules only. */
        Linear model;

        /** The model for a brief article ({@link TopicFeatures.Paragraphs#brief}), or null. */
        Linear briefModel;

        /**
         * One logistic regression.
         *
         * @param weights per feature of {@link #features}
         * @param rulesOnly weights of the rules only: a match also needs the rules' evidence to be
         *     positive
         */
        record Linear(double[] weights, double bias, double threshold, boolean rulesOnly) {}

        private CompiledTopic(
                String id,
                double threshold,
                int[][] termPhrases,
                String[][] termTexts,
                double[] termWeight,
                int[][] groupPhrases,
                Clause[] clauses) {
            this.id = id;
            this.threshold = threshold;
            this.termPhrases = termPhrases;
            this.termTexts = termTexts;
            this.termWeight = termWeight;
            this.groupPhrases = groupPhrases;
            this.clauses = clauses;
        }

        static CompiledTopic compile(NewsTopicRules rules, PhraseIndex.Builder phrases) {
            List<WeightedPhrases> scored = new ArrayList<>(rules.terms());
            scored.addAll(rules.exclude());
            int[][] ids = new int[scored.size()][];
            String[][] texts = new String[scored.size()][];
            double[] weights = new double[scored.size()];
            for (int k = 0; k < scored.size(); k++) {
                WeightedPhrases wp = scored.get(k);
                ids[k] =
                        wp.phrases().stream()
                                .mapToInt(p -> phrases.add(p.text(), p.matchCase()))
                                .toArray();
                texts[k] = wp.phrases().stream().map(PhraseSpec::text).toArray(String[]::new);
                weights[k] = wp.weight();
            }
            Map<String, Integer> groupIndex = new HashMap<>();
            int[][] groupPhrases = new int[rules.groups().size()][];
            int g = 0;
            Map<Integer, String> groupTexts = new HashMap<>();
            for (Map.Entry<String, List<PhraseSpec>> e : rules.groups().entrySet()) {
                for (PhraseSpec p : e.getValue()) {
                    groupTexts.putIfAbsent(phrases.add(p.text(), p.matchCase()), p.text());
                }
                groupIndex.put(e.getKey(), g);
                groupPhrases[g++] =
                        e.getValue().stream()
                                .mapToInt(p -> phrases.add(p.text(), p.matchCase()))
                                .distinct()
                                .toArray();
            }
            Clause[] clauses = new Clause[rules.require().size()];
            for (int k = 0; k < clauses.length; k++) {
                Requirement r = rules.require().get(k);
                clauses[k] =
                        new Clause(
                                r.groups().stream().mapToInt(groupIndex::get).toArray(),
                                r.within(),
                                r.any(),
                                r.feedItems());
            }
            CompiledTopic t =
                    new CompiledTopic(
                            rules.id(),
                            rules.threshold(),
                            ids,
                            texts,
                            weights,
                            groupPhrases,
                            clauses);
            for (ArticleField f : FIELDS) {
                t.fieldWeight[f.ordinal()] = rules.fieldWeights().get(f);
            }
            t.phraseTexts.putAll(groupTexts);
            // A group only a require clause names is a constraint, not evidence: no features.
            Set<String> inRules = new HashSet<>();
            rules.together().forEach(inRules::addAll);
            rules.against().forEach(inRules::addAll);
            Set<String> constraintsOnly = new HashSet<>();
            rules.require().forEach(r -> constraintsOnly.addAll(r.groups()));
            constraintsOnly.removeAll(inRules);
            List<String> featureGroups = new ArrayList<>();
            List<int[]> featurePhrases = new ArrayList<>();
            for (String name : rules.groups().keySet()) {
                if (!constraintsOnly.contains(name)) {
                    featureGroups.add(name);
                    featurePhrases.add(groupPhrases[groupIndex.get(name)]);
                }
            }
            t.features =
                    new TopicFeatures(
                            featureGroups.toArray(String[]::new),
                            featurePhrases.toArray(int[][]::new),
                            rules.together(),
                            rules.against());
            t.fingerprint = fingerprint(rules);
            t.examples = rules.examples();
            return t;
        }

        /**
         * A clause as the fingerprint has always read it, {@code feedItems: false} added only when
         * said: a model trained before the setting existed still matches its definitions.
         */
        private static String fingerprintOf(NewsTopicRules.Requirement r) {
            return "Requirement[groups="
                    + r.groups()
                    + ", within="
                    + r.within()
                    + ", any="
                    + r.any()
                    + "]"
                    + (r.feedItems() ? "" : " feedItems=false");
        }

        private static String fingerprint(NewsTopicRules rules) {
            StringBuilder b = new StringBuilder();
            rules.groups()
                    .forEach(
                            (name, phrases) -> {
                                b.append(name).append('=');
                                phrases.forEach(
                                        p ->
                                                b.append(p.text())
                                                        .append(p.matchCase() ? "!" : "")
                                                        .append('|'));
                                b.append(';');
                            });
            // what the weights were trained on: the features, and the clauses that veto
            b.append("together=").append(rules.together());
            b.append("against=").append(rules.against());
            b.append("require=")
                    .append(rules.require().stream().map(CompiledTopic::fingerprintOf).toList());
            try {
                byte[] d =
                        java.security.MessageDigest.getInstance("SHA-256")
                                .digest(
                                        b.toString()
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d, 0, 8);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void useModel(NewsTopicModel.Weights w, String origin, boolean warnUntrained) {
            if (w == null) {
                if (!warnUntrained) {
                    return;
                }
                LOG.warn(
                        "News topic '{}' ({}) has no trained weights: classified by its rules only"
                                + " (less accurate). Train it: ./newsstream topics train",
                        id,
                        origin);
                return;
            }
            if (w.definition() != null && !w.definition().equals(fingerprint)) {
                LOG.warn(
                        "News topic '{}': its groups or rules changed since the model was trained;"
                                + " using the old weights. Retrain: ./newsstream topics train",
                        id);
            }
            model = align(w);
            briefModel = w.brief() == null ? null : align(w.brief());
        }

        private Linear align(NewsTopicModel.Weights w) {
            List<String> names = features.names();
            double[] aligned = new double[names.size()];
            for (Map.Entry<String, Double> e : w.weights().entrySet()) {
                int k = names.indexOf(e.getKey());
                if (k < 0) {
                    LOG.warn(
                            "News topic '{}': the model weighs feature '{}' that its definition"
                                    + " no longer has; ignored. Retrain: ./newsstream topics train",
                            id,
                            e.getKey());
                    continue;
                }
                aligned[k] = e.getValue();
            }
            return new Linear(aligned, w.bias(), w.threshold(), w.rulesOnly());
        }

        void sizeMasks(int phraseCount) {
            features.sizeMasks(phraseCount);
            for (Clause c : clauses) {
                c.maskByPhrase = new int[phraseCount];
                for (int k = 0; k < c.groups.length; k++) {
                    for (int p : groupPhrases[c.groups[k]]) {
                        c.maskByPhrase[p] |= 1 << k;
                    }
                }
            }
        }

        /** Every {@code require} clause that binds such an article holds. */
        boolean requirementsMet(PhraseIndex.Hits hits, boolean brief) {
            for (Clause c : clauses) {
                if ((c.feedItems || !brief) && !c.holds(hits, groupPhrases)) {
                    return false;
                }
            }
            return true;
        }

        Classification.Result evaluate(PhraseIndex.Hits hits, TopicFeatures.Paragraphs body) {
            boolean requirementsMet = requirementsMet(hits, body.brief());
            if (model != null) {
                return evaluateModel(hits, body, requirementsMet);
            }
            if (termPhrases.length == 0) {
                return evaluateRules(hits, body, requirementsMet);
            }
            List<Classification.Evidence> evidence = new ArrayList<>();
            double score = termEvidence(hits, evidence);
            return new Classification.Result(
                    id,
                    score,
                    threshold,
                    requirementsMet,
                    requirementsMet && score >= threshold,
                    evidence,
                    null);
        }

        /**
         * The trained model: {@code p = sigmoid(bias + w . x)}, matched when {@code p} reaches the
         * calibrated threshold and the hard constraints hold. The evidence is each group's and
         * rule's contribution {@code w . x} to the decision, shown as the phrases found (field,
         * position, count) and the paragraphs where a rule's groups are said together.
         */
        private Classification.Result evaluateModel(
                PhraseIndex.Hits hits, TopicFeatures.Paragraphs body, boolean requirementsMet) {
            Linear m = body.brief() && briefModel != null ? briefModel : model;
            double[] weights = m.weights();
            double bias = m.bias();
            TopicFeatures.Found found = features.find(hits, body);
            double[] x = features.extract(found);
            double z = bias;
            double[] byGroup = new double[features.groupNames.length];
            double[] byRule = new double[features.ruleNames.length];
            for (int k = 0; k < x.length; k++) {
                double c = weights[k] * x[k];
                if (c == 0) {
                    continue;
                }
                z += c;
                int g = features.groupOf(k);
                if (k < TopicFeatures.SCORES) {
                    // a rules' score: each of its rules' share of it
                    int sign = k == 0 ? 1 : -1;
                    for (int r = 0; r < byRule.length; r++) {
                        if (features.ruleSign[r] == sign) {
                            byRule[r] += weights[k] * features.ruleValue(found, r);
                        }
                    }
                } else if (g >= 0) {
                    byGroup[g] += c;
                } else {
                    byRule[features.ruleOf(k)] += c;
                }
            }
            double p = 1 / (1 + Math.exp(-z));
            List<Classification.Evidence> evidence = new ArrayList<>();
            for (int g = 0; g < byGroup.length; g++) {
                if (Math.abs(byGroup[g]) >= MIN_EVIDENCE) {
                    groupEvidence(hits, g, byGroup[g], evidence);
                }
            }
            for (int r = 0; r < byRule.length; r++) {
                if (Math.abs(byRule[r]) >= MIN_EVIDENCE) {
                    evidence.add(
                            new Classification.Evidence(
                                    "together: " + features.ruleNames[r],
                                    ArticleField.BODY,
                                    Math.max(0, found.ruleFirstPosition[r]),
                                    found.ruleParagraphs[r],
                                    round(byRule[r])));
                }
            }
            evidence.sort((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())));
            if (evidence.size() > MAX_EVIDENCE) {
                evidence = evidence.subList(0, MAX_EVIDENCE);
            }
            double probability = round(p);
            return new Classification.Result(
                    id,
                    probability,
                    m.threshold(),
                    requirementsMet,
                    requirementsMet && p >= m.threshold() && (!m.rulesOnly() || z > bias),
                    evidence,
                    probability);
        }

        /** A group's contribution, shared among its phrases found, in proportion to counts. */
        private void groupEvidence(
                PhraseIndex.Hits hits,
                int g,
                double contribution,
                List<Classification.Evidence> out) {
            int[] phrases = features.phrasesOf(g);
            int total = 0;
            for (ArticleField f : FIELDS) {
                for (int p : phrases) {
                    total += hits.count[f.ordinal()][p];
                }
            }
            if (total == 0) {
                // A group's absence carries no weight: features are 0 without hits.
                return;
            }
            for (ArticleField f : FIELDS) {
                int[] count = hits.count[f.ordinal()];
                for (int p : phrases) {
                    if (count[p] > 0) {
                        out.add(
                                new Classification.Evidence(
                                        features.groupNames[g] + ": " + phraseText(p),
                                        f,
                                        hits.firstPosition[f.ordinal()][p],
                                        count[p],
                                        round(contribution * count[p] / total)));
                    }
                }
            }
        }

        private String phraseText(int phraseId) {
            return phraseTexts.getOrDefault(phraseId, "?");
        }

        /**
         * No weights and no terms: matched when the hard constraints hold and the rules' score
         * ({@link TopicFeatures#rulesScore}) reaches {@link #RULES_THRESHOLD}.
         */
        private Classification.Result evaluateRules(
                PhraseIndex.Hits hits, TopicFeatures.Paragraphs body, boolean requirementsMet) {
            TopicFeatures.Found found = features.find(hits, body);
            List<Classification.Evidence> evidence = new ArrayList<>();
            for (int r = 0; r < features.ruleNames.length; r++) {
                double v = features.ruleValue(found, r);
                if (v > 0) {
                    evidence.add(
                            new Classification.Evidence(
                                    "together: " + features.ruleNames[r],
                                    ArticleField.BODY,
                                    Math.max(0, found.ruleFirstPosition[r]),
                                    found.ruleParagraphs[r],
                                    round(features.ruleSign[r] * v)));
                }
            }
            double score = round(features.rulesScore(found, 1) - features.rulesScore(found, -1));
            return new Classification.Result(
                    id,
                    score,
                    RULES_THRESHOLD,
                    requirementsMet,
                    requirementsMet && score >= RULES_THRESHOLD,
                    evidence,
                    null);
        }

        /** The additive rules score of {@code terms} and {@code exclude}, with its evidence. */
        private double termEvidence(PhraseIndex.Hits hits, List<Classification.Evidence> evidence) {
            double score = 0;
            for (int k = 0; k < termPhrases.length; k++) {
                int[] alternatives = termPhrases[k];
                for (ArticleField f : FIELDS) {
                    int[] count = hits.count[f.ordinal()];
                    int total = 0;
                    for (int p : alternatives) {
                        total += count[p];
                    }
                    if (total == 0 || fieldWeight[f.ordinal()] == 0) {
                        continue;
                    }
                    // Alternatives count together (synonyms must not multiply the weight); each
                    // phrase found gets its share of the term's contribution as evidence.
                    double contribution =
                            termWeight[k] * fieldWeight[f.ordinal()] * (1 + Math.log(total));
                    for (int a = 0; a < alternatives.length; a++) {
                        int c = count[alternatives[a]];
                        if (c == 0) {
                            continue;
                        }
                        double w = round(contribution * c / total);
                        score += w;
                        evidence.add(
                                new Classification.Evidence(
                                        termTexts[k][a],
                                        f,
                                        hits.firstPosition[f.ordinal()][alternatives[a]],
                                        c,
                                        w));
                    }
                }
            }
            return round(score);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }

    /** One {@code require} clause. */
    private static final class Clause {
        final int[] groups;
        final int within;
        final boolean any;

        /** Whether it binds brief articles (feed items) too. */
        final boolean feedItems;

        int[] maskByPhrase;

        Clause(int[] groups, int within, boolean any, boolean feedItems) {
            this.groups = groups;
            this.within = within;
            this.any = any;
            this.feedItems = feedItems;
        }

        boolean holds(PhraseIndex.Hits hits, int[][] groupPhrases) {
            if (any) {
                for (int g : groups) {
                    if (anyHit(hits, groupPhrases[g])) {
                        return true;
                    }
                }
                return false;
            }
            if (within == 0) {
                for (int g : groups) {
                    if (!anyHit(hits, groupPhrases[g])) {
                        return false;
                    }
                }
                return true;
            }
            for (ArticleField f : FIELDS) {
                if (holdsWithin(hits, f.ordinal())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyHit(PhraseIndex.Hits hits, int[] phrases) {
            for (int p : phrases) {
                if (hits.total(p) > 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Sliding window over the hits of one field (they are in word order): is there a span of
         * fewer than {@code within} words holding a hit of every group?
         */
        private boolean holdsWithin(PhraseIndex.Hits hits, int field) {
            int full = (1 << groups.length) - 1;
            int[] perGroup = new int[groups.length];
            int covered = 0;
            int[] word = new int[hits.size];
            int[] mask = new int[hits.size];
            int m = 0;
            for (int h = 0; h < hits.size; h++) {
                if (hits.hitField[h] == field && maskByPhrase[hits.hitPhrase[h]] != 0) {
                    word[m] = hits.hitWord[h];
                    mask[m] = maskByPhrase[hits.hitPhrase[h]];
                    m++;
                }
            }
            int l = 0;
            for (int r = 0; r < m; r++) {
                for (int k = 0; k < groups.length; k++) {
                    if ((mask[r] & (1 << k)) != 0 && perGroup[k]++ == 0) {
                        covered |= 1 << k;
                    }
                }
                while (covered == full) {
                    if (word[r] - word[l] < within) {
                        return true;
                    }
                    for (int k = 0; k < groups.length; k++) {
                        if ((mask[l] & (1 << k)) != 0 && --perGroup[k] == 0) {
                            covered &= ~(1 << k);
                        }
                    }
                    l++;
                }
            }
            return false;
        }
    }
}
