package io.newsstream.processor.training;

import io.newsstream.processor.enrich.NewsTopicClassifier;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.*;
import java.util.*;
import java.util.stream.IntStream;

/**
 * Writes what the experiments of tools/topic-experiments read: per dev example its pool, event
 * group, labels and fold in five partitions (the trainer's own folds), its text, and per news topic
 * its features, feature signs and whether the require clauses hold. An experiment tool, not part
 * of the build.
 */
public class DumpFeatures {
    public static void main(String[] a) throws Exception {
        TopicsCommand.Inputs inputs = new TopicsCommand.Inputs();
        NewsTopicCatalog catalog = inputs.catalog();
        NewsTopicClassifier classifier = NewsTopicClassifier.untrained(catalog);
        List<Example> ex = inputs.examples(catalog, classifier, System.err);
        TopicTrainer tr = new TopicTrainer(classifier, ex, TopicTrainer.Options.DEFAULT);
        Method folds = TopicTrainer.class.getDeclaredMethod("folds", List.class, int.class, int.class);
        folds.setAccessible(true);
        List<Integer> dev = IntStream.range(0, ex.size()).filter(i -> ex.get(i).pool() == Example.Pool.DEV).boxed().toList();
        int[][] f = new int[5][];
        for (int p = 0; p < 5; p++) f[p] = (int[]) folds.invoke(tr, dev, 5, p);
        Path out = Paths.get(a[0]);
        Files.createDirectories(out);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("examples.tsv")))) {
            w.println("i\tid\tpool\tgroup\tborderline\thard\ttopics\tf0\tf1\tf2\tf3\tf4");
            for (int i = 0; i < ex.size(); i++) {
                Example e = ex.get(i);
                w.printf("%d\t%s\t%s\t%d\t%b\t%b\t%s\t%d\t%d\t%d\t%d\t%d%n", i, e.id(), e.pool(), tr.groupOf(i), e.borderline(), e.hardNegative(),
                    String.join(",", new TreeSet<>(e.newsTopics())), f[0][i], f[1][i], f[2][i], f[3][i], f[4][i]);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("text.tsv")))) {
            for (int i = 0; i < ex.size(); i++) {
                var t = ex.get(i).text();
                w.println(i + "\t" + (t.title() + " || " + t.body()).replaceAll("\\s+", " "));
            }
        }
        for (String t : classifier.newsTopicIds()) {
            List<String> names = classifier.featureNames(t);
            int[] signs = classifier.featureSigns(t);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(t + ".tsv")))) {
                w.println("req\t" + String.join("\t", names));
                StringBuilder sb = new StringBuilder("sign");
                for (int s : signs) sb.append('\t').append(s);
                w.println(sb);
                for (int i = 0; i < ex.size(); i++) {
                    var in = classifier.modelInputs(ex.get(i).text()).get(t);
                    sb = new StringBuilder(in.requirementsMet() ? "1" : "0");
                    for (double v : in.features()) sb.append('\t').append(v);
                    w.println(sb);
                }
            }
        }
        // per paragraph of the body, the same features of the paragraph read alone: what a
        // paragraph-level model learns from (one reading per paragraph serves every news topic)
        Map<String, PrintWriter> byTopic = new LinkedHashMap<>();
        for (String t : classifier.newsTopicIds()) {
            PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(t + ".paragraphs.tsv")));
            w.println("i\t" + String.join("\t", classifier.featureNames(t)));
            byTopic.put(t, w);
        }
        for (int i = 0; i < ex.size(); i++) {
            for (String para : paragraphs(ex.get(i).text().body())) {
                var in = classifier.modelInputs(new io.newsstream.processor.enrich.ArticleText("", null, para));
                for (var e : byTopic.entrySet()) {
                    StringBuilder sb = new StringBuilder(Integer.toString(i));
                    for (double v : in.get(e.getKey()).features()) sb.append('\t').append(v);
                    e.getValue().println(sb);
                }
            }
        }
        byTopic.values().forEach(PrintWriter::close);
    }

    /**
     * The body's paragraphs: its lines, or for a body of one or two lines its sentences. Close to
     * the processor's TopicFeatures.Paragraphs (package-private in enrich, so not callable from
     * here), which splits only such a body of over 200 words.
     */
    static List<String> paragraphs(String body) {
        List<String> lines = Arrays.stream(body.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() >= 3) return lines;
        List<String> out = new ArrayList<>();
        for (String l : lines) out.addAll(Arrays.asList(l.split("(?<=[.!?][\"'\u201d]?)\\s+(?=[\"'\u201c]?\\p{Lu})")));
        return out;
    }
}
