package io.newsstream.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the Kafka topics of the pipeline, declared once for every application under {@code
 * topic.*} (formerly {@code producer.kafka-topic.*} in the producer and {@code kafka.topic.*} in
 * the processor and consumer). Per-news-topic enriched topics are {@link #enrichedFor(String)}: the
 * prefix plus the news topic id.
 *
 * @param rawArticles raw articles from the producer (key: article id, value: RawArticle)
 * @param enrichedAll every distinct enriched article (value: EnrichedArticle)
 * @param enrichedPrefix prefix of the per-news-topic enriched topics
 * @param unclassified distinct enriched articles that match no news topic
 * @param duplicates duplicates linked to their original (key: original id, value: DuplicateLink)
 * @param deadLetters inputs and records that could not be used, with the reason (value: DeadLetter)
 */
public record TopicNames(
        String rawArticles,
        String enrichedAll,
        String enrichedPrefix,
        String unclassified,
        String duplicates,
        String deadLetters) {

    // Before DEFAULTS: the constructor uses them.
    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern NEWS_TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public static final Setting RAW_ARTICLES =
            new Setting(
                            "topic.raw-articles",
                            "news.articles.raw",
                            "Kafka topic of raw articles (key: article id, value: RawArticle):"
                                    + " the producer writes it, the streams processor reads it.")
                    .formerly("producer.kafka-topic.raw-articles", "kafka.topic.raw.articles");
    public static final Setting ENRICHED_ALL =
            new Setting(
                            "topic.enriched-all",
                            "news.articles.enriched",
                            "Kafka topic every distinct enriched article is written to (value:"
                                    + " EnrichedArticle).")
                    .formerly("kafka.topic.enriched.all");
    public static final Setting ENRICHED_PREFIX =
            new Setting(
                            "topic.enriched-prefix",
                            "news.topic.",
                            "Prefix of the per-news-topic enriched Kafka topics (prefix + news"
                                    + " topic id); each article goes to the one of its primary"
                                    + " news topic.")
                    .formerly("kafka.topic.enriched.prefix");
    public static final Setting UNCLASSIFIED =
            new Setting(
                            "topic.unclassified",
                            "news.topic.unclassified",
                            "Kafka topic of enriched articles that match no news topic.")
                    .formerly("kafka.topic.unclassified");
    public static final Setting DUPLICATES =
            new Setting(
                            "topic.duplicates",
                            "news.articles.duplicates",
                            "Kafka topic duplicates are linked to their original on (key:"
                                    + " original id, value: DuplicateLink); for the consumer, empty"
                                    + " to read none.")
                    .formerly("kafka.topic.duplicates");
    public static final Setting DEAD_LETTERS =
            new Setting(
                            "topic.dead-letters",
                            "news.deadletter",
                            "Kafka topic inputs and records that cannot be used go to, with the"
                                    + " reason (value: DeadLetter).")
                    .formerly("producer.kafka-topic.dead-letters", "kafka.topic.dead.letters");

    /** Every topic setting, in documentation order. */
    public static final List<Setting> SETTINGS =
            List.of(
                    RAW_ARTICLES,
                    ENRICHED_ALL,
                    ENRICHED_PREFIX,
                    UNCLASSIFIED,
                    DUPLICATES,
                    DEAD_LETTERS);

    /** The defaults. */
    public static final TopicNames DEFAULTS =
            new TopicNames(
                    RAW_ARTICLES.defaultValue(),
                    ENRICHED_ALL.defaultValue(),
                    ENRICHED_PREFIX.defaultValue(),
                    UNCLASSIFIED.defaultValue(),
                    DUPLICATES.defaultValue(),
                    DEAD_LETTERS.defaultValue());

    public TopicNames {
        requireTopic(rawArticles, RAW_ARTICLES);
        requireTopic(enrichedAll, ENRICHED_ALL);
        requireTopic(enrichedPrefix, ENRICHED_PREFIX);
        requireTopic(unclassified, UNCLASSIFIED);
        if (duplicates != null) {
            requireTopic(duplicates, DUPLICATES);
        }
        requireTopic(deadLetters, DEAD_LETTERS);
        ConfigException.require(
                !rawArticles.equals(enrichedAll) && !rawArticles.startsWith(enrichedPrefix),
                RAW_ARTICLES,
                "must differ from the enriched topics");
    }

    /** Reads and validates the topic names; an empty {@code topic.duplicates} gives null. */
    public static TopicNames from(ConfigSource source) {
        return new TopicNames(
                source.string(RAW_ARTICLES),
                source.string(ENRICHED_ALL),
                source.string(ENRICHED_PREFIX),
                source.string(UNCLASSIFIED),
                source.optionalString(DUPLICATES),
                source.string(DEAD_LETTERS));
    }

    /** The enriched Kafka topic of one news topic: prefix + id. */
    public String enrichedFor(String newsTopicId) {
        if (newsTopicId == null || !NEWS_TOPIC_ID.matcher(newsTopicId).matches()) {
            throw new IllegalArgumentException(
                    "News topic id '"
                            + newsTopicId
                            + "' is not usable in a Kafka topic name: use lower-case letters,"
                            + " digits and '-'");
        }
        return enrichedPrefix + newsTopicId;
    }

    /** Every topic the pipeline needs for the given news topic ids, outputs included. */
    public List<String> all(List<String> newsTopicIds) {
        List<String> names = new ArrayList<>();
        names.add(rawArticles);
        names.add(enrichedAll);
        for (String id : newsTopicIds) {
            names.add(enrichedFor(id));
        }
        names.add(unclassified);
        if (duplicates != null) {
            names.add(duplicates);
        }
        names.add(deadLetters);
        return List.copyOf(names);
    }

    private static void requireTopic(String name, Setting s) {
        ConfigException.require(
                name != null
                        && KAFKA_TOPIC.matcher(name).matches()
                        && !name.equals(".")
                        && !name.equals(".."),
                s,
                "must be a valid Kafka topic name (letters, digits, '.', '_', '-'), not '"
                        + name
                        + "'");
    }
}
