package io.newsstream.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When records become visible in the PostgreSQL view, measured from outside the consumer.
 *
 * <p>The consumer stores each Kafka partition's next offset in {@code consumer_offsets} in the same
 * transaction as the rows it read from it (its exactly-once contract). A thread of this class reads
 * that small table every {@code period} on its own connection and notes the wall-clock time at
 * which each partition's offset moves: a record at offset {@code o} is visible in the view from the
 * first reading whose next offset exceeds {@code o} (exact to within one period plus the query).
 * Its production time is the record's timestamp, which the producer sets at send (CreateTime) and
 * Kafka Streams carries from the raw record to the enriched and duplicate records it writes.
 */
final class ViewWatch implements AutoCloseable {

    private record Move(long nextOffset, long atMillis) {}

    private final String jdbcUrl;
    private final String user;
    private final String schema;
    private final Map<TopicPartition, List<Move>> moves = new ConcurrentHashMap<>();
    private volatile long lastMoveMillis;
    private volatile boolean running = true;
    private final Thread thread;

    ViewWatch(String jdbcUrl, String user, String schema, Duration period) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.schema = schema;
        thread = new Thread(() -> loop(period.toMillis()), "view-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    private void loop(long periodMillis) {
        Map<TopicPartition, Long> current = new HashMap<>();
        while (running) {
            try (Connection c = connect();
                    Statement st = c.createStatement()) {
                while (running) {
                    try (ResultSet rs =
                            st.executeQuery(
                                    "SELECT kafka_topic, kafka_partition, next_offset FROM "
                                            + schema
                                            + ".consumer_offsets")) {
                        long now = System.currentTimeMillis();
                        while (rs.next()) {
                            TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                            long next = rs.getLong(3);
                            Long before = current.put(tp, next);
                            if (before == null || before != next) {
                                moves.computeIfAbsent(tp, k -> new CopyOnWriteArrayList<>())
                                        .add(new Move(next, now));
                                lastMoveMillis = now;
                            }
                        }
                    }
                    Thread.sleep(periodMillis);
                }
            } catch (SQLException e) {
                // The consumer has not created its schema yet: try again.
                sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wall-clock time of the last offset move seen (the last records becoming visible). */
    long lastMoveMillis() {
        return lastMoveMillis;
    }

    /** Records the view has consumed so far (sum of next offsets; includes transaction markers). */
    long offsetsSum() {
        long sum = 0;
        for (List<Move> m : moves.values()) {
            if (!m.isEmpty()) {
                sum += m.get(m.size() - 1).nextOffset();
            }
        }
        return sum;
    }

    /**
     * Articles in the view: distinct ids shown as a story (in one or more news topics:
     * multi-label), and distinct ids only linked as a duplicate (in one or more news topics). Each
     * article published is counted once, whichever of the two it is.
     */
    long[] counts() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT (SELECT count(DISTINCT id) FROM "
                                        + schema
                                        + ".articles), (SELECT count(DISTINCT d.duplicate_id) FROM "
                                        + schema
                                        + ".duplicates d WHERE NOT EXISTS (SELECT 1 FROM "
                                        + schema
                                        + ".articles a WHERE a.id = d.duplicate_id))")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    Map<String, Integer> storiesPerNewsTopic() throws SQLException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT news_topic, count(*) FROM "
                                        + schema
                                        + ".articles GROUP BY news_topic")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    /**
     * Produce-to-visible latency in milliseconds of every article with a timestamp at or after
     * {@code fromTimestamp} on the Kafka topics the view reads (read committed, as the consumer
     * reads them), sorted: an article on several of them (multi-label) is visible when it is
     * visible on all.
     *
     * @throws AssertionError if such a record has not become visible
     */
    long[] latencies(String bootstrapServers, long fromTimestamp) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // One latency per article: multi-label writes an article (or its duplicate link) once per
        // news topic; it counts as visible once it is visible in every news topic.
        Map<String, Long> visibleByArticle = new HashMap<>();
        Map<String, Long> timestampByArticle = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(moves.keySet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = new HashMap<>();
            consumer.offsetsForTimes(
                            partitions.stream()
                                    .collect(
                                            java.util.stream.Collectors.toMap(
                                                    tp -> tp, tp -> fromTimestamp)))
                    .forEach((tp, o) -> starts.put(tp, o == null ? ends.get(tp) : o.offset()));
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, starts.get(tp));
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("Could not read the view's Kafka topics to their end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.timestamp() < fromTimestamp) {
                        continue;
                    }
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    long visible = visibleAt(tp, r.offset());
                    if (visible < 0) {
                        throw new AssertionError(
                                "Record " + tp + "@" + r.offset() + " never became visible");
                    }
                    String article = articleOf(r);
                    visibleByArticle.merge(article, visible, Math::max);
                    timestampByArticle.put(article, r.timestamp());
                }
            }
        }
        long[] sorted =
                visibleByArticle.entrySet().stream()
                        .mapToLong(e -> e.getValue() - timestampByArticle.get(e.getKey()))
                        .toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The article a record stands for: its key, or the duplicate's id for a duplicate link. */
    private static String articleOf(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().endsWith(io.newsstream.schemas.KafkaTopics.DUPLICATES) && r.value() != null) {
            try {
                // Confluent framing (magic byte, 4-byte schema id), written with this very schema.
                io.newsstream.schemas.event.DuplicateLink link =
                        new org.apache.avro.specific.SpecificDatumReader<
                                        io.newsstream.schemas.event.DuplicateLink>(
                                        io.newsstream.schemas.event.DuplicateLink.getClassSchema())
                                .read(
                                        null,
                                        org.apache.avro.io.DecoderFactory.get()
                                                .binaryDecoder(
                                                        r.value(), 5, r.value().length - 5, null));
                return "duplicate:" + link.getDuplicateId();
            } catch (java.io.IOException e) {
                throw new AssertionError("Undecodable duplicate link at " + r.offset(), e);
            }
        }
        return new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private long visibleAt(TopicPartition tp, long offset) {
        for (Move m : moves.getOrDefault(tp, List.of())) {
            if (m.nextOffset() > offset) {
                return m.atMillis();
            }
        }
        return -1;
    }

    /** The q-quantile (0..1) of sorted values, nearest rank. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
