package io.newsstream.consumer.view;

import java.time.Instant;

/**
 * What the view holds for one news topic.
 *
 * @param newsTopic news topic id (or {@code unclassified})
 * @param articleCount distinct articles filed under it
 * @param firstSeen earliest article time (publication time, else fetch time)
 * @param lastSeen latest article time (publication time, else fetch time)
 */
public record NewsTopicStats(
        String newsTopic, long articleCount, Instant firstSeen, Instant lastSeen) {}
