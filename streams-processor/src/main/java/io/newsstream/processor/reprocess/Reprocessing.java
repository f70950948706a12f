package io.newsstream.processor.reprocess;

import io.newsstream.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-processing after the news topics changed: resets the processor's Kafka Streams application the
 * way {@code kafka-streams-application-reset} does, with the Admin client, so that it enriches
 * every raw article still retained again with the current definitions (or model).
 *
 * <ol>
 *   <li>Refuses while any member of the processor's group is active ({@link
 *       ProcessorStillRunningException}): two processors sharing state mid-reset would corrupt it.
 *   <li>Deletes the group's committed offsets (the whole group), and the application's internal
 *       topics ({@code <application.id>-...-changelog} and {@code -repartition}): the
 *       de-duplication state starts empty, consistent with the history about to be replayed.
 *   <li>Commits the earliest retained offset of every partition of the raw articles topic for the
 *       group (the Streams app then starts there).
 * </ol>
 *
 * The caller wipes the local state ({@code KafkaStreams.cleanUp()}) before starting, and may log
 * {@link #progress} until the group has caught up with the end offsets taken at reset time.
 *
 * <p>Outputs are not deleted: every article is published again with a newer {@code processedAt},
 * which the view uses to move it to its current news topics (see the consumer's {@code
 * ArticleMembership}).
 */
public final class Reprocessing {

    private static final Logger LOG = LoggerFactory.getLogger(Reprocessing.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private Reprocessing() {}

    /**
     * What was reset: the raw articles' offsets the group starts from and the end offsets at reset
     * time (the goal of the progress log).
     */
    public record Plan(
            String groupId, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        public long total() {
            long n = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                n += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
            }
            return n;
        }
    }

    /** Another instance of the processor is running; the message says how to stop it. */
    public static final class ProcessorStillRunningException extends IllegalStateException {
        ProcessorStillRunningException(String message) {
            super(message);
        }
    }

    /**
     * Resets the application for re-processing (see the class comment).
     *
     * @throws ProcessorStillRunningException when a member of the group is active
     */
    public static Plan reset(Admin admin, ProcessorConfig config)
            throws InterruptedException, ExecutionException, TimeoutException {
        String groupId = config.applicationId();
        refuseWhileRunning(admin, groupId);

        try {
            get(admin.deleteConsumerGroups(List.of(groupId)).all());
            LOG.info("Re-processing: deleted the committed offsets of group {}", groupId);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }

        List<String> internal = new ArrayList<>();
        for (String topic : get(admin.listTopics().names())) {
            if (topic.startsWith(groupId + "-")
                    && (topic.endsWith("-changelog") || topic.endsWith("-repartition"))) {
                internal.add(topic);
            }
        }
        if (!internal.isEmpty()) {
            get(admin.deleteTopics(internal).all());
            awaitDeleted(admin, internal);
            LOG.info("Re-processing: deleted the internal topics {}", internal);
        }

        String raw = config.rawArticlesKafkaTopic();
        TopicDescription description =
                get(admin.describeTopics(List.of(raw)).allTopicNames()).get(raw);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description
                .partitions()
                .forEach(
                        p -> {
                            TopicPartition tp = new TopicPartition(raw, p.partition());
                            earliest.put(tp, OffsetSpec.earliest());
                            latest.put(tp, OffsetSpec.latest());
                        });
        Map<TopicPartition, Long> start = offsets(get(admin.listOffsets(earliest).all()));
        Map<TopicPartition, Long> end = offsets(get(admin.listOffsets(latest).all()));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        start.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
        get(admin.alterConsumerGroupOffsets(groupId, commit).all());
        Plan plan = new Plan(groupId, start, end);
        LOG.info(
                "Re-processing: {} raw article record(s) of {} from the earliest retained offsets"
                        + " {}",
                plan.total(),
                raw,
                start);
        return plan;
    }

    private static void refuseWhileRunning(Admin admin, String groupId)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupDescription group;
        try {
            group = get(admin.describeConsumerGroups(List.of(groupId)).all()).get(groupId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (group != null && !group.members().isEmpty()) {
            throw new ProcessorStillRunningException(
                    "The streams-processor is running ("
                            + group.members().size()
                            + " member(s) in group "
                            + groupId
                            + "): stop it first (`docker compose stop streams-processor`, or stop"
                            + " `./newsstream local`), then start it with --reprocess.");
        }
    }

    private static void awaitDeleted(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> names = get(admin.listTopics().names());
            if (topics.stream().noneMatch(names::contains)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new TimeoutException("Internal topics " + topics + " were not deleted in time");
    }

    private static Map<TopicPartition, Long> offsets(
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos) {
        Map<TopicPartition, Long> out = new HashMap<>();
        infos.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * Logs every {@code every} how many of the plan's records the group has committed past, until
     * it has caught up; then logs once that re-processing is done. Close the returned executor to
     * stop early.
     */
    public static ScheduledExecutorService progress(Admin admin, Plan plan, Duration every) {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "newsstream-reprocess-progress");
                            t.setDaemon(true);
                            return t;
                        });
        long total = plan.total();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        long done = done(admin, plan);
                        if (done >= total) {
                            LOG.info(
                                    "Re-processing done: {} / {} raw article record(s) re-processed"
                                            + " with the current news topics; running as the"
                                            + " normal processor",
                                    done,
                                    total);
                            timer.shutdown();
                        } else {
                            LOG.info(
                                    "Re-processing: {} / {} raw article record(s) ({}%)",
                                    done, total, total == 0 ? 100 : done * 100 / total);
                        }
                    } catch (Exception e) {
                        LOG.debug("Re-processing progress unavailable: {}", e.toString());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Records of the plan the group has committed past (its lag against the reset-time end). */
    public static long done(Admin admin, Plan plan)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed =
                    get(
                            admin.listConsumerGroupOffsets(plan.groupId())
                                    .partitionsToOffsetAndMetadata());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : plan.end().entrySet()) {
            long from = plan.start().getOrDefault(e.getKey(), 0L);
            OffsetAndMetadata c = committed.get(e.getKey());
            long at = c == null ? from : c.offset();
            done += Math.max(0, Math.min(at, e.getValue()) - from);
        }
        return done;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
