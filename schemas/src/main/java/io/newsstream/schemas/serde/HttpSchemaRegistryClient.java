package io.newsstream.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.retry.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over HTTP, for any registry that speaks the Confluent Schema
 * Registry REST API; the project runs Apicurio Registry 2.4.2, whose Confluent-compatible root is
 * {@code http://HOST:PORT/apis/ccompat/v7}.
 *
 * <p>Requests use {@code application/vnd.schemaregistry.v1+json}, a connect and a request timeout,
 * and are retried with exponential backoff on connection failures, timeouts and HTTP 5xx. Client
 * errors (4xx) are not retried. Ids per (subject, schema) and schemas per id are cached for the
 * life of the client, so a warmed-up serde makes no calls. Thread-safe.
 *
 * <p>Errors: {@link SchemaRegistryUnavailableException} (unreachable, timeouts, persistent 5xx),
 * {@link UnknownSchemaIdException} (404 on an id), {@link IncompatibleSchemaException} (409 on
 * register), {@link SchemaRegistryResponseException} (anything else unexpected); an interrupted
 * call throws Kafka's {@link InterruptException} with the interrupt flag set.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    /** Content type of the Confluent Schema Registry API, version 1. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** The setting that usually supplies the URL, named in error messages. */
    static final String URL_SETTING = SharedSettings.REGISTRY_URL.envVar();

    private static final String ACCEPT = CONTENT_TYPE + ", application/json;q=0.9";
    private static final int CONFLUENT_SCHEMA_NOT_FOUND = 40403;
    private static final int BODY_EXCERPT_CHARS = 300;
    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    /**
     * Timeouts and retries.
     *
     * @param connectTimeout how long to wait for a TCP connection
     * @param requestTimeout how long to wait for a response, per attempt
     * @param maxAttempts attempts per call (1 = no retry)
     * @param initialBackoff pause before the first retry; doubled after each failed retry
     * @param maxBackoff upper bound of the pause
     */
    public record Options(
            Duration connectTimeout,
            Duration requestTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {

        public Options {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "Backoff must satisfy 0 <= initialBackoff <= maxBackoff");
            }
        }

        /**
         * 5 s to connect, 10 s per request, 4 attempts with 200 ms, 400 ms, 800 ms pauses (about
         * 1.4 s of retrying when the registry is down, enough to ride over its restart on a busy
         * machine without stalling a stream thread for long).
         */
        public static Options defaults() {
            return new Options(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    4,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2));
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
        }
    }

    private final String baseUrl;
    private final Options options;
    private final RetryPolicy retry;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A client with {@link Options#defaults()}.
     *
     * @param baseUrl root of the Confluent-compatible API, e.g. {@code
     *     http://127.0.0.1:8081/apis/ccompat/v7} (a trailing slash is fine)
     * @throws IllegalArgumentException if the URL is empty or not http(s)
     */
    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Options.defaults());
    }

    /** A client with explicit timeouts and retries. */
    public HttpSchemaRegistryClient(String baseUrl, Options options) {
        this(baseUrl, options, null);
    }

    /**
     * A client with explicit timeouts and retries, sending {@code authorization} (null for none) as
     * the Authorization header of every request.
     */
    public HttpSchemaRegistryClient(String baseUrl, Options options, String authorization) {
        this.baseUrl = normalise(baseUrl);
        this.options = Objects.requireNonNull(options, "options");
        this.authorization = authorization;
        // A zero back-off (tests) becomes the shortest the policy takes.
        Duration first =
                options.initialBackoff().isZero() ? Duration.ofMillis(1) : options.initialBackoff();
        this.retry =
                RetryPolicy.exponential(
                        first,
                        options.maxBackoff().compareTo(first) < 0 ? first : options.maxBackoff());
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(options.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /**
     * A client configured from the {@code registry.*} pass-through settings (prefix removed):
     * {@code basic.auth.user.info} ({@code USER:PASSWORD}, HTTP Basic), {@code bearer.auth.token},
     * {@code connect.timeout.ms}, {@code request.timeout.ms}, {@code max.attempts}, {@code
     * retry.backoff.ms}, {@code retry.backoff.max.ms}; unset ones keep {@link Options#defaults()}.
     *
     * @throws IllegalArgumentException naming an unknown or invalid property
     */
    public static HttpSchemaRegistryClient configure(String baseUrl, Map<String, String> props) {
        Options d = Options.defaults();
        Map<String, String> left = new TreeMap<>(props);
        Duration connect = millis(left, "connect.timeout.ms", d.connectTimeout());
        Duration request = millis(left, "request.timeout.ms", d.requestTimeout());
        Duration first = millis(left, "retry.backoff.ms", d.initialBackoff());
        Duration max = millis(left, "retry.backoff.max.ms", d.maxBackoff());
        int attempts = (int) number(left, "max.attempts", d.maxAttempts());
        String basic = left.remove("basic.auth.user.info");
        String bearer = left.remove("bearer.auth.token");
        if (!left.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown schema registry client setting(s) "
                            + left.keySet().stream().map(k -> "registry." + k).toList()
                            + "; known: registry.basic.auth.user.info, registry.bearer.auth.token,"
                            + " registry.connect.timeout.ms, registry.request.timeout.ms,"
                            + " registry.max.attempts, registry.retry.backoff.ms,"
                            + " registry.retry.backoff.max.ms");
        }
        if (basic != null && bearer != null) {
            throw new IllegalArgumentException(
                    "Set registry.basic.auth.user.info or registry.bearer.auth.token, not both");
        }
        String authorization =
                basic != null
                        ? "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(basic.getBytes(StandardCharsets.UTF_8))
                        : bearer != null ? "Bearer " + bearer : null;
        return new HttpSchemaRegistryClient(
                baseUrl, new Options(connect, request, attempts, first, max), authorization);
    }

    private static long number(Map<String, String> props, String key, long fallback) {
        String v = props.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "registry." + key + " is '" + v + "', expected a whole number");
        }
    }

    private static Duration millis(Map<String, String> props, String key, Duration fallback) {
        return Duration.ofMillis(number(props, key, fallback.toMillis()));
    }

    /** The API root this client talks to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        requireOpen();
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        String schemaJson = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, schemaJson);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject) + "/versions";
        ObjectNode body = json.createObjectNode().put("schema", schemaJson);
        Reply reply = send("POST", path, body.toString());
        // Two clients registering the first version of a subject at once: Apicurio answers the
        // slower one 409 "artifact already exists" although nothing is incompatible. Registering
        // again then finds the stored version and returns its id.
        for (int attempt = 1; isConcurrentCreation(reply) && attempt <= 3; attempt++) {
            log.debug("Subject '{}' was being created concurrently; registering again", subject);
            pause(50L * attempt);
            reply = send("POST", path, body.toString());
        }
        int id;
        switch (reply.status()) {
            case 200 -> id = requireInt(reply, reply.json().path("id"), "id");
            case 409 ->
                    throw new IncompatibleSchemaException(
                            "Schema registry at "
                                    + baseUrl
                                    + " refused schema "
                                    + schema.getFullName()
                                    + " for subject '"
                                    + subject
                                    + "' as incompatible with the versions already registered ("
                                    + reply.errorMessage()
                                    + "). Evolve the .avsc compatibly (add fields with defaults)"
                                    + " or relax the subject's compatibility rule.");
            case 404 -> throw notTheApiRoot(reply);
            default -> throw unexpected(reply, "registering a schema");
        }
        Integer previous = idsBySubjectSchema.putIfAbsent(key, id);
        schemasById.putIfAbsent(id, schema);
        if (previous == null) {
            log.info(
                    "Schema {} registered under subject '{}' with id {} at {}",
                    schema.getFullName(),
                    subject,
                    id,
                    baseUrl);
        }
        return id;
    }

    private static boolean isConcurrentCreation(Reply reply) {
        String message = reply.status() == 409 ? reply.errorMessage() : null;
        return message != null
                && message.toLowerCase(java.util.Locale.ROOT).contains("already exists");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException(
                    "Interrupted while registering a schema", e);
        }
    }

    @Override
    public Schema getById(int id) {
        requireOpen();
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Reply reply = send("GET", "/schemas/ids/" + id, null);
        if (reply.status() == 404) {
            String hint =
                    reply.errorCode() == CONFLUENT_SCHEMA_NOT_FOUND
                            ? ""
                            : " If every id is unknown, check that "
                                    + URL_SETTING
                                    + " points at the Confluent-compatible API root (for"
                                    + " Apicurio: http://HOST:PORT/apis/ccompat/v7).";
            throw new UnknownSchemaIdException(
                    id,
                    "Schema id "
                            + id
                            + " is unknown to the schema registry at "
                            + baseUrl
                            + " ("
                            + reply.errorMessage()
                            + "). The record was written against another registry, the registry"
                            + " lost its schemas (in-memory storage restarted), or the bytes are"
                            + " not Confluent-framed Avro."
                            + hint);
        }
        if (reply.status() != 200) {
            throw unexpected(reply, "fetching schema id " + id);
        }
        JsonNode node = reply.json();
        String schemaType = node.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(schemaType)) {
            throw new SchemaRegistryResponseException(
                    "Schema id "
                            + id
                            + " at "
                            + baseUrl
                            + " is a "
                            + schemaType
                            + " schema, not Avro: the record was not written by an Avro serde.");
        }
        JsonNode text = node.path("schema");
        if (!text.isTextual()) {
            throw badBody(reply, "a JSON object with a string field 'schema'");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryResponseException(
                    "Schema id "
                            + id
                            + " at "
                            + baseUrl
                            + " is not a valid Avro schema: "
                            + e.getMessage(),
                    e);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        log.debug("Fetched schema id {} ({}) from {}", id, schema.getFullName(), baseUrl);
        return previous != null ? previous : schema;
    }

    @Override
    public List<Integer> versions(String subject) {
        requireOpen();
        Objects.requireNonNull(subject, "subject");
        Reply reply = send("GET", "/subjects/" + encode(subject) + "/versions", null);
        if (reply.status() == 404) {
            if (reply.errorCode() / 100 == 404) {
                // A Confluent 404xx code (40401 subject not found): the registry's own answer. A
                // bare 404 (Apicurio's "no such resource") means the URL is not the API root.
                return List.of();
            }
            throw notTheApiRoot(reply);
        }
        if (reply.status() != 200) {
            throw unexpected(reply, "listing the versions of subject '" + subject + "'");
        }
        JsonNode node = reply.json();
        if (!node.isArray()) {
            throw badBody(reply, "a JSON array of version numbers");
        }
        List<Integer> versions = new ArrayList<>(node.size());
        for (JsonNode v : node) {
            versions.add(requireInt(reply, v, "version"));
        }
        return List.copyOf(versions);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads end once it is
        // unreachable. Dropping the caches and refusing further calls is what is left to do.
        closed = true;
        idsBySubjectSchema.clear();
        schemasById.clear();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + baseUrl + "]";
    }

    // ---- HTTP with retries ------------------------------------------------------------------

    private Reply send(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri)
                        .timeout(options.requestTimeout())
                        .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        String call = method + " " + uri;
        try {
            return retry.call(
                    call,
                    options.maxAttempts(),
                    e -> e instanceof Unavailable,
                    (attempt, e, wait) ->
                            log.warn(
                                    "Schema registry call {} failed (attempt {}/{}): {}; retrying"
                                            + " in {} ms",
                                    call,
                                    attempt,
                                    options.maxAttempts(),
                                    e.getMessage(),
                                    wait.toMillis()),
                    () -> attempt(request, call));
        } catch (Unavailable e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptException("Interrupted while waiting to retry " + call);
            }
            throw new SchemaRegistryUnavailableException(
                    "Schema registry at "
                            + baseUrl
                            + " is unavailable: "
                            + call
                            + " failed "
                            + options.maxAttempts()
                            + (options.maxAttempts() == 1 ? " time" : " times")
                            + ", last with: "
                            + e.getMessage()
                            + ". Check that "
                            + URL_SETTING
                            + " points at the registry's Confluent-compatible API (e.g."
                            + " http://127.0.0.1:8081/apis/ccompat/v7) and that the registry is"
                            + " running.",
                    e.getCause());
        }
    }

    /** One request: a reply below 500, or {@link Unavailable} (retried). */
    private Reply attempt(HttpRequest request, String call) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(call, response.statusCode(), response.body());
            if (reply.status() < 500) {
                return reply;
            }
            throw new Unavailable("HTTP " + reply.status() + " " + reply.bodyExcerpt(), null);
        } catch (HttpTimeoutException e) {
            throw new Unavailable("no answer within the timeout (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new Unavailable(describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("Interrupted while calling " + call, e);
        }
    }

    /** A failed attempt that may succeed when retried. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String failure, Throwable cause) {
            super(failure, cause, false, false);
        }
    }

    /** The first non-empty message in the cause chain, with its exception type. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        if (e instanceof ConnectException) {
            // The JDK client's ConnectException carries no message, not even "refused".
            return "ConnectException (could not connect: nothing listening there, or host"
                    + " unreachable)";
        }
        return e.getClass().getSimpleName();
    }

    // ---- responses ----------------------------------------------------------------------------

    /** One HTTP answer; JSON parsed lazily. */
    private final class Reply {
        private final String call;
        private final int status;
        private final String body;
        private JsonNode parsed;

        Reply(String call, int status, String body) {
            this.call = call;
            this.status = status;
            this.body = body == null ? "" : body;
        }

        int status() {
            return status;
        }

        String call() {
            return call;
        }

        JsonNode json() {
            if (parsed == null) {
                try {
                    parsed = json.readTree(body);
                } catch (JsonProcessingException e) {
                    throw new SchemaRegistryResponseException(
                            "Schema registry at "
                                    + baseUrl
                                    + " answered "
                                    + call
                                    + " with HTTP "
                                    + status
                                    + " and a body that is not JSON: "
                                    + bodyExcerpt()
                                    + ". Is "
                                    + URL_SETTING
                                    + " the URL of a schema registry?",
                            e);
                }
                if (parsed == null || parsed.isMissingNode()) {
                    throw badBody(this, "a JSON body");
                }
            }
            return parsed;
        }

        /** The Confluent {@code error_code} of an error body, or -1 when there is none. */
        int errorCode() {
            JsonNode node = jsonOrNull();
            return node != null && node.path("error_code").canConvertToInt()
                    ? node.path("error_code").asInt()
                    : -1;
        }

        /** The registry's error message, or the start of the body. */
        String errorMessage() {
            JsonNode node = jsonOrNull();
            if (node != null && node.path("message").isTextual()) {
                return "HTTP " + status + ": " + node.path("message").asText();
            }
            return "HTTP " + status + (body.isBlank() ? "" : ": " + bodyExcerpt());
        }

        private JsonNode jsonOrNull() {
            try {
                JsonNode node = json.readTree(body);
                return node != null && node.isObject() ? node : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        String bodyExcerpt() {
            String oneLine = body.replaceAll("\\s+", " ").strip();
            return oneLine.length() <= BODY_EXCERPT_CHARS
                    ? "'" + oneLine + "'"
                    : "'" + oneLine.substring(0, BODY_EXCERPT_CHARS) + "...'";
        }
    }

    private SchemaRegistryResponseException unexpected(Reply reply, String doing) {
        String hint =
                reply.status() == 401 || reply.status() == 403
                        ? " The registry requires credentials, which this client does not send."
                        : "";
        return new SchemaRegistryResponseException(
                "Schema registry at "
                        + baseUrl
                        + " answered "
                        + reply.call()
                        + " ("
                        + doing
                        + ") with "
                        + reply.errorMessage()
                        + "."
                        + hint);
    }

    private SchemaRegistryResponseException badBody(Reply reply, String expected) {
        return new SchemaRegistryResponseException(
                "Schema registry at "
                        + baseUrl
                        + " answered "
                        + reply.call()
                        + " with HTTP "
                        + reply.status()
                        + " but not with "
                        + expected
                        + ": "
                        + reply.bodyExcerpt());
    }

    private SchemaRegistryResponseException notTheApiRoot(Reply reply) {
        return new SchemaRegistryResponseException(
                "Schema registry URL "
                        + baseUrl
                        + " does not look like the root of a Confluent-compatible API: "
                        + reply.call()
                        + " answered "
                        + reply.errorMessage()
                        + ". Set "
                        + URL_SETTING
                        + " to the API root, for Apicurio http://HOST:PORT/apis/ccompat/v7.");
    }

    private int requireInt(Reply reply, JsonNode node, String what) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw badBody(reply, "an integer '" + what + "'");
        }
        return node.asInt();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String normalise(String baseUrl) {
        String example = "e.g. http://127.0.0.1:8081/apis/ccompat/v7";
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "The schema registry URL is empty: set "
                            + URL_SETTING
                            + " to the registry's Confluent-compatible API root, "
                            + example);
        }
        String url = baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The schema registry URL '"
                            + baseUrl
                            + "' is not a valid URL ("
                            + example
                            + ")",
                    e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "The schema registry URL '"
                            + baseUrl
                            + "' must be an http:// or https:// URL with a host ("
                            + example
                            + "); check "
                            + URL_SETTING);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(
                    "The schema registry URL '"
                            + baseUrl
                            + "' must not have a query or fragment ("
                            + example
                            + ")");
        }
        return url;
    }

    private record SubjectSchema(String subject, String schemaJson) {}
}
