package io.newsstream.processor.training;

import io.newsstream.processor.enrich.Classification;
import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.processor.training.TopicReport.Scores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The current definitions and model, as the processor runs them, scored on labelled articles they
 * were not trained on: new coverage an editor labelled, or probe articles written from the scope
 * notes. No training and no folds: this is how the deployed model does on that coverage.
 *
 * @param scores per news topic, over every labelled article
 * @param hardNegativesTaken per news topic, the hard negatives it took
 * @param hardNegatives the hard negatives among the articles
 * @param hardNegativesTakenByAny those that any news topic took
 */
public record HeldOutScore(
        Map<String, Scores> scores,
        Map<String, Integer> hardNegativesTaken,
        int hardNegatives,
        int hardNegativesTakenByAny,
        String text) {

    /** Classifies every example with {@code classifier} and writes the report. */
    static HeldOutScore of(NewsTopicClassifier classifier, List<Example> examples, String where) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Integer> hardTaken = new LinkedHashMap<>();
        classifier.newsTopicIds().forEach(t -> counts.put(t, new int[3]));
        classifier.newsTopicIds().forEach(t -> hardTaken.put(t, 0));
        int hard = 0;
        int hardAny = 0;
        int negatives = 0;
        int negativesTaken = 0;
        List<String> wrong = new ArrayList<>();
        for (Example e : examples) {
            Classification c = classifier.classify(e.text());
            boolean anyHard = false;
            for (Classification.Result r : c.newsTopics()) {
                int[] n = counts.get(r.newsTopic());
                boolean truth = e.isPositive(r.newsTopic());
                n[0] += truth ? 1 : 0;
                n[1] += truth && r.matched() ? 1 : 0;
                n[2] += !truth && r.matched() ? 1 : 0;
                if (e.hardNegative() && r.matched() && !truth) {
                    hardTaken.merge(r.newsTopic(), 1, Integer::sum);
                    anyHard = true;
                }
                if (truth != r.matched()) {
                    wrong.add(
                            TopicReport.misclassified(
                                    truth,
                                    r.newsTopic(),
                                    TopicsCommand.probabilityText(r),
                                    r.threshold(),
                                    r.requirementsMet(),
                                    e,
                                    TopicsCommand.strongestFirst(r, 5)
                                            .map(
                                                    v ->
                                                            String.format(
                                                                    Locale.ROOT,
                                                                    "%+.2f %s",
                                                                    v.weight(),
                                                                    v.phrase()))
                                            .toList()));
                }
            }
            hard += e.hardNegative() ? 1 : 0;
            hardAny += anyHard ? 1 : 0;
            if (e.newsTopics().isEmpty()) {
                negatives++;
                negativesTaken += c.newsTopics().stream().anyMatch(r -> r.matched()) ? 1 : 0;
            }
        }
        Map<String, Scores> scores = new LinkedHashMap<>();
        counts.forEach((t, n) -> scores.put(t, new Scores(n[0], n[1], n[2])));

        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "%nThe current model on %d labelled articles it was not trained on (%s)%n%n",
                        examples.size(), where));
        out.append(
                String.format(
                        "%-20s %4s %6s %6s %6s | %s%n",
                        "news topic", "pos", "P", "R", "F1", "hard neg. FP"));
        for (var s : scores.entrySet()) {
            Scores v = s.getValue();
            if (v.positives() == 0) {
                out.append(
                        String.format(
                                "%-20s %4d %6s %6s %6s | %4d / %d%n",
                                s.getKey(), 0, "-", "-", "-", hardTaken.get(s.getKey()), hard));
                continue;
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s %4d %6.3f %6.3f %6.3f | %4d / %d%n",
                            s.getKey(),
                            v.positives(),
                            v.precision(),
                            v.recall(),
                            v.f1(),
                            hardTaken.get(s.getKey()),
                            hard));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "%nhard negatives given any news topic: %d / %d%n"
                                + "articles of no news topic given one: %d / %d%n",
                        hardAny,
                        hard,
                        negativesTaken,
                        negatives));
        out.append("\nMisclassified, with the evidence that decided them:\n");
        out.append(wrong.isEmpty() ? "  none\n" : String.join("", wrong));
        return new HeldOutScore(scores, hardTaken, hard, hardAny, out.toString());
    }
}
