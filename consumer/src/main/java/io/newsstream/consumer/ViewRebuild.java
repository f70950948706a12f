package io.newsstream.consumer;

import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.view.TransactionHook;
import io.newsstream.consumer.view.ViewDatabase;
import io.newsstream.consumer.view.ViewUpdater;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the view from scratch: drops it (rows, offsets, search index: {@link
 * ViewDatabase#recreate()}), then replays every enriched Kafka topic (and the duplicates topic when
 * {@code topic.duplicates} is set and the topic exists) from the beginning through the normal
 * consumer ({@link ConsumerApp}, so the rows are exactly what live consumption writes) until it has
 * caught up with the end the partitions had when the rebuild started, reporting progress on the
 * way. Then it stops; start the consumers again afterwards.
 *
 * <p>It refuses to run while any member of the consumer group is up: a running instance would keep
 * writing from its old position into the emptied view.
 */
public final class ViewRebuild {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What the rebuild did.
     *
     * @param records records the rebuild read from Kafka
     * @param articles rows it wrote (an article under two news topics is two rows)
     * @param deadLetters records it could not use
     * @param elapsed wall time from the drop to the catch-up
     */
    public record Result(long records, long articles, long deadLetters, Duration elapsed) {}

    private ViewRebuild() {}

    /**
     * Runs the rebuild.
     *
     * @param progress receives a human-readable line every {@code every} and at the end
     * @param timeout gives up (with an exception) when not caught up by then
     */
    public static Result run(
            ViewAppConfig config, Consumer<String> progress, Duration every, Duration timeout)
            throws InterruptedException {
        return run(config, TransactionHook.NONE, progress, every, timeout);
    }

    /** {@link #run(ViewAppConfig, Consumer, Duration, Duration)} with a hook on every write. */
    static Result run(
            ViewAppConfig config,
            TransactionHook hook,
            Consumer<String> progress,
            Duration every,
            Duration timeout)
            throws InterruptedException {
        NewsTopicCatalog catalog = NewsTopicCatalog.load(config.newsTopicsFile());
        Collection<String> kafkaTopics =
                new ArrayList<>(config.newsTopicByKafkaTopic(catalog).keySet());
        Map<TopicPartition, Long> begin;
        Map<TopicPartition, Long> end;
        try (Admin admin = Admin.create(config.clients().kafkaProperties(Map.of()))) {
            refuseWhileGroupIsActive(admin, config.groupId());
            List<TopicPartition> partitions = partitions(admin, kafkaTopics);
            String duplicates = config.duplicatesKafkaTopic();
            if (duplicates != null) {
                // The duplicate links are part of the view: caught up means caught up on them
                // too. A topic that does not exist (yet) has nothing to replay.
                if (exists(admin, duplicates)) {
                    kafkaTopics.add(duplicates);
                    partitions.addAll(partitions(admin, List.of(duplicates)));
                } else {
                    progress.accept(
                            "Duplicates topic "
                                    + duplicates
                                    + " does not exist: the rebuild replays no duplicate links");
                }
            }
            begin = offsets(admin, partitions, OffsetSpec.earliest());
            end = offsets(admin, partitions, OffsetSpec.latest());
        }
        long total = 0;
        for (TopicPartition tp : end.keySet()) {
            total += end.get(tp) - begin.getOrDefault(tp, 0L);
        }
        progress.accept(
                String.format(
                        "Rebuilding the view of group %s: dropping it, then replaying %d"
                                + " partition(s) of %s (%,d offsets)",
                        config.groupId(), end.size(), kafkaTopics, total));

        try (ViewDatabase database = ViewDatabase.open(config)) {
            database.recreate();
        }
        long t0 = System.nanoTime();
        try (ConsumerApp app = ConsumerApp.start(config, hook)) {
            long deadline = t0 + timeout.toNanos();
            while (true) {
                ViewUpdater.Status s = app.status();
                if (s.failure() != null) {
                    throw new IllegalStateException(
                            "The rebuild stopped: " + s.failure(), s.failure());
                }
                long behind = behind(s, begin, end, app);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                if (behind == 0) {
                    // The store commits a batch before the updater counts it: stop the updater
                    // first so the counters include every batch the caught-up offsets cover.
                    app.close();
                    ViewUpdater.Status last = app.status();
                    Result r =
                            new Result(
                                    last.consumedRecords(),
                                    last.storedRecords(),
                                    last.deadLetters(),
                                    elapsed);
                    progress.accept(
                            String.format(
                                    "Rebuild done: %,d records read, %,d rows written, %,d dead"
                                            + " letters in %.1f s (%,.0f records/s)",
                                    r.records(),
                                    r.articles(),
                                    r.deadLetters(),
                                    elapsed.toMillis() / 1000.0,
                                    rate(r.records(), elapsed)));
                    return r;
                }
                progress.accept(
                        String.format(
                                "Rebuild: %,d records read, %,d rows written, %s behind (%s),"
                                        + " %,.0f records/s%s",
                                s.consumedRecords(),
                                s.storedRecords(),
                                behind < 0 ? "?" : String.format("%,d", behind),
                                behind < 0 || total == 0
                                        ? "joining the group"
                                        : String.format("%.0f%%", 100.0 * (total - behind) / total),
                                rate(s.consumedRecords(), elapsed),
                                s.lastError() == null ? "" : "; retrying: " + s.lastError()));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "The rebuild did not catch up within "
                                    + timeout
                                    + "; the view is partial. Check the consumer's log and run"
                                    + " the rebuild again");
                }
                TimeUnit.MILLISECONDS.sleep(every.toMillis());
            }
        }
    }

    /**
     * Offsets still to replay up to the end each partition had at the start; -1 while not every
     * partition is assigned.
     */
    private static long behind(
            ViewUpdater.Status s,
            Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end,
            ConsumerApp app) {
        if (!s.assigned() || !s.assignment().containsAll(end.keySet())) {
            return -1;
        }
        Map<TopicPartition, Long> stored = app.store().nextOffsets(end.keySet());
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            TopicPartition tp = e.getKey();
            long from = stored.getOrDefault(tp, begin.getOrDefault(tp, 0L));
            Long lag = s.lag().get(tp);
            // Lag 0: caught up even when the end is a transaction marker no record stands on.
            if (from < e.getValue() && (lag == null || lag > 0)) {
                behind += e.getValue() - from;
            }
        }
        return behind;
    }

    private static double rate(long records, Duration elapsed) {
        return elapsed.toMillis() == 0 ? 0 : records * 1000.0 / elapsed.toMillis();
    }

    private static void refuseWhileGroupIsActive(Admin admin, String groupId)
            throws InterruptedException {
        try {
            ConsumerGroupDescription g =
                    admin.describeConsumerGroups(List.of(groupId))
                            .describedGroups()
                            .get(groupId)
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!g.members().isEmpty()) {
                throw new IllegalStateException(
                        "Consumer group "
                                + groupId
                                + " has "
                                + g.members().size()
                                + " running member(s); stop every consumer instance of the view"
                                + " before rebuilding it");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException(
                        "Cannot check consumer group " + groupId + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not describe consumer group " + groupId + " in time", e);
        }
    }

    private static boolean exists(Admin admin, String kafkaTopic) throws InterruptedException {
        try {
            return admin.listTopics()
                    .names()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(kafkaTopic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot list the Kafka topics: " + e + "; check kafka.bootstrap.servers", e);
        }
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> kafkaTopics)
            throws InterruptedException {
        try {
            Map<String, TopicDescription> d =
                    admin.describeTopics(kafkaTopics)
                            .allTopicNames()
                            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> out = new ArrayList<>();
            d.values()
                    .forEach(
                            t ->
                                    t.partitions()
                                            .forEach(
                                                    p ->
                                                            out.add(
                                                                    new TopicPartition(
                                                                            t.name(),
                                                                            p.partition()))));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot describe the enriched Kafka topics "
                            + kafkaTopics
                            + ": "
                            + e
                            + "; check kafka.bootstrap.servers and that the topics exist",
                    e);
        }
    }

    private static Map<TopicPartition, Long> offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the offsets of " + partitions, e);
        }
    }
}
