package io.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.enrich.RawArticles;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undecodable records on the raw-articles Kafka topic, against the real broker and registry: wrong
 * magic byte, unknown schema id, truncated Avro, an empty value, a null value (tombstone) and plain
 * text each become one dead letter (component streams-processor, the record's offset, a reason),
 * the processor stays RUNNING, and the good article written after them is enriched.
 */
class PoisonRecordsIT {

    @TempDir Path stateDir;

    @Test
    void everyUndecodableRawRecordIsDeadLetteredAndTheGoodOneAfterThemIsEnriched()
            throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        String run = RealInfrastructure.uniqueName("poison") + ".";
        String raw = run + KafkaTopics.RAW_ARTICLES;
        String all = run + KafkaTopics.ENRICHED_ALL;
        String prefix = run + KafkaTopics.ENRICHED_PREFIX;
        String deadLetters = run + KafkaTopics.DEAD_LETTERS;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        settings.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        settings.put(ProcessorConfig.APPLICATION_ID.name(), run + "processor");
        settings.put(ProcessorConfig.STATE_DIR.name(), stateDir.toString());
        settings.put(TopicNames.RAW_ARTICLES.name(), raw);
        settings.put(TopicNames.ENRICHED_ALL.name(), all);
        settings.put(TopicNames.ENRICHED_PREFIX.name(), prefix);
        settings.put(TopicNames.UNCLASSIFIED.name(), prefix + "unclassified");
        settings.put(TopicNames.DUPLICATES.name(), run + KafkaTopics.DUPLICATES);
        settings.put(TopicNames.DEAD_LETTERS.name(), deadLetters);
        settings.put(ProcessorConfig.COMMIT_INTERVAL.name(), "100ms");
        ProcessorConfig config = ProcessorConfig.load(null, settings, Map.of());
        List<String> topics =
                new ArrayList<>(List.of(raw, all, deadLetters, run + KafkaTopics.DUPLICATES));
        for (String id :
                List.of("airspace-deal", "intel-chief-visit", "joint-strikes", "unclassified")) {
            topics.add(prefix + id);
        }
        infra.createTopics(topics, 1);

        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl())) {
            poisonThenGood(infra, config, serdes, raw, all, deadLetters);
        }
    }

    private static void poisonThenGood(
            RealInfrastructure infra,
            ProcessorConfig config,
            AvroSerdes serdes,
            String raw,
            String all,
            String deadLetters)
            throws Exception {
        RawArticle sample = RawArticles.fromSeed("voa-2021-10-pakistan-us-airspace-talks.txt");
        byte[] valid = serdes.serde(RawArticle.class, false).serializer().serialize(raw, sample);
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId).putInt(1, Integer.MAX_VALUE);
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("wrong-magic-byte", wrongMagic);
        poison.put("unknown-schema-id", unknownId);
        poison.put("truncated-avro", Arrays.copyOf(valid, valid.length / 2));
        poison.put("empty-value", new byte[0]);
        poison.put("null-value", null);
        poison.put("plain-text", "not an article".getBytes(StandardCharsets.UTF_8));
        RawArticle good = RawArticle.newBuilder(sample).setId("good-after-poison").build();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> p : poison.entrySet()) {
                producer.send(new ProducerRecord<>(raw, 0, p.getKey(), p.getValue())).get();
            }
            producer.send(
                            new ProducerRecord<>(
                                    raw,
                                    0,
                                    good.getId(),
                                    serdes.serde(RawArticle.class, false)
                                            .serializer()
                                            .serialize(raw, good)))
                    .get();
        }

        try (StreamsProcessorApp.Running processor =
                StreamsProcessorApp.start(config, serdes, Duration.ofSeconds(60))) {
            List<ConsumerRecord<String, EnrichedArticle>> enriched =
                    readUntil(
                            infra,
                            all,
                            serdes.serde(EnrichedArticle.class, false).deserializer(),
                            1);
            List<ConsumerRecord<String, DeadLetter>> letters =
                    readUntil(
                            infra,
                            deadLetters,
                            serdes.serde(DeadLetter.class, false).deserializer(),
                            poison.size());

            assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(enriched).extracting(ConsumerRecord::key).containsExactly(good.getId());
            assertThat(letters).hasSize(poison.size());
            List<String> names = new ArrayList<>(poison.keySet());
            for (ConsumerRecord<String, DeadLetter> r : letters) {
                DeadLetter l = r.value();
                System.out.printf(
                        "PoisonRecordsIT %s -> %s%n",
                        names.get(l.getOffset().intValue()), l.getReason());
                assertThat(l.getComponent()).isEqualTo("streams-processor");
                assertThat(l.getKafkaTopic()).isEqualTo(raw);
                assertThat(r.key()).isEqualTo(raw + "/0@" + l.getOffset());
                assertThat(l.getReason()).isNotBlank();
                assertThat(l.getErrorClass()).isNotBlank();
            }
            assertThat(letters)
                    .extracting(r -> r.value().getOffset())
                    .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
        }
    }

    private static <V> List<ConsumerRecord<String, V>> readUntil(
            RealInfrastructure infra, String topic, Deserializer<V> values, int count) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            Awaitility.await(count + " records on " + topic)
                    .atMost(Duration.ofSeconds(90))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                                return found.size() >= count;
                            });
        }
        return found;
    }
}
