package io.newsstream.producer.feed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HttpServer on 127.0.0.1 serving fixed bodies by path, for tests (never the internet). Each
 * path may carry an ETag and a Last-Modified; conditional GETs get 304 when they match, unless
 * validators are switched off. Counts requests and 304s.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A response body with its headers. */
    public record Page(
            int status, String contentType, byte[] body, String etag, String lastModified) {}

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger notModified = new AtomicInteger();
    private volatile boolean honourValidators = true;

    public LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    requests.incrementAndGet();
                    Page page = pages.get(exchange.getRequestURI().getPath());
                    if (page == null) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    var h = exchange.getResponseHeaders();
                    if (page.contentType() != null) {
                        h.add("Content-Type", page.contentType());
                    }
                    if (page.etag() != null) {
                        h.add("ETag", page.etag());
                    }
                    if (page.lastModified() != null) {
                        h.add("Last-Modified", page.lastModified());
                    }
                    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
                    String ifModified = exchange.getRequestHeaders().getFirst("If-Modified-Since");
                    if (honourValidators
                            && (page.etag() != null && page.etag().equals(ifNoneMatch)
                                    || page.lastModified() != null
                                            && page.lastModified().equals(ifModified))) {
                        notModified.incrementAndGet();
                        exchange.sendResponseHeaders(304, -1);
                        exchange.close();
                        return;
                    }
                    exchange.sendResponseHeaders(
                            page.status(), page.body().length == 0 ? -1 : page.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(page.body());
                    }
                });
        server.start();
    }

    public LocalHttpServer serve(String path, Page page) {
        pages.put(path, page);
        return this;
    }

    public LocalHttpServer serve(String path, String contentType, byte[] body) {
        return serve(path, new Page(200, contentType, body, null, null));
    }

    /** Whether conditional GETs get 304 (a server that ignores them always sends 200). */
    public void honourValidators(boolean honour) {
        this.honourValidators = honour;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
