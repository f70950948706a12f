package io.newsstream.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * Default names of every Kafka topic the pipeline reads or writes, in one place.
 *
 * <p>Applications take these as defaults for their configuration; nothing else should spell a topic
 * name. Per-news-topic enriched topics are derived from the news topic id with {@link
 * #enrichedFor(String)}.
 */
public final class KafkaTopics {

    /** Raw articles from the producer. Key: article id. Value: {@code RawArticle}. */
    public static final String RAW_ARTICLES = "news.articles.raw";

    /** Every distinct enriched article, whatever its news topic. Value: {@code EnrichedArticle}. */
    public static final String ENRICHED_ALL = "news.articles.enriched";

    /** Prefix of the per-news-topic enriched topics: {@code news.topic.<news-topic-id>}. */
    public static final String ENRICHED_PREFIX = "news.topic.";

    /** Distinct articles that match no news topic. Value: {@code EnrichedArticle}. */
    public static final String UNCLASSIFIED = ENRICHED_PREFIX + "unclassified";

    /** Duplicates linked to their original. Key: original id. Value: {@code DuplicateLink}. */
    public static final String DUPLICATES = "news.articles.duplicates";

    /** Input that could not be processed, with the reason. Value: {@code DeadLetter}. */
    public static final String DEAD_LETTERS = "news.deadletter";

    private KafkaTopics() {}

    /** The enriched topic of one news topic. */
    public static String enrichedFor(String newsTopicId) {
        if (newsTopicId == null || !newsTopicId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "News topic id '"
                            + newsTopicId
                            + "' is not usable in a Kafka topic name: use lower-case letters,"
                            + " digits and '-'");
        }
        return ENRICHED_PREFIX + newsTopicId;
    }

    /** Every topic the pipeline needs for the given news topic ids, outputs included. */
    public static List<String> all(List<String> newsTopicIds) {
        List<String> names = new ArrayList<>();
        names.add(RAW_ARTICLES);
        names.add(ENRICHED_ALL);
        for (String id : newsTopicIds) {
            names.add(enrichedFor(id));
        }
        names.add(UNCLASSIFIED);
        names.add(DUPLICATES);
        names.add(DEAD_LETTERS);
        return List.copyOf(names);
    }
}
