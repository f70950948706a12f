package io.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer against a real broker and schema registry: the seeds end up on the raw-articles
 * Kafka topic keyed by their ids, an empty file on the dead-letter topic, and a record too large
 * for Kafka is dead-lettered with its reason (not counted as a failure).
 */
class ProducerIT {

    private static final Path SEEDS = SharedData.seeds();
    private static final List<String> SEED_FILES =
            List.of(
                    "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt",
                    "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt",
                    "voa-2021-10-pakistan-us-airspace-talks.txt");

    private static RealInfrastructure infra;
    private static ProducerAppConfig config;

    /** This run's own Kafka topics, named after the project's, so runs never see each other. */
    private static String rawKafkaTopic;

    private static String deadLetterKafkaTopic;

    @TempDir Path dir;

    @BeforeAll
    static void startInfrastructure() {
        infra = RealInfrastructure.get();
        rawKafkaTopic = RealInfrastructure.uniqueName(KafkaTopics.RAW_ARTICLES);
        deadLetterKafkaTopic = RealInfrastructure.uniqueName(KafkaTopics.DEAD_LETTERS);
        infra.createTopics(List.of(rawKafkaTopic, deadLetterKafkaTopic), 3);
        config =
                ProducerAppConfig.of(
                        Map.of(
                                SharedSettings.BOOTSTRAP_SERVERS.name(),
                                infra.bootstrapServers(),
                                SharedSettings.REGISTRY_URL.name(),
                                infra.schemaRegistryUrl(),
                                TopicNames.RAW_ARTICLES.name(),
                                rawKafkaTopic,
                                TopicNames.DEAD_LETTERS.name(),
                                deadLetterKafkaTopic,
                                ProducerAppConfig.FEED_ID.name(),
                                "it-seeds"));
    }

    /** The ids the seeds must be published under: what the parser gives each file. */
    private static Map<String, String> seedIdsByFile() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ArticleFileParser parser = new ArticleFileParser();
        for (String name : SEED_FILES) {
            byte[] bytes = Files.readAllBytes(SEEDS.resolve(name));
            ids.put(name, parser.parse(bytes, ArticleHints.fromSource(name)).id());
        }
        return ids;
    }

    @Test
    void publishesTheSeedsKeyedByIdAndDeadLettersAnEmptyFile() throws Exception {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);

        RunResult result = ProducerApp.run(config, List.of(SEEDS, empty));

        assertThat(result.failures()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.published()).isEqualTo(3);
        assertThat(result.deadLettered()).isEqualTo(1);

        Map<String, String> ids = seedIdsByFile();
        Map<String, RawArticle> raw =
                lastByKey(rawKafkaTopic, RawArticle.class, ids::containsValue);
        assertThat(raw).containsOnlyKeys(ids.values());
        raw.forEach((key, value) -> assertThat(value.getId()).isEqualTo(key));
        raw.values()
                .forEach(
                        a -> {
                            assertThat(a.getSourceType()).isEqualTo("article-file");
                            assertThat(a.getFeedId()).isEqualTo("it-seeds");
                        });

        RawArticle et = raw.get(ids.get(SEED_FILES.get(1)));
        assertThat(et.getTitle()).isEqualTo("How Pakistan helps the US drone campaign");
        assertThat(et.getOutlet()).isEqualTo("The Express Tribune");
        assertThat(et.getDateline()).isEqualTo("ISLAMABAD");
        assertThat(et.getPublishedAt()).hasToString("2012-01-22T00:00:00Z");
        assertThat(et.getComments()).hasSize(10);
        assertThat(et.getBody()).doesNotContain("Recommend", "Facebook Conversations");

        RawArticle afp = raw.get(ids.get(SEED_FILES.get(0)));
        assertThat(afp.getOutlet()).isEqualTo("AFP");
        assertThat(afp.getCaptions()).hasSize(1);

        RawArticle voa = raw.get(ids.get(SEED_FILES.get(2)));
        assertThat(voa.getOutlet()).isEqualTo("VOA");
        assertThat(voa.getCaptions().get(0)).startsWith("FILE - ");

        String emptyKey = empty.toAbsolutePath().toString();
        DeadLetter letter =
                lastByKey(deadLetterKafkaTopic, DeadLetter.class, emptyKey::equals).get(emptyKey);
        assertThat(letter).as("dead letter for %s", emptyKey).isNotNull();
        assertThat(letter.getComponent()).isEqualTo("producer");
        assertThat(letter.getSource()).isEqualTo(emptyKey);
        assertThat(letter.getReason()).startsWith("EMPTY:").contains("empty (0 bytes)");
        assertThat(letter.getPayloadExcerpt()).isEmpty();
    }

    @Test
    void republishingTheSameFilesGivesTheSameKeysAndIds() throws Exception {
        Path copy = Files.copy(SEEDS.resolve(SEED_FILES.get(2)), dir.resolve(SEED_FILES.get(2)));
        String id = seedIdsByFile().get(SEED_FILES.get(2));

        int before = readToEnd(rawKafkaTopic, RawArticle.class, id::equals).size();

        RunResult first = ProducerApp.run(config, List.of(copy));
        RunResult second = ProducerApp.run(config, List.of(copy));

        assertThat(first.published()).isEqualTo(1);
        assertThat(second.published()).isEqualTo(1);
        List<ConsumerRecord<String, RawArticle>> records =
                readToEnd(rawKafkaTopic, RawArticle.class, id::equals);
        assertThat(records).hasSize(before + 2);
        assertThat(records).allSatisfy(r -> assertThat(r.value().getId()).isEqualTo(id));
    }

    @Test
    void recordTooLargeIsDeadLetteredWithItsReasonNotSwallowed() throws Exception {
        // ~1.5 MB of text: larger than the producer's default max.request.size of 1 MiB.
        StringBuilder body = new StringBuilder();
        Random random = new Random(42);
        while (body.length() < 1_500_000) {
            body.append("Word").append(random.nextInt(1_000_000)).append(' ');
            if (random.nextInt(40) == 0) {
                body.append("ends here.\n\n");
            }
        }
        String title = "An article far too long " + UUID.randomUUID();
        Path big = Files.writeString(dir.resolve("big.txt"), title + "\n\n" + body);

        RunResult result = ProducerApp.run(config, List.of(big));

        // A dead letter, not a failure: the run is fine, the article is accounted for.
        assertThat(result.ok()).isTrue();
        assertThat(result.published()).isZero();
        assertThat(result.failures()).isEmpty();
        assertThat(result.deadLettered()).isEqualTo(1);
        String key = big.toAbsolutePath().toString();
        DeadLetter letter = lastByKey(deadLetterKafkaTopic, DeadLetter.class, key::equals).get(key);
        assertThat(letter).as("dead letter for %s", key).isNotNull();
        assertThat(letter.getErrorClass()).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(letter.getPayloadExcerpt()).startsWith(title);
        assertThat(letter.getReason()).startsWith("TOO_LARGE: Kafka refused the article");
        assertThat(letter.getPayload()).isNull();
    }

    /** The last record of each wanted key on the Kafka topic. */
    private static <V extends SpecificRecord> Map<String, V> lastByKey(
            String kafkaTopic, Class<V> type, Predicate<String> wantedKey) {
        Map<String, V> byKey = new HashMap<>();
        for (ConsumerRecord<String, V> r : readToEnd(kafkaTopic, type, wantedKey)) {
            byKey.put(r.key(), r.value());
        }
        return byKey;
    }

    /** Every record with a wanted key, read from the start of the Kafka topic to its end now. */
    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readToEnd(
            String kafkaTopic, Class<V> type, Predicate<String> wantedKey) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl())) {
            Deserializer<V> values = serdes.serde(type, false).deserializer();
            try (KafkaConsumer<String, V> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), values)) {
                List<TopicPartition> partitions =
                        consumer.partitionsFor(kafkaTopic).stream()
                                .map(p -> new TopicPartition(kafkaTopic, p.partition()))
                                .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!reached(consumer, end)) {
                    assertThat(System.nanoTime())
                            .as("reading %s to its end within 30 s", kafkaTopic)
                            .isLessThan(deadline);
                    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.key() != null && wantedKey.test(r.key())) {
                            found.add(r);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
