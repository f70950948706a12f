package io.newsstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.config.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsDocumentedTest {

    @Test
    void moduleReadmeCarriesTheCurrentSettingsTable() throws Exception {
        Path readme =
                Path.of(System.getProperty("newsstream.repo.dir", "../"), "producer", "README.md");
        String table = SettingsTable.markdown(ProducerAppConfig.OWN_SETTINGS);
        assertThat(Files.readString(readme))
                .as(
                        "producer/README.md must contain the settings table rendered by SettingsTable:%n%s",
                        table)
                .contains(table);
    }
}
