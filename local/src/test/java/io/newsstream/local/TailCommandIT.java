package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.infra.testing.RealInfrastructure;
import io.newsstream.schemas.event.RawArticle;
import io.newsstream.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./newsstream tail} against a real broker and schema registry (the shared fixture): the
 * records a producer wrote with the project's serde come out as JSON lines with key, topic,
 * partition, offset and the decoded value; a value that is not framed Avro says so.
 */
class TailCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsEachRecordAsAJsonLineWithItsCoordinatesAndDecodedValue() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        String topic = RealInfrastructure.uniqueName("tail");
        infra.createTopics(List.of(topic), 1);
        RawArticle article =
                RawArticle.newBuilder()
                        .setId("a-1")
                        .setFeedId("file")
                        .setSourceType("article-file")
                        .setTitle("Airspace talks resume")
                        .setBody("Body \"quoted\" text.")
                        .setFetchedAt(Instant.parse("2026-12-05T10:00:00Z"))
                        .build();
        try (AvroSerdes serdes = AvroSerdes.forUrl(infra.schemaRegistryUrl());
                KafkaProducer<String, byte[]> producer = producer(infra.bootstrapServers())) {
            byte[] value =
                    serdes.serde(RawArticle.class, false).serializer().serialize(topic, article);
            producer.send(new ProducerRecord<>(topic, "a-1", value)).get();
            producer.send(new ProducerRecord<>(topic, "junk", new byte[] {1, 2, 3})).get();
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new Newsstream())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(
                                "tail",
                                topic,
                                "--from-beginning",
                                "--max",
                                "2",
                                "--bootstrap",
                                infra.bootstrapServers(),
                                "--registry",
                                infra.schemaRegistryUrl());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("topic").asText()).isEqualTo(topic);
        assertThat(first.get("partition").asInt()).isZero();
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("key").asText()).isEqualTo("a-1");
        assertThat(first.get("value").get("title").asText()).isEqualTo("Airspace talks resume");
        assertThat(first.get("value").get("body").asText()).isEqualTo("Body \"quoted\" text.");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("offset").asLong()).isEqualTo(1);
        assertThat(second.get("value").isNull()).isTrue();
        assertThat(second.get("error").asText()).contains("not Avro");
    }

    @Test
    void anUnknownKafkaTopicIsOneLineNamingTheExistingOnes() {
        RealInfrastructure infra = RealInfrastructure.get();
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new Newsstream())
                        .setErr(new PrintWriter(err))
                        .execute(
                                "tail",
                                "news.no-such-topic",
                                "--bootstrap",
                                infra.bootstrapServers(),
                                "--registry",
                                infra.schemaRegistryUrl());

        assertThat(exit).isEqualTo(LocalRun.EXIT_USAGE);
        assertThat(err.toString().strip())
                .startsWith("newsstream tail: Kafka topic 'news.no-such-topic' does not exist")
                .doesNotContain("\n");
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
