package io.newsstream.processor.training;

import io.newsstream.processor.enrich.ArticleText;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups articles about the same event, so that cross-validation never has one version of a story
 * in training and another in the test fold: updated versions, near-duplicates and follow-ups of one
 * event share most of their distinctive words. Two articles are linked when the cosine of their
 * TF-IDF vectors reaches {@link #LINK}; groups are the connected components.
 */
final class EventGroups {

    /**
     * Measured on the dev set: updated CNN versions score 0.6-0.95, same-day follow-ups 0.4-0.6.
     */
    static final double LINK = 0.4;

    private static final Pattern WORD = Pattern.compile("[a-z]{3,}");

    private EventGroups() {}

    /** Group number per article (0-based, dense). */
    static int[] of(List<ArticleText> texts) {
        int n = texts.size();
        List<Map<String, Double>> tf = texts.stream().map(EventGroups::termFrequencies).toList();
        Map<String, Integer> df = new HashMap<>();
        tf.forEach(m -> m.keySet().forEach(w -> df.merge(w, 1, Integer::sum)));
        @SuppressWarnings("unchecked")
        Map<String, Double>[] vectors = new Map[n];
        for (int i = 0; i < n; i++) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Double> e : tf.get(i).entrySet()) {
                double w = e.getValue() * Math.log((double) n / df.get(e.getKey()));
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double len = Math.sqrt(norm);
            if (len > 0) {
                v.replaceAll((k, w) -> w / len);
            }
            vectors[i] = v;
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (cosine(vectors[i], vectors[j]) >= LINK) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, Integer> dense = new HashMap<>();
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = dense.computeIfAbsent(find(parent, i), r -> dense.size());
        }
        return group;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            return cosine(b, a);
        }
        double dot = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double w = b.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        return dot;
    }

    private static Map<String, Double> termFrequencies(ArticleText t) {
        Map<String, Double> counts = new HashMap<>();
        Matcher m = WORD.matcher((t.title() + "\n" + t.body()).toLowerCase(Locale.ROOT));
        while (m.find()) {
            counts.merge(m.group(), 1.0, Double::sum);
        }
        counts.replaceAll((w, c) -> 1 + Math.log(c));
        return counts;
    }
}
