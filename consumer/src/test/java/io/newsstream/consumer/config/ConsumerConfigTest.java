package io.newsstream.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.SettingsTable;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.schemas.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerConfigTest {

    @Test
    void defaultsReadTheEnrichedTopicsOfEveryNewsTopicPlusUnclassified() {
        ConsumerConfig config = ConsumerConfig.load(null, Map.of(), Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.groupId()).isEqualTo("newsstream-view");
        assertThat(config.dbFile()).isEqualTo(Path.of("data/consumer/view.db"));
        assertThat(config.newsTopicsFile()).isNull();
        assertThat(config.deadLetterKafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(500));

        NewsTopicCatalog catalog = NewsTopicCatalog.loadDefault();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String id : catalog.ids()) {
            expected.put(KafkaTopics.enrichedFor(id), id);
        }
        expected.put(KafkaTopics.UNCLASSIFIED, NewsTopicCatalog.UNCLASSIFIED);
        assertThat(config.newsTopicByKafkaTopic(catalog)).containsExactlyEntriesOf(expected);
    }

    @Test
    void theEnvironmentWinsOverTheFileAndOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("consumer.properties");
        Files.writeString(file, "http.port=9000\nview.data.dir=" + dir.resolve("from-file") + "\n");

        ConsumerConfig config =
                ConsumerConfig.load(
                        file,
                        Map.of("consumer.group.id", "from-override"),
                        Map.of("NEWSSTREAM_HTTP_PORT", "0"));

        assertThat(config.httpPort()).isZero();
        assertThat(config.groupId()).isEqualTo("from-override");
        assertThat(config.dbFile()).isEqualTo(dir.resolve("from-file").resolve("view.db"));
    }

    @Test
    void anExplicitDbFileWinsOverTheDataDir() {
        ConsumerConfig config =
                ConsumerConfig.load(null, Map.of("view.db.file", "/var/lib/view.sqlite"), Map.of());

        assertThat(config.dbFile()).isEqualTo(Path.of("/var/lib/view.sqlite"));
    }

    @Test
    void rejectsAnOutOfRangePortNamingTheSetting() {
        assertThatThrownBy(() -> ConsumerConfig.load(null, Map.of("http.port", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("NEWSSTREAM_HTTP_PORT");
    }

    @Test
    void rejectsARegistryUrlThatIsNotHttp() {
        assertThatThrownBy(
                        () ->
                                ConsumerConfig.load(
                                        null,
                                        Map.of("schema.registry.url", "localhost:8081"),
                                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void theReadmeCarriesTheCurrentSettingsTable() throws Exception {
        Path readme =
                Path.of(System.getProperty("newsstream.repo.dir", ".."), "consumer", "README.md");

        assertThat(Files.readString(readme))
                .as(
                        "consumer/README.md must contain SettingsTable.markdown(ConsumerConfig.SETTINGS)")
                .contains(SettingsTable.markdown(ConsumerConfig.SETTINGS));
    }
}
