package io.newsstream.common.config;

/**
 * One documented configuration setting: its property name, the environment variable that overrides
 * it, its default and what it means.
 *
 * <p>Every application declares its settings as constants of this type; the README's configuration
 * table is rendered from them ({@link SettingsTable}).
 *
 * @param name property name, e.g. {@code kafka.bootstrap.servers}
 * @param defaultValue default, or {@code null} when the setting is required
 * @param description one sentence saying what it controls
 */
public record Setting(String name, String defaultValue, String description) {

    /** The environment variable for this setting: upper case, dots and dashes to underscores. */
    public String envVar() {
        return "NEWSSTREAM_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
    }
}
