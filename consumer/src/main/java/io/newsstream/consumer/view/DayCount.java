package io.newsstream.consumer.view;

import java.time.LocalDate;

/**
 * Articles of a news topic on one UTC day (by publication time, else fetch time).
 *
 * @param day the UTC day
 * @param articles articles on that day
 */
public record DayCount(LocalDate day, long articles) {}
