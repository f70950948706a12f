package io.newsstream.processor.enrich;

import java.util.List;
import java.util.Optional;

/**
 * What the classifier found in one article: one result per configured news topic, in catalogue
 * order, and the primary news topic.
 *
 * @param newsTopics a result for every configured news topic (score 0 and no evidence when nothing
 *     matched)
 * @param primaryNewsTopic id of the matched news topic with the highest score relative to its
 *     threshold, or null when none matched
 */
public record Classification(List<Result> newsTopics, String primaryNewsTopic) {

    public Classification {
        newsTopics = List.copyOf(newsTopics);
    }

    public Optional<String> primary() {
        return Optional.ofNullable(primaryNewsTopic);
    }

    /** The result for one news topic id. */
    public Result result(String newsTopicId) {
        return newsTopics.stream()
                .filter(r -> r.newsTopic().equals(newsTopicId))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No news topic '" + newsTopicId + "' is configured"));
    }

    /** Ids of every matched news topic, the primary one included. */
    public List<String> matched() {
        return newsTopics.stream().filter(Result::matched).map(Result::newsTopic).toList();
    }

    /**
     * The score of one news topic.
     *
     * @param score sum of the evidence weights
     * @param threshold the news topic's configured threshold
     * @param requirementsMet every {@code require} clause of the news topic holds
     * @param matched {@code requirementsMet} and {@code score >= threshold}
     * @param evidence every term or excluded context that matched, per field
     * @param probability the trained model's calibrated probability that the article belongs to the
     *     news topic, or null when the news topic has no trained weights (rules only)
     */
    public record Result(
            String newsTopic,
            double score,
            double threshold,
            boolean requirementsMet,
            boolean matched,
            List<Evidence> evidence,
            Double probability) {
        public Result {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One configured phrase found in one field.
     *
     * @param phrase the phrase as configured
     * @param field where it matched
     * @param position character offset of its first occurrence in that field
     * @param count occurrences in that field
     * @param weight contribution to the score (negative for excluded contexts)
     */
    public record Evidence(
            String phrase, ArticleField field, int position, int count, double weight) {}
}
