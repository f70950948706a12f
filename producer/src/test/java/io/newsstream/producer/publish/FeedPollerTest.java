package io.newsstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.LocalHttpServer;
import io.newsstream.producer.feed.PolledFeed;
import io.newsstream.producer.publish.FeedPoller.Outcome;
import io.newsstream.producer.publish.FeedPoller.PollResult;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPollerTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir Path stateDir;
    private LocalHttpServer http;
    private final ScriptedProducer<DeadLetter> deadLetterProducer = ScriptedProducer.acceptingAll();

    @BeforeEach
    void start() throws IOException {
        http = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private static byte[] feed(int items) {
        StringBuilder sb =
                new StringBuilder(
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Polled | Outlet</title>"
                                + "<link>https://polled.example/</link>");
        for (int i = 1; i <= items; i++) {
            sb.append("<item><title>Story ")
                    .append(i)
                    .append("</title><link>https://polled.example/story-")
                    .append(i)
                    .append("</link><description>Text of story ")
                    .append(i)
                    .append(
                            ".</description><pubDate>Wed, 03 Jan 2018 13:47:00 GMT</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void serveFeed(int items, String etag) {
        http.serve(
                "/feed.rss",
                new LocalHttpServer.Page(
                        200, "application/rss+xml; charset=utf-8", feed(items), etag, null));
    }

    private PolledFeed polled() {
        return new PolledFeed("polled", http.uri("/feed.rss"), Duration.ofMinutes(5), "auto", null);
    }

    private FeedPoller poller(ScriptedProducer<RawArticle> rawProducer, PolledFeed feed) {
        return new FeedPoller(
                List.of(feed),
                FeedTypes.builtIn(),
                f -> new FeedContext(f.outlet(), null),
                new HttpFetcher(Duration.ofSeconds(5), 1 << 20),
                KafkaPublisher.rawArticles(rawProducer, KafkaTopics.RAW_ARTICLES),
                KafkaPublisher.deadLetters(deadLetterProducer, KafkaTopics.DEAD_LETTERS),
                stateDir,
                100,
                Duration.ofHours(1),
                CLOCK);
    }

    @Test
    void restartingAPollingProducerOverAnUnchangedFeedPublishesNothingNew() {
        serveFeed(3, "\"v1\"");
        ScriptedProducer<RawArticle> first = ScriptedProducer.acceptingAll();
        PollResult before = poller(first, polled()).pollOnce(polled());
        assertThat(before.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(first.history())
                .extracting(ProducerRecord::key)
                .containsExactly(
                        "https://polled.example/story-1",
                        "https://polled.example/story-2",
                        "https://polled.example/story-3");
        assertThat(first.history().get(0).value().getFeedId()).isEqualTo("polled");
        assertThat(first.history().get(0).value().getOutlet()).isEqualTo("Outlet");

        // A new process: a new poller, the same state directory.
        ScriptedProducer<RawArticle> second = ScriptedProducer.acceptingAll();
        PollResult after = poller(second, polled()).pollOnce(polled());

        assertThat(after.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(http.notModified.get()).isEqualTo(1);
        assertThat(second.history()).isEmpty();
    }

    @Test
    void withoutConditionalGetSupportTheSeenItemsStillPreventResending() {
        serveFeed(3, null);
        http.honourValidators(false);
        poller(ScriptedProducer.acceptingAll(), polled()).pollOnce(polled());

        ScriptedProducer<RawArticle> second = ScriptedProducer.acceptingAll();
        assertThat(poller(second, polled()).pollOnce(polled()).outcome())
                .isEqualTo(Outcome.UNCHANGED);
        // The feed changes, but only by one new item: only that one is sent.
        serveFeed(4, null);
        PollResult changed = poller(second, polled()).pollOnce(polled());

        assertThat(changed.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(second.history())
                .extracting(ProducerRecord::key)
                .containsExactly("https://polled.example/story-4");
    }

    @Test
    void itemsKafkaDidNotAcknowledgeAreSentAgainOnTheNextPollAndNoneIsSkipped() {
        serveFeed(3, "\"v1\"");
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        ScriptedProducer<RawArticle> flaky =
                new ScriptedProducer<>(
                        r ->
                                brokerDown.get() && r.key().endsWith("story-2")
                                        ? new TimeoutException("broker away")
                                        : null);
        FeedPoller poller = poller(flaky, polled());

        PollResult failing = poller.pollOnce(polled());
        assertThat(failing.run().ok()).isFalse();
        brokerDown.set(false);
        PollResult retry = poller(flaky, polled()).pollOnce(polled());

        assertThat(retry.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(flaky.history())
                .extracting(ProducerRecord::key)
                .filteredOn(k -> k.endsWith("story-2"))
                .hasSize(2);
        assertThat(flaky.history())
                .extracting(ProducerRecord::key)
                .filteredOn(k -> k.endsWith("story-1"))
                .hasSize(1);
        assertThat(flaky.history().stream().map(ProducerRecord::key).distinct())
                .containsExactlyInAnyOrder(
                        "https://polled.example/story-1",
                        "https://polled.example/story-2",
                        "https://polled.example/story-3");
    }

    @Test
    void anUnreachableFeedIsDeadLetteredOnceAndBackedOff() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PolledFeed down =
                new PolledFeed(
                        "down",
                        URI.create("http://127.0.0.1:" + closedPort + "/feed.rss"),
                        Duration.ofMinutes(5),
                        "rss",
                        null);
        FeedPoller poller = poller(ScriptedProducer.acceptingAll(), down);

        assertThat(poller.pollOnce(down).outcome()).isEqualTo(Outcome.FAILED);
        // The interval doubled per failure, +-25 % jitter, never above the maximum.
        assertThat(poller.wait(down, Outcome.FAILED))
                .isBetween(Duration.ofMillis(450_000), Duration.ofMillis(750_000));
        assertThat(poller.pollOnce(down).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(poller.wait(down, Outcome.FAILED))
                .isBetween(Duration.ofMinutes(15), Duration.ofMinutes(25));
        for (int i = 0; i < 6; i++) {
            poller.pollOnce(down);
        }
        assertThat(poller.wait(down, Outcome.FAILED))
                .isBetween(Duration.ofMinutes(45), Duration.ofHours(1));

        assertThat(deadLetterProducer.history()).hasSize(1);
        DeadLetter letter = deadLetterProducer.history().get(0).value();
        assertThat(letter.getSource()).isEqualTo(down.url().toString());
        assertThat(letter.getReason()).startsWith("UNREACHABLE").contains("Cannot fetch");
    }

    @Test
    void feedsFileLinesGiveIdUrlIntervalTypeAndOutlet() {
        PolledFeed f =
                PolledFeed.parseLine(
                        "id = guardian-us; url = https://www.theguardian.com/us-news/rss;"
                                + " interval = 90s; type = rss; outlet = The Guardian");
        assertThat(f.id()).isEqualTo("guardian-us");
        assertThat(f.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(f.type()).isEqualTo("rss");
        assertThat(f.outlet()).isEqualTo("The Guardian");
        PolledFeed d = PolledFeed.parseLine("url = https://example.com/a/feed.xml");
        assertThat(d.id()).isEqualTo("example.com-a-feed.xml");
        assertThat(d.interval()).isEqualTo(PolledFeed.DEFAULT_INTERVAL);
        assertThat(d.type()).isEqualTo("auto");
    }
}
