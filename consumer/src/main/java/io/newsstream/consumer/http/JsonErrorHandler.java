package io.newsstream.consumer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.newsstream.consumer.http.ApiJson.ErrorJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages as the API's JSON error, {@code {"status": 414, "error": "..."}}, for the
 * requests Jetty refuses before they reach a route: a URI or headers too long (414, 431), an
 * ambiguous or undecodable path such as {@code /%2e%2e/} or {@code %ZZ} (400). Without it these
 * answers are HTML pages that API clients cannot read.
 */
final class JsonErrorHandler extends org.eclipse.jetty.server.handler.ErrorHandler {

    /** The same for errors inside the servlet context Javalin runs in. */
    static final class InContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause)
                throws IOException {
            return writeJson(response, callback, code, message);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            return jsonBadMessage(status, reason, fields);
        }
    }

    @Override
    protected boolean generateAcceptableResponse(
            Request request,
            Response response,
            Callback callback,
            String contentType,
            List<Charset> charsets,
            int code,
            String message,
            Throwable cause)
            throws IOException {
        return writeJson(response, callback, code, message);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return jsonBadMessage(status, reason, fields);
    }

    static boolean writeJson(Response response, Callback callback, int code, String message) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        return true;
    }

    static ByteBuffer jsonBadMessage(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        String what = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        String error = "The request was refused before reaching the API: " + what + advice(status);
        try {
            return JsonViews.JSON.writeValueAsBytes(new ErrorJson(status, error));
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + ",\"error\":\"" + status + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String advice(int status) {
        return switch (status) {
            case 414 ->
                    " (the URI is too long: search queries are at most "
                            + ViewHttpServer.MAX_QUERY_CHARS
                            + " characters)";
            case 431 -> " (the request headers are too large)";
            case 400 -> " (check the path and the percent-encoding of the URI)";
            default -> "";
        };
    }
}
