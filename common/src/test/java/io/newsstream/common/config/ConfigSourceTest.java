package io.newsstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    static final Setting OWN = new Setting("app.port", "8080", "A port.").formerly("app.http.port");

    static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(SharedSettings.CONNECTION);
        all.addAll(TopicNames.SETTINGS);
        all.add(OWN);
        return all;
    }

    @TempDir Path dir;

    @Test
    void formerNamesStillWorkWithAWarningNamingTheNewOne() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("app.properties"),
                        "kafka.topic.raw.articles=in\nschema.registry.url=http://r:1/x\n");
        ConfigSource source =
                ConfigSource.load(
                        settings(),
                        file,
                        Map.of("app.http.port", "9000"),
                        Map.of("NEWSSTREAM_PRODUCER_KAFKA_TOPIC_DEAD_LETTERS", "dlq"));

        assertThat(source.string(TopicNames.RAW_ARTICLES)).isEqualTo("in");
        assertThat(source.string(SharedSettings.REGISTRY_URL)).isEqualTo("http://r:1/x");
        assertThat(source.integer(OWN)).isEqualTo(9000);
        assertThat(source.string(TopicNames.DEAD_LETTERS)).isEqualTo("dlq");
        assertThat(source.warnings())
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains(
                                                "'kafka.topic.raw.articles'",
                                                "'topic.raw-articles'"))
                .anySatisfy(w -> assertThat(w).contains("'schema.registry.url'", "'registry.url'"))
                .anySatisfy(w -> assertThat(w).contains("'app.http.port'", "'app.port'"))
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains(
                                                "NEWSSTREAM_PRODUCER_KAFKA_TOPIC_DEAD_LETTERS",
                                                "NEWSSTREAM_TOPIC_DEAD_LETTERS"));
        // not mistaken for a Kafka client property
        assertThat(SharedSettings.kafkaClient(source)).isEmpty();
    }

    @Test
    void theCurrentNameWinsOverAFormerOneInTheEnvironment() {
        ConfigSource source =
                ConfigSource.load(
                        settings(),
                        null,
                        Map.of(),
                        Map.of(
                                "NEWSSTREAM_KAFKA_TOPIC_RAW_ARTICLES", "old",
                                "NEWSSTREAM_TOPIC_RAW_ARTICLES", "new"));
        assertThat(source.string(TopicNames.RAW_ARTICLES)).isEqualTo("new");
    }

    @Test
    void kafkaAndRegistryPropertiesPassThroughFromFileFlagsAndEnvironment() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("app.properties"),
                        "kafka.sasl.mechanism=PLAIN\nregistry.basic.auth.user.info=u:p\n");
        ConfigSource source =
                ConfigSource.load(
                        settings(),
                        file,
                        Map.of("kafka.linger.ms", "20"),
                        Map.of(
                                "NEWSSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS", "b:9093",
                                "NEWSSTREAM_PRODUCER_SOMETHING", "ignored: another app's"));

        assertThat(SharedSettings.kafkaClient(source))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "sasl.mechanism", "PLAIN",
                                "linger.ms", "20",
                                "security.protocol", "SASL_SSL"));
        assertThat(SharedSettings.registryClient(source))
                .containsExactlyEntriesOf(Map.of("basic.auth.user.info", "u:p"));
        assertThat(SharedSettings.bootstrapServers(source)).isEqualTo("b:9093");
    }

    @Test
    void unknownSettingIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), "app.prot=1\n");
        assertThatThrownBy(() -> ConfigSource.load(settings(), file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting 'app.prot'")
                .hasMessageContaining("app.port");
    }

    @Test
    void invalidSharedValuesNameTheSetting() {
        ConfigSource source =
                ConfigSource.load(
                        settings(),
                        null,
                        Map.of("kafka.bootstrap.servers", "nohost", "registry.url", "r:8081"),
                        Map.of());
        assertThatThrownBy(() -> SharedSettings.bootstrapServers(source))
                .hasMessageContaining("kafka.bootstrap.servers")
                .hasMessageContaining("NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> SharedSettings.registryUrl(source))
                .hasMessageContaining("registry.url");
        assertThatThrownBy(
                        () ->
                                TopicNames.from(
                                        ConfigSource.load(
                                                settings(),
                                                null,
                                                Map.of("topic.raw-articles", "bad topic"),
                                                Map.of())))
                .hasMessageContaining("topic.raw-articles");
    }
}
