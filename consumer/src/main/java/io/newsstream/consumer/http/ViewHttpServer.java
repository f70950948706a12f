package io.newsstream.consumer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.common.newstopic.NewsTopicCatalog.NewsTopicInfo;
import io.newsstream.consumer.http.ApiJson.ArticleJson;
import io.newsstream.consumer.http.ApiJson.ArticlePageJson;
import io.newsstream.consumer.http.ApiJson.ErrorJson;
import io.newsstream.consumer.http.ApiJson.HealthJson;
import io.newsstream.consumer.http.ApiJson.NewsTopicJson;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.NewsTopicStats;
import io.newsstream.consumer.view.ViewStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's HTTP API (Javalin), read-only over a {@link ViewStore}:
 *
 * <ul>
 *   <li>{@code GET /api/topics}: every configured news topic (even with no articles) in catalogue
 *       order, then the {@code unclassified} bucket, each with its article count and time range.
 *   <li>{@code GET /api/topics/{topic}/articles?limit=&offset=}: one page of a news topic's
 *       articles, newest first; 404 for an unknown news topic, 400 for a bad limit or offset.
 *   <li>{@code GET /health}: 200 when {@link HealthCheck} says ready, else 503.
 *   <li>{@code GET /}: a placeholder page.
 * </ul>
 *
 * Errors are JSON {@code {"status": 404, "error": "..."}}. The JSON shapes are in {@link ApiJson}
 * and the README.
 */
public final class ViewHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewHttpServer.class);

    /** Page size when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 50;

    /** Largest accepted {@code limit}. */
    public static final int MAX_LIMIT = 500;

    private final ViewStore store;
    private final NewsTopicCatalog catalog;
    private final HealthCheck health;
    private final ObjectMapper json;
    private final Javalin app;

    private ViewHttpServer(ViewStore store, NewsTopicCatalog catalog, HealthCheck health) {
        this.store = Objects.requireNonNull(store);
        this.catalog = Objects.requireNonNull(catalog);
        this.health = Objects.requireNonNull(health);
        this.json =
                new ObjectMapper()
                        .registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.app =
                Javalin.create(
                        cfg -> {
                            cfg.startup.showJavalinBanner = false;
                            cfg.jsonMapper(new JavalinJackson(json, false));
                            cfg.routes.get("/", this::index);
                            cfg.routes.get("/health", this::health);
                            cfg.routes.get("/api/topics", this::newsTopics);
                            cfg.routes.get("/api/topics/{topic}/articles", this::articles);
                            cfg.routes.exception(BadRequest.class, this::badRequest);
                            cfg.routes.exception(Exception.class, this::serverError);
                        });
    }

    /**
     * Starts serving.
     *
     * @param host interface to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port TCP port, 0 for any free port (see {@link #port()})
     */
    public static ViewHttpServer start(
            ViewStore store, NewsTopicCatalog catalog, HealthCheck health, String host, int port) {
        ViewHttpServer server = new ViewHttpServer(store, catalog, health);
        server.app.start(host, port);
        log.info("View HTTP API listening on http://{}:{}/", host, server.port());
        return server;
    }

    /** The bound port (the actual one when started with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void newsTopics(Context ctx) {
        Map<String, NewsTopicStats> stats =
                store.newsTopicStats().stream()
                        .collect(Collectors.toMap(NewsTopicStats::newsTopic, Function.identity()));
        List<NewsTopicJson> out = new ArrayList<>();
        for (NewsTopicInfo t : catalog.newsTopics()) {
            out.add(entry(t.id(), t.name(), t.description(), ApiJson.KIND_NEWS_TOPIC, stats));
        }
        out.add(
                entry(
                        NewsTopicCatalog.UNCLASSIFIED,
                        "Unclassified",
                        "Articles that match no configured news topic.",
                        ApiJson.KIND_UNCLASSIFIED,
                        stats));
        ctx.json(out);
    }

    private static NewsTopicJson entry(
            String id,
            String name,
            String description,
            String kind,
            Map<String, NewsTopicStats> stats) {
        NewsTopicStats s = stats.get(id);
        return s == null
                ? new NewsTopicJson(id, name, description, kind, 0, null, null)
                : new NewsTopicJson(
                        id, name, description, kind, s.articleCount(), s.firstSeen(), s.lastSeen());
    }

    private void articles(Context ctx) {
        String newsTopic = ctx.pathParam("topic");
        if (!isKnown(newsTopic)) {
            List<String> known = new ArrayList<>(catalog.ids());
            known.add(NewsTopicCatalog.UNCLASSIFIED);
            ctx.status(404)
                    .json(
                            new ErrorJson(
                                    404,
                                    "Unknown news topic '"
                                            + newsTopic
                                            + "'; known news topics: "
                                            + String.join(", ", known)));
            return;
        }
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        long total = store.countArticles(newsTopic);
        List<ArticleJson> articles = new ArrayList<>();
        for (ArticleRow r : store.articles(newsTopic, limit, offset)) {
            articles.add(
                    new ArticleJson(
                            r.id(),
                            r.title(),
                            r.outlet(),
                            r.url(),
                            r.publishedAt(),
                            r.fetchedAt(),
                            r.processedAt(),
                            r.wordCount(),
                            r.primaryNewsTopic(),
                            parse(r.scoresJson())));
        }
        ctx.json(new ArticlePageJson(newsTopic, total, limit, offset, articles));
    }

    private boolean isKnown(String newsTopic) {
        return NewsTopicCatalog.UNCLASSIFIED.equals(newsTopic)
                || catalog.find(newsTopic).isPresent();
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return dflt;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            value = Integer.MIN_VALUE;
        }
        if (value < min || value > max) {
            throw new BadRequest(
                    "Query parameter '"
                            + name
                            + "' must be an integer from "
                            + min
                            + " to "
                            + max
                            + ", got '"
                            + raw
                            + "'");
        }
        return value;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The view holds invalid scores JSON: " + text, e);
        }
    }

    private void health(Context ctx) {
        HealthCheck.Health h = health.check();
        ctx.status(h.up() ? 200 : 503).json(new HealthJson(h.up() ? "UP" : "DOWN", h.details()));
    }

    private void index(Context ctx) {
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>newsstream</title></head><body><h1>newsstream</h1>")
                .append("<p>The web page is coming; the JSON API is live:</p><ul>")
                .append("<li><a href=\"/api/topics\">/api/topics</a></li>");
        for (String id : catalog.ids()) {
            html.append("<li><a href=\"/api/topics/")
                    .append(id)
                    .append("/articles\">/api/topics/")
                    .append(id)
                    .append("/articles</a></li>");
        }
        html.append("<li><a href=\"/health\">/health</a></li></ul></body></html>");
        ctx.html(html.toString());
    }

    private void badRequest(BadRequest e, Context ctx) {
        ctx.status(400).json(new ErrorJson(400, e.getMessage()));
    }

    private void serverError(Exception e, Context ctx) {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500)
                .json(
                        new ErrorJson(
                                500,
                                "Internal error: "
                                        + e.getMessage()
                                        + "; see the consumer's log for details"));
    }

    /** A request the API refuses, with the reason for the client. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
