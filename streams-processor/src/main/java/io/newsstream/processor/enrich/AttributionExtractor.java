package io.newsstream.processor.enrich;

import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.RawArticle;
import java.util.List;

/**
 * Finds who an article quotes or cites ("told Reuters", "the official said"). Pure: no I/O,
 * thread-safe.
 *
 * <p>{@link #NONE} until the attribution extractor lands; {@link ArticleEnricher} takes any
 * implementation.
 */
@FunctionalInterface
public interface AttributionExtractor {

    /** Extracts nothing. */
    AttributionExtractor NONE = article -> List.of();

    List<Attribution> extract(RawArticle article);
}
