package io.newsstream.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @TempDir Path dir;

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.at(dir))) {
            KafkaTopicsAdmin.createMissing(broker.bootstrapServers(), List.of("t1"), 2, Map.of());
            try (var producer =
                    new KafkaProducer<>(
                            Map.<String, Object>of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all"),
                            new StringSerializer(),
                            new StringSerializer())) {
                producer.send(new ProducerRecord<>("t1", "k", "before restart")).get();
            }
        }
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.at(dir))) {
            assertThat(
                            KafkaTopicsAdmin.createMissing(
                                    broker.bootstrapServers(), List.of("t1"), 2, Map.of()))
                    .as("topic survived the restart, so nothing is created")
                    .isEmpty();
            try (var consumer =
                    new KafkaConsumer<>(
                            Map.<String, Object>of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers(),
                                    ConsumerConfig.GROUP_ID_CONFIG,
                                    "g",
                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                    "earliest"),
                            new StringDeserializer(),
                            new StringDeserializer())) {
                consumer.subscribe(List.of("t1"));
                List<String> seen = new java.util.ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        seen.add(r.value());
                    }
                }
                assertThat(seen).containsExactly("before restart");
            }
        }
    }

    @Test
    void newTopicsAnswerOnTheirLeadersAsSoonAsCreateMissingReturns() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.at(dir));
                Admin admin =
                        Admin.create(
                                Map.<String, Object>of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        broker.bootstrapServers()))) {
            List<String> topics = List.of("ready-a", "ready-b", "ready-c", "ready-d");
            KafkaTopicsAdmin.createMissing(broker.bootstrapServers(), topics, 6, Map.of());

            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (String t : topics) {
                for (int p = 0; p < 6; p++) {
                    latest.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            // No retry: a partition whose leader is not ready fails this at once.
            assertThat(admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)).hasSize(24);
        }
    }
}
