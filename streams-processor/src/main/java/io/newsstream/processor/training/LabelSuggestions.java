package io.newsstream.processor.training;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsstream.processor.enrich.ArticleText;
import io.newsstream.processor.enrich.Classification;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to label next: per news topic, the unlabelled articles the model is least sure of. The
 * evaluation's learning curve says labelled examples are what the news topics lack most; an article
 * far from the threshold teaches the model little whichever way an editor labels it, one next to it
 * decides where the threshold goes (uncertainty sampling). Near-duplicates of a suggestion are left
 * out: one version of a story is enough to label.
 */
final class LabelSuggestions {

    /**
     * Marks the news topic of a suggestions file as the model's guess: a labels file with it is
     * refused until an editor has read the article and written the label.
     */
    static final String GUESS = "?";

    /** How many ranked candidates per news topic are grouped by event to fill a list. */
    private static final int GROUPED_PER_SUGGESTION = 10;

    /**
     * An unlabelled article.
     *
     * @param name how the user finds it: its file, or the JSON-lines file, line and article id
     * @param file its article file; null for one read from JSON lines (written beside the labels
     *     file to fill in, which can only name files)
     * @param id the article's id when it has one (JSON lines), else null
     */
    record Article(String name, Path file, String id, ArticleText text) {}

    /**
     * One article to label.
     *
     * @param margin distance from the decision: log-odds from the threshold for a trained news
     *     topic, score from the threshold for one on its rules
     */
    record Suggestion(Article article, Classification.Result result, double margin) {
        ArticleText text() {
            return article.text();
        }
    }

    /**
     * Per news topic (in the classifier's order), the suggestions; topics without any are left out.
     */
    static Map<String, List<Suggestion>> rank(
            NewsTopicClassifier classifier,
            List<String> newsTopics,
            List<Article> pool,
            int limit) {
        Map<Article, Classification> classified = new LinkedHashMap<>();
        pool.forEach(a -> classified.put(a, classifier.classify(a.text())));
        Map<String, List<Suggestion>> out = new LinkedHashMap<>();
        for (String t : newsTopics) {
            List<Suggestion> ranked = new ArrayList<>();
            classified.forEach(
                    (article, c) -> {
                        Classification.Result r = c.result(t);
                        if (r.requirementsMet()
                                && r.evidence().stream().anyMatch(e -> e.weight() > 0)) {
                            ranked.add(new Suggestion(article, r, margin(r)));
                        }
                    });
            ranked.sort(
                    Comparator.comparingDouble(Suggestion::margin)
                            .thenComparing(s -> s.article().name()));
            List<Suggestion> chosen = onePerEvent(ranked, limit);
            if (!chosen.isEmpty()) {
                out.put(t, chosen);
            }
        }
        return out;
    }

    /**
     * The first {@code limit} suggestions of different events, in rank order. Only the head of the
     * ranking is grouped: grouping compares every pair.
     */
    private static List<Suggestion> onePerEvent(List<Suggestion> ranked, int limit) {
        List<Suggestion> head =
                ranked.subList(0, Math.min(ranked.size(), limit * GROUPED_PER_SUGGESTION));
        int[] group = EventGroups.of(head.stream().map(Suggestion::text).toList());
        Set<Integer> seen = new HashSet<>();
        List<Suggestion> out = new ArrayList<>();
        for (int i = 0; i < head.size() && out.size() < limit; i++) {
            if (seen.add(group[i])) {
                out.add(head.get(i));
            }
        }
        return out;
    }

    /**
     * A labels file to fill in ({@code file,topic,borderline,source,note}), one row per article:
     * the news topic column holds the model's guess marked with {@link #GUESS} (the first news
     * topic it would take the article for, else none), the note what the model said for each news
     * topic it was suggested for. Paths are relative to the file, as labels files have them; an
     * article read from JSON lines is first written as an article file into {@code articles/}
     * beside it.
     */
    static void writeLabelsToFill(Map<String, List<Suggestion>> suggestions, Path csv)
            throws IOException {
        Map<Article, List<Suggestion>> byArticle = new LinkedHashMap<>();
        suggestions.values().stream()
                .flatMap(List::stream)
                .forEach(
                        s -> byArticle.computeIfAbsent(s.article(), a -> new ArrayList<>()).add(s));
        Path base = csv.toAbsolutePath().normalize().getParent();
        CsvSchema schema =
                CsvSchema.builder()
                        .addColumn("file")
                        .addColumn("topic")
                        .addColumn("borderline")
                        .addColumn("source")
                        .addColumn("note")
                        .build()
                        .withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        Map<Path, List<Suggestion>> byFile = new LinkedHashMap<>();
        for (Map.Entry<Article, List<Suggestion>> e : byArticle.entrySet()) {
            byFile.put(fileOf(e.getKey(), base), e.getValue());
        }
        byFile.forEach(
                (file, list) -> {
                    String guess =
                            list.stream()
                                    .filter(s -> s.result().matched())
                                    .map(s -> s.result().newsTopic())
                                    .findFirst()
                                    .orElse("none");
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("file", base.relativize(file.toAbsolutePath().normalize()).toString());
                    row.put("topic", GUESS + guess);
                    row.put("borderline", "");
                    row.put("source", "suggest");
                    row.put(
                            "note",
                            list.stream()
                                    .map(LabelSuggestions::decision)
                                    .collect(Collectors.joining("; ")));
                    rows.add(row);
                });
        Files.createDirectories(base);
        new CsvMapper().writer(schema).writeValues(csv.toFile()).writeAll(rows).close();
    }

    /** The article's file; one from JSON lines is written to {@code base/articles/} first. */
    private static Path fileOf(Article a, Path base) throws IOException {
        if (a.file() != null) {
            return a.file();
        }
        Path file =
                base.resolve("articles")
                        .resolve(a.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
        Files.createDirectories(file.getParent());
        ArticleText t = a.text();
        Files.writeString(
                file,
                t.title()
                        + "\n\n"
                        + (t.subtitle() == null || t.subtitle().isBlank()
                                ? ""
                                : t.subtitle() + "\n\n")
                        + t.body()
                        + "\n");
        return file;
    }

    /** What the model said: {@code joint-strikes p=0.71 (threshold 0.76): would not take it}. */
    static String decision(Suggestion s) {
        Classification.Result r = s.result();
        return String.format(
                Locale.ROOT,
                "%s %s (threshold %.2f): %s",
                r.newsTopic(),
                TopicsCommand.probabilityText(r),
                r.threshold(),
                r.matched() ? "would take it" : "would not take it");
    }

    private static double margin(Classification.Result r) {
        if (r.probability() == null) {
            return Math.abs(r.score() - r.threshold());
        }
        return Math.abs(logit(r.probability()) - logit(r.threshold()));
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(q / (1 - q));
    }

    private LabelSuggestions() {}
}
