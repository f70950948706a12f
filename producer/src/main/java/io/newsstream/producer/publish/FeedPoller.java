package io.newsstream.producer.publish;

import io.newsstream.common.retry.RetryPolicy;
import io.newsstream.producer.feed.ArticleSource;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedDocument;
import io.newsstream.producer.feed.FeedState;
import io.newsstream.producer.feed.FeedType;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.PolledFeed;
import io.newsstream.producer.feed.SourceItem;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polling mode: fetches each configured feed at its interval with a conditional GET and publishes
 * the items it has not handled before, so that a restart neither re-sends nor skips items.
 *
 * <p>Per poll of a feed: load its {@link FeedState}; GET with {@code If-None-Match} / {@code
 * If-Modified-Since}; on 304, or a body identical to the last one handled, nothing more. Else the
 * feed type reads the body, items whose key (article id, or origin of a rejected entry) is in the
 * state are dropped, the rest go through a {@link PublishRun} (articles to the raw-articles Kafka
 * topic, rejections to the dead-letter topic), and each item Kafka acknowledged (or that was
 * dead-lettered) is marked seen. The validators and body hash are saved only when every item was
 * handled, so a partly failed poll fetches and retries the rest next time; the state file is
 * written after the records are acknowledged (at-least-once: a crash in between re-sends those
 * items once, keyed by the same article id).
 *
 * <p>Errors (unreachable host, HTTP error status) are logged each time, dead-lettered on the first
 * failure of a streak, and back the feed off: the wait doubles from its interval up to the maximum
 * backoff. Runs on the calling thread until {@link #stop()}.
 */
public final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    /** What one poll of a feed did. */
    public enum Outcome {
        /** 304 Not Modified. */
        NOT_MODIFIED,
        /** A body identical to the last one handled. */
        UNCHANGED,
        /** New items went through a publish run (see its result). */
        PUBLISHED,
        /** The body had no item not handled before. */
        NOTHING_NEW,
        /** The feed could not be fetched. */
        FAILED
    }

    /**
     * @param feedId the feed
     * @param outcome what happened
     * @param run the publish run of new items, or {@code null}
     */
    public record PollResult(String feedId, Outcome outcome, RunResult run) {
        /** Articles published by this poll. */
        public int published() {
            return run == null ? 0 : run.published();
        }
    }

    private final List<PolledFeed> feeds;
    private final FeedTypes types;
    private final Function<PolledFeed, FeedContext> contexts;
    private final HttpFetcher fetcher;
    private final KafkaPublisher<RawArticle> raw;
    private final KafkaPublisher<DeadLetter> deadLetters;
    private final Path stateDir;
    private final int progressEvery;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Map<String, Integer> failureStreak = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public FeedPoller(
            List<PolledFeed> feeds,
            FeedTypes types,
            Function<PolledFeed, FeedContext> contexts,
            HttpFetcher fetcher,
            KafkaPublisher<RawArticle> raw,
            KafkaPublisher<DeadLetter> deadLetters,
            Path stateDir,
            int progressEvery,
            Duration maxBackoff,
            Clock clock) {
        this.feeds = List.copyOf(feeds);
        this.types = types;
        this.contexts = contexts;
        this.fetcher = fetcher;
        this.raw = raw;
        this.deadLetters = deadLetters;
        this.stateDir = stateDir;
        this.progressEvery = progressEvery;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        for (PolledFeed f : feeds) {
            if (!types.knows(f.type())) {
                types.get(f.type()); // throws, naming the known types
            }
        }
    }

    /** Polls every feed once, in order. */
    public List<PollResult> pollAllOnce() {
        List<PollResult> results = new ArrayList<>();
        for (PolledFeed f : feeds) {
            results.add(pollOnce(f));
        }
        return results;
    }

    /** Polls each feed when it is due, until {@link #stop()}. */
    public void run() {
        Map<String, Instant> due = new HashMap<>();
        Instant now = clock.instant();
        for (PolledFeed f : feeds) {
            due.put(f.id(), now);
        }
        log.info("Polling {} feed(s); state in {}", feeds.size(), stateDir.toAbsolutePath());
        while (stopped.getCount() > 0) {
            Instant next = null;
            for (PolledFeed f : feeds) {
                if (stopped.getCount() == 0) {
                    return;
                }
                if (!clock.instant().isBefore(due.get(f.id()))) {
                    PollResult r = pollOnce(f);
                    due.put(f.id(), clock.instant().plus(wait(f, r.outcome())));
                }
                Instant d = due.get(f.id());
                next = next == null || d.isBefore(next) ? d : next;
            }
            long millis = Math.max(10, Duration.between(clock.instant(), next).toMillis());
            try {
                if (stopped.await(millis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes {@link #run()} return after the poll in progress. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * How long to wait before polling the feed again: its interval; after failures, the interval
     * doubled per failure in a row, with jitter, at most {@code producer.poll-max-backoff} ({@link
     * RetryPolicy}).
     */
    Duration wait(PolledFeed feed, Outcome outcome) {
        if (outcome != Outcome.FAILED) {
            return feed.interval();
        }
        int streak = failureStreak.getOrDefault(feed.id(), 1);
        Duration first = feed.interval().multipliedBy(2);
        return RetryPolicy.exponential(
                        first.compareTo(maxBackoff) > 0 ? maxBackoff : first, maxBackoff)
                .delay(streak);
    }

    /** One conditional GET of the feed and the publishing of its new items. */
    public PollResult pollOnce(PolledFeed feed) {
        FeedState state = FeedState.load(stateDir, feed.id());
        HttpFetcher.Response response;
        try {
            response = fetcher.get(feed.url(), state.etag(), state.lastModified());
        } catch (IOException e) {
            return failed(feed, "Cannot fetch the feed: " + e, e.getClass().getName(), null);
        }
        if (response.notModified()) {
            log.debug("{}: not modified", feed.id());
            return done(feed, Outcome.NOT_MODIFIED, null);
        }
        if (!response.ok()) {
            return failed(
                    feed,
                    "HTTP " + response.status() + ": check the feed URL (it may have moved)",
                    null,
                    response.body());
        }
        String hash = sha256(response.body());
        if (hash.equals(state.bodyHash())) {
            state.validators(response.etag(), response.lastModified(), hash);
            state.save();
            return done(feed, Outcome.UNCHANGED, null);
        }
        FeedDocument document =
                new FeedDocument(
                        feed.url().toString(), response.body(), response.contentType(), null);
        FeedType type = types.forDocument(feed.type(), document);
        List<SourceItem> items;
        try {
            items = DocumentSource.typed(type.read(document, contexts.apply(feed)), type);
        } catch (RuntimeException e) {
            items =
                    List.of(
                            new SourceItem.Rejected(
                                    document.origin(),
                                    "Feed type '" + type.name() + "' failed: " + e,
                                    e.getClass().getName(),
                                    document.bytes()));
        }
        List<SourceItem> fresh = new ArrayList<>();
        for (SourceItem item : items) {
            if (!state.seen(key(item))) {
                fresh.add(item);
            }
        }
        if (fresh.isEmpty()) {
            state.validators(response.etag(), response.lastModified(), hash);
            state.save();
            return done(feed, Outcome.NOTHING_NEW, null);
        }
        List<SourceItem> handedOut = new ArrayList<>();
        ArticleSource source = new ListSource(type.name(), fresh, handedOut);
        RunResult result =
                new PublishRun(raw, deadLetters, feed.id(), progressEvery, clock).publish(source);
        Set<String> failed = new HashSet<>();
        for (PublishFailure f : result.failures()) {
            if (f.articleId() != null && PublishRun.isRecordSpecific(f.cause())) {
                continue; // refused by Kafka, and dead-lettered: handled
            }
            failed.add(f.articleId() != null ? f.articleId() : f.origin());
        }
        for (SourceItem item : handedOut) {
            String key = key(item);
            if (!failed.contains(key) && !failed.contains(item.origin())) {
                state.markSeen(key);
            }
        }
        if (failed.isEmpty() && handedOut.size() == fresh.size()) {
            state.validators(response.etag(), response.lastModified(), hash);
        } else {
            // Something was not handled: fetch in full next time and retry it.
            state.validators(null, null, null);
        }
        state.save();
        if (result.deadLettered() > 0) {
            log.warn(
                    "{}: {} (the reasons: ./newsstream tail {} --from-beginning, or the log)",
                    feed.id(),
                    result.summary(),
                    deadLetters.kafkaTopic());
        } else {
            log.info("{}: {}", feed.id(), result.summary());
        }
        return done(feed, Outcome.PUBLISHED, result);
    }

    /** What marks an item handled: its article id, or the origin of a rejection. */
    static String key(SourceItem item) {
        return item instanceof SourceItem.Parsed p ? p.article().id() : item.origin();
    }

    private PollResult done(PolledFeed feed, Outcome outcome, RunResult run) {
        failureStreak.remove(feed.id());
        return new PollResult(feed.id(), outcome, run);
    }

    private PollResult failed(PolledFeed feed, String reason, String errorClass, byte[] body) {
        int streak = failureStreak.merge(feed.id(), 1, Integer::sum);
        log.warn(
                "{}: {} ({}; failure {} in a row, next try in {})",
                feed.id(),
                reason,
                feed.url(),
                streak,
                wait(feed, Outcome.FAILED));
        RunResult run = null;
        if (streak == 1) {
            ArticleSource source =
                    new ListSource(
                            "feed",
                            List.of(
                                    new SourceItem.Rejected(
                                            feed.url().toString(),
                                            "UNREACHABLE: " + reason,
                                            errorClass,
                                            body == null || body.length == 0 ? null : body)),
                            new ArrayList<>());
            run = new PublishRun(raw, deadLetters, feed.id(), progressEvery, clock).publish(source);
        }
        return new PollResult(feed.id(), Outcome.FAILED, run);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The new items of one poll, recording which ones the run took. */
    private record ListSource(String sourceType, List<SourceItem> items, List<SourceItem> handedOut)
            implements ArticleSource {
        @Override
        public int expectedCount() {
            return items.size();
        }

        @Override
        public Iterator<SourceItem> iterator() {
            Iterator<SourceItem> it = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public SourceItem next() {
                    SourceItem item = it.next();
                    handedOut.add(item);
                    return item;
                }
            };
        }
    }
}
