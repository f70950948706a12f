package io.newsstream.consumer.http;

import io.javalin.http.sse.SseClient;
import io.newsstream.consumer.http.ApiJson.ArticleEventJson;
import io.newsstream.consumer.http.ApiJson.DuplicateEventJson;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.DuplicateRow;
import io.newsstream.consumer.view.ViewListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the view's committed changes out to Server-Sent-Event clients.
 *
 * <p>A {@link ViewListener}: the view updater calls {@link #committed} right after each database
 * commit; the events are handed to one dispatcher thread, so the poll loop never waits on a client.
 * Each client follows one news topic or all of them. Events:
 *
 * <ul>
 *   <li>{@code ready}: once, when the stream opens; data {@code {"newsTopic": id or null}}.
 *   <li>{@code article}: a story stored (or updated) under a news topic; data {@code {"newsTopic",
 *       "article": <as in GET /api/topics/{topic}/articles>}}. Its {@code duplicateCount} and
 *       {@code outletCount} only count duplicates committed in the same transaction.
 *   <li>{@code duplicate}: another outlet's copy of a story; data {@code {"newsTopic",
 *       "originalId", "duplicate": {...}}}.
 * </ul>
 *
 * A comment line every {@link #HEARTBEAT} keeps proxies from closing idle streams and finds clients
 * that went away. Clients that cannot be written to are dropped.
 */
public final class LiveUpdates implements ViewListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /** Interval of the keep-alive comments. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService dispatcher =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "view-live-updates");
                        t.setDaemon(true);
                        return t;
                    });

    public LiveUpdates() {
        dispatcher.scheduleWithFixedDelay(
                this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A client following {@code newsTopic}, or every news topic when null. */
    private record Subscriber(SseClient client, String newsTopic) {
        boolean follows(String t) {
            return newsTopic == null || newsTopic.equals(t);
        }
    }

    /**
     * Keeps {@code client}'s stream open and sends it the events of {@code newsTopic} (all news
     * topics when null) until it disconnects or this closes.
     */
    void subscribe(SseClient client, String newsTopic) {
        Subscriber s = new Subscriber(client, newsTopic);
        client.keepAlive();
        client.onClose(() -> subscribers.remove(s));
        String ready = JsonViews.write(new ApiJson.ReadyEventJson(newsTopic));
        try {
            // On the dispatcher, like every write: one writer per stream, and "ready" first.
            dispatcher.execute(
                    () -> {
                        subscribers.add(s);
                        send(s, "ready", ready);
                    });
        } catch (RejectedExecutionException e) {
            log.debug("Live updates closed; not following a new client");
        }
    }

    /** Open streams (for health and tests). */
    public int clients() {
        return subscribers.size();
    }

    @Override
    public void committed(List<ArticleRow> rows, List<DuplicateRow> duplicates) {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            dispatcher.execute(() -> dispatch(rows, duplicates));
        } catch (RejectedExecutionException e) {
            log.debug("Live updates closed; not dispatching {} row(s)", rows.size());
        }
    }

    private void dispatch(List<ArticleRow> rows, List<DuplicateRow> duplicates) {
        for (ArticleRow r : rows) {
            List<DuplicateRow> own =
                    duplicates.stream()
                            .filter(
                                    d ->
                                            d.newsTopic().equals(r.newsTopic())
                                                    && d.originalId().equals(r.id()))
                            .toList();
            String data =
                    JsonViews.write(new ArticleEventJson(r.newsTopic(), JsonViews.article(r, own)));
            broadcast(r.newsTopic(), "article", data);
        }
        for (DuplicateRow d : duplicates) {
            String data =
                    JsonViews.write(
                            new DuplicateEventJson(
                                    d.newsTopic(), d.originalId(), JsonViews.duplicate(d)));
            broadcast(d.newsTopic(), "duplicate", data);
        }
    }

    private void broadcast(String newsTopic, String event, String data) {
        for (Subscriber s : subscribers) {
            if (s.follows(newsTopic)) {
                send(s, event, data);
            }
        }
    }

    private void send(Subscriber s, String event, String data) {
        try {
            if (s.client().terminated()) {
                subscribers.remove(s);
                return;
            }
            s.client().sendEvent(event, data);
        } catch (RuntimeException e) {
            log.debug("Dropping a live client that cannot be written to: {}", e.toString());
            subscribers.remove(s);
        }
    }

    private void heartbeat() {
        for (Subscriber s : subscribers) {
            try {
                if (s.client().terminated()) {
                    subscribers.remove(s);
                } else {
                    s.client().sendComment("keep-alive");
                }
            } catch (RuntimeException e) {
                subscribers.remove(s);
            }
        }
    }

    /**
     * Stops the dispatcher and forgets every client. The streams themselves end when the HTTP
     * server stops (closing a stream whose request Jetty has already recycled sends Javalin 7 into
     * an endless loop of exception handlers, so this never closes them itself).
     */
    @Override
    public void close() {
        dispatcher.shutdownNow();
        subscribers.clear();
    }
}
