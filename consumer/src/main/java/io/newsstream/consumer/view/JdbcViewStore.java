package io.newsstream.consumer.view;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link ViewStore} over JDBC: the {@link ViewDatabase} (pool, dialect, Flyway schema), the {@link
 * ViewWriter} (one transaction per write: rows, entity index, duplicate links, offsets, membership)
 * and the {@link ViewQueries} (reads, stored offsets, per-dialect search) behind one interface.
 * {@link #sqlite(Path, TransactionHook)} opens the embedded default, {@link #postgresql} the
 * stack's store.
 *
 * <p>Upserts only move forward (see {@link ViewWriter}), which is what lets several instances of
 * one group share a PostgreSQL view. An article's rows follow its newest version ({@code
 * processedAt}): see {@link ArticleMembership}.
 *
 * <p>The store owns its database: {@link #close()} closes the pool.
 */
public final class JdbcViewStore implements ViewStore {

    private final ViewDatabase database;
    private final ViewWriter writer;
    private final ViewQueries queries;

    /**
     * A store over an open {@code database}, which it then owns.
     *
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    public JdbcViewStore(ViewDatabase database, TransactionHook hook) {
        this.database = database;
        this.writer = new ViewWriter(database, hook);
        this.queries = new ViewQueries(database);
    }

    /**
     * Opens (creating if needed) the SQLite view at {@code dbFile} and migrates its schema.
     *
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    public static JdbcViewStore sqlite(Path dbFile, TransactionHook hook) {
        return new JdbcViewStore(ViewDatabase.sqlite(dbFile), hook);
    }

    /**
     * Opens the PostgreSQL view in {@code schema} (created if missing) and migrates it; see {@link
     * ViewDatabase#postgresql}.
     *
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    public static JdbcViewStore postgresql(
            String jdbcUrl,
            String user,
            String password,
            String schema,
            int poolSize,
            TransactionHook hook) {
        return new JdbcViewStore(
                ViewDatabase.postgresql(jdbcUrl, user, password, schema, poolSize), hook);
    }

    /** The database this store reads and writes (its dialect, {@link ViewDatabase#recreate()}). */
    public ViewDatabase database() {
        return database;
    }

    @Override
    public void write(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {
        writer.write(rows, List.of(), nextOffsets);
    }

    @Override
    public void write(
            List<ArticleRow> rows,
            List<DuplicateRow> duplicates,
            Map<TopicPartition, Long> nextOffsets) {
        writer.write(rows, duplicates, nextOffsets);
    }

    @Override
    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        return queries.nextOffsets(partitions);
    }

    @Override
    public List<NewsTopicStats> newsTopicStats() {
        return queries.newsTopicStats();
    }

    @Override
    public long countArticles(String newsTopic) {
        return queries.countArticles(newsTopic);
    }

    @Override
    public List<ArticleRow> articles(String newsTopic, int limit, int offset) {
        return queries.articles(newsTopic, limit, offset);
    }

    @Override
    public long countArticles(String newsTopic, Instant from, Instant to) {
        return queries.countArticles(newsTopic, from, to);
    }

    @Override
    public List<ArticleRow> articles(
            String newsTopic, Instant from, Instant to, int limit, int offset) {
        return queries.articles(newsTopic, from, to, limit, offset);
    }

    @Override
    public Optional<ArticleRow> article(String newsTopic, String id) {
        return queries.article(newsTopic, id);
    }

    @Override
    public Map<String, List<DuplicateRow>> duplicatesOf(
            String newsTopic, Collection<String> originalIds) {
        return queries.duplicatesOf(newsTopic, originalIds);
    }

    @Override
    public List<EntityCount> topEntities(String newsTopic, int limit) {
        return queries.topEntities(newsTopic, limit);
    }

    @Override
    public List<DayCount> timeline(String newsTopic, Instant from, Instant to) {
        return queries.timeline(newsTopic, from, to);
    }

    @Override
    public List<ArticleRow> search(String query, String newsTopic, int limit, int offset) {
        return queries.search(query, newsTopic, limit, offset);
    }

    @Override
    public boolean isOpen() {
        return database.isOpen();
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return database.toString();
    }
}
