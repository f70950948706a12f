package io.newsstream.consumer.view;

import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * The embedded default is SQLite ({@link JdbcViewStore#sqlite}); the schema is plain SQL so a
 * PostgreSQL implementation can share it.
 */
public interface ViewStore extends AutoCloseable {

    /** Upserts {@code rows} and stores {@code nextOffsets} in one transaction. */
    void write(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets);

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

    /** True until {@link #close()}. */
    boolean isOpen();

    @Override
    void close();
}
