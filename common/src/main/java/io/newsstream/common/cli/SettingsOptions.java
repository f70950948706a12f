package io.newsstream.common.cli;

import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The settings options every command shares, as a picocli mixin: {@code --config FILE} and {@code
 * --set NAME=VALUE} (repeatable). {@link AppCommand} uses it; so do commands that cannot extend it
 * (subcommands of {@code ./newsstream}, which get their environment and output from their parent).
 *
 * <p>Precedence, lowest first: declared defaults, the {@code --config} file, the command's own
 * option values ({@code extra}), {@code --set}, then {@code NEWSSTREAM_*} environment variables.
 */
public final class SettingsOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file of settings; --set and NEWSSTREAM_* environment variables win"
                            + " over it.")
    private Path configFile;

    @Option(
            names = "--set",
            paramLabel = "NAME=VALUE",
            description =
                    "A setting, winning over --config (repeatable); environment variables"
                            + " NEWSSTREAM_* win over both.")
    private Map<String, String> set = new LinkedHashMap<>();

    /** The {@code --config} file, or null. */
    public Path configFile() {
        return configFile;
    }

    /** The {@code --set} values, in the order given. */
    public Map<String, String> set() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    /** {@code extra} (a command's own option values), then {@code --set} on top. */
    public Map<String, String> overrides(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        overrides.putAll(set);
        return overrides;
    }

    /**
     * The settings from defaults, {@code --config}, {@code extra}, {@code --set}, environment.
     *
     * @throws io.newsstream.common.config.ConfigException naming a bad file or unknown setting
     */
    public ConfigSource load(
            Collection<Setting> settings, Map<String, String> extra, Map<String, String> env) {
        return ConfigSource.load(settings, configFile, overrides(extra), env);
    }
}
