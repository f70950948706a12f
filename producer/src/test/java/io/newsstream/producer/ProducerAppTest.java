package io.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's answers that need no broker: usage and configuration errors. */
class ProducerAppTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return ProducerApp.execute(
                args, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutInputsSaysHowToGiveThem() {
        assertThat(execute()).isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("No inputs", "producer.inputs", "NEWSSTREAM_PRODUCER_INPUTS");
    }

    @Test
    void invalidSettingIsAUsageErrorNamingTheSetting() {
        assertThat(execute("--set", "topic.raw-articles=bad topic", "x.txt"))
                .isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("Configuration error", "topic.raw-articles");
    }

    @Test
    void missingInputIsAUsageErrorBeforeAnyConnection() {
        assertThat(execute("/no/such/article.txt")).isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("/no/such/article.txt", "does not exist");
    }

    @Test
    void unknownFeedTypeIsAUsageErrorNamingTheKnownOnes() {
        assertThat(execute("--set", "producer.feed-type=json", "pom.xml"))
                .isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("Unknown feed type 'json'", "rss", "article-file");
    }

    @Test
    void pollingWithoutAReadableFeedsFileIsAUsageError() {
        assertThat(execute("--feeds", "/no/such/feeds.conf")).isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("/no/such/feeds.conf");
        err.reset();
        assertThat(execute("--poll")).isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("producer.feeds-file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(execute("--bootstrap", "x")).isEqualTo(ProducerApp.EXIT_USAGE);
        assertThat(err()).contains("Unknown option", "--bootstrap", "Usage:");
    }

    @Test
    void versionIsPrinted() {
        assertThat(execute("--version")).isEqualTo(ProducerApp.EXIT_OK);
        assertThat(err()).contains("newsstream");
    }

    @Test
    void helpListsEverySetting() {
        assertThat(execute("--help")).isEqualTo(ProducerApp.EXIT_OK);
        assertThat(err())
                .contains(
                        "kafka.bootstrap.servers",
                        "registry.url",
                        "kafka.*",
                        "topic.raw-articles",
                        "topic.dead-letters",
                        "producer.feed-id",
                        "producer.outlet",
                        "producer.inputs",
                        "producer.file-pattern",
                        "producer.progress-every");
    }
}
