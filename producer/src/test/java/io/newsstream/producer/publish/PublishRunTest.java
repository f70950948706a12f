package io.newsstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ParsedArticle;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.ArticleSource;
import io.newsstream.producer.feed.DocumentSource;
import io.newsstream.producer.feed.FeedContext;
import io.newsstream.producer.feed.FeedTypes;
import io.newsstream.producer.feed.HttpFetcher;
import io.newsstream.producer.feed.SourceItem;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import io.newsstream.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishRunTest {

    private static final Path SEEDS = SharedData.seeds();
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    private ScriptedProducer<RawArticle> rawProducer = ScriptedProducer.acceptingAll();
    private final ScriptedProducer<DeadLetter> deadLetterProducer = ScriptedProducer.acceptingAll();

    private RunResult run(ArticleSource source) {
        PublishRun run =
                new PublishRun(
                        KafkaPublisher.rawArticles(rawProducer, KafkaTopics.RAW_ARTICLES),
                        KafkaPublisher.deadLetters(deadLetterProducer, KafkaTopics.DEAD_LETTERS),
                        "seeds",
                        1,
                        CLOCK);
        return run.publish(source);
    }

    private ArticleSource seedsAndAnEmptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        return new DocumentSource(
                DocumentSource.expand(List.of(SEEDS.toString(), empty.toString()), "*.txt"),
                FeedTypes.builtIn(),
                FeedTypes.AUTO,
                FeedContext.NONE,
                new HttpFetcher(java.time.Duration.ofSeconds(5), 1 << 20),
                1 << 20);
    }

    @Test
    void publishesEachArticleKeyedByItsIdAndDeadLettersTheEmptyFile() throws IOException {
        RunResult result = run(seedsAndAnEmptyFile());

        assertThat(result.ok()).isTrue();
        assertThat(result.read()).isEqualTo(4);
        assertThat(result.published()).isEqualTo(3);
        assertThat(result.deadLettered()).isEqualTo(1);
        List<ProducerRecord<String, RawArticle>> raws = rawProducer.history();
        assertThat(raws).hasSize(3);
        assertThat(raws)
                .allSatisfy(
                        r -> {
                            assertThat(r.topic()).isEqualTo(KafkaTopics.RAW_ARTICLES);
                            assertThat(r.key()).isEqualTo(r.value().getId()).startsWith("sha256:");
                            assertThat(r.value().getSourceType()).isEqualTo("article-file");
                            assertThat(r.value().getFeedId()).isEqualTo("seeds");
                            assertThat(r.value().getFetchedAt()).isEqualTo(CLOCK.instant());
                        });
        assertThat(raws)
                .extracting(r -> r.value().getOutlet())
                .containsExactly("AFP", "The Express Tribune", "VOA");
        ProducerRecord<String, DeadLetter> letter = deadLetterProducer.history().get(0);
        assertThat(letter.topic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
        assertThat(letter.key()).isEqualTo(dir.resolve("empty.txt").toAbsolutePath().toString());
        assertThat(letter.value().getComponent()).isEqualTo("producer");
        assertThat(letter.value().getReason()).startsWith("EMPTY:");
        assertThat(letter.value().getErrorClass()).endsWith("ArticleParseException");
        assertThat(letter.value().getPayloadExcerpt()).isEmpty();
    }

    @Test
    void republishingTheSameFilesGivesTheSameKeys() throws IOException {
        ArticleSource source = seedsAndAnEmptyFile();
        run(source);
        List<String> first = rawProducer.history().stream().map(ProducerRecord::key).toList();
        rawProducer = ScriptedProducer.acceptingAll();
        run(source);
        assertThat(rawProducer.history().stream().map(ProducerRecord::key).toList())
                .isEqualTo(first);
    }

    @Test
    void recordTooLargeIsDeadLetteredWithAnExcerptNotCountedAsAFailureAndTheRunGoesOn()
            throws IOException {
        rawProducer =
                new ScriptedProducer<>(
                        r ->
                                r.value().getOutlet().equals("AFP")
                                        ? new RecordTooLargeException(
                                                "The message is 2000000 bytes")
                                        : null);

        RunResult result = run(seedsAndAnEmptyFile());

        assertThat(result.ok()).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(result.published()).isEqualTo(2);
        assertThat(result.deadLettered()).isEqualTo(2);
        DeadLetter refused = deadLetterProducer.history().get(1).value();
        assertThat(refused.getSource()).endsWith(".txt").contains("afp-");
        assertThat(refused.getReason())
                .startsWith("TOO_LARGE: Kafka refused the article sha256:")
                .contains("2000000 bytes", "Only the first 512 characters", "max.message.bytes");
        assertThat(refused.getErrorClass()).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(refused.getPayloadExcerpt())
                .startsWith("Pakistan intel chief to discuss drones in US")
                .hasSizeLessThanOrEqualTo(DeadLetters.EXCERPT_CHARS);
        assertThat(refused.getPayload()).isNull();
        assertThat(result.summary()).contains("2 dead-lettered", "0 records failed");
    }

    @Test
    void failureThatWouldFailEveryRecordStopsTheRunAndCountsWhatWasNotRead() throws IOException {
        rawProducer =
                new ScriptedProducer<>(
                        r -> new TimeoutException("Topic not present in metadata after 60000 ms."));

        RunResult result = run(seedsAndAnEmptyFile());

        assertThat(result.ok()).isFalse();
        assertThat(result.read()).isEqualTo(1);
        assertThat(result.notRead()).isEqualTo(3);
        assertThat(result.published()).isZero();
        assertThat(result.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.cause()).isInstanceOf(TimeoutException.class));
        assertThat(deadLetterProducer.history()).isEmpty();
        assertThat(result.summary()).contains("3 inputs not read");
    }

    @Test
    void deadLetterThatCannotBeWrittenIsAFailureToo() {
        ScriptedProducer<DeadLetter> failing =
                new ScriptedProducer<>(r -> new RecordTooLargeException("too big"));
        ArticleSource source =
                new ArticleSource() {
                    @Override
                    public String sourceType() {
                        return "test";
                    }

                    @Override
                    public Iterator<SourceItem> iterator() {
                        return List.<SourceItem>of(
                                        new SourceItem.Rejected(
                                                "x", "EMPTY: empty", null, new byte[0]))
                                .iterator();
                    }
                };
        RunResult result =
                new PublishRun(
                                KafkaPublisher.rawArticles(rawProducer, KafkaTopics.RAW_ARTICLES),
                                KafkaPublisher.deadLetters(failing, KafkaTopics.DEAD_LETTERS),
                                "f",
                                100,
                                CLOCK)
                        .publish(source);
        assertThat(result.deadLettered()).isZero();
        assertThat(result.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.kafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS));
    }

    @Test
    void unreachableRegistryStopsTheRunLikeAnUnreachableBroker() throws IOException {
        rawProducer.sendException =
                new SchemaRegistryUnavailableException(
                        "Schema registry at http://x unreachable", null);

        RunResult result = run(seedsAndAnEmptyFile());

        assertThat(result.read()).isEqualTo(1);
        assertThat(result.notRead()).isEqualTo(3);
        assertThat(result.failures())
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.cause())
                                        .isInstanceOf(SchemaRegistryUnavailableException.class));
    }

    @Test
    void recordThatCannotBeSerializedIsDeadLetteredAndTheRunGoesOn() throws IOException {
        rawProducer.sendException = new SerializationException("Cannot serialize this record");

        RunResult result = run(seedsAndAnEmptyFile());

        assertThat(result.read()).isEqualTo(4);
        assertThat(result.notRead()).isZero();
        assertThat(result.failures()).isEmpty();
        assertThat(result.deadLettered()).isEqualTo(4);
        assertThat(deadLetterProducer.history())
                .filteredOn(r -> r.value().getReason().startsWith("REFUSED: Kafka refused"))
                .hasSize(3);
    }

    @Test
    void feedEntriesReadUnderTheDefaultFeedIdAreStampedWithTheirFeed() {
        ParsedArticle article =
                new ParsedArticle(
                        null, null, "T", null, null, null, null, "B", List.of(), List.of(), null,
                        null);
        PublishRun byDefault =
                new PublishRun(
                        KafkaPublisher.rawArticles(rawProducer, KafkaTopics.RAW_ARTICLES),
                        KafkaPublisher.deadLetters(deadLetterProducer, KafkaTopics.DEAD_LETTERS),
                        ProducerAppConfig.FEED_ID.defaultValue(),
                        1,
                        CLOCK);

        assertThat(
                        byDefault.feedIdOf(
                                new SourceItem.Parsed(
                                        "https://news.example/world.rss#https://news.example/a?p=1#c-2",
                                        article,
                                        "rss")))
                .isEqualTo("https://news.example/world.rss");
        assertThat(
                        byDefault.feedIdOf(
                                new SourceItem.Parsed(
                                        "/data/in/world.atom#urn:x:1", article, "atom")))
                .isEqualTo("world.atom");
        assertThat(
                        byDefault.feedIdOf(
                                new SourceItem.Parsed("/data/a.txt", article, "article-file")))
                .isEqualTo("file");
        PublishRun configured =
                new PublishRun(
                        KafkaPublisher.rawArticles(rawProducer, KafkaTopics.RAW_ARTICLES),
                        KafkaPublisher.deadLetters(deadLetterProducer, KafkaTopics.DEAD_LETTERS),
                        "world-desk",
                        1,
                        CLOCK);
        assertThat(configured.feedIdOf(new SourceItem.Parsed("/in/w.rss#1", article, "rss")))
                .isEqualTo("world-desk");
    }
}
