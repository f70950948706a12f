package io.newsstream.schemas;

import io.newsstream.common.config.TopicNames;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Kafka topic of the pipeline with its serdes, in one place: the configured names ({@link
 * TopicNames}) bound to plain-string keys and the Avro value serdes of one {@link AvroSerdes}
 * factory (Confluent wire format, subject {@code <topic>-value}).
 *
 * <pre>{@code
 * PipelineTopics topics = new PipelineTopics(config.topics(), serdes);
 * Topic<String, RawArticle> raw = topics.rawArticles();
 * builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()));
 * }</pre>
 */
public final class PipelineTopics {

    private final TopicNames names;
    private final Serde<RawArticle> raw;
    private final Serde<EnrichedArticle> enriched;
    private final Serde<DuplicateLink> duplicate;
    private final Serde<DeadLetter> deadLetter;

    public PipelineTopics(TopicNames names, AvroSerdes serdes) {
        this.names = Objects.requireNonNull(names, "names");
        this.raw = serdes.serde(RawArticle.class, false);
        this.enriched = serdes.serde(EnrichedArticle.class, false);
        this.duplicate = serdes.serde(DuplicateLink.class, false);
        this.deadLetter = serdes.serde(DeadLetter.class, false);
    }

    public TopicNames names() {
        return names;
    }

    /** Raw articles, keyed by article id. */
    public Topic<String, RawArticle> rawArticles() {
        return new Topic<>(names.rawArticles(), Serdes.String(), raw);
    }

    /** Every distinct enriched article, keyed by article id. */
    public Topic<String, EnrichedArticle> enrichedAll() {
        return new Topic<>(names.enrichedAll(), Serdes.String(), enriched);
    }

    /** The enriched articles of one news topic, keyed by article id. */
    public Topic<String, EnrichedArticle> enrichedFor(String newsTopicId) {
        return new Topic<>(names.enrichedFor(newsTopicId), Serdes.String(), enriched);
    }

    /** Enriched articles matching no news topic, keyed by article id. */
    public Topic<String, EnrichedArticle> unclassified() {
        return new Topic<>(names.unclassified(), Serdes.String(), enriched);
    }

    /**
     * Duplicates linked to their original, keyed by the original's id; null when not configured.
     */
    public Topic<String, DuplicateLink> duplicates() {
        return names.duplicates() == null
                ? null
                : new Topic<>(names.duplicates(), Serdes.String(), duplicate);
    }

    /** Dead letters, keyed by where the input came from. */
    public Topic<String, DeadLetter> deadLetters() {
        return new Topic<>(names.deadLetters(), Serdes.String(), deadLetter);
    }
}
