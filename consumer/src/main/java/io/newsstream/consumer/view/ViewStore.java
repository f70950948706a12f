package io.newsstream.consumer.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * The materialised topic-aware view: articles per news topic, and the Kafka position the view has
 * reached, kept together so that one transaction covers both.
 *
 * <p>Contract every implementation keeps:
 *
 * <ul>
 *   <li>{@link #write} is atomic: the rows and the next offsets are committed together or not at
 *       all. Rows are upserted by {@code (newsTopic, id)}: writing the same article twice leaves
 *       one row, holding the last version written.
 *   <li>{@link #nextOffsets} returns what the last committed {@link #write} stored: where the
 *       consumer must resume.
 *   <li>Reads may run concurrently with a write and see either the state before or after it.
 *   <li>Failures throw {@link ViewStoreException}.
 * </ul>
 *
 * The embedded default is SQLite ({@link JdbcViewStore#sqlite}); the stack uses PostgreSQL ({@link
 * JdbcViewStore#postgresql}), which several consumer instances of one group may share.
 */
public interface ViewStore extends AutoCloseable {

    /** Upserts {@code rows} and stores {@code nextOffsets} in one transaction. */
    void write(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets);

    /**
     * Upserts {@code rows} and {@code duplicates} (by {@code (newsTopic, originalId, duplicateId)})
     * and stores {@code nextOffsets}, all in one transaction. Stores that keep no duplicates accept
     * only an empty {@code duplicates} list.
     */
    default void write(
            List<ArticleRow> rows,
            List<DuplicateRow> duplicates,
            Map<TopicPartition, Long> nextOffsets) {
        if (!duplicates.isEmpty()) {
            throw new UnsupportedOperationException(
                    getClass().getName() + " does not store duplicates");
        }
        write(rows, nextOffsets);
    }

    /** Stored next offsets of those partitions that have one; absent partitions were never seen. */
    Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions);

    /** Count and time range of every news topic that has at least one row. */
    List<NewsTopicStats> newsTopicStats();

    /** Rows of one news topic. */
    long countArticles(String newsTopic);

    /**
     * One page of a news topic's rows, newest first ({@link ArticleRow#sortAt()} descending, then
     * id ascending for a stable order).
     */
    List<ArticleRow> articles(String newsTopic, int limit, int offset);

    /**
     * Rows of one news topic whose sort time ({@link ArticleRow#sortAt()}) is in {@code [from,
     * to)}; a null bound is open.
     */
    long countArticles(String newsTopic, Instant from, Instant to);

    /**
     * One page of a news topic's rows whose sort time is in {@code [from, to)} (null bounds are
     * open), newest first as {@link #articles(String, int, int)}.
     */
    List<ArticleRow> articles(String newsTopic, Instant from, Instant to, int limit, int offset);

    /** One article as filed under one news topic. */
    Optional<ArticleRow> article(String newsTopic, String id);

    /**
     * The duplicates of each of {@code originalIds} within {@code newsTopic}, oldest detection
     * first; ids without duplicates are absent from the map.
     */
    Map<String, List<DuplicateRow>> duplicatesOf(String newsTopic, Collection<String> originalIds);

    /**
     * The entities named by most of a news topic's articles (then by mentions, then by name), at
     * most {@code limit}.
     */
    List<EntityCount> topEntities(String newsTopic, int limit);

    /**
     * Articles per UTC day of a news topic whose sort time is in {@code [from, to)} (null bounds
     * are open), oldest day first; days without articles are absent.
     */
    List<DayCount> timeline(String newsTopic, Instant from, Instant to);

    /**
     * Full-text search over title and body: at most {@code limit} rows (after skipping {@code
     * offset}) containing every word of {@code query} (stemmed, case-insensitive), best match
     * first, then newest first, then by id. Within one news topic, or every news topic when {@code
     * newsTopic} is null: an article filed under two news topics is returned once per news topic. A
     * query whose words are all stop words or punctuation finds nothing. PostgreSQL reads {@code
     * query} as web search syntax ({@code "a phrase"}, {@code or}, {@code -word}); SQLite matches
     * the words only.
     *
     * @param query words separated by white space: at least one, at most {@link #MAX_SEARCH_WORDS},
     *     else {@link IllegalArgumentException}
     */
    default List<ArticleRow> search(String query, String newsTopic, int limit, int offset) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " does not support full-text search");
    }

    /** Most words a search query may have. */
    int MAX_SEARCH_WORDS = 10;

    /**
     * Checks a search query against {@link #search}'s contract and returns its words: runs of
     * letters and digits (the rest is ignored).
     */
    static List<String> searchWords(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("a search needs at least one word");
        }
        int given = query.strip().split("\\s+").length;
        if (given > MAX_SEARCH_WORDS) {
            throw new IllegalArgumentException(
                    "a search takes at most " + MAX_SEARCH_WORDS + " words, got " + given);
        }
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(query);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** True until {@link #close()}. */
    boolean isOpen();

    @Override
    void close();
}
