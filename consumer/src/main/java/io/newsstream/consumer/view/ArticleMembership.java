package io.newsstream.consumer.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each article's membership in the view equal to the news topics of its newest enrichment,
 * inside the store's write transaction (so with the rows and offsets it goes with).
 *
 * <p>An article's version is its {@code processedAt} (a link's {@code detectedAt} is the processing
 * time of the duplicate's enrichment). The newest version the view holds of an article is the
 * latest of its rows' {@code processed_at} and of the {@code detected_at} of the links where it is
 * the duplicate. Then:
 *
 * <ul>
 *   <li>an article row older than that is stale (an old record re-read, e.g. after re-processing or
 *       on a replay) and is not written: no flip-flop, whatever order the Kafka topics are read in;
 *   <li>a row at least as new removes the article's rows, and the links where it is the original,
 *       in news topics outside its {@link ArticleRow#memberOf()}, and the links of older versions
 *       where it is the duplicate (so an article leaves {@code unclassified} once it has a news
 *       topic, and a former duplicate that is now a story of its own is no longer listed as one);
 *   <li>a link older than the duplicate's newest version is stale and not written; a newer one
 *       removes the duplicate's rows and links of older versions (it is no longer a story of its
 *       own there).
 * </ul>
 *
 * Rows whose membership is unknown ({@code memberOf} null) are written as before. The look-ups use
 * the by-id indexes of migration V5.
 */
final class ArticleMembership {

    private static final String NEWEST_VERSION =
            "SELECT MAX(v) FROM (SELECT MAX(processed_at) AS v FROM articles WHERE id = ?"
                    + " UNION ALL SELECT MAX(detected_at) AS v FROM duplicates"
                    + " WHERE duplicate_id = ?) versions";

    private static final String IS_ORIGINAL =
            "SELECT 1 FROM duplicates WHERE original_id = ? LIMIT 1";

    /** {@link #newestVersion} of an article the view holds nothing of. */
    private static final long NONE = Long.MIN_VALUE;

    private ArticleMembership() {}

    /**
     * Applies the membership of the newest version of each article in {@code rows} and returns the
     * rows still to upsert (stale versions left out).
     */
    static List<ArticleRow> applyArticles(Connection c, Collection<ArticleRow> rows)
            throws SQLException {
        Map<String, ArticleRow> newestById = new LinkedHashMap<>();
        for (ArticleRow r : rows) {
            if (r.memberOf() != null) {
                newestById.merge(
                        r.id(), r, (a, b) -> b.processedAt().isAfter(a.processedAt()) ? b : a);
            }
        }
        Map<String, Long> applied = new HashMap<>();
        for (ArticleRow newest : newestById.values()) {
            long version = newest.processedAt().toEpochMilli();
            long held = newestVersion(c, newest.id());
            if (held > version) {
                continue;
            }
            // A first sighting (the steady state) has nothing to remove: no deletes then.
            if (held != NONE || isOriginal(c, newest.id())) {
                removeOutside(c, newest.id(), newest.memberOf(), version);
            }
            applied.put(newest.id(), version);
        }
        List<ArticleRow> out = new ArrayList<>(rows.size());
        for (ArticleRow r : rows) {
            if (r.memberOf() == null) {
                out.add(r);
                continue;
            }
            Long version = applied.get(r.id());
            if (version != null && r.processedAt().toEpochMilli() == version) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Leaves out stale links and removes what a newer link supersedes; returns the links to write.
     */
    static List<DuplicateRow> applyLinks(Connection c, List<DuplicateRow> links)
            throws SQLException {
        List<DuplicateRow> out = new ArrayList<>(links.size());
        for (DuplicateRow d : links) {
            long version = d.detectedAt().toEpochMilli();
            long held = newestVersion(c, d.duplicateId());
            if (held > version) {
                continue;
            }
            if (held == NONE) {
                out.add(d); // nothing of the duplicate to supersede
                continue;
            }
            update(
                    c,
                    "DELETE FROM articles WHERE id = ? AND processed_at < ?",
                    d.duplicateId(),
                    version);
            update(
                    c,
                    "DELETE FROM article_entities WHERE article_id = ? AND NOT EXISTS (SELECT 1"
                            + " FROM articles a WHERE a.news_topic = article_entities.news_topic"
                            + " AND a.id = article_entities.article_id)",
                    d.duplicateId());
            update(
                    c,
                    "DELETE FROM duplicates WHERE duplicate_id = ? AND detected_at < ?",
                    d.duplicateId(),
                    version);
            out.add(d);
        }
        return out;
    }

    private static long newestVersion(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEWEST_VERSION)) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0L;
                return rs.wasNull() ? NONE : v;
            }
        }
    }

    private static boolean isOriginal(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IS_ORIGINAL)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void removeOutside(Connection c, String id, Set<String> memberOf, long version)
            throws SQLException {
        String notIn =
                " AND news_topic NOT IN ("
                        + String.join(", ", java.util.Collections.nCopies(memberOf.size(), "?"))
                        + ")";
        Object[] args = new Object[memberOf.size() + 1];
        args[0] = id;
        int i = 1;
        for (String t : memberOf) {
            args[i++] = t;
        }
        update(c, "DELETE FROM articles WHERE id = ?" + notIn, args);
        update(c, "DELETE FROM article_entities WHERE article_id = ?" + notIn, args);
        update(c, "DELETE FROM duplicates WHERE original_id = ?" + notIn, args);
        update(c, "DELETE FROM duplicates WHERE duplicate_id = ? AND detected_at < ?", id, version);
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else {
                    ps.setString(i + 1, (String) args[i]);
                }
            }
            ps.executeUpdate();
        }
    }
}
