package io.newsstream.processor.training;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsstream.processor.training.TopicTrainer.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * Every out-of-fold decision of {@code topics evaluate}, one row per partition, dev article (and
 * its lead, as a feed item) and news topic, for a reader who wants to look past the report: which
 * articles sit near a threshold, what a different threshold or rule would have done, how steady a
 * decision is over the partitions. {@code topics evaluate --predictions FILE} writes them as CSV.
 */
final class OutOfFold {

    /**
     * One decision: the {@code decision} is matched, below threshold, or vetoed (a require clause).
     */
    @JsonPropertyOrder({
        "partition",
        "file",
        "form",
        "newsTopic",
        "probability",
        "threshold",
        "decision",
        "labels",
        "borderline",
        "hardNegative",
        "correct",
        "group"
    })
    record Row(
            int partition,
            String file,
            String form,
            String newsTopic,
            double probability,
            double threshold,
            String decision,
            String labels,
            boolean borderline,
            boolean hardNegative,
            boolean correct,
            int group) {}

    private final List<Row> rows = new ArrayList<>();

    /**
     * Adds one partition's predictions, per news topic, of the trainer's examples.
     *
     * @param groupOf an example's event group ({@link TopicTrainer#groupOf}): what the folds keep
     *     together, and what {@link PairedComparison} resamples
     */
    void add(
            int partition,
            List<Example> examples,
            IntUnaryOperator groupOf,
            Map<String, List<Prediction>> byNewsTopic) {
        byNewsTopic.forEach(
                (newsTopic, predictions) -> {
                    for (Prediction p : predictions) {
                        rows.add(
                                row(
                                        partition,
                                        examples.get(p.example()),
                                        groupOf.applyAsInt(p.example()),
                                        newsTopic,
                                        p));
                    }
                });
    }

    private static Row row(int partition, Example e, int group, String newsTopic, Prediction p) {
        double threshold = p.weights().threshold();
        String decision =
                p.matched()
                        ? "matched"
                        : p.probability() >= threshold ? "vetoed" : "below threshold";
        return new Row(
                partition,
                e.id(),
                e.pool() == Example.Pool.LEAD ? "lead" : "article",
                newsTopic,
                round(p.probability()),
                round(threshold),
                decision,
                String.join(" ", new TreeSet<>(e.newsTopics())),
                e.borderline(),
                e.hardNegative(),
                p.matched() == e.newsTopics().contains(newsTopic),
                group);
    }

    private static double round(double p) {
        return Math.round(p * 10_000) / 10_000.0;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void write(Path file) throws IOException {
        write(file, rows);
    }

    /** Writes rows as {@link #read} reads them. */
    static void write(Path file, List<Row> rows) throws IOException {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = csv.schemaFor(Row.class).withHeader();
        csv.writer(schema).writeValue(file.toFile(), rows);
    }

    /**
     * The rows of a file {@link #write} wrote. A file written before the {@code group} column
     * existed reads with every group 0.
     */
    static List<Row> read(Path file) throws IOException {
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Row> it =
                csv.readerFor(Row.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
