package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.SharedSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @TempDir Path dir;

    @Test
    void aFileSettingReachesEveryApplicationThatDeclaresItAndTheEnvironmentWins() throws Exception {
        Path fromFile = Files.writeString(dir.resolve("file-topics.yaml"), "newsTopics: []\n");
        Path fromEnv = Files.writeString(dir.resolve("env-topics.yaml"), "newsTopics: []\n");
        Path config =
                Files.writeString(
                        dir.resolve("app.properties"),
                        "news.topics.file=" + fromFile + "\nproducer.outlet=Desk\n");

        AppSettings.Configs withFile =
                AppSettings.load(config, Map.of(), dir).configs("b:1", "http://r", 0);
        assertThat(withFile.processor().newsTopicsFile()).isEqualTo(fromFile);
        assertThat(withFile.consumer().newsTopicsFile()).isEqualTo(fromFile);
        assertThat(withFile.producer().outlet()).isEqualTo("Desk");

        AppSettings.Configs withEnv =
                AppSettings.load(
                                config,
                                Map.of("NEWSSTREAM_NEWS_TOPICS_FILE", fromEnv.toString()),
                                dir)
                        .configs("b:1", "http://r", 0);
        assertThat(withEnv.processor().newsTopicsFile()).isEqualTo(fromEnv);
        assertThat(withEnv.consumer().newsTopicsFile()).isEqualTo(fromEnv);
    }

    @Test
    void whatTheLocalRunSetsItselfWinsAndIsReportedAsIgnored() throws Exception {
        Path config =
                Files.writeString(dir.resolve("app.properties"), "schema.registry.url=http://x\n");
        AppSettings settings =
                AppSettings.load(
                        config,
                        Map.of(SharedSettings.BOOTSTRAP_SERVERS.envVar(), "elsewhere:9092"),
                        dir);

        AppSettings.Configs c = settings.configs("127.0.0.1:19092", "http://127.0.0.1:1/api", 0);
        assertThat(c.producer().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(c.producer().schemaRegistryUrl()).isEqualTo("http://127.0.0.1:1/api");
        assertThat(c.producer().stateDir()).isEqualTo(dir.resolve("producer").resolve("feeds"));
        assertThat(settings.ignored())
                .anyMatch(s -> s.startsWith("schema.registry.url"))
                .contains(SharedSettings.BOOTSTRAP_SERVERS.envVar());
    }

    @Test
    void anUnknownSettingInTheFileIsOneLineNamingIt() throws Exception {
        Path config = Files.writeString(dir.resolve("app.properties"), "no.such.setting=1\n");

        assertThatThrownBy(() -> AppSettings.load(config, Map.of(), dir))
                .isInstanceOf(LocalStack.InvalidInput.class)
                .hasMessageContaining("Unknown setting 'no.such.setting'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void clientPassThroughAndFormerNamesReachEveryApplication() throws Exception {
        Path config =
                Files.writeString(
                        dir.resolve("app.properties"),
                        "kafka.security.protocol=SASL_PLAINTEXT\nkafka.topic.raw.articles=raw-x\n");
        AppSettings.Configs c =
                AppSettings.load(
                                config,
                                Map.of("NEWSSTREAM_SCHEMA_REGISTRY_URL", "http://ignored:1"),
                                dir)
                        .configs("b:1", "http://r", 0);
        assertThat(c.producer().clients().kafka())
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(c.processor().clients().kafka())
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(c.consumer().clients().kafka())
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(c.producer().rawArticlesKafkaTopic()).isEqualTo("raw-x");
        assertThat(c.processor().rawArticlesKafkaTopic()).isEqualTo("raw-x");
        // the former name of a setting the local run manages is ignored too
        assertThat(c.consumer().schemaRegistryUrl()).isEqualTo("http://r");
    }

    @Test
    void setWinsOverTheFileAndTheEnvironmentWinsOverSet() throws Exception {
        Path config =
                Files.writeString(
                        dir.resolve("app.properties"),
                        "producer.outlet=File\nkafka.security.protocol=SSL\n");
        Map<String, String> sets =
                Map.of(
                        "producer.outlet", "Set",
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.bootstrap.servers", "ignored:1");

        AppSettings settings = AppSettings.load(config, sets, Map.of(), dir);
        AppSettings.Configs c = settings.configs("b:1", "http://r", 0);
        assertThat(c.producer().outlet()).isEqualTo("Set");
        assertThat(c.processor().clients().kafka()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.consumer().clients().kafka()).containsEntry("security.protocol", "SASL_SSL");
        // what the local run manages is ignored, and said so
        assertThat(c.producer().bootstrapServers()).isEqualTo("b:1");
        assertThat(settings.ignored()).contains("kafka.bootstrap.servers (--set)");

        AppSettings.Configs withEnv =
                AppSettings.load(config, sets, Map.of("NEWSSTREAM_PRODUCER_OUTLET", "Env"), dir)
                        .configs("b:1", "http://r", 0);
        assertThat(withEnv.producer().outlet()).isEqualTo("Env");
    }

    @Test
    void anUnknownOrInvalidSetIsAOneLineConfigurationErrorAsInTheApplications() {
        assertThatThrownBy(
                        () -> AppSettings.load(null, Map.of("producer.outlt", "x"), Map.of(), dir))
                .isInstanceOf(LocalStack.InvalidInput.class)
                .hasMessageStartingWith("Configuration error: Unknown setting 'producer.outlt'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(
                        () ->
                                AppSettings.load(
                                                null,
                                                Map.of("producer.progress-every", "many"),
                                                Map.of(),
                                                dir)
                                        .configs("b:1", "http://r", 0))
                .isInstanceOf(LocalStack.InvalidInput.class)
                .hasMessageStartingWith("Configuration error: ")
                .hasMessageContaining("producer.progress-every")
                .hasMessageNotContaining("\n");
    }

    @Test
    void localParsesConfigAndSetIntoItsOptions() {
        LocalRun run = new LocalRun();
        new picocli.CommandLine(run)
                .parseArgs("--config", "a.properties", "--set", "producer.outlet=Desk");
        LocalStack.Options o = run.options(dir, dir, Map.of());
        assertThat(o.configFile()).isEqualTo(Path.of("a.properties"));
        assertThat(o.sets()).containsExactly(Map.entry("producer.outlet", "Desk"));
    }
}
