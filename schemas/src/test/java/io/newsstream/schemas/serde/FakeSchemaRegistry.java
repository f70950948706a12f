package io.newsstream.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A stand-in for the registry's Confluent-compatible API on a local JDK HTTP server, for unit
 * tests: the three endpoints the client uses, Confluent error bodies, request recording and
 * injected failures.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    static final String API_ROOT = "/apis/ccompat/v7";

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String failureMessage = "injected failure";
    private volatile String fixedBody;
    private volatile int fixedStatus;

    // guarded by this
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
    private int nextId;

    FakeSchemaRegistry() throws IOException {
        this(1);
    }

    FakeSchemaRegistry(int firstId) throws IOException {
        this.nextId = firstId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(API_ROOT + "/", this::handle);
        server.start();
    }

    /** The API root, as a client would be configured. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + API_ROOT;
    }

    /** "METHOD path" of every request received, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    int requestCount() {
        return requests.size();
    }

    /** The next {@code count} requests get {@code status} with an error body. */
    void failNext(int count, int status) {
        failNext(count, status, "injected failure");
    }

    /** The next {@code count} requests get this status and error message. */
    void failNext(int count, int status, String message) {
        failureStatus = status;
        failureMessage = message;
        failuresLeft.set(count);
    }

    /** Every request gets this status and body from now on. */
    void answerEverythingWith(int status, String body) {
        fixedStatus = status;
        fixedBody = body;
    }

    /** Serves {@code schema} under {@code id} as if some other producer had registered it. */
    synchronized void put(int id, Schema schema) {
        schemasById.put(id, schema.toString());
        idsBySchema.put(schema.toString(), id);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring(API_ROOT.length());
            requests.add(exchange.getRequestMethod() + " " + path);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                contentTypes.add(contentType);
            }
            if (fixedBody != null) {
                respond(exchange, fixedStatus, fixedBody);
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(
                        exchange,
                        failureStatus,
                        error(failureStatus == 409 ? 40901 : 50001, failureMessage));
                return;
            }
            Matcher register = REGISTER.matcher(path);
            Matcher byId = BY_ID.matcher(path);
            if (register.matches() && exchange.getRequestMethod().equals("POST")) {
                String subject = URLDecoder.decode(register.group(1), StandardCharsets.UTF_8);
                JsonNode body = json.readTree(exchange.getRequestBody());
                Schema schema = new Schema.Parser().parse(body.path("schema").asText());
                respond(exchange, 200, "{\"id\":" + register(subject, schema) + "}");
            } else if (register.matches() && exchange.getRequestMethod().equals("GET")) {
                String subject = URLDecoder.decode(register.group(1), StandardCharsets.UTF_8);
                List<Integer> versions = versions(subject);
                if (versions.isEmpty()) {
                    respond(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
                } else {
                    respond(exchange, 200, json.writeValueAsString(versions));
                }
            } else if (byId.matches() && exchange.getRequestMethod().equals("GET")) {
                String schema = schemaById(Integer.parseInt(byId.group(1)));
                if (schema == null) {
                    respond(exchange, 404, error(40403, "Schema not found"));
                } else {
                    respond(exchange, 200, json.writeValueAsString(Map.of("schema", schema)));
                }
            } else {
                // What Apicurio answers for a path outside its API.
                respond(
                        exchange,
                        404,
                        error(
                                404,
                                "RESTEASY003210: Could not find resource for full path: " + path));
            }
        }
    }

    private synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        Integer id = idsBySchema.get(text);
        if (id == null) {
            id = nextId++;
            idsBySchema.put(text, id);
            schemasById.put(id, text);
        }
        List<Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return id;
    }

    private synchronized List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= idsBySubject.getOrDefault(subject, List.of()).size(); v++) {
            versions.add(v);
        }
        return versions;
    }

    private synchronized String schemaById(int id) {
        return schemasById.get(id);
    }

    private String error(int code, String message) throws IOException {
        return json.writeValueAsString(Map.of("error_code", code, "message", message));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
