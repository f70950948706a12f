package io.newsstream.consumer.view;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Called by {@link JdbcViewStore#write} around the commit of each transaction. A test seam: crash
 * tests throw from it to stop the application exactly between the row write and the commit, or
 * between the database commit and the Kafka commit. Production code uses {@link #NONE}.
 */
public interface TransactionHook {

    /** Does nothing. */
    TransactionHook NONE = new TransactionHook() {};

    /**
     * Rows and offsets are written but not committed; anything thrown rolls the transaction back
     * and propagates unchanged.
     */
    default void beforeCommit(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {}

    /** The transaction is committed; anything thrown propagates unchanged. */
    default void afterCommit(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {}
}
