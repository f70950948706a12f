package io.newsstream.processor.enrich;

import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.Evidence;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link RawArticle} into an {@link EnrichedArticle}: news topic scores with evidence and
 * the primary news topic ({@link NewsTopicClassifier}), entities ({@link EntityExtractor}),
 * attributions ({@link AttributionExtractor}), language (as declared by the source, else null),
 * word count of title + body, {@link ContentHash content hash} and processing time.
 *
 * <p>Pure apart from reading the clock: no Kafka types, no I/O. Thread-safe when its parts are.
 * {@code newsTopics} lists only the news topics with evidence ("matched anything"), in catalogue
 * order.
 */
public final class ArticleEnricher {

    private final NewsTopicClassifier classifier;
    private final EntityExtractor entities;
    private final AttributionExtractor attributions;
    private final Clock clock;

    public ArticleEnricher(NewsTopicClassifier classifier, Clock clock) {
        this(classifier, EntityExtractor.NONE, AttributionExtractor.NONE, clock);
    }

    public ArticleEnricher(
            NewsTopicClassifier classifier,
            EntityExtractor entities,
            AttributionExtractor attributions,
            Clock clock) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.entities = Objects.requireNonNull(entities, "entities");
        this.attributions = Objects.requireNonNull(attributions, "attributions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EnrichedArticle enrich(RawArticle raw) {
        // Title and body are tokenised once, for the classifier and the gazetteer both.
        ArticleText text = new ArticleText(raw.getTitle(), raw.getSubtitle(), raw.getBody());
        Tokens[] tokens = new Tokens[ArticleField.values().length];
        tokens[ArticleField.TITLE.ordinal()] = Tokens.of(text.title());
        tokens[ArticleField.BODY.ordinal()] = Tokens.of(text.body());
        Classification classification = classifier.classify(text, tokens);
        List<Entity> found;
        if (entities instanceof GazetteerEntityExtractor gazetteer
                && raw.getTitle() != null
                && raw.getBody() != null) {
            found =
                    gazetteer.extract(
                            raw,
                            Tokens.join(
                                    tokens[ArticleField.TITLE.ordinal()],
                                    raw.getTitle().length() + 2,
                                    tokens[ArticleField.BODY.ordinal()]));
        } else {
            found = entities.extract(raw);
        }
        return EnrichedArticle.newBuilder()
                .setId(raw.getId())
                .setArticle(raw)
                .setPrimaryNewsTopic(classification.primaryNewsTopic())
                .setMatchedNewsTopics(matchedNewsTopics(classification))
                .setNewsTopics(scores(classification))
                .setEntities(List.copyOf(found))
                .setAttributions(List.copyOf(attributions.extract(raw)))
                .setLanguage(blankToNull(raw.getLanguage()))
                .setWordCount(
                        tokens[ArticleField.TITLE.ordinal()].spaceSeparated
                                + tokens[ArticleField.BODY.ordinal()].spaceSeparated)
                .setContentHash(ContentHash.of(raw.getTitle(), raw.getBody()))
                // timestamp-millis: drop sub-millisecond precision so the value round-trips
                .setProcessedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /** Every matched news topic, the primary one first, then in catalogue order. */
    static List<String> matchedNewsTopics(Classification classification) {
        List<String> out = new ArrayList<>();
        classification.primary().ifPresent(out::add);
        for (String id : classification.matched()) {
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    static List<NewsTopicScore> scores(Classification classification) {
        List<NewsTopicScore> out = new ArrayList<>();
        for (Classification.Result r : classification.newsTopics()) {
            if (r.evidence().isEmpty()) {
                continue;
            }
            List<Evidence> evidence = new ArrayList<>(r.evidence().size());
            for (Classification.Evidence e : r.evidence()) {
                evidence.add(
                        new Evidence(
                                e.phrase(),
                                e.field().wireName(),
                                e.position(),
                                e.count(),
                                e.weight()));
            }
            out.add(
                    NewsTopicScore.newBuilder()
                            .setNewsTopic(r.newsTopic())
                            .setScore(r.score())
                            .setMatched(r.matched())
                            .setProbability(r.probability())
                            .setThreshold(r.threshold())
                            .setEvidence(evidence)
                            .build());
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
