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

class ViewAppConfigTest {

    @Test
    void defaultsReadTheEnrichedTopicsOfEveryNewsTopicPlusUnclassified() {
        ViewAppConfig config = ViewAppConfig.load(null, Map.of(), Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.groupId()).isEqualTo("newsstream-view");
        assertThat(config.dbFile()).isEqualTo(Path.of("data/consumer/view.db"));
        assertThat(config.newsTopicsFile()).isNull();
        assertThat(config.deadLettersKafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
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

        ViewAppConfig config =
                ViewAppConfig.load(
                        file,
                        Map.of("consumer.group.id", "from-override"),
                        Map.of("NEWSSTREAM_HTTP_PORT", "0"));

        assertThat(config.httpPort()).isZero();
        assertThat(config.groupId()).isEqualTo("from-override");
        assertThat(config.dbFile()).isEqualTo(dir.resolve("from-file").resolve("view.db"));
    }

    @Test
    void anExplicitDbFileWinsOverTheDataDir() {
        ViewAppConfig config =
                ViewAppConfig.load(null, Map.of("view.db.file", "/var/lib/view.sqlite"), Map.of());

        assertThat(config.dbFile()).isEqualTo(Path.of("/var/lib/view.sqlite"));
    }

    @Test
    void selectsThePostgresqlStoreFromTheEnvironment() {
        ViewAppConfig config =
                ViewAppConfig.load(
                        null,
                        Map.of(),
                        Map.of(
                                "NEWSSTREAM_VIEW_STORE", "postgresql",
                                "NEWSSTREAM_VIEW_JDBC_URL", "jdbc:postgresql://db:5432/news",
                                "NEWSSTREAM_VIEW_JDBC_USER", "view",
                                "NEWSSTREAM_VIEW_JDBC_PASSWORD", "s3cret"));

        assertThat(config.store()).isEqualTo(ViewAppConfig.ViewStoreKind.POSTGRESQL);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/news");
        assertThat(config.jdbcUser()).isEqualTo("view");
        assertThat(config.jdbcPassword()).isEqualTo("s3cret");
        assertThat(config.jdbcSchema()).isEqualTo("newsstream_view");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(ViewAppConfig.load(null, Map.of(), Map.of()).store())
                .isEqualTo(ViewAppConfig.ViewStoreKind.SQLITE);
    }

    @Test
    void rejectsPostgresqlWithoutAJdbcUrlAndUnknownStoresNamingTheSetting() {
        assertThatThrownBy(
                        () ->
                                ViewAppConfig.load(
                                        null, Map.of("view.store", "postgresql"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("view.jdbc.url");
        assertThatThrownBy(() -> ViewAppConfig.load(null, Map.of("view.store", "mysql"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("view.store")
                .hasMessageContaining("mysql");
        assertThatThrownBy(
                        () ->
                                ViewAppConfig.load(
                                        null, Map.of("view.jdbc.schema", "View; DROP"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("view.jdbc.schema");
    }

    @Test
    void rejectsAnOutOfRangePortNamingTheSetting() {
        assertThatThrownBy(() -> ViewAppConfig.load(null, Map.of("http.port", "70000"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("NEWSSTREAM_HTTP_PORT");
    }

    @Test
    void rejectsARegistryUrlThatIsNotHttp() {
        assertThatThrownBy(
                        () ->
                                ViewAppConfig.load(
                                        null, Map.of("registry.url", "localhost:8081"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.url");
    }

    @Test
    void theReadmeCarriesTheCurrentSettingsTable() throws Exception {
        Path readme =
                Path.of(System.getProperty("newsstream.repo.dir", ".."), "consumer", "README.md");

        assertThat(Files.readString(readme))
                .as(
                        "consumer/README.md must contain SettingsTable.markdown(ViewAppConfig.OWN_SETTINGS)")
                .contains(SettingsTable.markdown(ViewAppConfig.OWN_SETTINGS));
    }
}
