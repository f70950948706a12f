package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    private static final HttpSchemaRegistryClient.Options FAST_RETRIES =
            new HttpSchemaRegistryClient.Options(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    3,
                    Duration.ofMillis(5),
                    Duration.ofMillis(20));

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeSchemaRegistry(7);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void registersWithConfluentContentTypeAndReturnsTheRegistryId() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            int id = client.register("news.articles.raw-value", RawArticle.getClassSchema());

            assertThat(id).isEqualTo(7);
            assertThat(registry.requests())
                    .containsExactly("POST /subjects/news.articles.raw-value/versions");
            assertThat(registry.contentTypes())
                    .containsExactly("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void cachesRegistrationsPerSubjectAndSchema() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            int first = client.register("a-value", RawArticle.getClassSchema());
            int again = client.register("a-value", RawArticle.getClassSchema());
            int otherSubject = client.register("b-value", RawArticle.getClassSchema());

            assertThat(again).isEqualTo(first);
            assertThat(otherSubject).isEqualTo(first); // one global id per schema
            assertThat(registry.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void fetchesSchemaByIdOnceThenServesItFromCache() {
        registry.put(42, EnrichedArticle.getClassSchema());
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            Schema first = client.getById(42);
            Schema second = client.getById(42);

            assertThat(first).isEqualTo(EnrichedArticle.getClassSchema());
            assertThat(second).isSameAs(first);
            assertThat(registry.requests()).containsExactly("GET /schemas/ids/42");
        }
    }

    @Test
    void schemaJustRegisteredIsKnownByIdWithoutAnotherCall() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            int id = client.register("a-value", RawArticle.getClassSchema());

            assertThat(client.getById(id)).isEqualTo(RawArticle.getClassSchema());
            assertThat(registry.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void listsVersionsOfASubjectAndNoneForAnUnknownSubject() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            client.register("a-value", RawArticle.getClassSchema());
            client.register("a-value", EnrichedArticle.getClassSchema());

            assertThat(client.versions("a-value")).containsExactly(1, 2);
            assertThat(client.versions("never-registered-value")).isEmpty();
        }
    }

    @Test
    void toleratesATrailingSlashInTheBaseUrl() {
        try (var client = new HttpSchemaRegistryClient(registry.url() + "/", FAST_RETRIES)) {
            assertThat(client.baseUrl()).isEqualTo(registry.url());
            assertThat(client.register("a-value", RawArticle.getClassSchema())).isEqualTo(7);
            assertThat(registry.requests()).containsExactly("POST /subjects/a-value/versions");
        }
    }

    @Test
    void encodesSubjectsInThePath() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            client.register("odd subject/name-value", RawArticle.getClassSchema());

            assertThat(registry.requests())
                    .containsExactly("POST /subjects/odd%20subject%2Fname-value/versions");
            assertThat(client.versions("odd subject/name-value")).containsExactly(1);
        }
    }

    @Test
    void unknownIdThrowsUnknownSchemaIdNamingTheId() {
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.getById(999))
                    .isInstanceOf(UnknownSchemaIdException.class)
                    .hasMessageContaining("Schema id 999")
                    .hasMessageContaining(registry.url())
                    .satisfies(
                            e ->
                                    assertThat(((UnknownSchemaIdException) e).schemaId())
                                            .isEqualTo(999));
            assertThat(registry.requestCount()).as("404 is not retried").isEqualTo(1);
        }
    }

    @Test
    void unreachableRegistryThrowsUnavailableNamingTheUrlAndTheSetting() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        try (var client = new HttpSchemaRegistryClient(url, FAST_RETRIES)) {
            assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining(url)
                    .hasMessageContaining("failed 3 times")
                    .hasMessageContaining("could not connect")
                    .hasMessageContaining("NEWSSTREAM_REGISTRY_URL")
                    .hasMessageContaining("registry is running");
            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class);
        }
    }

    @Test
    void defaultOptionsAlsoGiveUpOnAnUnreachableRegistry() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        try (var client = new HttpSchemaRegistryClient(url)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("failed 4 times");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() {
        registry.failNext(2, 503);
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThat(client.register("a-value", RawArticle.getClassSchema())).isEqualTo(7);
            assertThat(registry.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void persistentServerErrorsThrowUnavailableWithTheStatus() {
        registry.failNext(10, 500);
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("injected failure");
            assertThat(registry.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void slowRegistryTimesOutAndThrowsUnavailable() throws IOException {
        HttpServer slow =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext(
                "/",
                exchange -> {
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        var options =
                new HttpSchemaRegistryClient.Options(
                        Duration.ofSeconds(1),
                        Duration.ofMillis(200),
                        2,
                        Duration.ZERO,
                        Duration.ZERO);
        try (var client =
                new HttpSchemaRegistryClient(
                        "http://127.0.0.1:" + slow.getAddress().getPort() + "/apis/ccompat/v7",
                        options)) {
            assertThatThrownBy(() -> client.getById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("timeout");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void nonJsonAnswerThrowsResponseExceptionQuotingTheBody() {
        registry.answerEverythingWith(200, "<html>Welcome to nginx</html>");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("not JSON")
                    .hasMessageContaining("Welcome to nginx");
        }
    }

    @Test
    void answerWithoutAnIdThrowsResponseException() {
        registry.answerEverythingWith(200, "{\"version\":1}");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("integer 'id'");
        }
    }

    @Test
    void schemaThatIsNotAvroThrowsResponseException() {
        registry.answerEverythingWith(200, "{\"schema\":\"syntax = \\\"proto3\\\";\"}");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.getById(3))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("Schema id 3")
                    .hasMessageContaining("not a valid Avro schema");
        }
        registry.answerEverythingWith(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"x\"}");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.getById(3))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("PROTOBUF schema, not Avro");
        }
    }

    @Test
    void aSubjectCreatedConcurrentlyByAnotherClientIsRegisteredAgainNotCalledIncompatible() {
        // Apicurio's answer to the slower of two clients creating the same subject at once.
        registry.failNext(1, 409, "An artifact with ID 'a-value' in group 'null' already exists.");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThat(client.register("a-value", RawArticle.getClassSchema())).isEqualTo(7);
            assertThat(registry.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void incompatibleSchemaIsReportedWithTheSubject() {
        registry.answerEverythingWith(
                409,
                "{\"error_code\":40901,\"message\":\"Schema being registered is incompatible\"}");
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("'a-value'")
                    .hasMessageContaining("incompatible");
        }
    }

    @Test
    void urlThatIsNotTheApiRootIsReportedAsSuch() {
        String wrongRoot = registry.url().replace("/apis/ccompat/v7", "/apis/ccompat/v7/nope");
        try (var client = new HttpSchemaRegistryClient(wrongRoot, FAST_RETRIES)) {
            assertThatThrownBy(() -> client.register("a-value", RawArticle.getClassSchema()))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("does not look like the root")
                    .hasMessageContaining("NEWSSTREAM_REGISTRY_URL");
            assertThatThrownBy(() -> client.versions("a-value"))
                    .isInstanceOf(SchemaRegistryResponseException.class);
        }
        registry.answerEverythingWith(404, "<html>Not Found</html>"); // e.g. a proxy in front
        try (var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES)) {
            assertThatThrownBy(() -> client.versions("a-value"))
                    .isInstanceOf(SchemaRegistryResponseException.class)
                    .hasMessageContaining("does not look like the root");
        }
    }

    @Test
    void rejectsUnusableUrlsUpFront() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NEWSSTREAM_REGISTRY_URL");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://h:1/x?y=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCallsAfterClose() {
        var client = new HttpSchemaRegistryClient(registry.url(), FAST_RETRIES);
        client.close();
        client.close();
        assertThatThrownBy(() -> client.getById(1)).isInstanceOf(IllegalStateException.class);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registryPassThroughSettingsSetAuthenticationAndRetries() {
        try (var client =
                HttpSchemaRegistryClient.configure(
                        registry.url(),
                        java.util.Map.of(
                                "basic.auth.user.info", "user:secret", "max.attempts", "1"))) {
            client.register("a-value", RawArticle.getClassSchema());
        }
        assertThat(registry.authorizations())
                .containsExactly(
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString("user:secret".getBytes()));
    }

    @Test
    void unknownRegistryPassThroughSettingIsNamed() {
        assertThatThrownBy(
                        () ->
                                HttpSchemaRegistryClient.configure(
                                        registry.url(), java.util.Map.of("ssl.nope", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.ssl.nope");
    }
}
