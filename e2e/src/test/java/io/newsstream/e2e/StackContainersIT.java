package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.HostEnvironment.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The same flow as {@link StackProcessesIT} on the stack's own infrastructure images, for machines
 * with Docker: the broker, PostgreSQL and the schema registry are containers of exactly the images
 * and environments {@code docker-compose.yml} names; the applications run as processes configured
 * from their compose services. Also proves the registry keeps its schema ids across a restart (it
 * stores them in PostgreSQL), so records already in Kafka stay readable. Skipped where there is no
 * Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class StackContainersIT {

    private static final ComposeFile COMPOSE = ComposeFile.ofRepository();
    private static Network network;
    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> registry;

    @TempDir Path work;

    @BeforeAll
    static void startInfrastructure() {
        network = Network.newNetwork();
        kafka = new KafkaContainer(DockerImageName.parse(image("kafka"))).withNetwork(network);
        Map<String, String> pg = COMPOSE.environment("postgres");
        postgres =
                new PostgreSQLContainer(DockerImageName.parse(image("postgres")))
                        .withNetwork(network)
                        .withNetworkAliases("postgres")
                        .withDatabaseName(pg.get("POSTGRES_DB"))
                        .withUsername(pg.get("POSTGRES_USER"))
                        .withPassword(pg.get("POSTGRES_PASSWORD"))
                        .withCopyFileToContainer(
                                MountableFile.forHostPath(
                                        ComposeFile.repoDir().resolve("docker/postgres/init")),
                                "/docker-entrypoint-initdb.d/");
        kafka.start();
        postgres.start();
        registry = newRegistry();
        registry.start();
    }

    private static GenericContainer<?> newRegistry() {
        return new GenericContainer<>(DockerImageName.parse(image("schema-registry")))
                .withNetwork(network)
                .withEnv(COMPOSE.environment("schema-registry"))
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/health/ready").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopInfrastructure() {
        for (AutoCloseable c : List.<AutoCloseable>of(registry, postgres, kafka, network)) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static String image(String service) {
        return COMPOSE.image(service).orElseThrow();
    }

    private static String registryUrl() {
        return "http://"
                + registry.getHost()
                + ":"
                + registry.getMappedPort(8080)
                + "/apis/ccompat/v7";
    }

    @Test
    @Timeout(300)
    void seedsReachTheViewAndSchemaIdsSurviveARegistryRestart() throws Exception {
        Infrastructure infra =
                new Infrastructure(
                        kafka.getBootstrapServers(),
                        registryUrl(),
                        "jdbc:postgresql://"
                                + postgres.getHost()
                                + ":"
                                + postgres.getMappedPort(5432)
                                + "/"
                                + postgres.getDatabaseName(),
                        postgres.getUsername(),
                        postgres.getPassword());
        try (StackScenario stack = new StackScenario(infra, work)) {
            stack.createKafkaTopics();
            int httpPort = StackScenario.freePort();
            AppProcess consumer = stack.start(App.CONSUMER, "consumer", httpPort);
            AppProcess processor = stack.start(App.STREAMS_PROCESSOR, "streams-processor-1", 0);
            StackScenario.awaitHealthy(httpPort, consumer);
            StackScenario.awaitLog(processor, "-> RUNNING", Duration.ofSeconds(90));
            stack.runProducer("producer-seeds", null);
            Awaitility.await("the seeds in the view")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> StackScenario.assertSeedsInTheirNewsTopics(httpPort));

            int schemaId =
                    firstSchemaId(
                            infra.bootstrapServers(),
                            stack.processorConfig().enrichedAllKafkaTopic());
            registry.stop();
            registry = newRegistry();
            registry.start();
            HttpResponse<String> schema =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            registryUrl()
                                                                    + "/schemas/ids/"
                                                                    + schemaId))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(schema.statusCode()).as(schema.body()).isEqualTo(200);
            assertThat(schema.body()).contains("EnrichedArticle");
        }
    }

    /** The schema id of the first record of a topic: bytes 1-4 of the Confluent framing. */
    private static int firstSchemaId(String bootstrap, String kafkaTopic) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(kafkaTopic).stream()
                            .map(p -> new TopicPartition(kafkaTopic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.value()[0]).as("magic byte").isZero();
                    return ByteBuffer.wrap(r.value(), 1, 4).getInt();
                }
            }
        }
        throw new AssertionError("No record on " + kafkaTopic);
    }
}
