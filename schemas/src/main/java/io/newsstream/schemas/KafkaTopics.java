package io.newsstream.schemas;

import io.newsstream.common.config.TopicNames;
import java.util.List;

/**
 * Default names of every Kafka topic the pipeline reads or writes: the defaults of the {@code
 * topic.*} settings ({@link TopicNames#DEFAULTS}), for code and tests that use the defaults.
 * Applications take their names from configuration ({@link TopicNames}) and bind them to their
 * serdes with {@link PipelineTopics}.
 */
public final class KafkaTopics {

    /** Raw articles from the producer. Key: article id. Value: {@code RawArticle}. */
    public static final String RAW_ARTICLES = TopicNames.DEFAULTS.rawArticles();

    /** Every distinct enriched article, whatever its news topic. Value: {@code EnrichedArticle}. */
    public static final String ENRICHED_ALL = TopicNames.DEFAULTS.enrichedAll();

    /** Prefix of the per-news-topic enriched topics: {@code news.topic.<news-topic-id>}. */
    public static final String ENRICHED_PREFIX = TopicNames.DEFAULTS.enrichedPrefix();

    /** Distinct articles that match no news topic. Value: {@code EnrichedArticle}. */
    public static final String UNCLASSIFIED = TopicNames.DEFAULTS.unclassified();

    /** Duplicates linked to their original. Key: original id. Value: {@code DuplicateLink}. */
    public static final String DUPLICATES = TopicNames.DEFAULTS.duplicates();

    /** Input that could not be processed, with the reason. Value: {@code DeadLetter}. */
    public static final String DEAD_LETTERS = TopicNames.DEFAULTS.deadLetters();

    private KafkaTopics() {}

    /** The enriched topic of one news topic. */
    public static String enrichedFor(String newsTopicId) {
        return TopicNames.DEFAULTS.enrichedFor(newsTopicId);
    }

    /** Every topic the pipeline needs for the given news topic ids, outputs included. */
    public static List<String> all(List<String> newsTopicIds) {
        return TopicNames.DEFAULTS.all(newsTopicIds);
    }
}
