package io.newsstream.local;

import io.newsstream.common.config.ConfigException;
import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.config.ProducerAppConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The settings the local run hands each application: defaults, then the {@code --config} file, then
 * {@code --set} (each key to every application that declares it; a key none declares is an error),
 * then the {@code NEWSSTREAM_*} environment, then the local run's own values, which win: bootstrap
 * servers, registry URL, state directories and the HTTP address. Setting those in the file or the
 * environment has no effect, and {@link #ignored()} names them so the run can say so.
 */
final class AppSettings {

    static final String MANAGED_WHY =
            "the local run sets it itself (use --kafka-port, --registry-port, --port, --data-dir)";

    /** How a configuration error starts, as the applications print it ({@code AppCommand}). */
    static final String CONFIGURATION_ERROR = "Configuration error: ";

    /** The three applications' configurations. */
    record Configs(ProcessorConfig processor, ViewAppConfig consumer, ProducerAppConfig producer) {}

    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Path dataDir;
    private final List<String> ignored;

    private AppSettings(
            Map<String, String> file, Map<String, String> env, Path dataDir, List<String> ignored) {
        this.file = file;
        this.env = env;
        this.dataDir = dataDir;
        this.ignored = ignored;
    }

    /**
     * @throws LocalStack.InvalidInput when the file cannot be read or names an unknown setting
     */
    static AppSettings load(Path configFile, Map<String, String> env, Path dataDir) {
        return load(configFile, Map.of(), env, dataDir);
    }

    /**
     * As {@link #load(Path, Map, Path)}, with {@code --set} settings winning over the file's (and
     * losing to the environment, as in the applications).
     *
     * @throws LocalStack.InvalidInput when the file cannot be read or a setting is unknown; for an
     *     unknown setting its cause is a {@link ConfigException}
     */
    static AppSettings load(
            Path configFile, Map<String, String> sets, Map<String, String> env, Path dataDir) {
        Set<String> managed = managedNames();
        List<String> ignored = new ArrayList<>();
        Map<String, String> fromFile = new LinkedHashMap<>();
        if (configFile != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new LocalStack.InvalidInput(
                        "Cannot read --config " + configFile + ": " + e.getMessage(), e);
            }
            for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
                String current = currentName(key);
                if (current == null) {
                    throw unknown("Unknown setting '" + key + "' in " + configFile);
                }
                if (managed.contains(current)) {
                    ignored.add(key + " (in " + configFile + ")");
                } else {
                    fromFile.put(key, props.getProperty(key).trim());
                }
            }
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String current = currentName(e.getKey());
            if (current == null) {
                throw unknown("Unknown setting '" + e.getKey() + "' given to --set");
            }
            if (managed.contains(current)) {
                ignored.add(e.getKey() + " (--set)");
            } else {
                // --set wins over the file, whichever name (current or former) each used
                fromFile.keySet().removeIf(k -> current.equals(currentName(k)));
                fromFile.put(e.getKey(), e.getValue().trim());
            }
        }
        Map<String, String> filteredEnv = new HashMap<>(env);
        for (Collection<Setting> settings : allSettings()) {
            for (Setting s : settings) {
                if (!managed.contains(s.name())) {
                    continue;
                }
                if (filteredEnv.remove(s.envVar()) != null) {
                    ignored.add(s.envVar());
                }
                for (String old : s.oldNames()) {
                    if (filteredEnv.remove(Setting.envVar(old)) != null) {
                        ignored.add(Setting.envVar(old));
                    }
                }
            }
        }
        return new AppSettings(
                Map.copyOf(fromFile),
                Map.copyOf(filteredEnv),
                dataDir,
                List.copyOf(new LinkedHashSet<>(ignored)));
    }

    private static LocalStack.InvalidInput unknown(String message) {
        String m =
                CONFIGURATION_ERROR
                        + message
                        + "; no application declares it (the settings tables of the README list"
                        + " every one)";
        return new LocalStack.InvalidInput(m, new ConfigException(m));
    }

    /** Settings given in the file, --set or the environment that the local run overrides. */
    List<String> ignored() {
        return ignored;
    }

    /**
     * @throws LocalStack.InvalidInput naming a setting with a bad value
     */
    Configs configs(String bootstrapServers, String registryUrl, int httpPort) {
        return configs(bootstrapServers, registryUrl, httpPort, false);
    }

    /**
     * @param reprocess start the processor in re-processing mode
     * @throws LocalStack.InvalidInput naming a setting with a bad value
     */
    Configs configs(String bootstrapServers, String registryUrl, int httpPort, boolean reprocess) {
        try {
            ProcessorConfig processor =
                    ProcessorConfig.from(
                            source(
                                    ProcessorConfig.SETTINGS,
                                    common(bootstrapServers, registryUrl),
                                    Map.of(
                                            ProcessorConfig.STATE_DIR.name(),
                                            dataDir.resolve("processor").toString(),
                                            ProcessorConfig.REPROCESS.name(),
                                            String.valueOf(reprocess))));
            ViewAppConfig consumer =
                    ViewAppConfig.from(
                            source(
                                    ViewAppConfig.SETTINGS,
                                    common(bootstrapServers, registryUrl),
                                    Map.of(
                                            ViewAppConfig.DATA_DIR.name(),
                                            dataDir.resolve("consumer").toString(),
                                            ViewAppConfig.HTTP_HOST.name(),
                                            "127.0.0.1",
                                            ViewAppConfig.HTTP_PORT.name(),
                                            Integer.toString(httpPort))));
            return new Configs(
                    processor, consumer, producer(bootstrapServers, registryUrl, Map.of()));
        } catch (ConfigException e) {
            throw new LocalStack.InvalidInput(CONFIGURATION_ERROR + e.getMessage(), e);
        }
    }

    /** The producer's configuration, with {@code extra} settings (e.g. a feeds file) on top. */
    ProducerAppConfig producer(
            String bootstrapServers, String registryUrl, Map<String, String> extra) {
        Map<String, String> own = new HashMap<>(extra);
        own.put(
                ProducerAppConfig.STATE_DIR.name(),
                dataDir.resolve("producer").resolve("feeds").toString());
        try {
            return ProducerAppConfig.from(
                    source(ProducerAppConfig.SETTINGS, common(bootstrapServers, registryUrl), own));
        } catch (ConfigException e) {
            throw new LocalStack.InvalidInput(CONFIGURATION_ERROR + e.getMessage(), e);
        }
    }

    private ConfigSource source(
            Collection<Setting> settings, Map<String, String> common, Map<String, String> own) {
        Map<String, String> overrides = new HashMap<>();
        file.forEach(
                (k, v) -> {
                    if (ConfigSource.currentName(settings, k) != null) {
                        overrides.put(k, v);
                    }
                });
        overrides.putAll(common);
        overrides.putAll(own);
        // The environment wins over overrides in ConfigSource: the managed names are not in it.
        return ConfigSource.load(settings, null, overrides, env);
    }

    private static Map<String, String> common(String bootstrapServers, String registryUrl) {
        return Map.of(
                SharedSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers,
                SharedSettings.REGISTRY_URL.name(), registryUrl);
    }

    /** The current name of a key some application accepts, or null. */
    private static String currentName(String key) {
        for (Collection<Setting> settings : allSettings()) {
            String current = ConfigSource.currentName(settings, key);
            if (current != null) {
                return current;
            }
        }
        return null;
    }

    /** Every setting some application declares, each once, in declaration order. */
    static List<Setting> everySetting() {
        Map<String, Setting> byName = new LinkedHashMap<>();
        for (Collection<Setting> settings : allSettings()) {
            settings.forEach(s -> byName.putIfAbsent(s.name(), s));
        }
        return List.copyOf(byName.values());
    }

    private static List<Collection<Setting>> allSettings() {
        return List.of(
                ProcessorConfig.SETTINGS, ViewAppConfig.SETTINGS, ProducerAppConfig.SETTINGS);
    }

    private static Set<String> managedNames() {
        return Set.copyOf(
                List.of(
                        SharedSettings.BOOTSTRAP_SERVERS.name(),
                        SharedSettings.REGISTRY_URL.name(),
                        ProcessorConfig.STATE_DIR.name(),
                        ViewAppConfig.DATA_DIR.name(),
                        ViewAppConfig.HTTP_HOST.name(),
                        ViewAppConfig.HTTP_PORT.name(),
                        ProducerAppConfig.STATE_DIR.name()));
    }
}
