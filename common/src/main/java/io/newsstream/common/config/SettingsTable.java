package io.newsstream.common.config;

import java.util.Collection;
import java.util.stream.Collectors;

/** Renders declared settings as the Markdown table the README carries. */
public final class SettingsTable {
    private SettingsTable() {}

    public static String markdown(Collection<Setting> settings) {
        StringBuilder sb = new StringBuilder();
        sb.append("| setting | environment variable | default | meaning |\n");
        sb.append("|---|---|---|---|\n");
        for (Setting s : settings) {
            String meaning = s.description();
            if (!s.oldNames().isEmpty()) {
                meaning +=
                        " Formerly "
                                + s.oldNames().stream()
                                        .map(n -> "`" + n + "`")
                                        .collect(Collectors.joining(", "))
                                + ".";
            }
            sb.append("| `")
                    .append(s.displayName())
                    .append("` | `")
                    .append(s.displayEnvVar())
                    .append("` | ")
                    .append(
                            s.defaultValue() == null
                                    ? "(required)"
                                    : s.defaultValue().isEmpty()
                                            ? "(none)"
                                            : "`" + s.defaultValue() + "`")
                    .append(" | ")
                    .append(meaning.replace("|", "\\|"))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
