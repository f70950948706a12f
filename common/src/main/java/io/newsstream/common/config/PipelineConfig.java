package io.newsstream.common.config;

/**
 * What every application's configuration record has in common: where Kafka and the registry are
 * ({@link ClientConfig}) and the Kafka topic names ({@link TopicNames}), with accessors derived
 * from them once for all three applications.
 */
public interface PipelineConfig {

    ClientConfig clients();

    TopicNames topics();

    default String bootstrapServers() {
        return clients().bootstrapServers();
    }

    default String schemaRegistryUrl() {
        return clients().registryUrl();
    }

    /** Raw articles (key: article id, value: RawArticle). */
    default String rawArticlesKafkaTopic() {
        return topics().rawArticles();
    }

    /** Every distinct enriched article. */
    default String enrichedAllKafkaTopic() {
        return topics().enrichedAll();
    }

    /** Prefix of the per-news-topic enriched topics. */
    default String enrichedKafkaTopicPrefix() {
        return topics().enrichedPrefix();
    }

    /** The enriched Kafka topic of one news topic: prefix + id. */
    default String enrichedKafkaTopicFor(String newsTopicId) {
        return topics().enrichedFor(newsTopicId);
    }

    /** Distinct enriched articles matching no news topic. */
    default String unclassifiedKafkaTopic() {
        return topics().unclassified();
    }

    /** Duplicates linked to their original; null when not configured (the consumer reads none). */
    default String duplicatesKafkaTopic() {
        return topics().duplicates();
    }

    /** Inputs and records that could not be used. */
    default String deadLettersKafkaTopic() {
        return topics().deadLetters();
    }
}
