package io.newsstream.processor.enrich;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newsstream.common.config.ConfigException;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trained weights of the news topics: per news topic, a logistic regression over its {@link
 * TopicFeatures} and the probability threshold calibrated by cross-validation. Written by {@code
 * ./newsstream topics train}, read by the processor. A small JSON file, committed for the bundled
 * news topics ({@value #DEFAULT_RESOURCE}); for a definitions file {@code my-topics.yaml}, the
 * model is {@code my-topics.model.json} beside it.
 *
 * @param newsTopics weights per news topic id
 * @param trainedOn what the model was trained on, for people (files, counts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewsTopicModel(Map<String, Weights> newsTopics, String trainedOn) {

    public static final String DEFAULT_RESOURCE = "newsstream/news-topics.model.json";
    public static final NewsTopicModel EMPTY = new NewsTopicModel(Map.of(), null);

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public NewsTopicModel {
        newsTopics = new TreeMap<>(newsTopics);
    }

    /**
     * One news topic's model.
     *
     * @param features {@code all} (every group and rule feature) or {@code rules} (only the {@code
     *     together} rules: a news topic with too few examples for more parameters)
     * @param bias intercept
     * @param threshold the probability from which an article belongs to the news topic
     * @param weights per feature name ({@link TopicFeatures#names()}); absent names weigh 0
     * @param positives positive examples trained on
     * @param negatives negative examples trained on
     * @param definition fingerprint of the groups and rules the weights were trained on
     * @param brief the model for a brief article (a body of one or two lines: a feed item's
     *     description, a wire short), trained on the examples' leads; null: these weights for all
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Weights(
            String features,
            double bias,
            double threshold,
            Map<String, Double> weights,
            int positives,
            int negatives,
            String definition,
            Weights brief) {
        public Weights {
            weights = new TreeMap<>(weights);
        }

        public Weights(
                String features,
                double bias,
                double threshold,
                Map<String, Double> weights,
                int positives,
                int negatives,
                String definition) {
            this(features, bias, threshold, weights, positives, negatives, definition, null);
        }

        public Weights withBrief(Weights brief) {
            return new Weights(
                    features, bias, threshold, weights, positives, negatives, definition, brief);
        }

        /** The weights that classify an article: {@link #brief} for a brief one, when trained. */
        public Weights forArticle(boolean briefArticle) {
            return briefArticle && brief != null ? brief : this;
        }

        /**
         * Trained on the rules only: an article then belongs only when the rules found in it weigh
         * for the news topic (sum of their contributions > 0), whatever the intercept.
         */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean rulesOnly() {
            return "rules".equals(features);
        }

        /** Whether an article with this probability and rules' evidence belongs. */
        public boolean accepts(double probability, double evidence) {
            return probability >= threshold && (!rulesOnly() || evidence > 0);
        }
    }

    public Optional<Weights> weightsOf(String newsTopic) {
        return Optional.ofNullable(newsTopics.get(newsTopic));
    }

    /**
     * The model that goes with a catalogue: the bundled one for the bundled definitions; for a
     * definitions file, {@code <name>.model.json} beside it over the bundled weights (a copied
     * bundled news topic keeps its weights; the classifier warns when its definition changed).
     */
    public static NewsTopicModel forCatalog(NewsTopicCatalog catalog) {
        NewsTopicModel bundled = bundled();
        Optional<Path> file = fileFor(catalog);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return bundled;
        }
        return bundled.with(read(file.get()));
    }

    /** The bundled news topics' weights ({@link #DEFAULT_RESOURCE}). */
    public static NewsTopicModel bundled() {
        try (InputStream in =
                NewsTopicModel.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            return in == null ? EMPTY : JSON.readValue(in, NewsTopicModel.class);
        } catch (IOException e) {
            throw new ConfigException(
                    "Bundled " + DEFAULT_RESOURCE + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** This model with the news topics of {@code other} added or replaced. */
    public NewsTopicModel with(NewsTopicModel other) {
        Map<String, Weights> merged = new TreeMap<>(newsTopics);
        merged.putAll(other.newsTopics());
        return new NewsTopicModel(
                merged, other.trainedOn() != null ? other.trainedOn() : trainedOn);
    }

    /** The model file of a definitions file, or empty for the bundled definitions. */
    public static Optional<Path> fileFor(NewsTopicCatalog catalog) {
        if (catalog.origin().startsWith("classpath:")
                || catalog.origin().equals(NewsTopicCatalog.DEFAULT_RESOURCE)) {
            return Optional.empty();
        }
        Path yaml = Path.of(catalog.origin());
        String name = yaml.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return Optional.of(yaml.resolveSibling(name + ".model.json"));
    }

    public static NewsTopicModel read(Path file) {
        try {
            return JSON.readValue(file.toFile(), NewsTopicModel.class);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read the news-topic model "
                            + file
                            + ": "
                            + e.getMessage()
                            + " (re-create it with ./newsstream topics train)",
                    e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }
}
