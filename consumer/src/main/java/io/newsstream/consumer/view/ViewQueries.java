package io.newsstream.consumer.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The read side of the view: the queries behind {@link ViewStore}'s reads and the stored offsets.
 * All are portable SQL except {@link #search}, which speaks its database's dialect (PostgreSQL's
 * {@code tsvector} with {@code websearch_to_tsquery}, SQLite's FTS5 with every word quoted).
 */
final class ViewQueries {

    private static final String PREFIXED_COLUMNS =
            Arrays.stream(ViewDatabase.ARTICLE_COLUMNS.split(","))
                    .map(c -> "a." + c.strip())
                    .collect(Collectors.joining(", "));
    private static final String DUPLICATE_COLUMNS =
            "news_topic, original_id, duplicate_id, kind, similarity, outlet, url, title,"
                    + " published_at, detected_at";

    private final ViewDatabase database;

    ViewQueries(ViewDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        Set<String> kafkaTopics =
                wanted.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Map<TopicPartition, Long> out = new HashMap<>();
        String sql =
                "SELECT kafka_partition, next_offset FROM consumer_offsets WHERE kafka_topic = ?";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (String kafkaTopic : kafkaTopics) {
                ps.setString(1, kafkaTopic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TopicPartition tp = new TopicPartition(kafkaTopic, rs.getInt(1));
                        if (wanted.contains(tp)) {
                            out.put(tp, rs.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure("stored offsets", e);
        }
        return out;
    }

    List<NewsTopicStats> newsTopicStats() {
        return query(
                "news topic counts",
                "SELECT news_topic, COUNT(*), MIN(published_at), MAX(published_at) FROM articles"
                        + " GROUP BY news_topic ORDER BY news_topic",
                rs ->
                        new NewsTopicStats(
                                rs.getString(1),
                                rs.getLong(2),
                                instantOrNull(rs, 3),
                                instantOrNull(rs, 4)));
    }

    long countArticles(String newsTopic) {
        return count(
                "the article count of " + newsTopic,
                "SELECT COUNT(*) FROM articles WHERE news_topic = ?",
                newsTopic);
    }

    List<ArticleRow> articles(String newsTopic, int limit, int offset) {
        requirePage(limit, offset);
        return query(
                "the articles of " + newsTopic,
                "SELECT "
                        + ViewDatabase.ARTICLE_COLUMNS
                        + " FROM articles WHERE news_topic = ?"
                        + " ORDER BY sort_at DESC, id ASC LIMIT ? OFFSET ?",
                ViewQueries::readArticle,
                newsTopic,
                limit,
                offset);
    }

    long countArticles(String newsTopic, Instant from, Instant to) {
        return count(
                "the article count of " + newsTopic,
                "SELECT COUNT(*) FROM articles WHERE news_topic = ? AND sort_at >= ?"
                        + " AND sort_at < ?",
                newsTopic,
                lower(from),
                upper(to));
    }

    List<ArticleRow> articles(String newsTopic, Instant from, Instant to, int limit, int offset) {
        requirePage(limit, offset);
        return query(
                "the articles of " + newsTopic,
                "SELECT "
                        + ViewDatabase.ARTICLE_COLUMNS
                        + " FROM articles WHERE news_topic = ? AND sort_at >= ? AND sort_at < ?"
                        + " ORDER BY sort_at DESC, id ASC LIMIT ? OFFSET ?",
                ViewQueries::readArticle,
                newsTopic,
                lower(from),
                upper(to),
                limit,
                offset);
    }

    Optional<ArticleRow> article(String newsTopic, String id) {
        return query(
                        "article " + id + " of " + newsTopic,
                        "SELECT "
                                + ViewDatabase.ARTICLE_COLUMNS
                                + " FROM articles WHERE news_topic = ? AND id = ?",
                        ViewQueries::readArticle,
                        newsTopic,
                        id)
                .stream()
                .findFirst();
    }

    Map<String, List<DuplicateRow>> duplicatesOf(String newsTopic, Collection<String> originalIds) {
        Map<String, List<DuplicateRow>> out = new java.util.LinkedHashMap<>();
        if (originalIds.isEmpty()) {
            return out;
        }
        String sql =
                "SELECT "
                        + DUPLICATE_COLUMNS
                        + " FROM duplicates WHERE news_topic = ? AND original_id = ?"
                        + " ORDER BY detected_at, duplicate_id";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : new java.util.LinkedHashSet<>(originalIds)) {
                ps.setString(1, newsTopic);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(id, k -> new ArrayList<>()).add(readDuplicate(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure("the duplicates of " + newsTopic, e);
        }
        return out;
    }

    private static DuplicateRow readDuplicate(ResultSet rs) throws SQLException {
        long published = rs.getLong("published_at");
        Instant publishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(published);
        return new DuplicateRow(
                rs.getString("news_topic"),
                rs.getString("original_id"),
                rs.getString("duplicate_id"),
                rs.getString("kind"),
                rs.getDouble("similarity"),
                rs.getString("outlet"),
                rs.getString("url"),
                rs.getString("title"),
                publishedAt,
                Instant.ofEpochMilli(rs.getLong("detected_at")));
    }

    List<EntityCount> topEntities(String newsTopic, int limit) {
        requirePage(limit, 0);
        return query(
                "the entities of " + newsTopic,
                "SELECT name, entity_type, COUNT(*) AS articles, SUM(mentions) AS mentions"
                        + " FROM article_entities WHERE news_topic = ?"
                        + " GROUP BY name, entity_type"
                        + " ORDER BY articles DESC, mentions DESC, name ASC, entity_type ASC"
                        + " LIMIT ?",
                rs ->
                        new EntityCount(
                                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                newsTopic,
                limit);
    }

    List<DayCount> timeline(String newsTopic, Instant from, Instant to) {
        // Integer division by a day's milliseconds: the same on SQLite and PostgreSQL (BIGINT).
        // Pre-1970 times would round towards zero; the view holds none. Undated articles (sort_at
        // below zero) have no day: they stay out.
        return query(
                "the timeline of " + newsTopic,
                "SELECT sort_at / 86400000 AS epoch_day, COUNT(*) FROM articles"
                        + " WHERE news_topic = ? AND sort_at >= ? AND sort_at < ? AND sort_at >= 0"
                        + " GROUP BY sort_at / 86400000 ORDER BY epoch_day",
                rs -> new DayCount(java.time.LocalDate.ofEpochDay(rs.getLong(1)), rs.getLong(2)),
                newsTopic,
                lower(from),
                upper(to));
    }

    List<ArticleRow> search(String query, String newsTopic, int limit, int offset) {
        requirePage(limit, offset);
        List<String> words = ViewStore.searchWords(query);
        if (words.isEmpty() || limit == 0) {
            return List.of();
        }
        String topicFilter = newsTopic == null ? "" : " AND a.news_topic = ?";
        String sql;
        List<Object> params = new ArrayList<>();
        if (database.dialect() == ViewDatabase.Dialect.POSTGRESQL) {
            // websearch_to_tsquery accepts any text (quotes, or, -word) without syntax errors.
            sql =
                    "SELECT "
                            + PREFIXED_COLUMNS
                            + " FROM articles a, websearch_to_tsquery('english', ?) q"
                            + " WHERE a.search_vector @@ q"
                            + topicFilter
                            + " ORDER BY ts_rank(a.search_vector, q) DESC, a.sort_at DESC, a.id,"
                            + " a.news_topic LIMIT ? OFFSET ?";
            params.add(query);
        } else {
            // Each word quoted: user input can never be read as FTS5 query syntax.
            sql =
                    "SELECT "
                            + PREFIXED_COLUMNS
                            + " FROM articles_search s JOIN articles a ON a.rowid = s.rowid"
                            + " WHERE articles_search MATCH ?"
                            + topicFilter
                            + " ORDER BY bm25(articles_search), a.sort_at DESC, a.id, a.news_topic"
                            + " LIMIT ? OFFSET ?";
            params.add(words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(" ")));
        }
        if (newsTopic != null) {
            params.add(newsTopic);
        }
        params.add(limit);
        params.add(offset);
        return query(
                "search results for '" + query + "'",
                sql,
                ViewQueries::readArticle,
                params.toArray());
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs one query with its parameters bound in order and reads every row.
     *
     * @param what what is read, for the error message
     */
    private <T> List<T> query(String what, String sql, Row<T> row, Object... params) {
        List<T> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw readFailure(what, e);
        }
        return out;
    }

    private long count(String what, String sql, Object... params) {
        return query(what, sql, rs -> rs.getLong(1), params).get(0);
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static long lower(Instant from) {
        return from == null ? Long.MIN_VALUE : from.toEpochMilli();
    }

    private static long upper(Instant to) {
        return to == null ? Long.MAX_VALUE : to.toEpochMilli();
    }

    private static void requirePage(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "limit and offset must not be negative: " + limit + ", " + offset);
        }
    }

    private static ArticleRow readArticle(ResultSet rs) throws SQLException {
        long published = rs.getLong("published_at");
        Instant publishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(published);
        return new ArticleRow(
                rs.getString("news_topic"),
                rs.getString("id"),
                rs.getString("title"),
                rs.getString("outlet"),
                rs.getString("url"),
                publishedAt,
                Instant.ofEpochMilli(rs.getLong("fetched_at")),
                Instant.ofEpochMilli(rs.getLong("processed_at")),
                rs.getInt("word_count"),
                rs.getString("primary_news_topic"),
                rs.getString("scores_json"),
                rs.getString("enrichment_json"),
                rs.getString("source_kafka_topic"),
                rs.getInt("source_partition"),
                rs.getLong("source_offset"));
    }

    private ViewStoreException readFailure(String what, SQLException e) {
        return new ViewStoreException(
                "Cannot read " + what + " from " + database + ": " + e.getMessage(), e);
    }
}
