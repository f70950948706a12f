package io.newsstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.config.ClientConfig;
import io.newsstream.common.config.SharedSettings;
import io.newsstream.producer.config.ProducerAppConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --config}, {@code --set}, {@code --bootstrap} and {@code --registry} of {@code tail},
 * {@code publish} and {@code poll}, without a broker: what each resolves to and what reaches the
 * clients.
 */
class StackOptionsTest {

    @TempDir Path dir;

    private static TailCommand tail(String... args) {
        TailCommand tail = new TailCommand();
        new CommandLine(tail).parseArgs(args);
        return tail;
    }

    private static ClientConfig clients(TailCommand tail, Map<String, String> env) {
        return ClientConfig.from(tail.stack.source(TailCommand.SETTINGS, Map.of(), env));
    }

    @Test
    void theDefaultsAreTheStablePortsOfTheLocalRunAndTheDockerStack() {
        assertThat(StackOptions.DEFAULT_BOOTSTRAP)
                .isEqualTo(SharedSettings.BOOTSTRAP_SERVERS.defaultValue());
        assertThat(StackOptions.DEFAULT_REGISTRY)
                .isEqualTo(SharedSettings.REGISTRY_URL.defaultValue());
        ClientConfig c = clients(tail("t"), Map.of());
        assertThat(c.bootstrapServers()).isEqualTo(StackOptions.DEFAULT_BOOTSTRAP);
        assertThat(c.registryUrl()).isEqualTo(StackOptions.DEFAULT_REGISTRY);
        assertThat(c.kafka()).isEmpty();
    }

    @Test
    void tailTakesConfigSetAndThePassThroughToItsClients() throws Exception {
        // one file for the whole pipeline: other applications' settings are accepted too
        Path config =
                Files.writeString(
                        dir.resolve("sasl.properties"),
                        "kafka.bootstrap.servers=broker:9093\n"
                                + "kafka.security.protocol=SASL_SSL\n"
                                + "kafka.sasl.mechanism=PLAIN\n"
                                + "producer.outlet=Desk\n"
                                + "registry.url=https://registry:8443/apis/ccompat/v7\n");
        TailCommand tail =
                tail(
                        "--config",
                        config.toString(),
                        "--set",
                        "kafka.sasl.mechanism=SCRAM-SHA-512",
                        "--set",
                        "registry.basic.auth.user.info=u:p",
                        "news.articles.enriched");

        ClientConfig c = clients(tail, Map.of());
        assertThat(c.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(c.registryUrl()).isEqualTo("https://registry:8443/apis/ccompat/v7");
        assertThat(c.registry()).containsEntry("basic.auth.user.info", "u:p");
        Properties p = TailCommand.consumerProperties(c);
        assertThat(p)
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("client.id", "newsstream-tail");
    }

    @Test
    void theEnvironmentWinsOverSetAndTheFlagsWinOverEverything() {
        Map<String, String> env =
                Map.of(
                        "NEWSSTREAM_KAFKA_BOOTSTRAP_SERVERS", "env:1",
                        "NEWSSTREAM_REGISTRY_URL", "http://env/api",
                        "NEWSSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL");
        ClientConfig fromEnv =
                clients(
                        tail(
                                "--set",
                                "kafka.bootstrap.servers=set:1",
                                "--set",
                                "kafka.security.protocol=PLAINTEXT",
                                "t"),
                        env);
        assertThat(fromEnv.bootstrapServers()).isEqualTo("env:1");
        assertThat(fromEnv.registryUrl()).isEqualTo("http://env/api");
        assertThat(fromEnv.kafka()).containsEntry("security.protocol", "SSL");

        ClientConfig fromFlags =
                clients(
                        tail(
                                "--set",
                                "kafka.bootstrap.servers=set:1",
                                "--bootstrap",
                                "flag:1",
                                "--registry",
                                "http://flag/api",
                                "t"),
                        Map.of("NEWSSTREAM_SCHEMA_REGISTRY_URL", "http://former/api"));
        assertThat(fromFlags.bootstrapServers()).isEqualTo("flag:1");
        assertThat(fromFlags.registryUrl()).isEqualTo("http://flag/api");
    }

    @Test
    void publishAndPollResolveTheProducerSettingsAndPassThrough() {
        ProducerCommands.Publish publish = new ProducerCommands.Publish();
        new CommandLine(publish)
                .parseArgs(
                        "--set",
                        "producer.outlet=Desk",
                        "--set",
                        "kafka.security.protocol=SASL_SSL",
                        "--set",
                        "registry.bearer.auth.token=T",
                        "--bootstrap",
                        "flag:1",
                        "a.xml");
        ProducerAppConfig c = publish.common.config(Map.of(), Map.of());
        assertThat(c.outlet()).isEqualTo("Desk");
        assertThat(c.bootstrapServers()).isEqualTo("flag:1");
        assertThat(c.clients().kafka()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.clients().registry()).containsEntry("bearer.auth.token", "T");
        assertThat(c.clients().kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");

        ProducerCommands.Poll poll = new ProducerCommands.Poll();
        new CommandLine(poll)
                .parseArgs("--feeds", "feeds.txt", "--set", "kafka.linger.ms=5", "--once");
        assertThat(poll.common.config(Map.of(), Map.of()).clients().kafka())
                .containsEntry("linger.ms", "5");
    }

    @Test
    void anUnknownSettingIsOneLineAndExitStatusTwoBeforeConnecting() {
        for (String command : new String[] {"tail", "publish", "poll"}) {
            StringWriter err = new StringWriter();
            String[] args =
                    switch (command) {
                        case "tail" -> new String[] {"tail", "--set", "kafka-bootstrap=x", "t"};
                        case "publish" ->
                                new String[] {"publish", "--set", "producer.outlt=x", "a.xml"};
                        default -> new String[] {"poll", "--feeds", "f", "--set", "no.such=1"};
                    };
            int exit = new CommandLine(new Newsstream()).setErr(new PrintWriter(err)).execute(args);

            assertThat(exit).as(command).isEqualTo(LocalRun.EXIT_USAGE);
            assertThat(err.toString().strip())
                    .as(command)
                    .startsWith("Configuration error: Unknown setting '")
                    .doesNotContain("\n");
        }
    }

    @Test
    void anInvalidValueIsOneLineToo() {
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new Newsstream())
                        .setErr(new PrintWriter(err))
                        .execute("tail", "--set", "registry.url=ftp://x", "t");

        assertThat(exit).isEqualTo(LocalRun.EXIT_USAGE);
        assertThat(err.toString().strip())
                .startsWith("Configuration error: ")
                .contains("registry.url")
                .doesNotContain("\n");
    }
}
