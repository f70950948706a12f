package io.newsstream.common.config;

import java.util.List;
import java.util.Locale;

/**
 * One documented configuration setting: its property name, the environment variable that overrides
 * it, its default, what it means and the names it had before (still accepted, with a warning).
 *
 * <p>Every application declares its settings as constants of this type, the way Debezium declares
 * its {@code Field}s; the README's configuration tables are rendered from them ({@link
 * SettingsTable}). A name ending in {@code .} declares a pass-through prefix: every property under
 * it is accepted and handed on (see {@link ConfigSource#passThrough(Setting)}).
 *
 * <p>Naming scheme: {@code <scope>.<name>}, lower case, scopes separated by {@code .}, words inside
 * a name joined by {@code -} (e.g. {@code topic.raw-articles}, {@code producer.feed-id});
 * pass-through names keep the client's own spelling ({@code kafka.security.protocol}). The
 * processor's and the view's own settings still use dots between words ({@code
 * processor.num.threads}); renaming them is left for later, with {@link #formerly} keeping the old
 * names working.
 *
 * @param name property name, e.g. {@code kafka.bootstrap.servers}
 * @param defaultValue default, or {@code null} when the setting is required
 * @param description one sentence saying what it controls
 * @param oldNames names this setting had in earlier releases, accepted with a warning
 */
public record Setting(String name, String defaultValue, String description, List<String> oldNames) {

    public Setting {
        oldNames = List.copyOf(oldNames);
    }

    public Setting(String name, String defaultValue, String description) {
        this(name, defaultValue, description, List.of());
    }

    /** A pass-through prefix such as {@code kafka.}: any property under it is accepted. */
    public static Setting prefix(String prefix, String description) {
        if (!prefix.endsWith(".")) {
            throw new IllegalArgumentException("A prefix ends with '.': " + prefix);
        }
        return new Setting(prefix, "", description);
    }

    /**
     * This setting, also accepted under the given earlier names (with a warning naming this one).
     */
    public Setting formerly(String... names) {
        return new Setting(name, defaultValue, description, List.of(names));
    }

    /** Whether this declares a pass-through prefix rather than one setting. */
    public boolean isPrefix() {
        return name.endsWith(".");
    }

    /** The environment variable for this setting: upper case, dots and dashes to underscores. */
    public String envVar() {
        return envVar(name);
    }

    /** The environment variable for a setting name, e.g. {@code NEWSSTREAM_TOPIC_RAW_ARTICLES}. */
    public static String envVar(String name) {
        return "NEWSSTREAM_" + name.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
    }

    /** The name as the README's tables show it: {@code kafka.*} for a prefix. */
    public String displayName() {
        return isPrefix() ? name + "*" : name;
    }

    /** The environment variable(s) as the README's tables show them. */
    public String displayEnvVar() {
        return isPrefix() ? envVar(name) + "*" : envVar();
    }
}
