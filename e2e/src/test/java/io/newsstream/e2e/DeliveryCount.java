package io.newsstream.e2e;

import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.serde.AvroSerdes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts, per article id, where every article the producer got acknowledged ended up: the
 * fault-test ledger.
 *
 * <ul>
 *   <li><b>Acknowledged</b>: the distinct keys of the raw-articles topic, read from the beginning
 *       with {@code read_committed}. The producer is idempotent with {@code acks=all} and keeps no
 *       ledger of its own, so what the topic holds is exactly what the broker acknowledged (a
 *       record written just before a SIGKILL counts although the producer never saw the ack; a
 *       re-sent copy adds a record, not an id).
 *   <li><b>In the view</b>: rows of the consumer's PostgreSQL view ({@code articles}), per id.
 *   <li><b>As duplicates</b>: the {@code duplicateId}s of the duplicates topic.
 *   <li><b>Dead-lettered</b>: dead letters whose source record is on the raw topic (resolved to
 *       that record's key); other dead letters (the producer's, for inputs that were not articles)
 *       are counted apart.
 *   <li><b>Lost</b>: acknowledged ids in none of the three. <b>Doubled</b>: ids with more than one
 *       record on the all-articles enriched topic ({@code read_committed}), or both a view row and
 *       a duplicate link in the same news topic. An article of two news topics has a row in each
 *       (multi-label, not a double); a second row in one news topic is impossible by the view's
 *       key.
 * </ul>
 */
final class DeliveryCount {

    /** One count of the whole pipeline. */
    record Counts(
            int acknowledged,
            int rawRecords,
            int inView,
            int asDuplicates,
            int deadLettered,
            int otherDeadLetters,
            int enrichedRecords,
            Set<String> lost,
            Set<String> doubled) {

        /** Ids accounted for: in the view, linked as duplicates or dead-lettered. */
        boolean settled(int expectedAcknowledged) {
            return acknowledged >= expectedAcknowledged && lost.isEmpty();
        }

        String row(String fault, int inputs, long seconds) {
            return String.format(
                    "| %s | %d | %d | %d | %d | %d | %d | **%d** | **%d** | %d |",
                    fault,
                    inputs,
                    acknowledged,
                    rawRecords,
                    inView,
                    asDuplicates,
                    deadLettered,
                    lost.size(),
                    doubled.size(),
                    seconds);
        }

        static String header() {
            return "| fault | inputs | acknowledged | raw records | in view | as duplicates |"
                    + " dead-lettered | lost | doubled | settled in s |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|";
        }
    }

    private final String bootstrapServers;
    private final String registryUrl;
    private final String pgUrl;
    private final String viewSchema;
    private final String rawTopic;
    private final String enrichedAllTopic;
    private final String duplicatesTopic;
    private final String deadLetterTopic;

    DeliveryCount(
            String bootstrapServers,
            String registryUrl,
            String pgUrl,
            String viewSchema,
            String rawTopic,
            String enrichedAllTopic,
            String duplicatesTopic,
            String deadLetterTopic) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.pgUrl = pgUrl;
        this.viewSchema = viewSchema;
        this.rawTopic = rawTopic;
        this.enrichedAllTopic = enrichedAllTopic;
        this.duplicatesTopic = duplicatesTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Reads every topic to its end and the view, and counts. */
    Counts count() throws SQLException {
        Map<String, String> rawKeyAt = new HashMap<>();
        Set<String> acknowledged = new HashSet<>();
        int[] rawRecords = {0};
        readAll(
                rawTopic,
                new ByteArrayDeserializer(),
                (r, v) -> {
                    rawRecords[0]++;
                    acknowledged.add(r.key());
                    rawKeyAt.put(r.partition() + "@" + r.offset(), r.key());
                });
        Map<String, Integer> enriched = new HashMap<>();
        int[] enrichedRecords = {0};
        readAll(
                enrichedAllTopic,
                new ByteArrayDeserializer(),
                (r, v) -> {
                    enrichedRecords[0]++;
                    enriched.merge(r.key(), 1, Integer::sum);
                });
        Set<String> duplicates = new HashSet<>();
        Map<String, Set<String>> duplicateIn = new HashMap<>();
        Set<String> deadLettered = new HashSet<>();
        int[] otherDeadLetters = {0};
        try (AvroSerdes serdes = AvroSerdes.forUrl(registryUrl)) {
            readAll(
                    duplicatesTopic,
                    serdes.serde(DuplicateLink.class, false).deserializer(),
                    (r, link) -> {
                        duplicates.add(link.getDuplicateId());
                        duplicateIn
                                .computeIfAbsent(link.getDuplicateId(), k -> new HashSet<>())
                                .add(String.valueOf(link.getNewsTopic()));
                    });
            readAll(
                    deadLetterTopic,
                    serdes.serde(DeadLetter.class, false).deserializer(),
                    (r, letter) -> {
                        String id =
                                rawTopic.equals(letter.getKafkaTopic())
                                        ? rawKeyAt.get(
                                                letter.getPartition() + "@" + letter.getOffset())
                                        : null;
                        if (id != null) {
                            deadLettered.add(id);
                        } else {
                            otherDeadLetters[0]++;
                        }
                    });
        }
        Map<String, Set<String>> view = viewRows();

        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(view.keySet());
        lost.removeAll(duplicates);
        lost.removeAll(deadLettered);
        Set<String> doubled = new HashSet<>();
        // Multi-label: an article has a row in each of its news topics, and may be distinct in one
        // news topic and a duplicate in another; within one news topic, a row and a link is double.
        view.forEach(
                (id, newsTopics) -> {
                    for (String t : duplicateIn.getOrDefault(id, Set.of())) {
                        if (newsTopics.contains(t)) {
                            doubled.add(id);
                        }
                    }
                });
        enriched.forEach(
                (id, n) -> {
                    if (n > 1) {
                        doubled.add(id);
                    }
                });
        Set<String> dupAcknowledged = new HashSet<>(duplicates);
        dupAcknowledged.retainAll(acknowledged);
        return new Counts(
                acknowledged.size(),
                rawRecords[0],
                view.size(),
                dupAcknowledged.size(),
                deadLettered.size(),
                otherDeadLetters[0],
                enrichedRecords[0],
                lost,
                doubled);
    }

    /**
     * The news topics of each article id's rows in the view (absent: no row). A row is unique per
     * (news topic, id) by the view's key; unclassified rows appear as {@code null}'s text, as the
     * duplicate links name that bucket.
     */
    private Map<String, Set<String>> viewRows() throws SQLException {
        Map<String, Set<String>> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pgUrl);
                Statement st = c.createStatement()) {
            ResultSet exists =
                    st.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                                    + viewSchema
                                    + "' AND table_name = 'articles'");
            exists.next();
            if (exists.getInt(1) == 0) {
                return rows;
            }
            try (ResultSet rs =
                    st.executeQuery("SELECT id, news_topic FROM " + viewSchema + ".articles")) {
                while (rs.next()) {
                    String newsTopic = rs.getString(2);
                    rows.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add("unclassified".equals(newsTopic) ? "null" : newsTopic);
                }
            }
        }
        return rows;
    }

    /** Reads {@code topic} from the beginning to its current end (read_committed). */
    private <V> void readAll(
            String topic, Deserializer<V> values, BiConsumer<ConsumerRecord<String, V>, V> each) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(r, r.value());
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
