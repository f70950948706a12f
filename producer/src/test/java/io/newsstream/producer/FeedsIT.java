package io.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.article.ArticleFileParser;
import io.newsstream.common.article.ArticleHints;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.producer.feed.LocalHttpServer;
import io.newsstream.producer.parse.FeedParser;
import io.newsstream.producer.parse.FeedParser.FeedEntry;
import io.newsstream.producer.parse.FeedParser.ParsedFeed;
import io.newsstream.producer.publish.FeedPoller;
import io.newsstream.producer.publish.RunResult;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.testkit.ReutersCorpus;
import io.newsstream.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feed ingestion against the real broker and schema registry: every shared feed and seed published
 * with the expected counts and fields, bad inputs dead-lettered with a non-zero exit, a polling
 * producer restarted over an unchanged feed publishing nothing new, and the throughput of a
 * one-shot import of the Reuters corpus split into files.
 */
class FeedsIT {

    private static final Logger log = LoggerFactory.getLogger(FeedsIT.class);

    private RealInfrastructure infra;
    private String rawKafkaTopic;
    private String deadLetterKafkaTopic;
    private ProducerAppConfig config;

    @TempDir Path dir;

    @BeforeEach
    void topicsOfItsOwn() {
        infra = RealInfrastructure.get();
        rawKafkaTopic = RealInfrastructure.uniqueName(KafkaTopics.RAW_ARTICLES);
        deadLetterKafkaTopic = RealInfrastructure.uniqueName(KafkaTopics.DEAD_LETTERS);
        infra.createTopics(List.of(rawKafkaTopic, deadLetterKafkaTopic), 3);
        config = ProducerAppConfig.of(settings(Map.of()));
    }

    private Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        s.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        s.put(TopicNames.RAW_ARTICLES.name(), rawKafkaTopic);
        s.put(TopicNames.DEAD_LETTERS.name(), deadLetterKafkaTopic);
        s.put(ProducerAppConfig.FEED_ID.name(), "it-feeds");
        s.putAll(more);
        return s;
    }

    private static List<Path> sharedFeedFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> d =
                Files.newDirectoryStream(SharedData.feeds(), "*.{rss,atom}")) {
            d.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    @Test
    void everySharedFeedAndSeedIsPublishedWithItsFieldsAndEntriesWithoutTitleOrLinkAreDeadLettered()
            throws Exception {
        // What the parser makes of each file is the expectation; the shared feeds' README says
        // which oddities they carry.
        Map<String, String> expectedSourceTypeById = new HashMap<>();
        int expectedArticles = 0;
        int expectedRejected = 0;
        FeedParser parser = new FeedParser();
        for (Path f : sharedFeedFiles()) {
            ParsedFeed feed = parser.parse(Files.readAllBytes(f), null, null);
            for (FeedEntry e : feed.entries()) {
                if (e.article() == null) {
                    expectedRejected++;
                } else {
                    expectedArticles++;
                    expectedSourceTypeById.put(e.article().id(), feed.format());
                }
            }
        }
        ArticleFileParser seeds = new ArticleFileParser();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(SharedData.seeds(), "*.txt")) {
            for (Path seed : d) {
                expectedArticles++;
                expectedSourceTypeById.put(
                        seeds.parse(
                                        Files.readAllBytes(seed),
                                        ArticleHints.fromSource(seed.getFileName().toString()))
                                .id(),
                        "article-file");
            }
        }
        assertThat(expectedRejected)
                .as("missing-fields.atom has an entry with neither title nor link")
                .isPositive();

        RunResult result =
                ProducerApp.runLocations(
                        config,
                        List.of(SharedData.feeds().toString(), SharedData.seeds().toString()));

        assertThat(result.failures()).isEmpty();
        assertThat(result.published()).isEqualTo(expectedArticles);
        assertThat(result.deadLettered()).isEqualTo(expectedRejected);
        Map<String, RawArticle> raw = lastByKey(rawKafkaTopic, RawArticle.class);
        assertThat(raw.keySet())
                .containsExactlyInAnyOrderElementsOf(expectedSourceTypeById.keySet());
        raw.forEach(
                (id, a) -> {
                    assertThat(a.getId()).isEqualTo(id);
                    assertThat(a.getSourceType()).isEqualTo(expectedSourceTypeById.get(id));
                    assertThat(a.getFeedId()).isEqualTo("it-feeds");
                    assertThat(a.getTitle()).isNotBlank().doesNotContain("<b>", "&lt;", "&amp;");
                });
        List<RawArticle> portuguese =
                raw.values().stream().filter(a -> "pt".equals(a.getLanguage())).toList();
        assertThat(portuguese)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.getPublishedAt()).isNotNull())
                .anySatisfy(a -> assertThat(a.getTitle()).contains("Mãe"));
        assertThat(raw.values())
                .filteredOn(
                        a -> "rss".equals(a.getSourceType()) || "atom".equals(a.getSourceType()))
                .extracting(RawArticle::getOutlet)
                .contains("The Guardian");
        Map<String, DeadLetter> letters = lastByKey(deadLetterKafkaTopic, DeadLetter.class);
        assertThat(letters).hasSize(expectedRejected);
        assertThat(letters.values())
                .allSatisfy(
                        l -> {
                            assertThat(l.getSource()).contains("missing-fields.atom#");
                            assertThat(l.getReason()).contains("neither a title nor a link");
                            assertThat(l.getPayloadExcerpt()).contains("<entry");
                        });
    }

    @Test
    void deadLettersExitStatusSettingLetsASupervisorTellRefusedInputsFromFailures()
            throws Exception {
        // docker-compose restarts the producer on a non-zero status and sets this to 0.
        Path malformed =
                Files.writeString(
                        dir.resolve("refused.rss"), "<rss><channel><item></channel></rss>");
        List<String> args = new ArrayList<>();
        settings(Map.of(ProducerAppConfig.DEAD_LETTERS_EXIT_STATUS.name(), "0"))
                .forEach(
                        (k, v) -> {
                            args.add("--set");
                            args.add(k + "=" + v);
                        });
        args.add(malformed.toString());
        args.add(
                SharedData.seeds()
                        .resolve("voa-2021-10-pakistan-us-airspace-talks.txt")
                        .toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status =
                ProducerApp.execute(
                        args.toArray(String[]::new),
                        Map.of(),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 input(s) were not articles");
    }

    @Test
    void badInputsAreDeadLetteredWithTheirReasonsAndTheCommandLineExitsNonZeroWithTheCount()
            throws Exception {
        Path malformed =
                Files.writeString(
                        dir.resolve("malformed.rss"),
                        "<rss><channel><item><title>x</channel></rss>");
        Path klingon =
                Files.writeString(
                        dir.resolve("klingon.rss"),
                        "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss version=\"2.0\"><channel/></rss>");
        Path empty = Files.write(dir.resolve("empty.xml"), new byte[0]);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/feed.rss";
        List<String> args = new ArrayList<>();
        settings(Map.of())
                .forEach(
                        (k, v) -> {
                            args.add("--set");
                            args.add(k + "=" + v);
                        });
        args.addAll(
                List.of(
                        malformed.toString(),
                        klingon.toString(),
                        empty.toString(),
                        unreachable,
                        SharedData.seeds()
                                .resolve("voa-2021-10-pakistan-us-airspace-talks.txt")
                                .toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status =
                ProducerApp.execute(
                        args.toArray(String[]::new),
                        Map.of(),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(ProducerApp.EXIT_DEAD_LETTERS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("4 input(s) were not articles", "1 articles published");
        Map<String, DeadLetter> letters = lastByKey(deadLetterKafkaTopic, DeadLetter.class);
        assertThat(letters.get(malformed.toAbsolutePath().toString()).getReason())
                .startsWith("MALFORMED");
        assertThat(letters.get(klingon.toAbsolutePath().toString()).getReason())
                .startsWith("UNSUPPORTED_ENCODING")
                .contains("x-klingon");
        assertThat(letters.get(klingon.toAbsolutePath().toString()).getPayloadExcerpt())
                .contains("x-klingon");
        assertThat(letters.get(empty.toAbsolutePath().toString()).getReason()).startsWith("EMPTY");
        assertThat(letters.get(unreachable).getReason()).startsWith("UNREACHABLE");
        assertThat(lastByKey(rawKafkaTopic, RawArticle.class)).hasSize(1);
    }

    /**
     * Every bad-input class in one command-line run on the real broker, with the raw-articles Kafka
     * topic limited to 64 KiB per message: an article over it (broker refuses) and one over the
     * producer's 1 MiB request size (client refuses) are dead-lettered TOO_LARGE with an excerpt,
     * like the other bad inputs with their codes; the good article given last is published, and the
     * exit status is 3 (dead letters, no failure).
     */
    @Test
    void everyBadInputClassIsCountedAsArticlesOrDeadLettersByReasonAndTheArticleAfterThemArrives()
            throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers()))) {
            admin.incrementalAlterConfigs(
                            Map.of(
                                    new ConfigResource(ConfigResource.Type.TOPIC, rawKafkaTopic),
                                    List.of(
                                            new AlterConfigOp(
                                                    new ConfigEntry(
                                                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                                            String.valueOf(64 * 1024)),
                                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        java.util.Random random = new java.util.Random(3);
        Map<String, String> expectedCode = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        java.util.function.BiConsumer<Path, String> bad =
                (file, code) -> {
                    inputs.add(file.toString());
                    expectedCode.put(file.toAbsolutePath().toString(), code);
                };
        bad.accept(
                Files.writeString(
                        dir.resolve("malformed.rss"),
                        "<rss><channel><item><title>x</channel></rss>"),
                "MALFORMED");
        byte[] guardian = Files.readAllBytes(SharedData.feeds().resolve("guardian_us.rss"));
        bad.accept(
                Files.write(
                        dir.resolve("truncated.rss"),
                        java.util.Arrays.copyOf(guardian, guardian.length / 2)),
                "MALFORMED");
        bad.accept(
                Files.writeString(
                        dir.resolve("klingon.rss"),
                        "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss version=\"2.0\"><channel/></rss>"),
                "UNSUPPORTED_ENCODING");
        byte[] junk = new byte[8192];
        random.nextBytes(junk);
        bad.accept(Files.write(dir.resolve("junk.xml"), junk), "UNDECODABLE");
        bad.accept(Files.write(dir.resolve("empty.txt"), new byte[0]), "EMPTY");
        Path big = dir.resolve("big.rss");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L << 20);
        }
        bad.accept(big, "TOO_LARGE");
        bad.accept(
                Files.writeString(
                        dir.resolve("page.txt"),
                        "<!DOCTYPE html><html><head></head><body><nav>Home</nav></body></html>"),
                "HTML_PAGE");
        bad.accept(
                Files.writeString(
                        dir.resolve("over-topic-limit.txt"),
                        articleText("Over the topic", 200 * 1024, random)),
                "TOO_LARGE");
        bad.accept(
                Files.writeString(
                        dir.resolve("over-request-size.txt"),
                        articleText("Over the request", 2 << 20, random)),
                "TOO_LARGE");
        Path good = SharedData.seeds().resolve("voa-2021-10-pakistan-us-airspace-talks.txt");
        inputs.add(good.toString());
        List<String> args = new ArrayList<>();
        settings(Map.of())
                .forEach(
                        (k, v) -> {
                            args.add("--set");
                            args.add(k + "=" + v);
                        });
        args.addAll(inputs);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status =
                ProducerApp.execute(
                        args.toArray(String[]::new),
                        Map.of(),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status)
                .as(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(ProducerApp.EXIT_DEAD_LETTERS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        expectedCode.size() + " input(s) were not articles",
                        "1 articles published");
        Map<String, DeadLetter> letters = lastByKey(deadLetterKafkaTopic, DeadLetter.class);
        Map<String, String> codes = new LinkedHashMap<>();
        letters.forEach(
                (source, l) ->
                        codes.put(source, l.getReason().substring(0, l.getReason().indexOf(':'))));
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(expectedCode);
        DeadLetter overTopic =
                letters.get(dir.resolve("over-topic-limit.txt").toAbsolutePath().toString());
        assertThat(overTopic.getReason())
                .contains("Only the first 512 characters", "max.message.bytes");
        assertThat(overTopic.getPayload()).isNull();
        assertThat(overTopic.getPayloadExcerpt()).startsWith("Over the topic");
        Map<String, RawArticle> raw = lastByKey(rawKafkaTopic, RawArticle.class);
        assertThat(raw.values())
                .singleElement()
                .satisfies(a -> assertThat(a.getOutlet()).isEqualTo("VOA"));
        log.info(
                "Bad inputs: {} dead letters by reason {}, {} article",
                letters.size(),
                codes.values(),
                raw.size());
    }

    /**
     * An article file: a headline, then paragraphs of random words (lz4 cannot shrink them much).
     */
    private static String articleText(String headline, int bytes, java.util.Random random) {
        StringBuilder b = new StringBuilder(headline).append("\n\nWASHINGTON (Reuters) - ");
        while (b.length() < bytes) {
            for (int w = 0; w < 60; w++) {
                int len = 2 + random.nextInt(9);
                for (int c = 0; c < len; c++) {
                    b.append((char) ('a' + random.nextInt(26)));
                }
                b.append(' ');
            }
            b.append(".\n\n");
        }
        return b.toString();
    }

    @Test
    void restartingAPollingProducerOverAnUnchangedFeedPublishesNothingNew() throws Exception {
        try (LocalHttpServer http = new LocalHttpServer()) {
            http.serve(
                    "/guardian.rss",
                    new LocalHttpServer.Page(
                            200,
                            "application/rss+xml",
                            Files.readAllBytes(SharedData.feeds().resolve("guardian_us.rss")),
                            "\"g1\"",
                            "Wed, 03 Jan 2018 14:11:52 GMT"));
            Path feedsFile =
                    Files.writeString(
                            dir.resolve("feeds.conf"),
                            "# polled in FeedsIT\nid = guardian-us; url = "
                                    + http.uri("/guardian.rss")
                                    + "; interval = 1m; type = rss; outlet = The Guardian\n");
            ProducerAppConfig polling =
                    ProducerAppConfig.of(
                            settings(
                                    Map.of(
                                            ProducerAppConfig.FEEDS_FILE.name(),
                                                    feedsFile.toString(),
                                            ProducerAppConfig.STATE_DIR.name(),
                                                    dir.resolve("state").toString())));

            int first;
            try (ProducerApp.Polling p = ProducerApp.polling(polling)) {
                first = p.pollAllOnce().get(0).published();
            }
            FeedPoller.PollResult again;
            try (ProducerApp.Polling p = ProducerApp.polling(polling)) {
                again = p.pollAllOnce().get(0);
            }
            // Even when the server ignores the validators, the seen items are not re-sent.
            http.honourValidators(false);
            FeedPoller.PollResult ignored;
            try (ProducerApp.Polling p = ProducerApp.polling(polling)) {
                ignored = p.pollAllOnce().get(0);
            }

            assertThat(first).isPositive();
            assertThat(again.outcome()).isEqualTo(FeedPoller.Outcome.NOT_MODIFIED);
            assertThat(ignored.published()).isZero();
            List<ConsumerRecord<String, RawArticle>> records =
                    readToEnd(rawKafkaTopic, RawArticle.class);
            assertThat(records).hasSize(first);
            assertThat(records)
                    .allSatisfy(
                            r -> {
                                assertThat(r.value().getFeedId()).isEqualTo("guardian-us");
                                assertThat(r.value().getOutlet()).isEqualTo("The Guardian");
                            });
        }
    }

    @Test
    void watchModePublishesFilesAsTheyArriveInTheDirectory() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.copy(
                SharedData.seeds().resolve("voa-2021-10-pakistan-us-airspace-talks.txt"),
                inbox.resolve("voa.txt"));
        int guardianItems =
                new FeedParser()
                        .parse(
                                Files.readAllBytes(SharedData.feeds().resolve("guardian_us.rss")),
                                null,
                                null)
                        .entries()
                        .size();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<RunResult> watching =
                CompletableFuture.supplyAsync(
                        () -> ProducerApp.watch(config, List.of(inbox.toString()), stop));
        try {
            Awaitility.await("the file already there")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> readToEnd(rawKafkaTopic, RawArticle.class).size() == 1);
            Files.copy(
                    SharedData.feeds().resolve("guardian_us.rss"), inbox.resolve("guardian.rss"));
            Files.writeString(inbox.resolve("notes.md"), "not an input");
            Awaitility.await("the feed that arrived")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () ->
                                    readToEnd(rawKafkaTopic, RawArticle.class).size()
                                            == 1 + guardianItems);
        } finally {
            stop.countDown();
        }
        RunResult total = watching.get(60, TimeUnit.SECONDS);

        assertThat(total.published()).isEqualTo(1 + guardianItems);
        assertThat(total.deadLettered()).isZero();
        assertThat(total.ok()).isTrue();
    }

    /**
     * The measured figure: articles/s of a one-shot import of the Reuters-21578 stories (4,000,
     * split into one file each) from a directory. Repeat with: {@code ./mvnw -B -q -pl producer -am
     * verify -Dit.test=FeedsIT#oneShotImportThroughputOfTheReutersCorpus} and read the "Throughput"
     * log line.
     */
    @Test
    void oneShotImportThroughputOfTheReutersCorpus() throws Exception {
        Path split = Path.of("target", "reuters-split");
        int stories = ReutersCorpus.split(split);
        ProducerAppConfig backfill =
                ProducerAppConfig.of(
                        settings(Map.of(ProducerAppConfig.PROGRESS_EVERY.name(), "1000")));

        long start = System.nanoTime();
        RunResult result = ProducerApp.run(backfill, List.of(split));
        double seconds = (System.nanoTime() - start) / 1e9;

        double rate = result.published() / seconds;
        log.info(
                "Throughput: one-shot import of {} Reuters stories: {} published, {} dead-lettered in {}"
                        + " s = {} articles/s",
                stories,
                result.published(),
                result.deadLettered(),
                String.format("%.1f", seconds),
                String.format("%.0f", rate));
        System.out.printf(
                "FeedsIT throughput: %d articles in %.1f s = %.0f articles/s%n",
                result.published(), seconds, rate);
        assertThat(result.failures()).isEmpty();
        assertThat(result.read()).isEqualTo(stories);
        assertThat(result.published() + result.deadLettered()).isEqualTo(stories);
        assertThat(result.published()).isGreaterThan(stories * 9 / 10);
        Set<String> keys = new HashSet<>();
        readToEnd(rawKafkaTopic, RawArticle.class).forEach(r -> keys.add(r.key()));
        assertThat(keys)
                .hasSizeLessThanOrEqualTo(result.published())
                .hasSizeGreaterThan(stories * 8 / 10);
    }

    private <V extends SpecificRecord> Map<String, V> lastByKey(String kafkaTopic, Class<V> type) {
        Map<String, V> byKey = new HashMap<>();
        for (ConsumerRecord<String, V> r : readToEnd(kafkaTopic, type)) {
            byKey.put(r.key(), r.value());
        }
        return byKey;
    }

    private <V extends SpecificRecord> List<ConsumerRecord<String, V>> readToEnd(
            String kafkaTopic, Class<V> type) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl())) {
            Deserializer<V> values = serdes.serde(type, false).deserializer();
            try (KafkaConsumer<String, V> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), values)) {
                List<TopicPartition> partitions =
                        consumer.partitionsFor(kafkaTopic).stream()
                                .map(p -> new TopicPartition(kafkaTopic, p.partition()))
                                .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    assertThat(System.nanoTime())
                            .as("reading %s to its end within 60 s", kafkaTopic)
                            .isLessThan(deadline);
                    for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
