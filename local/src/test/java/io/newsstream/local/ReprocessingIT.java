package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.config.TopicNames;
import io.newsstream.consumer.ConsumerApp;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.consumer.view.ArticleRow;
import io.newsstream.consumer.view.DuplicateRow;
import io.newsstream.consumer.view.ViewStore;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.processor.StreamsProcessorApp;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.processor.reprocess.Reprocessing;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-processing after a news topic is added, on a real broker and registry: articles published
 * while the catalogue lacked the news topic {@value #PORTS} (defined by scope notes, rules and
 * examples, and trained with {@code topics train}) end up under it in the view exactly once after
 * {@code --reprocess}, leave {@code unclassified}, keep their other news topic, and their
 * near-duplicate is linked under the new news topic only. Also: re-processing is refused while the
 * processor runs.
 */
class ReprocessingIT {

    private static final String BUDGET = "budget";
    private static final String PORTS = "ports";
    private static final String UNCLASSIFIED = "unclassified";

    private static final String BUDGET_TOPIC =
            """
              - id: budget
                name: Budget
                description: government budgets
                threshold: 1.0
                terms:
                  - {phrase: "budget", weight: 2.0}
            """;

    /** Defined as a user would: scope notes, rules, and examples to train it on. */
    private static final String PORTS_TOPIC =
            """
              - id: ports
                name: Ports
                description: sea ports and dock workers
                scope:
                  in: Sea ports, harbours and the dock workers who run them; strikes, pay talks, new quays.
                  out: Airports and air travel; river floods.
                examples:
                  positive: [ports/yes]
                  negative: [ports/no]
                groups:
                  harbour: ["harbour", "harbor", "port", "dock", "quay", "sea wall"]
                  work: ["worker", "strike", "walked out", "union", "pay", "ship", "container", "dredging",
                         "wall", "crane"]
                  air: ["airport", "flight", "runway"]
                together:
                  - [harbour, work]
                against:
                  - [harbour, air]
                require:
                  - all: [harbour]
            """;

    private static final String[][] PORT_EXAMPLES = {
        {
            "Dockers strike at the container port",
            "Dock workers at the container port stopped work over pay.\nShips queued offshore.\nThe union said talks would resume."
        },
        {
            "New quay opens at the harbour",
            "A new quay opened at the harbour on Friday.\nIt doubles the number of ships the port can unload.\nCranes arrived from abroad."
        },
        {
            "Port pay talks break down",
            "Talks between the port authority and dock workers broke down.\nThe union threatened a strike.\nExporters warned of delays."
        },
        {
            "Harbour dredging to start",
            "Dredging of the harbour entrance starts next month.\nLarger container ships will reach the port.\nFishermen fear for their catch."
        },
        {
            "Crane collapse at the docks",
            "A crane collapsed at the docks, injuring two workers.\nThe port closed one berth.\nInspectors are investigating."
        },
        {
            "Port traffic rises",
            "Container traffic at the port rose by a tenth this year.\nThe harbour master credited the new quay.\nShips now wait less."
        },
    };

    private static final String[][] OTHER_EXAMPLES = {
        {
            "Airport strike grounds flights",
            "Ground staff at the airport walked out.\nHundreds of flights were cancelled.\nThe runway stayed empty."
        },
        {
            "River floods the town",
            "The river burst its banks overnight.\nResidents were evacuated.\nThe army brought boats."
        },
        {
            "Budget for schools",
            "The budget raises spending on schools.\nTeachers welcomed it.\nUnions want more."
        },
    };

    /** Writes the examples and trains the new news topic with the user's command. */
    private void trainPorts(Path definitions) throws Exception {
        for (var set : Map.of("ports/yes", PORT_EXAMPLES, "ports/no", OTHER_EXAMPLES).entrySet()) {
            Path folder = Files.createDirectories(dir.resolve(set.getKey()));
            for (int i = 0; i < set.getValue().length; i++) {
                Files.writeString(
                        folder.resolve(i + ".txt"),
                        set.getValue()[i][0] + "\n\n" + set.getValue()[i][1] + "\n");
            }
        }
        int exit =
                new picocli.CommandLine(new io.newsstream.processor.training.TopicsCommand())
                        .execute(
                                "train",
                                "--topics",
                                definitions.toString(),
                                "--no-defaults",
                                "--only",
                                PORTS);
        assertThat(exit).isZero();
        assertThat(dir.resolve("after.model.json")).exists();
    }

    @TempDir Path dir;

    @Test
    void oldArticlesMoveToANewNewsTopicExactlyOnceAfterReprocessing() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        String run = RealInfrastructure.uniqueName("reprocess") + ".";
        String raw = run + KafkaTopics.RAW_ARTICLES;
        String prefix = run + KafkaTopics.ENRICHED_PREFIX;
        List<String> topics = ProcessorRuns.kafkaTopics(run, List.of(BUDGET, PORTS, UNCLASSIFIED));
        infra.createTopics(topics, 2);
        Path before = Files.writeString(dir.resolve("before.yaml"), "newsTopics:\n" + BUDGET_TOPIC);
        Path after =
                Files.writeString(
                        dir.resolve("after.yaml"), "newsTopics:\n" + BUDGET_TOPIC + PORTS_TOPIC);

        String dockBody =
                "Dock workers at the harbour walked out on Monday over pay, leaving container"
                        + " ships waiting offshore while union leaders and the port authority met"
                        + " for talks that went on late into the night without an agreement.";
        Map<String, RawArticle> articles = new HashMap<>();
        articles.put("dock", raw("dock", "Harbour strike halts shipping", dockBody));
        articles.put(
                "dock-copy",
                raw("dock-copy", "Harbour strike halts shipping again", dockBody + " AFP"));
        articles.put(
                "dock-budget",
                raw(
                        "dock-budget",
                        "City budget pays for a new harbour wall",
                        "The council approved a budget that pays for a new sea wall at the"
                                + " harbour and for dredging the entrance channel next year."));
        articles.put(
                "budget",
                raw(
                        "budget",
                        "Parliament passes the budget",
                        "The budget raises spending on schools and hospitals."));
        articles.put(
                "weather",
                raw("weather", "Rain expected", "Heavy rain is expected across the north."));

        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl())) {
            publish(infra, serdes, raw, articles);

            ConsumerApp consumer = ConsumerApp.start(consumerConfig(infra, run, before));
            try (StreamsProcessorApp.Running processor =
                    StreamsProcessorApp.start(
                            processorConfig(infra, run, before, false),
                            serdes,
                            Duration.ofSeconds(60))) {
                ViewStore view = consumer.store();
                awaitView(
                        view,
                        Map.of(
                                BUDGET, List.of("budget", "dock-budget"),
                                UNCLASSIFIED, List.of("dock", "weather")));
                // the links come on their own Kafka topic: they may lag the articles
                awaitLinks(view, UNCLASSIFIED, "dock", List.of("dock-copy"));

                try (Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        infra.bootstrapServers()))) {
                    assertThatThrownBy(
                                    () ->
                                            Reprocessing.reset(
                                                    admin,
                                                    processorConfig(infra, run, after, true)))
                            .isInstanceOf(Reprocessing.ProcessorStillRunningException.class)
                            .hasMessageContaining("docker compose stop streams-processor");
                }
            }
            consumer.close();

            // The operator adds the news topic to both applications' catalogue, trains it from its
            // examples (the model goes beside the definitions), and re-processes.
            trainPorts(after);
            consumer = ConsumerApp.start(consumerConfig(infra, run, after));
            try (StreamsProcessorApp.Running processor =
                    StreamsProcessorApp.start(
                            processorConfig(infra, run, after, true),
                            serdes,
                            Duration.ofSeconds(60))) {
                ViewStore view = consumer.store();
                awaitView(
                        view,
                        Map.of(
                                BUDGET, List.of("budget", "dock-budget"),
                                PORTS, List.of("dock", "dock-budget"),
                                UNCLASSIFIED, List.of("weather")));
                awaitLinks(view, PORTS, "dock", List.of("dock-copy"));
                awaitLinks(view, UNCLASSIFIED, "dock", List.of());
                assertThat(view.article(PORTS, "dock").orElseThrow().primaryNewsTopic())
                        .isEqualTo(PORTS);
                // What the progress log reports: every retained raw record re-processed.
                try (Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        infra.bootstrapServers()))) {
                    Map<TopicPartition, Long> start = new HashMap<>();
                    Map<TopicPartition, Long> end = new HashMap<>();
                    start.put(new TopicPartition(raw, 0), 0L);
                    start.put(new TopicPartition(raw, 1), 0L);
                    end.put(new TopicPartition(raw, 0), (long) articles.size());
                    end.put(new TopicPartition(raw, 1), 0L);
                    Reprocessing.Plan plan = new Reprocessing.Plan(run + "processor", start, end);
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(30))
                            .until(() -> Reprocessing.done(admin, plan) == plan.total());
                    assertThat(plan.total()).isEqualTo(articles.size());
                }

                // Nothing more arrives later (no flip-flop once the old records are behind).
                Thread.sleep(2000);
                assertThat(ids(view, PORTS)).containsExactlyInAnyOrder("dock", "dock-budget");
                assertThat(ids(view, UNCLASSIFIED)).containsExactly("weather");
            } finally {
                consumer.close();
            }
        }
    }

    private static RawArticle raw(String id, String title, String body) {
        return RawArticle.newBuilder()
                .setId(id)
                .setFeedId("file")
                .setSourceType("article-file")
                .setTitle(title)
                .setBody(body)
                .setFetchedAt(Instant.parse("2026-01-10T08:00:00Z"))
                .build();
    }

    private static void publish(
            RealInfrastructure infra,
            AvroSerdes serdes,
            String raw,
            Map<String, RawArticle> articles)
            throws Exception {
        try (KafkaProducer<String, RawArticle> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                        new StringSerializer(),
                        serdes.serde(RawArticle.class, false).serializer())) {
            // The original first, so that its copy is the duplicate.
            for (String id : List.of("dock", "dock-budget", "budget", "weather", "dock-copy")) {
                // one partition: the order above is the processing order
                producer.send(new ProducerRecord<>(raw, 0, id, articles.get(id))).get();
            }
        }
    }

    private static ProcessorConfig processorConfig(
            RealInfrastructure infra, String run, Path newsTopics, boolean reprocess) {
        Map<String, String> s = ProcessorRuns.settings(infra, run);
        s.put(SharedSettings.NEWS_TOPICS_FILE.name(), newsTopics.toString());
        s.put(ProcessorConfig.REPROCESS.name(), String.valueOf(reprocess));
        return ProcessorConfig.load(null, s, Map.of());
    }

    private ViewAppConfig consumerConfig(RealInfrastructure infra, String run, Path newsTopics) {
        Map<String, String> s = new HashMap<>();
        s.put(SharedSettings.BOOTSTRAP_SERVERS.name(), infra.bootstrapServers());
        s.put(SharedSettings.REGISTRY_URL.name(), infra.schemaRegistryUrl());
        s.put(ViewAppConfig.GROUP_ID.name(), run + "view");
        s.put(ViewAppConfig.DATA_DIR.name(), dir.resolve("view").toString());
        s.put(ViewAppConfig.HTTP_HOST.name(), "127.0.0.1");
        s.put(ViewAppConfig.HTTP_PORT.name(), "0");
        s.put(SharedSettings.NEWS_TOPICS_FILE.name(), newsTopics.toString());
        s.put(TopicNames.ENRICHED_PREFIX.name(), run + KafkaTopics.ENRICHED_PREFIX);
        s.put(TopicNames.UNCLASSIFIED.name(), run + KafkaTopics.ENRICHED_PREFIX + UNCLASSIFIED);
        s.put(TopicNames.DUPLICATES.name(), run + KafkaTopics.DUPLICATES);
        s.put(TopicNames.DEAD_LETTERS.name(), run + KafkaTopics.DEAD_LETTERS);
        s.put(ViewAppConfig.SESSION_TIMEOUT.name(), "6s");
        return ViewAppConfig.load(null, s, Map.of());
    }

    private static List<String> ids(ViewStore view, String newsTopic) {
        return view.articles(newsTopic, 100, 0).stream().map(ArticleRow::id).toList();
    }

    private static List<String> links(ViewStore view, String newsTopic, String originalId) {
        return view
                .duplicatesOf(newsTopic, List.of(originalId))
                .getOrDefault(originalId, List.of())
                .stream()
                .map(DuplicateRow::duplicateId)
                .toList();
    }

    /** Waits until every listed news topic holds exactly these articles, each once. */
    private static void awaitLinks(
            ViewStore view, String newsTopic, String original, List<String> expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(
                        () ->
                                assertThat(links(view, newsTopic, original))
                                        .as("links of %s in %s", original, newsTopic)
                                        .containsExactlyElementsOf(expected));
    }

    private static void awaitView(ViewStore view, Map<String, List<String>> expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(
                        () -> {
                            for (Map.Entry<String, List<String>> e : expected.entrySet()) {
                                assertThat(ids(view, e.getKey()))
                                        .as(e.getKey())
                                        .containsExactlyInAnyOrderElementsOf(e.getValue());
                                assertThat(view.countArticles(e.getKey()))
                                        .as(e.getKey())
                                        .isEqualTo(e.getValue().size());
                            }
                        });
    }
}
