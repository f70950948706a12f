package io.newsstream.consumer.view;

/**
 * An entity named in a news topic's articles.
 *
 * @param name canonical name (aliases merged by the processor)
 * @param type {@code PERSON}, {@code ORGANIZATION} or {@code PLACE}
 * @param articles articles of the news topic naming it
 * @param mentions mentions over all those articles
 */
public record EntityCount(String name, String type, long articles, long mentions) {}
