package io.newsstream.producer.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches feeds and pages over HTTP(S) with {@link java.net.http.HttpClient}: redirects followed, a
 * connect and a request timeout, conditional GET ({@code If-None-Match}, {@code If-Modified-Since})
 * when validators are given, and a cap on the body size (a larger body is refused, not truncated).
 * Thread-safe.
 */
public final class HttpFetcher {

    /** What the producer says it is. */
    public static final String USER_AGENT = "newsstream-producer/0.1 (+feed reader)";

    /**
     * A response.
     *
     * @param uri the URI asked for
     * @param status the HTTP status
     * @param body the body (empty for 304)
     * @param contentType the {@code Content-Type}, or {@code null}
     * @param etag the {@code ETag}, or {@code null}
     * @param lastModified the {@code Last-Modified}, or {@code null}
     */
    public record Response(
            URI uri,
            int status,
            byte[] body,
            String contentType,
            String etag,
            String lastModified) {

        /** 304: nothing changed since the validators were taken. */
        public boolean notModified() {
            return status == 304;
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The body is larger than {@link #maxBytes()}. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    public HttpFetcher(Duration timeout, long maxBytes) {
        this.client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(timeout)
                        .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** An unconditional GET. */
    public Response get(URI uri) throws IOException {
        return get(uri, null, null);
    }

    /**
     * A GET, conditional on the validators given (either may be {@code null}).
     *
     * @throws IOException when the host cannot be reached, the request times out or the body is too
     *     large ({@link TooLargeException})
     */
    public Response get(URI uri, String etag, String lastModified) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("User-Agent", USER_AGENT)
                        .header(
                                "Accept",
                                "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
                                        + " text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
                        .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching " + uri, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = readCapped(in, uri);
        }
        var headers = response.headers();
        return new Response(
                uri,
                response.statusCode(),
                body,
                headers.firstValue("Content-Type").orElse(null),
                headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").orElse(null));
    }

    private byte[] readCapped(InputStream in, URI uri) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException(
                        uri
                                + " sends more than "
                                + maxBytes
                                + " bytes: not a feed or article page the producer reads (raise"
                                + " producer.max-document-bytes if it really is one).");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
