package io.newsstream.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ceiling the pipeline is compared with: a Kafka Streams application that copies the raw
 * articles' records, as bytes (no deserialization), to another Kafka topic with {@code
 * exactly_once_v2}, the same commit interval and stream threads as the processor, on the same
 * broker and records. It runs in the harness JVM while the applications are idle.
 */
final class PassThroughCeiling {

    /** The result: records copied and the time from the first record read to the last commit. */
    record Result(long records, double seconds) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    private PassThroughCeiling() {}

    static Result run(
            String bootstrapServers,
            String sourceTopic,
            String sinkTopic,
            int threads,
            Duration commitInterval,
            Path stateDir,
            Duration timeout,
            LongConsumer progress)
            throws Exception {
        String appId = "perf-passthrough-" + Long.toHexString(System.nanoTime());
        StreamsBuilder builder = new StreamsBuilder();
        AtomicLong firstRead = new AtomicLong();
        AtomicLong copied = new AtomicLong();
        builder.stream(sourceTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .peek(
                        (k, v) -> {
                            firstRead.compareAndSet(0, System.nanoTime());
                            copied.incrementAndGet();
                        })
                .to(sinkTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);

        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, sourceTopic);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), p)) {
                streams.start();
                long deadline = System.nanoTime() + timeout.toNanos();
                long lastProgress = System.nanoTime();
                while (true) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(
                                "The pass-through did not copy "
                                        + sourceTopic
                                        + " within "
                                        + timeout
                                        + " ("
                                        + copied.get()
                                        + " records read)");
                    }
                    if (committedAll(admin, appId, ends)) {
                        long end = System.nanoTime();
                        streams.close(Duration.ofSeconds(30));
                        long start = firstRead.get();
                        return new Result(copied.get(), (end - start) / 1e9);
                    }
                    if (System.nanoTime() - lastProgress > 5_000_000_000L) {
                        progress.accept(copied.get());
                        lastProgress = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions =
                admin
                        .describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static boolean committedAll(Admin admin, String groupId, Map<TopicPartition, Long> ends)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        for (var e : ends.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
