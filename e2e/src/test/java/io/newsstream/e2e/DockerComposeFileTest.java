package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.newsstream.common.config.Setting;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.common.newstopic.NewsTopicCatalog;
import io.newsstream.consumer.config.ViewAppConfig;
import io.newsstream.e2e.ComposeFile.App;
import io.newsstream.e2e.ComposeFile.KafkaTopicSpec;
import io.newsstream.processor.config.ProcessorConfig;
import io.newsstream.producer.config.ProducerAppConfig;
import io.newsstream.schemas.KafkaTopics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} and the {@code Dockerfile}, checked without a Docker engine: the
 * compose file against the Compose Specification's JSON schema (vendored), and its meaning against
 * the project: each application service sets only variables its application declares (and they load
 * into a valid configuration), every image is pinned, the topic-init service creates exactly the
 * project's Kafka topics, services start in dependency order on health.
 */
class DockerComposeFileTest {

    private static ComposeFile compose;
    private static JsonSchema composeSpec;
    private static List<String> newsTopicIds;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.ofRepository();
        try (InputStream in =
                DockerComposeFileTest.class.getResourceAsStream(
                        "/compose-spec/compose-spec.json")) {
            // The spec's schema declares draft 2019-09 but still marks sub-schemas with draft-04's
            // "id": an annotation here, not a validation keyword.
            JsonMetaSchema draft201909 = JsonMetaSchema.getV201909();
            JsonMetaSchema meta =
                    JsonMetaSchema.builder(draft201909.getIri(), draft201909)
                            .keyword(new NonValidationKeyword("id"))
                            .build();
            composeSpec =
                    JsonSchemaFactory.builder(
                                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
                            .metaSchema(meta)
                            .build()
                            .getSchema(in);
        }
        newsTopicIds = NewsTopicCatalog.loadDefault().ids();
    }

    @Test
    void composeFileConformsToTheComposeSpecification() {
        Set<ValidationMessage> errors = composeSpec.validate(compose.root());
        assertThat(errors).as("violations of the compose spec in %s", compose.file()).isEmpty();
    }

    @Test
    void schemaValidationRejectsAServiceKeyTheSpecDoesNotKnow() {
        ObjectNode broken = compose.root().deepCopy();
        ((ObjectNode) broken.path("services").path("consumer")).put("imagee", "typo:1");
        assertThat(composeSpec.validate(broken))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("imagee"));
    }

    @Test
    void theApplicationServicesAreExactlyTheThreeApplications() {
        List<String> built = new ArrayList<>();
        for (String s : compose.services()) {
            if (compose.service(s).has("build")) {
                built.add(s);
            }
        }
        assertThat(built)
                .containsExactlyInAnyOrder(
                        App.PRODUCER.service, App.STREAMS_PROCESSOR.service, App.CONSUMER.service);
    }

    @Test
    void appServicesSetOnlyVariablesTheirApplicationDeclares() {
        for (App app : App.values()) {
            Set<String> declared =
                    app.settings.stream().map(Setting::envVar).collect(Collectors.toSet());
            assertThat(compose.environment(app.service).keySet())
                    .as("environment of service %s (declared: %s)", app.service, declared)
                    .isNotEmpty()
                    .allMatch(declared::contains);
        }
    }

    @Test
    void appServicesEnvironmentLoadsIntoAValidConfiguration() {
        // The constructors validate every value and name the setting on failure.
        ProducerAppConfig.load(null, Map.of(), compose.environment(App.PRODUCER.service));
        ProcessorConfig.load(null, Map.of(), compose.environment(App.STREAMS_PROCESSOR.service));
        ViewAppConfig.load(null, Map.of(), compose.environment(App.CONSUMER.service));
    }

    @Test
    void appsTalkToTheBrokerAndRegistryThroughTheStacksInternalAddresses() {
        Map<String, String> kafka = compose.environment("kafka");
        for (App app : App.values()) {
            Map<String, String> env = compose.environment(app.service);
            String bootstrap = env.get(SharedSettings.BOOTSTRAP_SERVERS.envVar());
            assertThat(bootstrap).as("%s bootstrap servers", app.service).isNotBlank();
            assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS"))
                    .as("the broker advertises what %s connects to", app.service)
                    .contains("//" + bootstrap);
            assertThat(env.get(SharedSettings.REGISTRY_URL.envVar()))
                    .as("%s registry URL", app.service)
                    .startsWith("http://schema-registry:8080/");
        }
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("//localhost:9092");
        assertThat(compose.service("kafka").path("ports").toString()).contains("9092:9092");
        assertThat(compose.service("consumer").path("ports").toString()).contains("8080:8080");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        List<String> images = new ArrayList<>();
        for (String s : compose.services()) {
            images.add(compose.image(s).orElse(s + " (no image)"));
        }
        images.addAll(Dockerfile.ofRepository().externalImages());
        assertThat(images).isNotEmpty().allMatch(ComposeFile::isPinned);
    }

    @Test
    void pinnedMeansATagOtherThanLatestOrADigest() {
        assertThat(ComposeFile.isPinned("postgres")).isFalse();
        assertThat(ComposeFile.isPinned("postgres:latest")).isFalse();
        assertThat(ComposeFile.isPinned("localhost:5000/postgres")).isFalse();
        assertThat(ComposeFile.isPinned("apache/kafka:4.3.1")).isTrue();
        assertThat(ComposeFile.isPinned("postgres@sha256:0123abcd")).isTrue();
    }

    @Test
    void topicInitCreatesExactlyTheProjectsKafkaTopics() {
        List<String> created = compose.kafkaTopics().stream().map(KafkaTopicSpec::name).toList();
        assertThat(created)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(KafkaTopics.all(newsTopicIds));
        assertThat(compose.kafkaTopics())
                .allMatch(
                        t -> t.partitions() >= 1 && (t.retentionMs() == -1 || t.retentionMs() > 0));
    }

    @Test
    void everyKafkaTopicTheConfiguredAppsUseIsCreatedByTheInitService() {
        Set<String> created =
                compose.kafkaTopics().stream()
                        .map(KafkaTopicSpec::name)
                        .collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        ProducerAppConfig producer =
                ProducerAppConfig.load(null, Map.of(), compose.environment(App.PRODUCER.service));
        used.add(producer.rawArticlesKafkaTopic());
        used.add(producer.deadLettersKafkaTopic());
        ProcessorConfig processor =
                ProcessorConfig.load(
                        null, Map.of(), compose.environment(App.STREAMS_PROCESSOR.service));
        used.add(processor.rawArticlesKafkaTopic());
        used.add(processor.enrichedAllKafkaTopic());
        used.add(processor.unclassifiedKafkaTopic());
        used.add(processor.deadLettersKafkaTopic());
        newsTopicIds.forEach(id -> used.add(processor.enrichedKafkaTopicFor(id)));
        ViewAppConfig consumer =
                ViewAppConfig.load(null, Map.of(), compose.environment(App.CONSUMER.service));
        used.addAll(consumer.newsTopicByKafkaTopic(NewsTopicCatalog.loadDefault()).keySet());
        used.add(consumer.deadLettersKafkaTopic());
        assertThat(created).containsAll(used);
    }

    @Test
    void rawArticlesHaveAtLeastOnePartitionPerProcessorReplica() {
        int replicas = compose.replicas(App.STREAMS_PROCESSOR.service);
        assertThat(replicas).isEqualTo(2);
        assertThat(compose.kafkaTopics())
                .filteredOn(t -> t.name().equals(KafkaTopics.RAW_ARTICLES))
                .singleElement()
                .matches(t -> t.partitions() >= replicas, "partitions >= replicas");
    }

    @Test
    void servicesWaitForHealthyOrCompletedDependencies() {
        for (String s : compose.services()) {
            JsonNode deps = compose.service(s).path("depends_on");
            deps.fields()
                    .forEachRemaining(
                            d -> {
                                String condition = d.getValue().path("condition").asText();
                                assertThat(condition)
                                        .as("%s depends on %s", s, d.getKey())
                                        .isIn(
                                                "service_healthy",
                                                "service_completed_successfully",
                                                "service_started");
                                if (condition.equals("service_healthy")) {
                                    assertThat(compose.service(d.getKey()).has("healthcheck"))
                                            .as("%s waits for %s to be healthy", s, d.getKey())
                                            .isTrue();
                                }
                            });
        }
        for (App app : App.values()) {
            JsonNode deps = compose.service(app.service).path("depends_on");
            assertThat(deps.path(ComposeFile.TOPICS_INIT_SERVICE).path("condition").asText())
                    .isEqualTo("service_completed_successfully");
            assertThat(deps.path("schema-registry").path("condition").asText())
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void brokerRegistryAndDatabaseKeepTheirDataInVolumes() {
        Set<String> named = new HashSet<>();
        compose.root().path("volumes").fieldNames().forEachRemaining(named::add);
        assertThat(compose.volumes("kafka"))
                .containsEntry(compose.environment("kafka").get("KAFKA_LOG_DIRS"), "kafka-data");
        assertThat(compose.volumes("postgres")).containsValue("postgres-data");
        assertThat(named).contains("kafka-data", "postgres-data");
        assertThat(compose.environment("schema-registry").get("REGISTRY_DATASOURCE_URL"))
                .startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void eachAppServiceBuildsItsDockerfileTargetWithAHeapLimitAndItsLoggingConfig() {
        Dockerfile dockerfile = Dockerfile.ofRepository();
        for (App app : App.values()) {
            String target = compose.service(app.service).path("build").path("target").asText();
            assertThat(target).isEqualTo(app.module());
            String javaOpts = dockerfile.environment(target).get("JAVA_OPTS");
            assertThat(javaOpts)
                    .as("JAVA_OPTS of target %s", target)
                    .contains("-Xmx")
                    .contains("-Dlog4j2.configurationFile=" + app.logConfig);
            assertThat(DockerComposeFileTest.class.getResource("/" + app.logConfig))
                    .as("%s ships %s", app.module(), app.logConfig)
                    .isNotNull();
        }
    }

    @Test
    void postgresHealthcheckGoesThroughTcpNotTheUnixSocket() {
        // The image's first-run server listens on the socket only: a socket check passes too soon.
        String test = compose.service("postgres").path("healthcheck").path("test").toString();
        assertThat(test)
                .contains("pg_isready")
                .containsPattern("-h\\s+(127\\.0\\.0\\.1|localhost)");
    }

    @Test
    void noHealthcheckStartsAJvm() {
        for (String s : compose.services()) {
            String test = compose.service(s).path("healthcheck").path("test").toString();
            assertThat(test)
                    .as("healthcheck of %s runs every few seconds: no Kafka CLI tool, no java", s)
                    .doesNotContainPattern("kafka-[a-z-]+\\.sh|\\bjava\\b|/opt/kafka/bin");
        }
        assertThat(compose.service("kafka").path("healthcheck").path("test").toString())
                .contains("/dev/tcp/127.0.0.1/29092");
    }

    @Test
    void producerRestartPolicyDoesNotReRunInputsItRefused() {
        String restart = compose.service(App.PRODUCER.service).path("restart").asText("no");
        ProducerAppConfig config =
                ProducerAppConfig.load(null, Map.of(), compose.environment(App.PRODUCER.service));
        if (restart.startsWith("on-failure") || restart.equals("always")) {
            assertThat(config.deadLettersExitStatus())
                    .as(
                            "restart '%s' re-runs the producer on a non-zero status: refused inputs"
                                    + " must exit 0",
                            restart)
                    .isZero();
        }
        assertThat(restart).as("a one-shot publish").isNotEqualTo("always");
    }

    @Test
    void everyNamedVolumeOfAnAppMountsOnADirectoryTheImageGivesItsUser() {
        Dockerfile dockerfile = Dockerfile.ofRepository();
        Set<String> named = new HashSet<>();
        compose.root().path("volumes").fieldNames().forEachRemaining(named::add);
        for (App app : App.values()) {
            String target = compose.service(app.service).path("build").path("target").asText();
            String user = dockerfile.user(target);
            assertThat(user).as("user of %s", target).isNotEqualTo("root");
            Set<String> owned = dockerfile.directoriesOwnedBy(target, user);
            compose.volumes(app.service)
                    .forEach(
                            (path, source) -> {
                                if (named.contains(source)) {
                                    assertThat(owned)
                                            .as(
                                                    "volume %s of %s mounts %s: the image must"
                                                            + " create it owned by %s",
                                                    source, app.service, path, user)
                                            .contains(path);
                                }
                            });
        }
    }

    @Test
    void aVolumeOnADirectoryTheImageDoesNotCreateIsCaught() {
        Dockerfile before =
                Dockerfile.parse(
                        List.of(
                                "FROM debian:12 AS app",
                                "RUN mkdir -p /var/lib/app && chown app:app /var/lib/app",
                                "USER app"));
        assertThat(before.directoriesOwnedBy("app", "app"))
                .contains("/var/lib/app")
                .doesNotContain("/var/lib/app/view");
        Dockerfile after =
                Dockerfile.parse(
                        List.of(
                                "FROM debian:12 AS app",
                                "RUN mkdir -p /var/lib/app/view \\",
                                " && chown -R app:app /var/lib/app",
                                "USER app"));
        assertThat(after.user("app")).isEqualTo("app");
        assertThat(after.directoriesOwnedBy("app", "app")).contains("/var/lib/app/view");
    }
}
