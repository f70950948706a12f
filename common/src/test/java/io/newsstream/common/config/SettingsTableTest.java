package io.newsstream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTableTest {

    @Test
    void tellsRequiredSettingsFromOptionalOnesWithoutDefault() {
        String table =
                SettingsTable.markdown(
                        List.of(
                                new Setting("a.required", null, "Needed."),
                                new Setting("b.optional", "", "May be left out."),
                                new Setting("c.port", "8080", "A | pipe.")));

        assertThat(table)
                .contains("| `a.required` | `NEWSSTREAM_A_REQUIRED` | (required) | Needed. |")
                .contains("| `b.optional` | `NEWSSTREAM_B_OPTIONAL` | (none) | May be left out. |")
                .contains("| `c.port` | `NEWSSTREAM_C_PORT` | `8080` | A \\| pipe. |");
    }

    @Test
    void showsPrefixesAndFormerNames() {
        String table =
                SettingsTable.markdown(
                        List.of(
                                Setting.prefix("kafka.", "Client property."),
                                new Setting("d.new", "1", "Renamed.").formerly("d.old")));

        assertThat(table)
                .contains("| `kafka.*` | `NEWSSTREAM_KAFKA_*` | (none) | Client property. |")
                .contains("| `d.new` | `NEWSSTREAM_D_NEW` | `1` | Renamed. Formerly `d.old`. |");
    }
}
