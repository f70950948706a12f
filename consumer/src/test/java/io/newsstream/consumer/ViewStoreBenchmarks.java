package io.newsstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.ArticleRows;
import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of writing ~4 KB articles into the PostgreSQL view, without Kafka: {@code
 * -Dnewsstream.bench.records} rows (default 5,000) of 600 words, as {@link ViewThroughputIT}
 * produces them, written in transactions of 500 rows with their offsets, as the consumer does.
 * Prints the wall time and, robust on a shared machine, the CPU time per row of the writing thread
 * (Avro to JSON, JDBC) and of the PostgreSQL backend that ran the transactions (read from {@code
 * /proc} when the server runs on this host; the search vector and its index are built there). Not
 * part of {@code verify}; run:
 *
 * <pre>
 * ./mvnw -B -q -pl consumer -am test -Dtest=ViewStoreBenchmarks \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmarks=true
 * </pre>
 */
class ViewStoreBenchmarks {

    private static final int RECORDS = Integer.getInteger("newsstream.bench.records", 5_000);
    private static final int BATCH = 500;
    private static final String NEWS_TOPIC = "airspace-deal";
    private static final String KAFKA_TOPIC = "news.topic.airspace-deal";

    @Test
    @EnabledIfSystemProperty(named = "benchmarks", matches = "true")
    void cpuTimePerRowIntoPostgresql() throws Exception {
        Random random = new Random(42);
        List<EnrichedArticle> articles = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            EnrichedArticle base =
                    TestArticles.enriched(
                            "bench-" + i,
                            NEWS_TOPIC,
                            Instant.parse("2011-05-01T00:00:00Z").plusSeconds(i));
            articles.add(
                    EnrichedArticle.newBuilder(base)
                            .setArticle(
                                    RawArticle.newBuilder(base.getArticle())
                                            .setTitle("Airspace talks " + i)
                                            .setBody(TestArticles.randomBody(random, 600))
                                            .build())
                            .setWordCount(600)
                            .build());
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (TestPostgres postgres = TestPostgres.freshSchema()) {
            BackendPid backend = new BackendPid(postgres.schema());
            try (JdbcViewStore store =
                    JdbcViewStore.postgresql(
                            TestPostgres.URL, null, null, postgres.schema(), 2, backend)) {
                TopicPartition tp = new TopicPartition(KAFKA_TOPIC, 0);
                long serverStart = -1;
                long start = System.nanoTime();
                long cpuStart = mx.getCurrentThreadCpuTime();
                for (int from = 0; from < RECORDS; from += BATCH) {
                    List<ArticleRow> rows = new ArrayList<>(BATCH);
                    for (int i = from; i < Math.min(RECORDS, from + BATCH); i++) {
                        rows.add(ArticleRows.from(NEWS_TOPIC, articles.get(i), KAFKA_TOPIC, 0, i));
                    }
                    store.write(rows, Map.of(tp, (long) from + rows.size()));
                    if (serverStart < 0) {
                        serverStart = backend.cpuMillis();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double clientMicros = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e3 / RECORDS;
                long serverEnd = backend.cpuMillis();
                assertThat(store.countArticles(NEWS_TOPIC)).isEqualTo(RECORDS);
                System.out.printf(
                        "PostgreSQL view store: %,d rows of ~4 KB in %.1f s = %,.0f rows/s;"
                                + " CPU per row: writer thread %.0f us, PostgreSQL backend %s%n",
                        RECORDS,
                        seconds,
                        RECORDS / seconds,
                        clientMicros,
                        serverStart < 0 || serverEnd < 0
                                ? "unknown (server not on this host)"
                                : String.format(
                                        "%.0f us (after the first batch)",
                                        (serverEnd - serverStart) * 1e3 / (RECORDS - BATCH)));
            }
        }
    }

    /**
     * Finds the backend of the store's writing connection: the one holding a lock on the schema's
     * articles table while a write is not yet committed.
     */
    private static final class BackendPid implements TransactionHook {
        private final String schema;
        private int pid = -1;

        BackendPid(String schema) {
            this.schema = schema;
        }

        @Override
        public void beforeCommit(List<ArticleRow> rows, Map<TopicPartition, Long> nextOffsets) {
            int now = lookUp();
            // The pool hands the writing thread its last connection back; if not, say so.
            pid = pid < 0 || pid == now ? now : 0;
        }

        private int lookUp() {
            try (Connection c = DriverManager.getConnection(TestPostgres.URL);
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT l.pid FROM pg_locks l WHERE l.relation ="
                                            + " to_regclass(?) AND l.pid <> pg_backend_pid()")) {
                ps.setString(1, schema + ".articles");
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** User and system CPU time of the backend so far, or -1 when it cannot be read. */
        long cpuMillis() {
            Path stat = Path.of("/proc", Integer.toString(pid), "stat");
            if (pid <= 0 || !Files.isReadable(stat)) {
                return -1;
            }
            try {
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                // Fields 14 and 15 of stat (utime, stime), in clock ticks of 10 ms.
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
