package io.newsstream.consumer.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseHandler;
import io.javalin.json.JavalinJackson;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.common.newstopic.NewsTopicCatalog.NewsTopicInfo;
import io.newsstream.consumer.http.ApiJson.ArticleJson;
import io.newsstream.consumer.http.ApiJson.ArticlePageJson;
import io.newsstream.consumer.http.ApiJson.DayJson;
import io.newsstream.consumer.http.ApiJson.EntitiesJson;
import io.newsstream.consumer.http.ApiJson.EntityJson;
import io.newsstream.consumer.http.ApiJson.ErrorJson;
import io.newsstream.consumer.http.ApiJson.HealthJson;
import io.newsstream.consumer.http.ApiJson.NewsTopicJson;
import io.newsstream.consumer.http.ApiJson.SearchHitJson;
import io.newsstream.consumer.http.ApiJson.SearchJson;
import io.newsstream.consumer.http.ApiJson.StoryJson;
import io.newsstream.consumer.http.ApiJson.TimelineJson;
import io.newsstream.consumer.metrics.Metrics;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.DuplicateRow;
import io.newsstream.consumer.view.EntityCount;
import io.newsstream.consumer.view.NewsTopicStats;
import io.newsstream.consumer.view.ViewStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
 *   <li>{@code GET /api/topics/{topic}/articles?limit=&offset=&from=&to=}: one page of a news
 *       topic's articles, newest first, optionally within a time range; 404 for an unknown news
 *       topic, 400 for a bad parameter.
 *   <li>{@code GET /api/topics/{topic}/articles/{id}}: one story with its whole enrichment, its
 *       duplicates and every outlet that carried it.
 *   <li>{@code GET /api/topics/{topic}/timeline?from=&to=}: articles per UTC day.
 *   <li>{@code GET /api/topics/{topic}/entities?limit=}: the entities its articles name most.
 *   <li>{@code GET /api/search?q=&topic=&limit=&offset=}: articles containing every word of q.
 *   <li>{@code GET /api/events}, {@code GET /api/topics/{topic}/events}: Server-Sent Events of new
 *       stories (all news topics, or one), see {@link LiveUpdates}; only for requests that accept
 *       {@code text/event-stream} (406 otherwise).
 *   <li>{@code GET /health}: 200 when {@link HealthCheck} says ready, else 503.
 *   <li>{@code GET /}: the web page ({@code src/main/resources/web}), with {@code /app.js} and
 *       {@code /app.css}.
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

    /**
     * Largest accepted {@code offset}: a deeper page costs the store a scan of every row before it
     * (OFFSET), so a client cannot make one request walk a whole large view.
     */
    public static final int MAX_OFFSET = 100_000;

    /** Entities listed per news topic in {@code GET /api/topics}. */
    public static final int TOP_ENTITIES = 5;

    /** Longest accepted search query, in characters. */
    public static final int MAX_QUERY_CHARS = 200;

    private static final String EVENT_STREAM = "text/event-stream";
    private static final String WEB = "web/";

    private final ViewStore store;
    private final NewsTopicCatalog catalog;
    private final HealthCheck health;
    private final LiveUpdates live;
    private final ObjectMapper json;
    private final Javalin app;
    private boolean ownsLive;

    private ViewHttpServer(
            ViewStore store,
            NewsTopicCatalog catalog,
            HealthCheck health,
            LiveUpdates live,
            Metrics metrics) {
        this.store = Objects.requireNonNull(store);
        this.catalog = Objects.requireNonNull(catalog);
        this.health = Objects.requireNonNull(health);
        this.live = Objects.requireNonNull(live);
        this.json = JsonViews.JSON;
        this.app =
                Javalin.create(
                        cfg -> {
                            cfg.startup.showJavalinBanner = false;
                            // Requests Jetty refuses itself (414, 431, bad paths) answer JSON too.
                            cfg.jetty.modifyServer(
                                    server -> server.setErrorHandler(new JsonErrorHandler()));
                            cfg.jetty.modifyServletContextHandler(
                                    context ->
                                            context.setErrorHandler(
                                                    new JsonErrorHandler.InContext()));
                            cfg.jsonMapper(new JavalinJackson(json, false));
                            cfg.routes.get("/", ctx -> resource(ctx, "index.html", "text/html"));
                            cfg.routes.get(
                                    "/app.js", ctx -> resource(ctx, "app.js", "text/javascript"));
                            cfg.routes.get("/app.css", ctx -> resource(ctx, "app.css", "text/css"));
                            cfg.routes.get("/health", this::health);
                            cfg.routes.get("/api/topics", this::newsTopics);
                            cfg.routes.get("/api/topics/{topic}/articles", this::articles);
                            cfg.routes.get("/api/topics/{topic}/articles/{id}", this::story);
                            cfg.routes.get("/api/topics/{topic}/timeline", this::timeline);
                            cfg.routes.get("/api/topics/{topic}/entities", this::entities);
                            cfg.routes.get("/api/topics/{topic}/events", this::newsTopicEvents);
                            cfg.routes.get("/api/events", this::allEvents);
                            cfg.routes.get("/api/search", this::search);
                            cfg.routes.exception(BadRequest.class, this::badRequest);
                            cfg.routes.exception(
                                    HttpResponseException.class, this::httpResponseError);
                            cfg.routes.exception(NotFound.class, this::notFound);
                            cfg.routes.exception(Exception.class, this::serverError);
                            if (metrics != null) {
                                MetricsRoutes.install(cfg, metrics);
                            }
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
        return start(store, catalog, health, host, port, null);
    }

    /**
     * As above, also serving {@code GET /metrics} and timing every request into {@code metrics}
     * (null for neither).
     */
    public static ViewHttpServer start(
            ViewStore store,
            NewsTopicCatalog catalog,
            HealthCheck health,
            String host,
            int port,
            Metrics metrics) {
        LiveUpdates live = new LiveUpdates();
        try {
            ViewHttpServer server = start(store, catalog, health, live, host, port, metrics);
            server.ownsLive = true;
            return server;
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /**
     * Starts serving, with live updates from {@code live} (which the caller registers with the view
     * updater and closes).
     */
    public static ViewHttpServer start(
            ViewStore store,
            NewsTopicCatalog catalog,
            HealthCheck health,
            LiveUpdates live,
            String host,
            int port) {
        return start(store, catalog, health, live, host, port, null);
    }

    /**
     * As above, also serving {@code GET /metrics} and timing every request into {@code metrics}
     * (null for neither).
     */
    public static ViewHttpServer start(
            ViewStore store,
            NewsTopicCatalog catalog,
            HealthCheck health,
            LiveUpdates live,
            String host,
            int port,
            Metrics metrics) {
        ViewHttpServer server = new ViewHttpServer(store, catalog, health, live, metrics);
        server.app.start(host, port);
        log.info("View HTTP API listening on http://{}:{}/", host, server.port());
        return server;
    }

    /** The bound port (the actual one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Stops serving; also closes the live updates when this server created them. */
    @Override
    public void close() {
        app.stop();
        if (ownsLive) {
            live.close();
        }
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

    private NewsTopicJson entry(
            String id,
            String name,
            String description,
            String kind,
            Map<String, NewsTopicStats> stats) {
        NewsTopicStats s = stats.get(id);
        return s == null
                ? new NewsTopicJson(id, name, description, kind, 0, null, null, List.of())
                : new NewsTopicJson(
                        id,
                        name,
                        description,
                        kind,
                        s.articleCount(),
                        s.firstSeen(),
                        s.lastSeen(),
                        entityJson(store.topEntities(id, TOP_ENTITIES)));
    }

    private static List<EntityJson> entityJson(List<EntityCount> entities) {
        return entities.stream()
                .map(e -> new EntityJson(e.name(), e.type(), e.articles(), e.mentions()))
                .toList();
    }

    private void articles(Context ctx) {
        String newsTopic = knownNewsTopic(ctx);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        Instant from = timeParam(ctx, "from");
        Instant to = timeParam(ctx, "to");
        requireRange(from, to);
        long total =
                from == null && to == null
                        ? store.countArticles(newsTopic)
                        : store.countArticles(newsTopic, from, to);
        ctx.json(
                new ArticlePageJson(
                        newsTopic,
                        total,
                        limit,
                        offset,
                        from,
                        to,
                        articleJson(
                                newsTopic, store.articles(newsTopic, from, to, limit, offset))));
    }

    private List<ArticleJson> articleJson(String newsTopic, List<ArticleRow> rows) {
        Map<String, List<DuplicateRow>> duplicates =
                store.duplicatesOf(newsTopic, rows.stream().map(ArticleRow::id).toList());
        List<ArticleJson> out = new ArrayList<>();
        for (ArticleRow r : rows) {
            out.add(JsonViews.article(r, duplicates.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    private void story(Context ctx) {
        String newsTopic = knownNewsTopic(ctx);
        String id = ctx.pathParam("id");
        ArticleRow r =
                store.article(newsTopic, id)
                        .orElseThrow(
                                () ->
                                        new NotFound(
                                                "No article '"
                                                        + id
                                                        + "' under news topic '"
                                                        + newsTopic
                                                        + "'; list them with GET /api/topics/"
                                                        + newsTopic
                                                        + "/articles"));
        List<DuplicateRow> duplicates =
                store.duplicatesOf(newsTopic, List.of(id)).getOrDefault(id, List.of());
        ctx.json(
                new StoryJson(
                        newsTopic,
                        JsonViews.article(r, duplicates),
                        parse(r.enrichmentJson()),
                        duplicates.stream().map(JsonViews::duplicate).toList(),
                        JsonViews.outlets(r, duplicates)));
    }

    private void timeline(Context ctx) {
        String newsTopic = knownNewsTopic(ctx);
        Instant from = timeParam(ctx, "from");
        Instant to = timeParam(ctx, "to");
        requireRange(from, to);
        List<DayJson> days =
                store.timeline(newsTopic, from, to).stream()
                        .map(d -> new DayJson(d.day(), d.articles()))
                        .toList();
        ctx.json(new TimelineJson(newsTopic, from, to, days));
    }

    private void entities(Context ctx) {
        String newsTopic = knownNewsTopic(ctx);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.json(new EntitiesJson(newsTopic, entityJson(store.topEntities(newsTopic, limit))));
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("Query parameter 'q' is required: the words to search for");
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw new BadRequest(
                    "Query parameter 'q' must be at most "
                            + MAX_QUERY_CHARS
                            + " characters, got "
                            + q.length());
        }
        String newsTopic = ctx.queryParam("topic");
        if (newsTopic != null) {
            requireKnown(newsTopic);
        }
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        List<ArticleRow> rows;
        try {
            rows = store.search(q, newsTopic, limit, offset);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Query parameter 'q' is not a usable search: " + e.getMessage());
        }
        List<SearchHitJson> hits = new ArrayList<>();
        for (ArticleRow r : rows) {
            List<DuplicateRow> duplicates =
                    store.duplicatesOf(r.newsTopic(), List.of(r.id()))
                            .getOrDefault(r.id(), List.of());
            hits.add(new SearchHitJson(r.newsTopic(), JsonViews.article(r, duplicates)));
        }
        ctx.json(new SearchJson(q, newsTopic, limit, offset, hits));
    }

    private void newsTopicEvents(Context ctx) throws Exception {
        events(ctx, knownNewsTopic(ctx));
    }

    private void allEvents(Context ctx) throws Exception {
        events(ctx, null);
    }

    /** Javalin streams SSE only when the request accepts exactly {@code text/event-stream}. */
    private void events(Context ctx, String newsTopic) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !EVENT_STREAM.equals(accept.strip())) {
            ctx.status(406)
                    .json(
                            new ErrorJson(
                                    406,
                                    "This is a Server-Sent Events stream: send the header"
                                            + " 'Accept: text/event-stream' (browsers' EventSource"
                                            + " does)"));
            return;
        }
        new SseHandler(client -> live.subscribe(client, newsTopic)).handle(ctx);
    }

    /** The {@code topic} path parameter, or 404 when it names no known news topic. */
    private String knownNewsTopic(Context ctx) {
        String newsTopic = ctx.pathParam("topic");
        requireKnown(newsTopic);
        return newsTopic;
    }

    private void requireKnown(String newsTopic) {
        if (!isKnown(newsTopic)) {
            List<String> known = new ArrayList<>(catalog.ids());
            known.add(NewsTopicCatalog.UNCLASSIFIED);
            throw new NotFound(
                    "Unknown news topic '"
                            + newsTopic
                            + "'; known news topics: "
                            + String.join(", ", known));
        }
    }

    private boolean isKnown(String newsTopic) {
        return NewsTopicCatalog.UNCLASSIFIED.equals(newsTopic)
                || catalog.find(newsTopic).isPresent();
    }

    /**
     * An ISO-8601 time ({@code 2011-05-03T09:00:00Z}, an offset is allowed) or a UTC date ({@code
     * 2011-05-03}, meaning its start); null when absent.
     */
    private static Instant timeParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    "Query parameter '"
                            + name
                            + "' must be an ISO-8601 time such as 2011-05-03T09:00:00Z or a date"
                            + " such as 2011-05-03, got '"
                            + raw
                            + "'");
        }
    }

    private static void requireRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequest(
                    "Query parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
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

    private static JsonNode parse(String text) {
        return JsonViews.parse(text);
    }

    private void health(Context ctx) {
        HealthCheck.Health h = health.check();
        ctx.status(h.up() ? 200 : 503).json(new HealthJson(h.up() ? "UP" : "DOWN", h.details()));
    }

    /** Serves a file of the web page from the classpath ({@code web/}). */
    private static void resource(Context ctx, String name, String contentType) throws IOException {
        try (InputStream in =
                ViewHttpServer.class.getClassLoader().getResourceAsStream(WEB + name)) {
            if (in == null) {
                throw new NotFound("The web page's " + name + " is missing from the build");
            }
            ctx.contentType(contentType + "; charset=utf-8")
                    .header("Cache-Control", "no-cache")
                    .result(in.readAllBytes());
        }
    }

    private void badRequest(BadRequest e, Context ctx) {
        ctx.status(400).json(new ErrorJson(400, e.getMessage()));
    }

    private void notFound(NotFound e, Context ctx) {
        ctx.status(404).json(new ErrorJson(404, e.getMessage()));
    }

    /** Javalin's own refusals (no such endpoint, method not allowed) in the API's error shape. */
    private void httpResponseError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String message =
                status == 404
                        ? "No such endpoint: "
                                + ctx.method()
                                + " "
                                + ctx.path()
                                + "; the API serves GET /api/topics, /api/topics/{topic}/articles,"
                                + " /api/search and /health (see the README)"
                        : e.getMessage();
        ctx.status(status).json(new ErrorJson(status, message));
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

    /** A request for something the view does not have, with the reason for the client. */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** A request the API refuses, with the reason for the client. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
