package io.newsstream.common.config;

import java.util.Collection;

/** Renders declared settings as the Markdown table the README carries. */
public final class SettingsTable {
    private SettingsTable() {}

    public static String markdown(Collection<Setting> settings) {
        StringBuilder sb = new StringBuilder();
        sb.append("| setting | environment variable | default | meaning |\n");
        sb.append("|---|---|---|---|\n");
        for (Setting s : settings) {
            sb.append("| `")
                    .append(s.name())
                    .append("` | `")
                    .append(s.envVar())
                    .append("` | ")
                    .append(
                            s.defaultValue() == null
                                    ? "(required)"
                                    : s.defaultValue().isEmpty()
                                            ? "(none)"
                                            : "`" + s.defaultValue() + "`")
                    .append(" | ")
                    .append(s.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
