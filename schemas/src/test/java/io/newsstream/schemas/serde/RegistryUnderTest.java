package io.newsstream.schemas.serde;

import io.newsstream.infra.SchemaRegistryProcess;
import java.io.IOException;

/**
 * The real registry an integration test talks to: by default a fresh in-memory one started with the
 * shared fixture {@link SchemaRegistryProcess} (and stopped by {@link #close()}); with {@code
 * -Dnewsstream.it.registry.url=http://HOST:PORT/apis/ccompat/v7}, an already running one.
 */
final class RegistryUnderTest implements AutoCloseable {

    static final String URL_PROPERTY = "newsstream.it.registry.url";

    private final String url;
    private final SchemaRegistryProcess process;

    private RegistryUnderTest(String url, SchemaRegistryProcess process) {
        this.url = url;
        this.process = process;
    }

    static RegistryUnderTest start() throws IOException {
        String given = System.getProperty(URL_PROPERTY, "").strip();
        if (!given.isEmpty()) {
            return new RegistryUnderTest(given, null);
        }
        SchemaRegistryProcess process = SchemaRegistryProcess.start();
        return new RegistryUnderTest(process.url(), process);
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
