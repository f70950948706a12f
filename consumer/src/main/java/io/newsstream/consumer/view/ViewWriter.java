package io.newsstream.consumer.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * The write side of the view: one transaction per {@link #write} holding the article rows, their
 * entity index, the duplicate links and the next offsets, with the membership rules of {@link
 * ArticleMembership} applied inside it. The SQL is portable (SQLite 3.24+ and PostgreSQL both
 * accept it, including the {@code ON CONFLICT} upsert).
 *
 * <p>Upserts only move forward: a row is replaced only by a version read from the same or a later
 * offset of its partition, and a stored offset only grows. A consumer instance that lost its
 * partitions in a rebalance but still finishes a write (a zombie) therefore cannot undo what the
 * new owner stored, which is what lets several instances of one group share a PostgreSQL view.
 */
final class ViewWriter {

    private static final String UPSERT_ARTICLE =
            "INSERT INTO articles ("
                    + ViewDatabase.ARTICLE_COLUMNS
                    + ", stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (news_topic, id) DO UPDATE SET"
                    + " title = excluded.title, outlet = excluded.outlet, url = excluded.url,"
                    + " published_at = excluded.published_at, fetched_at = excluded.fetched_at,"
                    + " processed_at = excluded.processed_at, sort_at = excluded.sort_at,"
                    + " word_count = excluded.word_count,"
                    + " primary_news_topic = excluded.primary_news_topic,"
                    + " scores_json = excluded.scores_json,"
                    + " enrichment_json = excluded.enrichment_json,"
                    + " source_kafka_topic = excluded.source_kafka_topic,"
                    + " source_partition = excluded.source_partition,"
                    + " source_offset = excluded.source_offset, stored_at = excluded.stored_at"
                    // Never replace a version read later from the same partition (zombie writes).
                    + " WHERE articles.source_kafka_topic <> excluded.source_kafka_topic"
                    + " OR articles.source_partition <> excluded.source_partition"
                    + " OR articles.source_offset <= excluded.source_offset";

    private static final String UPSERT_OFFSET =
            "INSERT INTO consumer_offsets (kafka_topic, kafka_partition, next_offset)"
                    + " VALUES (?, ?, ?) ON CONFLICT (kafka_topic, kafka_partition)"
                    + " DO UPDATE SET next_offset = excluded.next_offset"
                    + " WHERE consumer_offsets.next_offset <= excluded.next_offset";

    /**
     * True when the stored row is the version read from the given Kafka position: the entity index
     * follows the row the forward-only upsert kept, without relying on batch update counts (which
     * PostgreSQL's rewritten batches do not report).
     */
    private static final String ROW_IS_VERSION =
            "EXISTS (SELECT 1 FROM articles WHERE articles.news_topic = ? AND articles.id = ?"
                    + " AND articles.source_kafka_topic = ? AND articles.source_partition = ?"
                    + " AND articles.source_offset = ?)";

    private static final String DELETE_ENTITIES =
            "DELETE FROM article_entities WHERE news_topic = ? AND article_id = ? AND "
                    + ROW_IS_VERSION;

    private static final String INSERT_ENTITY =
            "INSERT INTO article_entities (news_topic, article_id, name, entity_type, mentions)"
                    + " SELECT ?, ?, ?, ?, ? WHERE "
                    + ROW_IS_VERSION;

    private static final String UPSERT_DUPLICATE =
            "INSERT INTO duplicates (news_topic, original_id, duplicate_id, kind, similarity,"
                    + " outlet, url, title, published_at, detected_at, stored_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (news_topic, original_id, duplicate_id) DO UPDATE SET"
                    + " kind = excluded.kind, similarity = excluded.similarity,"
                    + " outlet = excluded.outlet, url = excluded.url, title = excluded.title,"
                    + " published_at = excluded.published_at, detected_at = excluded.detected_at,"
                    + " stored_at = excluded.stored_at";

    private final ViewDatabase database;
    private final TransactionHook hook;

    /**
     * @param hook {@link TransactionHook#NONE} outside crash tests
     */
    ViewWriter(ViewDatabase database, TransactionHook hook) {
        this.database = Objects.requireNonNull(database, "database");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** See {@link ViewStore#write(List, List, Map)}. */
    void write(
            List<ArticleRow> rows,
            List<DuplicateRow> duplicates,
            Map<TopicPartition, Long> nextOffsets) {
        if (rows.isEmpty() && duplicates.isEmpty() && nextOffsets.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        // One version per key and statement: PostgreSQL refuses a multi-row upsert that touches
        // the same row twice, and the last version read is the one to keep anyway.
        Map<List<String>, ArticleRow> latest = new LinkedHashMap<>();
        for (ArticleRow r : rows) {
            latest.merge(
                    List.of(r.newsTopic(), r.id()),
                    r,
                    (a, b) -> b.sourceOffset() >= a.sourceOffset() ? b : a);
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                // Multi-label: the newest version of an article decides its news topics.
                List<ArticleRow> current = ArticleMembership.applyArticles(c, latest.values());
                try (PreparedStatement ps = c.prepareStatement(UPSERT_ARTICLE)) {
                    for (ArticleRow r : current) {
                        bindArticle(ps, r, now);
                        ps.addBatch();
                    }
                    if (!current.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                writeIndexes(c, current);
                writeDuplicates(c, ArticleMembership.applyLinks(c, duplicates), now);
                try (PreparedStatement ps = c.prepareStatement(UPSERT_OFFSET)) {
                    for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                        ps.setString(1, e.getKey().topic());
                        ps.setInt(2, e.getKey().partition());
                        ps.setLong(3, e.getValue());
                        ps.addBatch();
                    }
                    if (!nextOffsets.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                hook.beforeCommit(rows, nextOffsets);
                c.commit();
            } catch (Throwable t) {
                rollbackQuietly(c, t);
                throw t;
            }
        } catch (SQLException e) {
            throw new ViewStoreException(
                    "Cannot write "
                            + rows.size()
                            + " article(s), "
                            + duplicates.size()
                            + " duplicate(s) and offsets "
                            + nextOffsets
                            + " to "
                            + database
                            + ": "
                            + e.getMessage(),
                    e);
        }
        hook.afterCommit(rows, nextOffsets);
    }

    /**
     * Replaces the entity index of every row whose version the upsert stored; a row the
     * forward-only upsert declined keeps the index of the version it has.
     */
    private static void writeIndexes(Connection c, Collection<ArticleRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(DELETE_ENTITIES);
                PreparedStatement insert = c.prepareStatement(INSERT_ENTITY)) {
            boolean anyInsert = false;
            for (ArticleRow r : rows) {
                delete.setString(1, r.newsTopic());
                delete.setString(2, r.id());
                bindVersion(delete, 3, r);
                delete.addBatch();
            }
            delete.executeBatch();
            for (ArticleRow r : rows) {
                for (ArticleEntities.Mention m : ArticleEntities.of(r)) {
                    insert.setString(1, r.newsTopic());
                    insert.setString(2, r.id());
                    insert.setString(3, m.name());
                    insert.setString(4, m.type());
                    insert.setInt(5, m.mentions());
                    bindVersion(insert, 6, r);
                    insert.addBatch();
                    anyInsert = true;
                }
            }
            if (anyInsert) {
                insert.executeBatch();
            }
        }
    }

    private static void bindVersion(PreparedStatement ps, int from, ArticleRow r)
            throws SQLException {
        ps.setString(from, r.newsTopic());
        ps.setString(from + 1, r.id());
        ps.setString(from + 2, r.sourceKafkaTopic());
        ps.setInt(from + 3, r.sourcePartition());
        ps.setLong(from + 4, r.sourceOffset());
    }

    private static void writeDuplicates(Connection c, List<DuplicateRow> duplicates, long now)
            throws SQLException {
        if (duplicates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_DUPLICATE)) {
            for (DuplicateRow d : duplicates) {
                int i = 1;
                ps.setString(i++, d.newsTopic());
                ps.setString(i++, d.originalId());
                ps.setString(i++, d.duplicateId());
                ps.setString(i++, d.kind());
                ps.setDouble(i++, d.similarity());
                setNullableString(ps, i++, d.outlet());
                setNullableString(ps, i++, d.url());
                ps.setString(i++, d.title());
                setNullableInstant(ps, i++, d.publishedAt());
                ps.setLong(i++, d.detectedAt().toEpochMilli());
                ps.setLong(i, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setNullableInstant(PreparedStatement ps, int i, Instant v)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v.toEpochMilli());
        }
    }

    private static void bindArticle(PreparedStatement ps, ArticleRow r, long now)
            throws SQLException {
        int i = 1;
        ps.setString(i++, r.newsTopic());
        ps.setString(i++, r.id());
        ps.setString(i++, r.title());
        setNullableString(ps, i++, r.outlet());
        setNullableString(ps, i++, r.url());
        if (r.publishedAt() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, r.publishedAt().toEpochMilli());
        }
        ps.setLong(i++, r.fetchedAt().toEpochMilli());
        ps.setLong(i++, r.processedAt().toEpochMilli());
        ps.setLong(i++, r.sortAt().toEpochMilli());
        ps.setInt(i++, r.wordCount());
        setNullableString(ps, i++, r.primaryNewsTopic());
        ps.setString(i++, r.scoresJson());
        ps.setString(i++, r.enrichmentJson());
        ps.setString(i++, r.sourceKafkaTopic());
        ps.setInt(i++, r.sourcePartition());
        ps.setLong(i++, r.sourceOffset());
        ps.setLong(i, now);
    }

    private static void setNullableString(PreparedStatement ps, int i, String v)
            throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
