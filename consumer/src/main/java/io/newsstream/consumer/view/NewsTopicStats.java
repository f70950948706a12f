package io.newsstream.consumer.view;

import java.time.Instant;

/**
 * What the view holds for one news topic.
 *
 * @param newsTopic news topic id (or {@code unclassified})
 * @param articleCount distinct articles filed under it
 * @param firstSeen earliest publication time, {@code null} when no article is dated
 * @param lastSeen latest publication time, {@code null} when no article is dated
 */
public record NewsTopicStats(
        String newsTopic, long articleCount, Instant firstSeen, Instant lastSeen) {}
