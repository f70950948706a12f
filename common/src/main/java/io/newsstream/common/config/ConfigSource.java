package io.newsstream.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves settings from, in increasing precedence: the declared defaults, an optional properties
 * file, explicit overrides (command-line flags), then environment variables.
 *
 * <p>The environment wins because that is what docker-compose sets. Immutable once built.
 */
public final class ConfigSource {

    private final Map<String, Setting> declared;
    private final Map<String, String> values;

    private ConfigSource(Map<String, Setting> declared, Map<String, String> values) {
        this.declared = declared;
        this.values = values;
    }

    /**
     * @param settings the settings the application declares
     * @param file optional properties file (may be null)
     * @param overrides explicit values (e.g. from flags), may be empty
     * @param env the environment, usually {@code System.getenv()}
     */
    public static ConfigSource load(
            Collection<Setting> settings,
            Path file,
            Map<String, String> overrides,
            Map<String, String> env) {
        Map<String, Setting> declared = new LinkedHashMap<>();
        settings.forEach(s -> declared.put(s.name(), s));
        Map<String, String> values = new HashMap<>();
        for (Setting s : settings) {
            if (s.defaultValue() != null) {
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
            for (String key : props.stringPropertyNames()) {
                if (!declared.containsKey(key)) {
                    throw new ConfigException(
                            "Unknown setting '"
                                    + key
                                    + "' in "
                                    + file
                                    + "; known settings: "
                                    + declared.keySet());
                }
                values.put(key, props.getProperty(key).trim());
            }
        }
        overrides.forEach(
                (k, v) -> {
                    if (!declared.containsKey(k)) {
                        throw new ConfigException(
                                "Unknown setting '"
                                        + k
                                        + "'; known settings: "
                                        + declared.keySet());
                    }
                    values.put(k, v);
                });
        for (Setting s : settings) {
            String v = env.get(s.envVar());
            if (v != null) {
                values.put(s.name(), v.trim());
            }
        }
        return new ConfigSource(declared, Map.copyOf(values));
    }

    /** Defaults plus environment only. */
    public static ConfigSource fromEnvironment(Collection<Setting> settings) {
        return load(settings, null, Map.of(), System.getenv());
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
            throw invalid(s, v, "an integer");
        }
    }

    public long longValue(Setting s) {
        String v = string(s);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(s, v, "an integer");
        }
    }

    public double decimal(Setting s) {
        String v = string(s);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(s, v, "a number");
        }
    }

    public boolean bool(Setting s) {
        String v = string(s).toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(s, v, "true or false");
        };
    }

    /** A duration written as ISO-8601 ({@code PT30S}) or with a unit suffix: ms, s, m, h, d. */
    public Duration duration(Setting s) {
        String v = string(s);
        try {
            return parseDuration(v);
        } catch (RuntimeException e) {
            throw invalid(s, v, "a duration such as 500ms, 30s, 5m, 2h, 30d or PT30S");
        }
    }

    public Path path(Setting s) {
        return Path.of(string(s));
    }

    public List<String> list(Setting s) {
        String v = optionalString(s);
        if (v == null) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
    }

    /**
     * Extra pass-through properties with the given prefix (e.g. {@code kafka.} client overrides).
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k.substring(prefix.length()), v);
                    }
                });
        return out;
    }

    static Duration parseDuration(String v) {
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
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

    private static ConfigException invalid(Setting s, String v, String expected) {
        return new ConfigException(
                "Setting '"
                        + s.name()
                        + "' (env "
                        + s.envVar()
                        + ") is '"
                        + v
                        + "', expected "
                        + expected
                        + ": "
                        + s.description());
    }
}
