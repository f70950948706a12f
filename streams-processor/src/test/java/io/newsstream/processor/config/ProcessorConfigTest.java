package io.newsstream.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.schemas.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigTest {

    @Test
    void defaultsToTheSharedKafkaTopicNamesExactlyOnceAndLowLatencyCommits() {
        ProcessorConfig c = ProcessorConfig.load(null, Map.of(), Map.of());

        assertThat(c.rawArticlesKafkaTopic()).isEqualTo(KafkaTopics.RAW_ARTICLES);
        assertThat(c.enrichedAllKafkaTopic()).isEqualTo(KafkaTopics.ENRICHED_ALL);
        assertThat(c.unclassifiedKafkaTopic()).isEqualTo(KafkaTopics.UNCLASSIFIED);
        assertThat(c.deadLettersKafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
        assertThat(c.enrichedKafkaTopicFor("airspace-deal"))
                .isEqualTo(KafkaTopics.enrichedFor("airspace-deal"));
        assertThat(c.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(c.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.newsTopicsFile()).isNull();
        assertThat(c.dedupRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void turnsSettingsIntoStreamsPropertiesWithExplicitNamingEnforced() {
        ProcessorConfig c =
                ProcessorConfig.load(
                        null,
                        Map.of("processor.num.threads", "2"),
                        Map.of(
                                "NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS", "broker:29092",
                                "NEWSSTREAM_PROCESSOR_COMMIT_INTERVAL", "250ms"));

        Properties p = c.streamsProperties();

        assertThat(p)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:29092")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "newsstream-processor")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry("producer.batch.size", ProcessorConfig.PRODUCER_BATCH_SIZE)
                .containsEntry(
                        "producer.retry.backoff.ms", ProcessorConfig.PRODUCER_RETRY_BACKOFF_MS);
    }

    @Test
    void readsAPropertiesFileBelowTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("processor.properties");
        Files.writeString(
                file, "processor.dedup.retention=2d\nkafka.topic.enriched.prefix=test.topic.\n");

        ProcessorConfig c =
                ProcessorConfig.load(
                        file, Map.of(), Map.of("NEWSSTREAM_PROCESSOR_DEDUP_RETENTION", "3h"));

        assertThat(c.dedupRetention()).isEqualTo(Duration.ofHours(3));
        assertThat(c.enrichedKafkaTopicFor("joint-strikes")).isEqualTo("test.topic.joint-strikes");
    }

    @Test
    void rejectsInvalidValuesNamingTheSetting() {
        assertThatThrownBy(
                        () ->
                                ProcessorConfig.load(
                                        null,
                                        Map.of("processor.processing.guarantee", "exactly_once"),
                                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.processing.guarantee")
                .hasMessageContaining("exactly_once_v2 or at_least_once");
        assertThatThrownBy(
                        () ->
                                ProcessorConfig.load(
                                        null, Map.of("processor.num.threads", "0"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.num.threads");
        assertThatThrownBy(
                        () ->
                                ProcessorConfig.load(
                                        null, Map.of("topic.enriched-all", "bad topic"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.enriched-all");
        assertThatThrownBy(
                        () ->
                                ProcessorConfig.load(
                                        null, Map.of("registry.url", "127.0.0.1:8081"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.url");
        assertThatThrownBy(
                        () ->
                                ProcessorConfig.load(
                                        null,
                                        Map.of("news.topics.file", "/nonexistent/topics.yaml"),
                                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("news.topics.file")
                .hasMessageContaining("not a readable file");
    }

    @Test
    void kafkaPassThroughReachesKafkaStreamsButNotOverTheProcessorsOwnSettings() {
        ProcessorConfig c =
                ProcessorConfig.load(
                        null,
                        Map.of(
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.application.id", "not-this",
                                "kafka.topic.raw.articles", "raw-old-name"),
                        Map.of());
        java.util.Properties p = c.streamsProperties();
        assertThat(p).containsEntry("security.protocol", "SASL_SSL");
        assertThat(p).containsEntry("application.id", "newsstream-processor");
        assertThat(c.rawArticlesKafkaTopic()).isEqualTo("raw-old-name");
    }
}
