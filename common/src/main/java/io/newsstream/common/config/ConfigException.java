package io.newsstream.common.config;

/** A setting is missing or invalid; the message names the setting and how to fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "Setting 'x' (env X) is 'v', expected ...: description". */
    public static ConfigException invalid(Setting s, Object value, String expected) {
        return new ConfigException(
                "Setting '"
                        + s.name()
                        + "' (env "
                        + s.envVar()
                        + ") is '"
                        + value
                        + "', expected "
                        + expected
                        + ": "
                        + s.description());
    }

    /** Throws "Setting 'x' (env X) {@code what}: description" unless {@code ok}. */
    public static void require(boolean ok, Setting s, String what) {
        if (!ok) {
            throw new ConfigException(
                    "Setting '"
                            + s.name()
                            + "' (env "
                            + s.envVar()
                            + ") "
                            + what
                            + ": "
                            + s.description());
        }
    }
}
