package io.newsstream.processor.enrich;

import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.RawArticle;
import java.util.List;

/**
 * Finds the people, organisations and places an article names. Pure: no I/O, thread-safe.
 *
 * <p>{@link #NONE} until the entity extractor lands; {@link ArticleEnricher} takes any
 * implementation.
 */
@FunctionalInterface
public interface EntityExtractor {

    /** Extracts nothing. */
    EntityExtractor NONE = article -> List.of();

    List<Entity> extract(RawArticle article);
}
