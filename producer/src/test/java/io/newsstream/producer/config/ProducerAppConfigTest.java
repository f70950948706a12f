package io.newsstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.schemas.KafkaTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerAppConfigTest {

    @Test
    void defaultsUseTheProjectKafkaTopics() {
        ProducerAppConfig c = ProducerAppConfig.of(Map.of());
        assertThat(c.rawArticlesKafkaTopic()).isEqualTo(KafkaTopics.RAW_ARTICLES);
        assertThat(c.deadLettersKafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
        assertThat(c.feedId()).isEqualTo("file");
        assertThat(c.outlet()).isNull();
        assertThat(c.inputs()).isEmpty();
        assertThat(c.filePattern()).isEqualTo("*.{txt,xml,rss,atom}");
        assertThat(c.feedType()).isEqualTo("auto");
        assertThat(c.feedsFile()).isNull();
    }

    @Test
    void fileThenOverridesThenEnvironment(@TempDir Path dir) throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("producer.properties"),
                        "producer.feed-id=from-file\nproducer.outlet=File Outlet\n"
                                + "producer.inputs=a.txt, b\n");
        ProducerAppConfig c =
                ProducerAppConfig.load(
                        file,
                        Map.of("producer.outlet", "Override Outlet"),
                        Map.of("NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS", "broker:29092"));
        assertThat(c.feedId()).isEqualTo("from-file");
        assertThat(c.outlet()).isEqualTo("Override Outlet");
        assertThat(c.inputs()).containsExactly("a.txt", "b");
        assertThat(c.bootstrapServers()).isEqualTo("broker:29092");
    }

    @Test
    void invalidKafkaTopicNameIsRefusedNamingTheSetting() {
        assertThatThrownBy(
                        () ->
                                ProducerAppConfig.of(
                                        Map.of(
                                                "producer.kafka-topic.raw-articles",
                                                "raw articles")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.raw-articles")
                .hasMessageContaining("NEWSSTREAM_TOPIC_RAW_ARTICLES");
    }

    @Test
    void formerTopicSettingNamesStillWork() {
        ProducerAppConfig c =
                ProducerAppConfig.load(
                        null,
                        Map.of("producer.kafka-topic.raw-articles", "raw-in"),
                        Map.of("NEWSSTREAM_PRODUCER_KAFKA_TOPIC_DEAD_LETTERS", "dlq"));
        assertThat(c.rawArticlesKafkaTopic()).isEqualTo("raw-in");
        assertThat(c.deadLettersKafkaTopic()).isEqualTo("dlq");
    }

    @Test
    void kafkaAndRegistryPassThroughSettingsReachTheClients() {
        ProducerAppConfig c =
                ProducerAppConfig.load(
                        null,
                        Map.of("registry.basic.auth.user.info", "u:p"),
                        Map.of("NEWSSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
        assertThat(c.clients().kafka()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.clients().registry()).containsEntry("basic.auth.user.info", "u:p");
    }

    @Test
    void invalidBootstrapServersAndRegistryUrlAreRefused() {
        assertThatThrownBy(
                        () -> ProducerAppConfig.of(Map.of("kafka.bootstrap.servers", "localhost")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap.servers");
        assertThatThrownBy(() -> ProducerAppConfig.of(Map.of("registry.url", "registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.url");
        assertThatThrownBy(() -> ProducerAppConfig.of(Map.of("producer.progress-every", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("producer.progress-every");
    }

    @Test
    void unknownSettingIsRefused() {
        assertThatThrownBy(() -> ProducerAppConfig.of(Map.of("producer.feedid", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting 'producer.feedid'");
    }

    @Test
    void withInputsReplacesOnlyTheInputs() {
        ProducerAppConfig c = ProducerAppConfig.of(Map.of("producer.feed-id", "f"));
        ProducerAppConfig d = c.withInputs(List.of(Path.of("x")));
        assertThat(d.inputs()).containsExactly("x");
        assertThat(d.feedId()).isEqualTo("f");
    }
}
