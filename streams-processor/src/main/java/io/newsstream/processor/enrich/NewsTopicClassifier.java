package io.newsstream.processor.enrich;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.common.newstopic.NewsTopicCatalog.NewsTopicInfo;
import io.newsstream.processor.enrich.NewsTopicRules.PhraseSpec;
import io.newsstream.processor.enrich.NewsTopicRules.Requirement;
import io.newsstream.processor.enrich.NewsTopicRules.WeightedPhrases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        PhraseIndex.Builder phrases = new PhraseIndex.Builder();
        List<CompiledTopic> compiled = new ArrayList<>();
        for (NewsTopicInfo info : catalog.newsTopics()) {
            NewsTopicRules rules = NewsTopicRules.parse(info, catalog.origin());
            compiled.add(CompiledTopic.compile(rules, phrases));
        }
        PhraseIndex index = phrases.build();
        for (CompiledTopic t : compiled) {
            t.sizeMasks(index.size());
        }
        return new NewsTopicClassifier(index, compiled.toArray(CompiledTopic[]::new));
    }

    /** Ids of the news topics this classifier knows, in catalogue order. */
    public List<String> newsTopicIds() {
        return Arrays.stream(newsTopics).map(t -> t.id).toList();
    }

    public Classification classify(ArticleText text) {
        return classify(text, new Tokens[FIELDS.length]);
    }

    /**
     * As {@link #classify(ArticleText)}, with fields already tokenised by the caller (who shares
     * them with the entity extractor).
     *
     * @param tokens per {@link ArticleField#ordinal()}: {@code Tokens.of(text.field(f))}, or null
     */
    Classification classify(ArticleText text, Tokens[] tokens) {
        PhraseIndex.Hits hits = new PhraseIndex.Hits(index.size());
        for (ArticleField f : FIELDS) {
            String s = text.field(f);
            if (s != null && !s.isEmpty()) {
                Tokens t = tokens[f.ordinal()];
                index.scan(t == null ? Tokens.of(s) : t, f.ordinal(), hits);
            }
        }
        List<Classification.Result> results = new ArrayList<>(newsTopics.length);
        String primary = null;
        double best = Double.NEGATIVE_INFINITY;
        for (CompiledTopic t : newsTopics) {
            Classification.Result r = t.evaluate(hits);
            results.add(r);
            if (r.matched() && r.score() / r.threshold() > best) {
                best = r.score() / r.threshold();
                primary = r.newsTopic();
            }
        }
        return new Classification(results, primary);
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
            for (Map.Entry<String, List<PhraseSpec>> e : rules.groups().entrySet()) {
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
                                r.within());
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
            return t;
        }

        void sizeMasks(int phraseCount) {
            for (Clause c : clauses) {
                c.maskByPhrase = new int[phraseCount];
                for (int k = 0; k < c.groups.length; k++) {
                    for (int p : groupPhrases[c.groups[k]]) {
                        c.maskByPhrase[p] |= 1 << k;
                    }
                }
            }
        }

        Classification.Result evaluate(PhraseIndex.Hits hits) {
            List<Classification.Evidence> evidence = new ArrayList<>();
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
            score = round(score);
            boolean requirementsMet = true;
            for (Clause c : clauses) {
                if (!c.holds(hits, groupPhrases)) {
                    requirementsMet = false;
                    break;
                }
            }
            return new Classification.Result(
                    id,
                    score,
                    threshold,
                    requirementsMet,
                    requirementsMet && score >= threshold,
                    evidence,
                    null);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }

    /** One {@code require} clause. */
    private static final class Clause {
        final int[] groups;
        final int within;
        int[] maskByPhrase;

        Clause(int[] groups, int within) {
            this.groups = groups;
            this.within = within;
        }

        boolean holds(PhraseIndex.Hits hits, int[][] groupPhrases) {
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
