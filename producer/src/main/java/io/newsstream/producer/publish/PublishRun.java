package io.newsstream.producer.publish;

import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.ArticleSource;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.SourceItem;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@link ArticleSource} to the end and publishes what it yields: each parsed article as a
 * {@link RawArticle} (key: article id) on the raw-articles Kafka topic, each rejected input as a
 * {@link DeadLetter} (key: its source) on the dead-letter Kafka topic.
 *
 * <p>Failures are reported, never swallowed: every record Kafka does not acknowledge is a {@link
 * PublishFailure} in the {@link RunResult}, and logged. An article Kafka refuses for a reason of
 * its own (larger than the topic's message size, not serializable) is dead-lettered instead, with
 * an excerpt so that the dead letter fits, and counts as dead-lettered, not failed. A failure that
 * would fail every record (broker unreachable, registry down, delivery timeout) stops the run: the
 * remaining inputs are left unread and counted.
 *
 * <p>Progress is logged every {@code progressEvery} inputs. Not thread-safe: one run at a time.
 */
public final class PublishRun {

    private static final Logger log = LoggerFactory.getLogger(PublishRun.class);

    /** Failures logged one by one; more are only counted in the summary. */
    private static final int LOGGED_FAILURES = 20;

    /** Completed sends are dropped from the pending list every this many inputs. */
    private static final int PRUNE_EVERY = 1000;

    private final KafkaPublisher<RawArticle> raw;
    private final KafkaPublisher<DeadLetter> deadLetters;
    private final String feedId;
    private final int progressEvery;
    private final Clock clock;

    public PublishRun(
            KafkaPublisher<RawArticle> raw,
            KafkaPublisher<DeadLetter> deadLetters,
            String feedId,
            int progressEvery,
            Clock clock) {
        this.raw = raw;
        this.deadLetters = deadLetters;
        this.feedId = feedId;
        this.progressEvery = progressEvery;
        this.clock = clock;
    }

    /** An article Kafka refused on its own account: dead-lettered after the flush. */
    private record Refused(String origin, RawArticle article, Throwable cause) {}

    public RunResult publish(ArticleSource source) {
        AtomicInteger published = new AtomicInteger();
        AtomicInteger deadLettered = new AtomicInteger();
        AtomicReference<Throwable> stop = new AtomicReference<>();
        List<PublishFailure> failures = Collections.synchronizedList(new ArrayList<>());
        Queue<Refused> refused = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        int expected = source.expectedCount();
        int read = 0;

        Iterator<SourceItem> items = source.iterator();
        while (stop.get() == null && items.hasNext()) {
            SourceItem item = items.next();
            read++;
            if (item instanceof SourceItem.Parsed parsed) {
                RawArticle article =
                        RawArticles.from(
                                parsed.article(),
                                feedIdOf(parsed),
                                parsed.sourceType() != null
                                        ? parsed.sourceType()
                                        : source.sourceType(),
                                clock.instant());
                if (parsed.article().publishedAt() != null && article.getPublishedAt() == null) {
                    log.warn(
                            "Implausible publication time {} of {} dropped (kept as unknown): not"
                                    + " after 1970 or more than {} after the fetch",
                            parsed.article().publishedAt(),
                            parsed.origin(),
                            RawArticles.MAX_PUBLISHED_AHEAD);
                }
                pending.add(
                        raw.publish(article)
                                .whenComplete(
                                        (metadata, error) -> {
                                            if (error == null) {
                                                published.incrementAndGet();
                                                return;
                                            }
                                            Throwable cause = unwrap(error);
                                            if (isRecordSpecific(cause)) {
                                                refused.add(
                                                        new Refused(
                                                                parsed.origin(), article, cause));
                                            } else {
                                                stop.compareAndSet(null, cause);
                                                failures.add(
                                                        failure(
                                                                parsed.origin(),
                                                                article.getId(),
                                                                raw.kafkaTopic(),
                                                                cause));
                                            }
                                        }));
            } else if (item instanceof SourceItem.Rejected rejected) {
                log.warn(
                        "Not an article, dead-lettered: {}: {}",
                        rejected.origin(),
                        rejected.reason());
                pending.add(
                        deadLetter(
                                DeadLetters.of(
                                        rejected.origin(),
                                        rejected.reason(),
                                        rejected.errorClass(),
                                        rejected.payload(),
                                        clock.instant()),
                                deadLettered,
                                failures,
                                stop));
            }
            if (read % PRUNE_EVERY == 0) {
                // Only sends still in flight need waiting for: a long import keeps no more
                // futures than Kafka's buffer holds records, not one per article read.
                pending.removeIf(CompletableFuture::isDone);
            }
            if (read % progressEvery == 0) {
                log.info(
                        "Progress: {}{} inputs read, {} published, {} dead-lettered, {} failed so far",
                        read,
                        expected >= 0 ? "/" + expected : "",
                        published.get(),
                        deadLettered.get(),
                        failures.size());
            }
        }
        boolean stoppedEarly = items.hasNext();

        raw.flush();
        awaitAll(pending);
        pending.clear();
        for (Refused r : refused) {
            // The dead letter keeps only an excerpt, so that it fits where the article did not;
            // once it is written the article is accounted for (a dead letter, not a failure).
            byte[] text =
                    (r.article().getTitle() + "\n\n" + r.article().getBody())
                            .getBytes(StandardCharsets.UTF_8);
            log.warn(
                    "Article refused by Kafka, dead-lettered: {}: {}",
                    r.origin(),
                    r.cause().toString());
            pending.add(
                    deadLetter(
                            DeadLetters.withExcerpt(
                                    r.origin(),
                                    refusedReason(r, text.length),
                                    r.cause().getClass().getName(),
                                    text,
                                    clock.instant()),
                            deadLettered,
                            failures,
                            stop));
        }
        deadLetters.flush();
        awaitAll(pending);

        int notRead = 0;
        if (stoppedEarly) {
            notRead = expected >= 0 ? Math.max(0, expected - read) : 0;
            log.error(
                    "Stopped after a failure that would fail every record: {}. {} inputs not read."
                            + " Check the broker ({}) and the schema registry are up, then run"
                            + " again: re-publishing is idempotent per article id.",
                    stop.get().toString(),
                    notRead,
                    raw.kafkaTopic());
        }
        RunResult result =
                new RunResult(read, published.get(), deadLettered.get(), notRead, failures);
        logFailures(result);
        if (result.ok()) {
            log.info("Done: {}", result.summary());
        } else {
            log.error("Done with failures: {}", result.summary());
        }
        return result;
    }

    private String refusedReason(Refused r, int textBytes) {
        boolean tooLarge =
                r.cause() instanceof RecordTooLargeException
                        || r.cause() instanceof RecordBatchTooLargeException;
        return (tooLarge ? "TOO_LARGE: " : "REFUSED: ")
                + "Kafka refused the article "
                + r.article().getId()
                + " on "
                + raw.kafkaTopic()
                + ": "
                + r.cause().getMessage()
                + ". Only the first "
                + DeadLetters.EXCERPT_CHARS
                + " characters of its "
                + textBytes
                + " bytes of text are kept here (payloadExcerpt)"
                + (tooLarge
                        ? "; raise the topic's max.message.bytes and the producer's"
                                + " max.request.size if such articles are wanted."
                        : ".");
    }

    private CompletableFuture<?> deadLetter(
            DeadLetter letter,
            AtomicInteger deadLettered,
            List<PublishFailure> failures,
            AtomicReference<Throwable> stop) {
        return deadLetters
                .publish(letter)
                .whenComplete(
                        (metadata, error) -> {
                            if (error == null) {
                                deadLettered.incrementAndGet();
                                return;
                            }
                            Throwable cause = unwrap(error);
                            if (!isRecordSpecific(cause)) {
                                stop.compareAndSet(null, cause);
                            }
                            failures.add(
                                    failure(
                                            letter.getSource(),
                                            null,
                                            deadLetters.kafkaTopic(),
                                            cause));
                        });
    }

    private static void awaitAll(List<CompletableFuture<?>> futures) {
        // Outcomes are recorded by each future's own handler; here we only wait for them.
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .handle((v, e) -> null)
                .join();
    }

    private static void logFailures(RunResult result) {
        int n = 0;
        for (PublishFailure f : result.failures()) {
            if (n++ == LOGGED_FAILURES) {
                log.error(
                        "... and {} more failed records",
                        result.failures().size() - LOGGED_FAILURES);
                break;
            }
            log.error("Not written: {}", f, f.cause());
        }
    }

    private static PublishFailure failure(
            String origin, String articleId, String kafkaTopic, Throwable cause) {
        return new PublishFailure(origin, articleId, kafkaTopic, advice(cause), cause);
    }

    /** The failure's message with what to do about it. */
    static String advice(Throwable cause) {
        String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException) {
            return what
                    + " (the article is larger than the producer's max.request.size or the"
                    + " topic's max.message.bytes; it goes to the dead-letter topic instead)";
        }
        if (cause instanceof SerializationException) {
            return what + " (the record could not be serialized; check the schema registry)";
        }
        return what;
    }

    /**
     * Whether the failure is about this record alone (too large, unserializable), so the next
     * record may well succeed; other failures (timeouts, an unreachable broker or registry,
     * authorization) would fail every record.
     */
    public static boolean isRecordSpecific(Throwable cause) {
        if (cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException) {
            return true;
        }
        // Registry trouble (unreachable, refusing the schema) fails every record of the type;
        // any other serialization failure is about this record's content.
        return cause instanceof SerializationException
                && !(cause instanceof SchemaRegistryException);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * The feed id of an item: the configured one, except that an RSS or Atom entry read under the
     * default id ("file") is stamped with its feed: the feed's URL, or its file name.
     */
    String feedIdOf(SourceItem.Parsed item) {
        boolean feedEntry = "rss".equals(item.sourceType()) || "atom".equals(item.sourceType());
        if (!feedEntry || !ProducerAppConfig.FEED_ID.defaultValue().equals(feedId)) {
            return feedId;
        }
        String origin = item.origin();
        int hash = origin.indexOf('#');
        String document = hash < 0 ? origin : origin.substring(0, hash);
        if (DocumentSource.isUrl(document)) {
            return document;
        }
        String name =
                document.substring(
                        Math.max(document.lastIndexOf('/'), document.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? feedId : name;
    }
}
