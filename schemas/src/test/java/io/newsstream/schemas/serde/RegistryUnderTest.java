package io.newsstream.schemas.serde;

import org.junit.jupiter.api.Assumptions;

/**
 * The real registry an integration test talks to: one given with {@code
 * -Dnewsstream.it.registry.url=http://HOST:PORT/apis/ccompat/v7}, else one started with the shared
 * fixture {@code io.newsstream.infra.SchemaRegistryProcess}.
 *
 * <p>TODO(serde): the fixture is being written on the {@code registry} branch; until it is merged
 * the integration tests are skipped unless a URL is given. Once it lands, start it here.
 */
final class RegistryUnderTest implements AutoCloseable {

    static final String URL_PROPERTY = "newsstream.it.registry.url";

    private final String url;

    private RegistryUnderTest(String url) {
        this.url = url;
    }

    static RegistryUnderTest start() {
        String given = System.getProperty(URL_PROPERTY, "").strip();
        Assumptions.assumeFalse(
                given.isEmpty(),
                "No registry: io.newsstream.infra.SchemaRegistryProcess is not on this branch yet;"
                        + " run with -D"
                        + URL_PROPERTY
                        + "=http://HOST:PORT/apis/ccompat/v7 against a running registry");
        return new RegistryUnderTest(given);
    }

    String url() {
        return url;
    }

    @Override
    public void close() {}
}
