package io.newsstream.consumer.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.ConsumerApp;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.Attribution;
import io.newsstream.schemas.event.DuplicateKind;
import io.newsstream.schemas.event.DuplicateLink;
import io.newsstream.schemas.event.EnrichedArticle;
import io.newsstream.schemas.event.Entity;
import io.newsstream.schemas.event.EntityType;
import io.newsstream.schemas.event.Evidence;
import io.newsstream.schemas.event.NewsTopicScore;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import io.newsstream.testkit.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page in headless Chromium against a real consumer, broker and registry: the three seed
 * articles appear under their news topics, a story's details show evidence, entities and every
 * outlet, and a story published while the page is open appears without a reload. Saves {@code
 * target/web-page.png} and {@code target/web-page-details.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@link HeadlessChromium#find()}
 * installs them when it can); skipped with a message when they are unavailable.
 */
class WebPageIT {

    private static final Logger log = LoggerFactory.getLogger(WebPageIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AIRSPACE = "airspace-deal";
    private static final String INTEL = "intel-chief-visit";
    private static final String STRIKES = "joint-strikes";

    /** The seeds, as the producer and processor would publish them. */
    private record Seed(
            String file,
            String newsTopic,
            String id,
            String title,
            String outlet,
            Instant published,
            List<String> entities) {}

    private static final List<Seed> SEEDS =
            List.of(
                    new Seed(
                            "voa-2021-10-pakistan-us-airspace-talks.txt",
                            AIRSPACE,
                            "voa-2021-10-airspace",
                            "Pakistan, US Discussing Counterterror Use of Airspace",
                            "VOA",
                            Instant.parse("2021-10-23T12:00:00Z"),
                            List.of(
                                    "Asim Iftikhar Ahmad:PERSON",
                                    "CNN:ORGANIZATION",
                                    "Islamabad:PLACE")),
                    new Seed(
                            "afp-2012-07-pakistan-intel-chief-to-discuss-drones.txt",
                            INTEL,
                            "afp-2012-07-intel-chief",
                            "Pakistan intel chief to discuss drones in US",
                            "AFP",
                            Instant.parse("2012-07-25T12:00:00Z"),
                            List.of(
                                    "Zaheer ul-Islam:PERSON",
                                    "ISI:ORGANIZATION",
                                    "Washington:PLACE")),
                    new Seed(
                            "express-tribune-2012-01-22-pakistan-helps-us-drone-campaign.txt",
                            STRIKES,
                            "tribune-2012-01-22-drones",
                            "How Pakistan helps the US drone campaign",
                            "The Express Tribune",
                            Instant.parse("2012-01-22T06:00:00Z"),
                            List.of(
                                    "Aslam Awan:PERSON",
                                    "Reuters:ORGANIZATION",
                                    "Miramshah:PLACE")));

    private static RealInfrastructure infra;
    private static AvroSerdes serdes;
    private static Optional<HeadlessChromium.Binaries> browser;

    @TempDir Path dir;
    private String prefix;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void infrastructure() {
        browser = HeadlessChromium.find();
        Assumptions.assumeTrue(
                browser.isPresent(),
                "Skipping the browser test: Debian's chromium and chromedriver are not installed"
                        + " and could not be installed; run 'apt-get update && apt-get install -y"
                        + " chromium chromium-driver' (as root)");
        infra = RealInfrastructure.get();
        serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void showsTheSeedsPerNewsTopicTheirDetailsAndANewStoryLive() throws Exception {
        String run = RealInfrastructure.uniqueName("webpage-it") + ".";
        prefix = run + KafkaTopics.ENRICHED_PREFIX;
        List<String> kafkaTopics = new ArrayList<>();
        for (String id : NewsTopicCatalog.loadDefault().ids()) {
            kafkaTopics.add(prefix + id);
        }
        kafkaTopics.add(prefix + NewsTopicCatalog.UNCLASSIFIED);
        kafkaTopics.add(run + KafkaTopics.DUPLICATES);
        kafkaTopics.add(run + KafkaTopics.DEAD_LETTERS);
        infra.createTopics(kafkaTopics, 1);

        KafkaProducer<String, EnrichedArticle> articles = producer(EnrichedArticle.class);
        for (Seed s : SEEDS) {
            articles.send(new ProducerRecord<>(prefix + s.newsTopic(), s.id(), enriched(s))).get();
        }
        // The intel column spans four months (a weekly timeline) and holds an undated story.
        Seed intel = SEEDS.get(1);
        Seed earlier =
                new Seed(
                        intel.file(),
                        INTEL,
                        "intel-2012-03-earlier",
                        "Intel chief's trip first floated",
                        "AFP",
                        Instant.parse("2012-03-12T08:00:00Z"),
                        List.of("ISI:ORGANIZATION"));
        Seed undated =
                new Seed(
                        intel.file(),
                        INTEL,
                        "intel-undated",
                        "An intel chief story without a date",
                        "AFP",
                        null,
                        List.of("ISI:ORGANIZATION"));
        for (Seed s : List.of(earlier, undated)) {
            articles.send(new ProducerRecord<>(prefix + INTEL, s.id(), enriched(s))).get();
        }
        KafkaProducer<String, DuplicateLink> links = producer(DuplicateLink.class);
        Seed strikes = SEEDS.get(2);
        links.send(
                        new ProducerRecord<>(
                                run + KafkaTopics.DUPLICATES,
                                strikes.id(),
                                DuplicateLink.newBuilder()
                                        .setNewsTopic(STRIKES)
                                        .setOriginalId(strikes.id())
                                        .setDuplicateId("reuters-2012-01-22-drones")
                                        .setKind(DuplicateKind.NEAR_DUPLICATE)
                                        .setSimilarity(0.93)
                                        .setOutlet("Reuters")
                                        .setUrl("https://reuters.example/drones")
                                        .setTitle("Pakistan helps US drone campaign: sources")
                                        .setPublishedAt(strikes.published())
                                        .setDetectedAt(Instant.now())
                                        .build()))
                .get();

        Seed voa = SEEDS.get(0);
        links.send(
                        new ProducerRecord<>(
                                run + KafkaTopics.DUPLICATES,
                                voa.id(),
                                DuplicateLink.newBuilder()
                                        .setNewsTopic(AIRSPACE)
                                        .setOriginalId(voa.id())
                                        .setDuplicateId("voa-2021-10-airspace-update")
                                        .setKind(DuplicateKind.NEAR_DUPLICATE)
                                        .setSimilarity(0.9)
                                        .setOutlet("VOA")
                                        .setUrl("https://voa.example/airspace-update")
                                        .setTitle("UPDATE: Pakistan, US discussing airspace use")
                                        .setPublishedAt(voa.published())
                                        .setDetectedAt(Instant.now())
                                        .build()))
                .get();

        ConsumerApp app = startConsumer(run);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            JsonNode topics = get(app, "/api/topics");
                            assertThat(topics.get(0).get("articleCount").asLong()).isEqualTo(1);
                            assertThat(topics.get(1).get("articleCount").asLong()).isEqualTo(3);
                            assertThat(topics.get(2).get("articleCount").asLong()).isEqualTo(1);
                            JsonNode page = get(app, "/api/topics/" + STRIKES + "/articles");
                            assertThat(page.get("articles").get(0).get("outletCount").asInt())
                                    .isEqualTo(2);
                        });

        HeadlessChromium chromium =
                new HeadlessChromium(browser.get(), Path.of("target", "browser"));
        toClose.add(chromium);
        chromium.navigate("http://127.0.0.1:" + app.httpPort() + "/");

        // Every news topic has its column with its seed story: title, outlet, date, outlets.
        for (Seed s : SEEDS) {
            chromium.awaitTrue(
                    s.newsTopic() + " column with its seed story",
                    Duration.ofSeconds(20),
                    "var li = document.querySelector('#topic-' + arguments[0]"
                            + " + ' .story[data-id=\"' + arguments[1] + '\"]');"
                            + " return !!li && li.querySelector('.title').textContent === arguments[2]"
                            + " && li.querySelector('.outlet').textContent === arguments[3];",
                    s.newsTopic(),
                    s.id(),
                    s.title(),
                    s.outlet());
        }
        JsonNode headings =
                chromium.execute(
                        "return Array.from(document.querySelectorAll('.topic-column'))"
                                + ".map(function (c) { return c.getAttribute('data-topic'); });");
        assertThat(headings.toString()).contains(AIRSPACE, INTEL, STRIKES);
        assertThat(
                        chromium.execute(
                                        "return document.querySelector('#topic-"
                                                + STRIKES
                                                + " .story .outlets').textContent;")
                                .asText())
                .isEqualTo("2 copies · 2 outlets");
        // A duplicate from the same outlet: copies, not outlets, and the list shows it.
        assertThat(
                        chromium.execute(
                                        "var o = document.querySelector('#topic-"
                                                + AIRSPACE
                                                + " .story .outlets'); return o.textContent + '|'"
                                                + " + o.classList.contains('has-duplicates');")
                                .asText())
                .isEqualTo("2 copies · 1 outlet|true");
        // Undated: listed last, reading "undated", not the day it was fetched.
        assertThat(
                        chromium.execute(
                                        "return Array.from(document.querySelectorAll('#topic-"
                                                + INTEL
                                                + " .story')).map(function (li) { return"
                                                + " li.getAttribute('data-id') + '=' +"
                                                + " li.querySelector('.date').textContent; });")
                                .toString())
                .isEqualTo(
                        "[\"afp-2012-07-intel-chief=2012-07-25\",\"intel-2012-03-earlier=2012-03-12\","
                                + "\"intel-undated=undated\"]");
        assertThat(
                        chromium.execute(
                                        "return document.querySelector('#topic-"
                                                + STRIKES
                                                + " .story .date').textContent;")
                                .asText())
                .isEqualTo("2012-01-22");
        // The timeline chart is drawn in the page itself, scaled to the data, its axis labelled.
        assertThat(
                        chromium.execute(
                                        "return document.querySelectorAll('#topic-"
                                                + AIRSPACE
                                                + " svg.timeline rect').length;")
                                .asInt())
                .isEqualTo(1);
        // Intel: March to July 2012 is a weekly chart of two bars; the undated story is not in it.
        JsonNode intelTimeline =
                chromium.execute(
                        "var c = document.querySelector('#topic-"
                                + INTEL
                                + "'); var svg = c.querySelector('svg.timeline');"
                                + " return { unit: svg.getAttribute('data-unit'),"
                                + " bars: +svg.getAttribute('data-bars'),"
                                + " drawn: svg.querySelectorAll('rect').length,"
                                + " stories: Array.from(svg.querySelectorAll('rect title'))"
                                + ".map(function (t) { return t.textContent; }),"
                                + " axis: c.querySelector('.timeline-axis').textContent,"
                                + " width: svg.getBoundingClientRect().width };");
        assertThat(intelTimeline.get("unit").asText()).isEqualTo("week");
        assertThat(intelTimeline.get("bars").asInt()).isBetween(19, 21);
        assertThat(intelTimeline.get("drawn").asInt()).isEqualTo(2);
        assertThat(intelTimeline.get("stories").toString())
                .contains("week of 2012-03-12: 1 story", "week of 2012-07-23: 1 story");
        assertThat(intelTimeline.get("axis").asText())
                .contains("2012-03-12", "stories per week", "2012-07-23");
        assertThat(intelTimeline.get("width").asDouble()).isGreaterThan(150);
        chromium.awaitTrue(
                "the live status",
                Duration.ofSeconds(10),
                "return document.getElementById('live-status').textContent === 'live';");
        chromium.screenshot(Path.of("target", "web-page.png"));
        System.out.println(
                "WebPageIT screenshot (columns, timelines): "
                        + Path.of("target", "web-page.png").toAbsolutePath());

        // A story published now appears without a reload.
        chromium.execute("window.__sameDocument = 'yes'; return true;");
        Seed fresh =
                new Seed(
                        SEEDS.get(0).file(),
                        AIRSPACE,
                        "live-airspace-story",
                        "Live: airspace talks resume",
                        "Dawn",
                        Instant.parse("2021-10-24T12:00:00Z"),
                        List.of("Pakistan:PLACE"));
        long sent = System.nanoTime();
        articles.send(new ProducerRecord<>(prefix + AIRSPACE, fresh.id(), enriched(fresh))).get();
        chromium.awaitTrue(
                "the live story in the airspace column",
                Duration.ofSeconds(15),
                "var li = document.querySelector('#topic-"
                        + AIRSPACE
                        + " .story[data-id=\"live-airspace-story\"]');"
                        + " return !!li && li.querySelector('.title').textContent === arguments[0];",
                fresh.title());
        Duration latency = Duration.ofNanos(System.nanoTime() - sent);
        log.info(
                "A new story reached the open page {} ms after it was published",
                latency.toMillis());
        assertThat(chromium.execute("return window.__sameDocument;").asText()).isEqualTo("yes");
        assertThat(
                        chromium.execute(
                                        "return Array.from(document.querySelectorAll('#topic-"
                                                + AIRSPACE
                                                + " .story')).map(function (li) {"
                                                + " return li.getAttribute('data-id'); });")
                                .toString())
                .isEqualTo("[\"live-airspace-story\",\"voa-2021-10-airspace\"]");

        // A story's details: evidence, entities and every outlet that carried it.
        chromium.execute(
                "document.querySelector('#topic-" + STRIKES + " .story').click(); return true;");
        chromium.awaitTrue(
                "the story details",
                Duration.ofSeconds(10),
                "var d = document.getElementById('details');"
                        + " return !d.hidden && d.textContent.indexOf('Carried by 2 copies · 2 outlets') >= 0;");
        String details =
                chromium.execute("return document.getElementById('details').textContent;").asText();
        assertThat(details)
                .contains(strikes.title(), "Evidence", "drone strike", "Entities", "Aslam Awan")
                .contains("Reuters (near duplicate)", "The Express Tribune (original)")
                .contains("threshold 6", "probability 91%");
        // With the details open, the columns wrap rather than scroll sideways: none is cut off.
        JsonNode layout =
                chromium.execute(
                        "var c = document.getElementById('columns'); var r = c.getBoundingClientRect();"
                                + " var cols = Array.from(c.querySelectorAll('.topic-column'));"
                                + " return { overflow: c.scrollWidth - c.clientWidth,"
                                + " cut: cols.filter(function (k) { return"
                                + " k.getBoundingClientRect().right > r.right + 1; }).length,"
                                + " pageOverflow: document.documentElement.scrollWidth - window.innerWidth };");
        assertThat(layout.get("overflow").asInt())
                .as("columns scroll sideways")
                .isLessThanOrEqualTo(0);
        assertThat(layout.get("cut").asInt()).as("columns cut off").isZero();
        assertThat(layout.get("pageOverflow").asInt())
                .as("page scrolls sideways")
                .isLessThanOrEqualTo(0);
        // The VOA story's duplicate is from VOA too: the heading counts copies, not outlets.
        chromium.execute(
                "document.querySelector('#topic-"
                        + AIRSPACE
                        + " .story[data-id=\"voa-2021-10-airspace\"]').click(); return true;");
        chromium.awaitTrue(
                "the VOA story's details",
                Duration.ofSeconds(10),
                "var h = document.querySelector('#details .carried');"
                        + " return !!h && h.textContent === 'Carried by 2 copies · 1 outlet';");
        chromium.screenshot(Path.of("target", "web-page-details.png"));
        System.out.println(
                "WebPageIT screenshot (story details open): "
                        + Path.of("target", "web-page-details.png").toAbsolutePath());
        assertThat(Files.size(Path.of("target", "web-page.png"))).isGreaterThan(10_000);
    }

    // --- fixtures ---

    private <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(
            Class<T> type) {
        KafkaProducer<String, T> p =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        serdes.serde(type, false).serializer());
        toClose.add(p);
        return p;
    }

    private ConsumerApp startConsumer(String run) {
        Map<String, String> settings = new HashMap<>();
        settings.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        settings.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        settings.put(ViewAppConfig.GROUP_ID.name(), run + "view");
        settings.put(ViewAppConfig.DATA_DIR.name(), dir.resolve("view").toString());
        settings.put(ViewAppConfig.HTTP_HOST.name(), "127.0.0.1");
        settings.put(ViewAppConfig.HTTP_PORT.name(), "0");
        settings.put(TopicNames.ENRICHED_PREFIX.name(), prefix);
        settings.put(TopicNames.UNCLASSIFIED.name(), prefix + NewsTopicCatalog.UNCLASSIFIED);
        settings.put(TopicNames.DUPLICATES.name(), run + KafkaTopics.DUPLICATES);
        settings.put(TopicNames.DEAD_LETTERS.name(), run + KafkaTopics.DEAD_LETTERS);
        settings.put(ViewAppConfig.POLL_TIMEOUT.name(), "100ms");
        ConsumerApp app = ConsumerApp.start(ViewAppConfig.load(null, settings, Map.of()));
        toClose.add(app);
        return app;
    }

    private static JsonNode get(ConsumerApp app, String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + app.httpPort()
                                                                + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The seed as an enriched article: its real text, with scores and entities as expected. */
    private static EnrichedArticle enriched(Seed s) throws Exception {
        Path seeds = SharedData.seeds();
        String text = Files.readString(seeds.resolve(s.file()));
        List<Entity> entities = new ArrayList<>();
        for (String e : s.entities()) {
            String[] p = e.split(":");
            entities.add(
                    Entity.newBuilder()
                            .setName(p[0])
                            .setType(EntityType.valueOf(p[1]))
                            .setCount(2)
                            .setFirstPosition(Math.max(0, text.indexOf(p[0])))
                            .setAliases(List.of())
                            .build());
        }
        Instant fetched = Instant.parse("2024-01-01T00:00:00Z");
        String phrase = STRIKES.equals(s.newsTopic()) ? "drone strike" : "airspace";
        return EnrichedArticle.newBuilder()
                .setId(s.id())
                .setArticle(
                        RawArticle.newBuilder()
                                .setId(s.id())
                                .setFeedId("seeds")
                                .setSourceType("article-file")
                                .setOutlet(s.outlet())
                                .setUrl("https://example.org/" + s.id())
                                .setTitle(s.title())
                                .setSubtitle(null)
                                .setByline(null)
                                .setDateline(null)
                                .setPublishedAt(s.published())
                                .setFetchedAt(fetched)
                                .setBody(text)
                                .setCaptions(List.of())
                                .setComments(List.of())
                                .setLanguage("en")
                                .build())
                .setPrimaryNewsTopic(s.newsTopic())
                .setNewsTopics(
                        List.of(
                                NewsTopicScore.newBuilder()
                                        .setNewsTopic(s.newsTopic())
                                        .setScore(8.0)
                                        .setMatched(true)
                                        .setProbability(0.91)
                                        .setThreshold(6.0)
                                        .setEvidence(
                                                List.of(
                                                        Evidence.newBuilder()
                                                                .setPhrase(phrase)
                                                                .setField("body")
                                                                .setPosition(
                                                                        Math.max(
                                                                                0,
                                                                                text.indexOf(
                                                                                        phrase)))
                                                                .setCount(2)
                                                                .setWeight(3.0)
                                                                .build()))
                                        .build()))
                .setEntities(entities)
                .setAttributions(
                        List.of(
                                Attribution.newBuilder()
                                        .setSource(s.outlet())
                                        .setCue("told " + s.outlet())
                                        .setPosition(0)
                                        .setQuote(null)
                                        .build()))
                .setLanguage("en")
                .setWordCount(text.split("\\s+").length)
                .setContentHash("seed-" + s.id())
                .setProcessedAt(fetched.plusSeconds(5))
                .build();
    }
}
