package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.processor.StreamsProcessorApp;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.schemas.KafkaTopics;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's own client in another language reads the enriched topics: {@code
 * clients/python/read_enriched.py} (confluent-kafka and the Apache avro library, nothing of the
 * project) against a real broker, registry and stream processor, reading committed transactions,
 * fetching the schema by the id in the Confluent frame. Needs Python 3 with {@code confluent_kafka}
 * and {@code avro} (Debian: python3-confluent-kafka python3-avro, which {@code .ci/run} installs);
 * skips with the reason without them.
 */
class PythonClientIT {

    private static final Logger log = LoggerFactory.getLogger(PythonClientIT.class);
    private static final Path REPO = Path.of(System.getProperty("newsstream.repo.dir", ".."));
    private static final Path SCRIPT = REPO.resolve("clients/python/read_enriched.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPythonClientReadsTheArticlesOfANewsTopicWithTheirProbabilities() throws Exception {
        Optional<String> python = python();
        Assumptions.assumeTrue(
                python.isPresent(),
                "skipped: no Python 3 with confluent_kafka and avro"
                        + " (apt-get install python3-confluent-kafka python3-avro)");
        RealInfrastructure infra = RealInfrastructure.get();
        String run = RealInfrastructure.uniqueName("python") + ".";
        String jointStrikes = run + KafkaTopics.enrichedFor("joint-strikes");
        List<String> topics =
                ProcessorRuns.kafkaTopics(
                        run,
                        List.of(
                                "airspace-deal",
                                "intel-chief-visit",
                                "joint-strikes",
                                "unclassified"));
        infra.createTopics(topics, 1);

        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
                StreamsProcessorApp.Running processor =
                        StreamsProcessorApp.start(
                                ProcessorConfig.load(
                                        null, ProcessorRuns.settings(infra, run), Map.of()),
                                serdes,
                                Duration.ofSeconds(60))) {
            publish(infra, serdes, run + KafkaTopics.RAW_ARTICLES);

            List<String> lines = new ArrayList<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> {
                                lines.clear();
                                lines.addAll(read(python.get(), infra, jointStrikes));
                                return !lines.isEmpty();
                            });

            assertThat(lines).hasSize(1);
            JsonNode article = JSON.readTree(lines.get(0));
            assertThat(article.get("id").asText()).isEqualTo("py-1");
            assertThat(article.get("title").asText())
                    .isEqualTo("US drone kills five militants in North Waziristan");
            assertThat(article.get("primaryNewsTopic").asText()).isEqualTo("joint-strikes");
            assertThat(article.get("probabilities").get("joint-strikes").asDouble())
                    .isGreaterThan(0.5);
            assertThat(article.get("entities").toString()).contains("North Waziristan");
        }
    }

    /** What the script prints reading the Kafka topic from the start, one JSON line each. */
    private static List<String> read(String python, RealInfrastructure infra, String topic)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                python,
                                SCRIPT.toString(),
                                "--bootstrap",
                                infra.bootstrapServers(),
                                "--registry",
                                infra.schemaRegistryUrl(),
                                "--topic",
                                topic,
                                "--group",
                                RealInfrastructure.uniqueName("reader"),
                                "--idle-exit",
                                "8")
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(SCRIPT + " did not stop within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** A Python 3 that has the client's two libraries: the one on the PATH, else Debian's. */
    private static Optional<String> python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p =
                        new ProcessBuilder(candidate, "-c", "import confluent_kafka, avro")
                                .redirectErrorStream(true)
                                .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                log.debug("{}: {}", candidate, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        log.warn("No Python 3 with confluent_kafka and avro: the Python client test is skipped");
        return Optional.empty();
    }

    private static void publish(RealInfrastructure infra, AvroSerdes serdes, String raw)
            throws Exception {
        RawArticle article =
                RawArticle.newBuilder()
                        .setId("py-1")
                        .setFeedId("file")
                        .setSourceType("article-file")
                        .setTitle("US drone kills five militants in North Waziristan")
                        .setBody(
                                "A US drone strike killed five militants in North Waziristan on"
                                        + " Sunday, Pakistani officials said. The missiles hit a"
                                        + " compound near Miranshah.\n\nPakistan's Foreign Office"
                                        + " protested the strike as a violation of its"
                                        + " sovereignty.\n\nResidents said the drones had"
                                        + " circled the area for hours before the strike.")
                        .setFetchedAt(Instant.parse("2026-12-06T08:00:00Z"))
                        .build();
        try (KafkaProducer<String, RawArticle> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                        new StringSerializer(),
                        serdes.serde(RawArticle.class, false).serializer())) {
            producer.send(new ProducerRecord<>(raw, article.getId(), article)).get();
        }
    }
}
