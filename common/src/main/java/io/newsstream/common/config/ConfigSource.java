package io.newsstream.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves settings from, in increasing precedence: the declared defaults, an optional properties
 * file, explicit overrides (command-line flags), then environment variables.
 *
 * <p>The environment wins because that is what docker-compose sets. A setting's former names
 * ({@link Setting#oldNames()}) are accepted in every source, each with a warning naming the new
 * name ({@link #warnings()}). Properties under a declared prefix (e.g. {@code kafka.}) are accepted
 * whatever they are and handed on by {@link #passThrough(Setting)}; in the environment, {@code
 * NEWSSTREAM_KAFKA_SECURITY_PROTOCOL} stands for {@code kafka.security.protocol} (underscores
 * become dots). Any other unknown name is an error. Immutable once built.
 */
public final class ConfigSource {

    private static final Logger log = LoggerFactory.getLogger(ConfigSource.class);

    private final Map<String, Setting> declared;
    private final Map<String, String> values;
    private final List<String> warnings;

    private ConfigSource(
            Map<String, Setting> declared, Map<String, String> values, List<String> warnings) {
        this.declared = declared;
        this.values = values;
        this.warnings = warnings;
    }

    /**
     * @param settings the settings the application declares
     * @param file optional properties file (may be null)
     * @param overrides explicit values (e.g. from flags), may be empty
     * @param env the environment, usually {@code System.getenv()}
     * @throws ConfigException when the file cannot be read or names an unknown setting
     */
    public static ConfigSource load(
            Collection<Setting> settings,
            Path file,
            Map<String, String> overrides,
            Map<String, String> env) {
        Names names = new Names(settings);
        List<String> warnings = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (Setting s : settings) {
            if (s.defaultValue() != null && !s.isPrefix()) {
                values.put(s.name(), s.defaultValue());
            }
        }
        if (file != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException(
                        "Cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
            for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
                values.put(
                        names.resolve(key, "in " + file, warnings), props.getProperty(key).trim());
            }
        }
        overrides.forEach((k, v) -> values.put(names.resolve(k, "", warnings), v));
        // Former names first, so that the current name wins when both are set.
        for (Setting s : names.settings) {
            for (String old : s.oldNames()) {
                String v = env.get(Setting.envVar(old));
                if (v != null) {
                    warnings.add(renamed(Setting.envVar(old), s.envVar()));
                    values.put(s.name(), v.trim());
                }
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String key = names.fromEnvironment(e.getKey());
            if (key != null) {
                values.put(key, e.getValue().trim());
            }
        }
        warnings.forEach(log::warn);
        return new ConfigSource(names.byName, Map.copyOf(values), List.copyOf(warnings));
    }

    /**
     * The current name of {@code key} among {@code settings}: itself when declared or under a
     * pass-through prefix, the new name for a former one, {@code null} when unknown.
     */
    public static String currentName(Collection<Setting> settings, String key) {
        try {
            return new Names(settings).resolve(key, "", new ArrayList<>());
        } catch (ConfigException e) {
            return null;
        }
    }

    /** Defaults plus environment only. */
    public static ConfigSource fromEnvironment(Collection<Setting> settings) {
        return load(settings, null, Map.of(), System.getenv());
    }

    /** What the configuration used that is deprecated (former names), also logged as warnings. */
    public List<String> warnings() {
        return warnings;
    }

    public String string(Setting s) {
        check(s);
        String v = values.get(s.name());
        if (v == null || v.isBlank()) {
            throw new ConfigException(
                    "Setting '"
                            + s.name()
                            + "' (env "
                            + s.envVar()
                            + ") is required: "
                            + s.description());
        }
        return v;
    }

    public String optionalString(Setting s) {
        check(s);
        String v = values.get(s.name());
        return v == null || v.isBlank() ? null : v;
    }

    public int integer(Setting s) {
        String v = string(s);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(s, v, "an integer");
        }
    }

    public long longValue(Setting s) {
        String v = string(s);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(s, v, "an integer");
        }
    }

    public double decimal(Setting s) {
        String v = string(s);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(s, v, "a number");
        }
    }

    public boolean bool(Setting s) {
        String v = string(s).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw ConfigException.invalid(s, v, "true or false");
        };
    }

    /** A duration written as ISO-8601 ({@code PT30S}) or with a unit suffix: ms, s, m, h, d. */
    public Duration duration(Setting s) {
        String v = string(s);
        try {
            return parseDuration(v);
        } catch (RuntimeException e) {
            throw ConfigException.invalid(
                    s, v, "a duration such as 500ms, 30s, 5m, 2h, 30d or PT30S");
        }
    }

    public Path path(Setting s) {
        return Path.of(string(s));
    }

    /** The path, or {@code null} when the setting is empty. */
    public Path optionalPath(Setting s) {
        String v = optionalString(s);
        return v == null ? null : Path.of(v);
    }

    public List<String> list(Setting s) {
        String v = optionalString(s);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /**
     * The properties under a declared prefix, the prefix removed, e.g. {@code
     * kafka.security.protocol=SASL_SSL} as {@code security.protocol=SASL_SSL}. Settings declared
     * under the prefix (such as {@code kafka.bootstrap.servers}) are not included: the application
     * sets them itself.
     */
    public Map<String, String> passThrough(Setting prefix) {
        if (!prefix.isPrefix()) {
            throw new IllegalArgumentException(prefix.name() + " is not a prefix");
        }
        check(prefix);
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix.name()) && !declared.containsKey(k)) {
                        out.put(k.substring(prefix.name().length()), v);
                    }
                });
        return out;
    }

    static Duration parseDuration(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(v);
        };
    }

    private void check(Setting s) {
        if (!declared.containsKey(s.name())) {
            throw new IllegalStateException("Setting " + s.name() + " was not declared");
        }
    }

    private static String renamed(String old, String current) {
        return "Setting '" + old + "' is deprecated and will be removed: use '" + current + "'";
    }

    /** The declared names, former names and prefixes of one application. */
    private static final class Names {
        final List<Setting> settings;
        final Map<String, Setting> byName = new LinkedHashMap<>();
        final Map<String, Setting> byOldName = new HashMap<>();
        final Map<String, String> byEnvVar = new HashMap<>();
        final List<Setting> prefixes = new ArrayList<>();

        Names(Collection<Setting> settings) {
            this.settings = List.copyOf(settings);
            for (Setting s : settings) {
                byName.put(s.name(), s);
                if (s.isPrefix()) {
                    prefixes.add(s);
                } else {
                    byEnvVar.put(s.envVar(), s.name());
                }
                s.oldNames().forEach(old -> byOldName.put(old, s));
            }
        }

        /** The current name of a key given in a file or as an override. */
        String resolve(String key, String where, List<String> warnings) {
            Setting s = byName.get(key);
            if (s != null && !s.isPrefix()) {
                return key;
            }
            Setting renamed = byOldName.get(key);
            if (renamed != null) {
                warnings.add(
                        renamed(key, renamed.name()) + (where.isEmpty() ? "" : " (" + where + ")"));
                return renamed.name();
            }
            for (Setting p : prefixes) {
                if (key.startsWith(p.name()) && key.length() > p.name().length()) {
                    return key;
                }
            }
            throw new ConfigException(
                    "Unknown setting '"
                            + key
                            + "'"
                            + (where.isEmpty() ? "" : " " + where)
                            + "; known settings: "
                            + byName.values().stream().map(Setting::displayName).toList());
        }

        /** The setting an environment variable stands for, or null if none. */
        String fromEnvironment(String var) {
            String name = byEnvVar.get(var);
            if (name != null) {
                return name;
            }
            for (Setting p : prefixes) {
                String envPrefix = Setting.envVar(p.name());
                if (var.startsWith(envPrefix)
                        && var.length() > envPrefix.length()
                        && !isFormerName(var)) {
                    return p.name()
                            + var.substring(envPrefix.length())
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '.');
                }
            }
            return null;
        }

        private boolean isFormerName(String var) {
            for (String old : byOldName.keySet()) {
                if (Setting.envVar(old).equals(var)) {
                    return true;
                }
            }
            return false;
        }
    }
}
